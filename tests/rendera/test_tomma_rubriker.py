"""An empty heading is not printed (nor listed in the table of contents), and kontrollera warns
of it at its line, so that --strikt stops it before publishing."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

FIL = Path("rapporter") / "2025-26" / "forskolan-lingonet.yaml"


def _andra(projekt: Path, fore: str, efter: str) -> None:
    fil = projekt / FIL
    text = fil.read_text(encoding="utf-8")
    assert text.count(fore) == 1, fore
    fil.write_text(text.replace(fore, efter), encoding="utf-8")


def _rad(projekt: Path, text: str) -> int:
    rader = (projekt / FIL).read_text(encoding="utf-8").splitlines()
    return next(i for i, r in enumerate(rader, start=1) if r.strip() == text)


def _html(projekt: Path, runner: CliRunner) -> str:
    svar = runner.invoke(kvalitet, ["bygg", "--enhet", "forskolan-lingonet", "--format", "html"])
    assert svar.exit_code == 0, svar.output
    return (projekt / "ut" / "forskolan-lingonet.html").read_text(encoding="utf-8")


def _rubriker(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<h[2-6][^>]*>(.*?)</h[2-6]>", html)
    ]


def test_tomt_objektiva_resultat_skrivs_inte_och_varnas(projekt: Path, runner: CliRunner) -> None:
    """The reproduction: '2.1 Objektiva resultat' printed with nothing under it."""
    _andra(projekt, "resultat:\n  subjektiva:\n", "resultat:\n  objektiva: {}\n  subjektiva:\n")
    html = _html(projekt, runner)
    assert "Objektiva resultat" not in html
    rubriker = _rubriker(html)
    assert "2.1 Subjektiva resultat" in rubriker and "2.2 Observerade resultat" in rubriker
    svar = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    assert svar.exit_code == 0, svar.output
    rad = _rad(projekt, "objektiva: {}")
    assert f"forskolan-lingonet.yaml:{rad}:" in svar.output
    assert "rubriken 'Objektiva resultat' har inget innehåll och skrivs inte ut" in svar.output
    strikt = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet", "--strikt"])
    assert strikt.exit_code == 1, strikt.output


def test_tomma_underavsnitt_och_rubrikblock(projekt: Path, runner: CliRunner) -> None:
    _andra(
        projekt,
        "kvalitetsarbete:\n",
        "kvalitetsarbete:\n  innehåll:\n    - rubrik: Tom rubrik i blocken\n"
        "    - rubrik: Yttre\n      avsnitt:\n        - rubrik: Inre utan text\n",
    )
    _andra(
        projekt,
        "  observerade:\n    avsnitt:\n",
        "  observerade:\n    avsnitt:\n      - rubrik: Tomt underavsnitt\n",
    )
    html = _html(projekt, runner)
    for rubrik in ("Tom rubrik i blocken", "Yttre", "Inre utan text", "Tomt underavsnitt"):
        assert rubrik not in html, rubrik
    assert "2.2.1 Språk och kommunikation" in _rubriker(html), "numren räknas utan det tomma"
    svar = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    varningar = [r for r in svar.output.splitlines() if "har inget innehåll" in r]
    assert len(varningar) == 3, varningar  # 'Inre utan text' is inside 'Yttre': one warning
    for text in (
        "- rubrik: Tom rubrik i blocken",
        "- rubrik: Yttre",
        "- rubrik: Tomt underavsnitt",
    ):
        assert any(f"forskolan-lingonet.yaml:{_rad(projekt, text)}:" in v for v in varningar), text


def test_ett_helt_tomt_huvudavsnitt_sager_att_det_inte_ar_ifyllt(
    projekt: Path, runner: CliRunner
) -> None:
    """A main section is always printed (the report's structure), and when empty it says so
    rather than leaving its heading alone."""
    _andra(projekt, "resultat:\n  subjektiva:\n", "resultat:\n  objektiva: {}\n  tidigare:\n")
    text = (projekt / FIL).read_text(encoding="utf-8")
    start = text.index("  tidigare:\n")
    slut = text.index("\nanalys:")
    (projekt / FIL).write_text(text[:start] + text[slut + 1 :], encoding="utf-8")
    html = _html(projekt, runner)
    del_ = html[html.index('id="avsnitt-2"') : html.index('id="avsnitt-3"')]
    assert "Avsnittet är inte ifyllt." in del_
