"""The spread between the units (nr 26.4): every mått counts its units and shows
Lägst/Median/Högst, a skala styrtal (values written as '7,1 av 10') too."""

from __future__ import annotations

import html as html_modul
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.modell import HuvudmansStyrtal
from kvalitet.sammanstallning.spridning import spridning

PERIOD = Path("rapporter") / "2025-26"
NBSP = "\u00a0"


def _spridningsrad(html: str, skolform: str, styrtal_id: str) -> list[str]:
    """The cells of one row of a skolform's spread table."""
    tabell = html.split(f"<caption>Spridning per styrtal, {skolform},")[1].split("</table>")[0]
    rad = re.search(
        rf'<th scope="row"><span class="nr">{re.escape(styrtal_id)}</span>.*?</tr>', tabell, re.S
    )
    assert rad, f"ingen spridningsrad för {styrtal_id}"
    celler = re.findall(r"<td>(.*?)</td>", rad.group(0))
    return [html_modul.unescape(c).replace(NBSP, " ") for c in celler]


def test_skalans_spridning_raknar_enheterna(projekt: Path, runner: CliRunner) -> None:
    """The issue's case: styrtal 1.1.3 (målvärde '6 på en 10-gradig skala') with 7,1–8,4 av 10
    from 4 förskolor said 'Enheter med värde 0' and '–' for Lägst/Median/Högst."""
    lingonet = (projekt / PERIOD / "forskolan-lingonet.yaml").read_text(encoding="utf-8")
    assert "utfall: 8,4 av 10" in lingonet
    for i, varde in enumerate(("7,1", "7,6", "8,0"), start=1):
        text = lingonet.replace("namn: Förskolan Lingonet", f"namn: Förskolan Nr {i}")
        text = text.replace("utfall: 8,4 av 10", f"utfall: {varde} av 10")
        (projekt / PERIOD / f"forskola-{i}.yaml").write_text(text, encoding="utf-8")
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    malvarde, lagst, median, hogst, antal, under = _spridningsrad(html, "förskola", "1.1.3")
    assert malvarde == "6 på en 10-gradig skala"
    assert (lagst, median, hogst) == ("7,1 av 10", "7,8 av 10", "8,4 av 10")
    assert (antal, under) == ("4", "0")


def _styrtal(matt: str, malvarde: object) -> HuvudmansStyrtal:
    return HuvudmansStyrtal.model_validate(
        {"id": "1.1.1", "text": "Ett styrtal", "mått": matt, "målvärde": malvarde}
    )


@pytest.mark.parametrize(
    ("matt", "malvarde", "utfall", "vantat"),
    [
        # procent: the median of an even count keeps its half; masked values and bounds are not
        # values of the spread (nor counted)
        ("procent", 90, [96, 80, "..", "~100", "Över 90 %", None], ("80 %", "88 %", "96 %", 2)),
        ("procent", 90, [80, 85], ("80 %", "82,5 %", "85 %", 2)),
        ("procent", 90, [83.0, 91.5], ("83 %", "87,3 %", "91,5 %", 2)),
        ("antal", 10, [12, 1266, 30], ("12", "30", "1 266", 3)),
        # skala: on the målvärde's scale; a value on another scale is left out, one written
        # without a scale counts as on it
        (
            "skala",
            "6 på en 10-gradig skala",
            ["7,1 av 10", "3 av 5", "8,4"],
            ("7,1 av 10", "7,8 av 10", "8,4 av 10", 2),
        ),
        # skala with a plain målvärde: the scale most units use
        (
            "skala",
            6,
            ["7,1 av 10", "8 av 10", "6,5 av 10"],
            ("6,5 av 10", "7,1 av 10", "8 av 10", 3),
        ),
        ("skala", 6, [7.5, 8.25], ("7,5", "7,88", "8,25", 2)),
        # text: no figures to compare
        ("text", "Alla enheter", ["Ja", "Delvis", None], ("–", "–", "–", 0)),
        ("text", None, [4, 6], ("4", "5", "6", 2)),
    ],
)
def test_spridning_for_varje_matt(
    matt: str, malvarde: object, utfall: list[object], vantat: tuple[str, str, str, int]
) -> None:
    from kvalitet.modell.falt import _svenskt_tal

    varden = [_svenskt_tal(u) if isinstance(u, str) and matt != "skala" else u for u in utfall]
    lagst, median, hogst, antal = spridning(_styrtal(matt, malvarde), varden)
    assert (
        lagst.replace(NBSP, " "),
        median.replace(NBSP, " "),
        hogst.replace(NBSP, " "),
        antal,
    ) == vantat


def test_skalans_forandring_i_matrisen(projekt: Path, runner: CliRunner) -> None:
    """A skala value's change since last period ('7,1 av 10' after '6,8 av 10'), like a number's;
    there was none."""
    forra = projekt / "rapporter" / "2024-25" / "bjorkbackaskolan.yaml"
    text = forra.read_text(encoding="utf-8")
    assert text.count("\nstyrtal:\n") == 1
    forra.write_text(
        text.replace("\nstyrtal:\n", "\nstyrtal:\n  1.1.3:\n    utfall: 6,8 av 10\n"),
        encoding="utf-8",
    )
    plan = projekt / "rapporter" / "2024-25" / "huvudman.yaml"
    text = plan.read_text(encoding="utf-8")
    rad = "              skolformer: [grundskola, gymnasieskola]\n    - namn: Kunskap"
    assert text.count(rad) == 1
    plan.write_text(
        text.replace(
            rad,
            rad.replace(
                "\n    - namn",
                "\n            - id: 1.1.3\n              text: Vårdnadshavarnas nöjdhet\n"
                "              mått: skala\n              målvärde: 6 på en 10-gradig skala\n"
                "              skolformer: [grundskola]\n    - namn",
            ),
        ),
        encoding="utf-8",
    )
    assert runner.invoke(kvalitet, ["kontrollera", "--period", "2024/25"]).exit_code == 0
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    cell = re.search(
        r'7,1 av 10 <span class="symbol"[^>]*>[^<]*</span><br><span class="forandring">'
        r"([^<]*)</span>",
        html,
    )
    assert cell and cell.group(1) == "+0,3", cell
