"""CSV and XLSX: no text becomes a formula in a spreadsheet; numbers stay exact numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from kvalitet.cli import kvalitet
from kvalitet.sammanstallning.export import ofarlig_text

FARLIGA = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tflik", "\rretur"]


@pytest.mark.parametrize("text", FARLIGA)
def test_formeltecken_far_apostrof(text: str) -> None:
    assert ofarlig_text(text) == "'" + text


@pytest.mark.parametrize("text", ["..", "~100", ".", "-", "Område Norr", "7,1 av 10"])
def test_vanlig_text_och_symboler_ororda(text: str) -> None:
    assert ofarlig_text(text) == text


def test_export_utan_formler_och_med_exakta_tal(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    farlig = """namn: '=HYPERLINK("http://angripare.example","klicka")'"""
    text = text.replace("namn: Björkbackaskolan", farlig, 1)
    text = text.replace("område: Område Norr", "område: '@SUM(1+1)'", 1)
    assert "  1.1.2:\n    utfall: 65,6" in text
    fil.write_text(text, encoding="utf-8")
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    csv = (projekt / "ut" / "sammanstallning.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv and ";'@SUM(1+1);" in csv
    assert ';"=HYPERLINK' not in csv and ";=HYPERLINK" not in csv and ";@SUM" not in csv
    assert ";65,6;" in csv and "65,59999" not in csv
    bok = load_workbook(projekt / "ut" / "sammanstallning.xlsx")
    blad = bok["Grundskola"]
    varden = [c for rad in blad.iter_rows(min_row=2) for c in rad]
    texter = [c for c in varden if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texter)
    assert not any(str(c.value).startswith(("=", "@", "+")) for c in texter)
    assert 65.6 in [c.value for c in varden]
