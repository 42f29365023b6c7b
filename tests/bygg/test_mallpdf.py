"""The three example templates built to PDF (issue 28, Checked by): every word of every table
cell is in the PDF's text (no column is cut off), and every heading keeps its level in the
PDF's structure tree, also below h6 on a template that keeps deep headings."""

from __future__ import annotations

import html as htmllib
import re
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

ENHETER = {
    "bjorkbackaskolan": "standard",
    "lingonet-blabaret": "forskola-avdelning",
    "bjorkbackaskolan-mellanstadiet": "stadierapport",
}
DJUPT = """      - rubrik: Skolans råd
        avsnitt:
          - rubrik: Elevrådet
            avsnitt:
              - rubrik: Klassråden
                avsnitt:
                  - rubrik: Årskurs 5
                    avsnitt:
                      - rubrik: Klass 5A
                        avsnitt:
                          - rubrik: Rådets protokoll
                            text: Klassrådet har träffats varannan vecka.
"""


@pytest.fixture(scope="module")
def bygge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project with a six levels deep section in the stage report, built."""
    from tests.conftest import kopiera_exempel

    rot = tmp_path_factory.mktemp("mallpdf")
    kopiera_exempel(rot)
    fil = rot / "rapporter" / "2025-26" / "bjorkbackaskolan-mellanstadiet.yaml"
    text = fil.read_text(encoding="utf-8")
    fore = "      - rubrik: Personalen\n"
    assert fore in text
    fil.write_text(text.replace(fore, DJUPT + fore, 1), encoding="utf-8")
    argument = ["bygg", str(rot), "--ut", str(rot / "ut"), "--jobb", "2"]
    for enhet in ENHETER:
        argument += ["--enhet", enhet]
    res = CliRunner().invoke(kvalitet, argument)
    assert res.exit_code == 0, res.output
    return rot / "ut"


def _celler(html: str) -> list[str]:
    """The text of every table cell (header and data) of the report's tables."""
    ut = []
    for tabell in re.findall(r'<table class="resultat">.*?</table>', html, flags=re.S):
        for cell in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", tabell, flags=re.S):
            text = htmllib.unescape(re.sub(r"<[^>]+>", " ", cell))
            if text.strip():
                ut.append(text)
    return ut


def _ord(text: str) -> list[str]:
    return [o for o in re.findall(r"[\w%]+", text.replace("\u00a0", " ")) if o]


@pytest.mark.parametrize("enhet", list(ENHETER))
def test_varje_ord_i_varje_cell_finns_i_pdf_texten(bygge: Path, enhet: str) -> None:
    html = (bygge / f"{enhet}.html").read_text(encoding="utf-8")
    celler = _celler(html)
    assert len(celler) > 10, celler
    pdftext = subprocess.run(
        ["pdftotext", "-layout", str(bygge / f"{enhet}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # a word broken over two lines by the layout is joined again; the rest are whole words
    i_pdf = Counter(_ord(pdftext))
    saknas = [o for cell in celler for o in _ord(cell) if o not in i_pdf]
    assert not saknas, saknas


def _rubriknivaer_html(html: str) -> Counter[int]:
    kropp = html.split("<body", 1)[1]
    nivaer = [int(n) for n in re.findall(r"<h([1-6])\b", kropp)]
    nivaer += [int(n) for n in re.findall(r'role="heading" aria-level="(\d+)"', kropp)]
    return Counter(nivaer)


def _rubriknivaer_pdf(pdf: pikepdf.Pdf) -> Counter[int]:
    rot = pdf.Root.StructTreeRoot
    nivaer: list[int] = []
    stack = [rot.K]
    while stack:
        el = stack.pop()
        if isinstance(el, pikepdf.Array):
            stack.extend(el)
        elif isinstance(el, pikepdf.Dictionary) and "/S" in el:
            if m := re.fullmatch(r"/H(\d+)", str(el.S)):
                nivaer.append(int(m[1]))
            if "/K" in el:
                stack.append(el.K)
    return Counter(nivaer)


@pytest.mark.parametrize("enhet", list(ENHETER))
def test_rubrikerna_behaller_sina_nivaer_i_strukturtradet(bygge: Path, enhet: str) -> None:
    html = (bygge / f"{enhet}.html").read_text(encoding="utf-8")
    with pikepdf.open(bygge / f"{enhet}.pdf") as pdf:
        assert _rubriknivaer_pdf(pdf) == _rubriknivaer_html(html)
        if enhet == "bjorkbackaskolan-mellanstadiet":
            # 'Rådets protokoll' is the seventh level below the cover's h1: H8, mapped to H6
            assert _rubriknivaer_pdf(pdf)[8] == 1 and _rubriknivaer_pdf(pdf)[7] == 1
            assert str(pdf.Root.StructTreeRoot.RoleMap.H8) == "/H6"
