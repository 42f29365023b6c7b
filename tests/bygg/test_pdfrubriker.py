"""A heading deeper than h6 keeps its level in the PDF's tag tree (/H7, role-mapped to /H6)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.rapportmallar import inbyggd_rapportmall


def _avsnitt(djup: int) -> str:
    """A section nested ``djup`` levels below 'analys', as YAML."""
    ut, indrag = "", "  "
    for i in range(1, djup + 1):
        ut += (
            f"{indrag}avsnitt:\n{indrag}  - rubrik: Nivå {i + 1}\n{indrag}    text: Text {i + 1}.\n"
        )
        indrag += "    "
    return ut


def test_rubrik_under_h6_ar_h7_i_taggtradet(tmp_path: Path) -> None:
    period = tmp_path / "rapporter" / "2025-26"
    period.mkdir(parents=True)
    (period / "djup.yaml").write_text(
        "namn: Djupskolan\nskolform: grundskola\nperiod: 2025/26\nhuvudman: Testkommunen\n"
        "status: klar\nanalys:\n  text: Analysen.\n" + _avsnitt(6),
        encoding="utf-8",
    )
    (tmp_path / "rapporter" / "mallar").mkdir()
    mall = inbyggd_rapportmall().read_text(encoding="utf-8")
    (tmp_path / "rapporter" / "mallar" / "standard.rapportmall.yaml").write_text(
        mall.replace("djupa_rubriker: h6", "djupa_rubriker: behåll"), encoding="utf-8"
    )
    res = CliRunner().invoke(
        kvalitet, ["bygg", str(tmp_path), "--ut", str(tmp_path / "ut"), "--jobb", "1"]
    )
    assert res.exit_code == 0, res.output
    html = (tmp_path / "ut" / "djup.html").read_text(encoding="utf-8")
    assert 'role="heading" aria-level="7"' in html and 'aria-level="8"' in html
    with pikepdf.open(tmp_path / "ut" / "djup.pdf") as pdf:
        rot = pdf.Root.StructTreeRoot
        typer: list[str] = []
        stack = [rot.K]
        while stack:
            el = stack.pop()
            if isinstance(el, pikepdf.Array):
                stack.extend(el)
            elif isinstance(el, pikepdf.Dictionary) and "/S" in el:
                typer.append(str(el.S))
                if "/K" in el:
                    stack.append(el.K)
        assert {"/H6", "/H7", "/H8"} <= set(typer), typer
        assert str(rot.RoleMap.H7) == "/H6" and str(rot.RoleMap.H8) == "/H6"
