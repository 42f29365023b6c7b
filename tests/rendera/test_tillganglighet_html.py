"""What the independent checkers look at in the HTML, kept true without them: scrolling tables
reachable by keyboard, no empty header cells, status symbols with a name, chart colours and
labels, the goal numbering."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kvalitet.berika.diagram import FARGER, TECKENBREDD, Serie, _etikett, stapeldiagram
from kvalitet.cli import kvalitet


def _kontrast(farg: str, mot: str = "#ffffff") -> float:
    def luminans(h: str) -> float:
        kanaler = [int(h.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanaler)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    ljus, mork = sorted((luminans(farg), luminans(mot)), reverse=True)
    return (ljus + 0.05) / (mork + 0.05)


def test_rullande_tabeller_nas_med_tangentbordet(byggt_exempel: Path) -> None:
    for fil in byggt_exempel.glob("*.html"):
        html = fil.read_text(encoding="utf-8")
        ramar = re.findall(r'<div class="tabell-ram"[^>]*>', html)
        assert ramar, fil.name
        for ram in ramar:
            assert 'tabindex="0"' in ram and 'role="region"' in ram, (fil.name, ram)
            assert re.search(r'aria-label="[^"]+"', ram), (fil.name, ram)
        assert not re.search(r"<th[^>]*>\s*</th>", html), f"{fil.name}: tom th"


def test_statussymboler_har_roll_och_namn(byggt_exempel: Path) -> None:
    html = (byggt_exempel / "sammanstallning.html").read_text(encoding="utf-8")
    symboler = re.findall(r'<span class="symbol"[^>]*aria-label[^>]*>', html)
    assert symboler
    assert all('role="img"' in s for s in symboler)


def test_diagramfarger_har_minst_3_till_1_mot_vitt() -> None:
    assert all(_kontrast(f) >= 3 for f in FARGER), [(f, round(_kontrast(f), 2)) for f in FARGER]


def test_etiketter_ryms_i_sin_stapel_och_malvardet_stryker_inte_over_dem() -> None:
    for text in ("84,9\u00a0%", "100,0\u00a0%", "7", "1\u00a0234"):
        for bredd in (12.0, 20.0, 34.0):
            kort, storlek = _etikett(text, bredd)
            assert storlek >= 7
            assert len(kort) * TECKENBREDD * storlek <= bredd - 2 or storlek == 7
    svg = str(
        stapeldiagram(
            "d", "T", ["2023/24", "2024/25", "2025/26"],
            [Serie("Alla", [84.9, 85.7, 86.0]), Serie("Flickor", [80.1, 81.2, 82.3]),
             Serie("Pojkar", [88.0, 89.1, 90.2])],
            "procent", 86,
        )
    )  # fmt: skip
    linje = svg.index('stroke-dasharray="5 3"')
    etiketter = [m.start() for m in re.finditer(r"<text [^>]*>\d+,\d", svg)]
    assert etiketter and min(etiketter) > linje, "etiketterna ritas efter målvärdeslinjen"
    assert svg.count('fill="#ffffff"/><text') >= 9, "varje etikett på vit botten"


def test_malnumrering(projekt: Path, runner: CliRunner) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert "Mål 1.1 " in html and "Mål 1:1" not in html
    huvudman = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    huvudman.write_text(
        huvudman.read_text(encoding="utf-8").replace(
            "  delvis_marginal: 10\n", "  delvis_marginal: 10\n  målnumrering: 1:1\n"
        ),
        encoding="utf-8",
    )
    svar = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert svar.exit_code == 0, svar.output
    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert "Mål 1:1 " in html and "Styrtal för mål 2:1" in html
