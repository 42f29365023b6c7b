"""Mistakes in the block form ('innehåll'): located Swedish messages with a fix, and the JSON
Schema agrees with the validator about the blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from kvalitet.cli import kvalitet
from kvalitet.modell.schema import schema

GRUND = """\
namn: Testskolan
skolform: annan
huvudman: Testkommun
period: 2025/26
analys:
  innehåll:
    - text: Analysen.
"""


def kontrollera(tmp_path: Path, tillagg: str) -> tuple[int, list[str]]:
    (tmp_path / "rapporter").mkdir(exist_ok=True)
    (tmp_path / "rapporter" / "testskolan.yaml").write_text(GRUND + tillagg, encoding="utf-8")
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert "Traceback" not in res.output
    return res.exit_code, [r for r in res.output.splitlines() if ": fel: " in r]


@pytest.fixture(autouse=True)
def _i_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_felstavad_blocksort_med_forslag(tmp_path: Path) -> None:
    kod, (fel,) = kontrollera(tmp_path, "    - tabel:\n        rader: []\n")
    assert kod == 1
    assert fel.startswith(
        "rapporter/testskolan.yaml:8:7: fel: analys.innehåll[2]: okänd sorts block ('tabel') "
        "– menade du 'tabell'?"
    )
    assert "'slutsats'" in fel and "'till_analys'" in fel


def test_tva_sorter_i_samma_block(tmp_path: Path) -> None:
    kod, (fel,) = kontrollera(tmp_path, "    - text: Stycket.\n      slutsats: [En punkt.]\n")
    assert kod == 1
    assert fel.startswith(
        "rapporter/testskolan.yaml:8:7: fel: analys.innehåll[2]: blocket 'text' har också "
        "'slutsats'"
    )
    assert "skriv varje sort som ett eget block" in fel


def test_block_utan_sort(tmp_path: Path) -> None:
    kod, (fel,) = kontrollera(tmp_path, "    - Bara en rad text\n")
    assert kod == 1
    assert "ett block i 'innehåll' börjar med vad det är, t.ex. '- text: ...'" in fel


def test_felstavat_falt_i_slutsats(tmp_path: Path) -> None:
    kod, fel = kontrollera(tmp_path, "    - slutsats:\n        rubrik: S\n        punkterr: [a]\n")
    assert kod == 1
    assert any(
        r.startswith(
            "rapporter/testskolan.yaml:10:9: fel: okänt fält 'punkterr' under "
            "'analys.innehåll[2].slutsats' – menade du 'punkter'?"
        )
        for r in fel
    ), fel


def test_numrerad_rubrik_under_onumrerad(tmp_path: Path) -> None:
    kod, (fel,) = kontrollera(
        tmp_path,
        "    - rubrik: Mellanrubrik\n      innehåll:\n"
        "        - rubrik: Underavsnitt\n          numrerad: true\n          text: Text.\n",
    )
    assert kod == 1
    assert fel.startswith(
        "rapporter/testskolan.yaml:11:21: fel: 'Underavsnitt' är numrerad men står under en "
        "onumrerad rubrik"
    )


def test_tabell_utan_rubrik_godtas_men_inte_med_diagram(tmp_path: Path) -> None:
    tabell = "    - tabell:\n        rader:\n          - rad: A\n            totalt: 4\n"
    kod, fel = kontrollera(tmp_path, tabell)
    assert kod == 0 and not fel
    kod, (fel1,) = kontrollera(tmp_path, tabell + "        diagram: stapel\n")
    assert kod == 1
    assert "en tabell med 'diagram: stapel' behöver en 'rubrik'" in fel1


def test_blockformen_i_json_schemat() -> None:
    validator = Draft202012Validator(schema())
    bra = yaml.safe_load(
        GRUND
        + "    - rubrik: R\n      innehåll:\n        - till_analys: Prosa.\n"
        + "    - slutsats: {rubrik: S, inledning: 'Vi behöver:', punkter: [a]}\n"
        + "    - diagram: {rubrik: D, kolumner: [A], rader: [{rad: x, värden: [1]}]}\n"
    )
    assert not list(validator.iter_errors(bra))
    fel = yaml.safe_load(GRUND + "    - text: a\n      slutsats: [b]\n")
    assert list(validator.iter_errors(fel))
