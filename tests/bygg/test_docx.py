"""The exported Word files read back (python-docx and the XML): headings with the report's
numbers, the TOC field, tables as in the HTML, the charts' alt text, the header and footer, the
huvudman's Word template, and every figure of a unit's styrtal (nr 29.3)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from lxml import html as lxml_html

from kvalitet.cli import kvalitet
from tests.bygg.docx_las import (
    DOKUMENT,
    W,
    bilder,
    faltinstruktioner,
    html_tabellceller,
    las,
    rubriker,
    tabellceller,
    text,
    toc_poster,
)
from tests.conftest import kopiera_exempel

ENHETER = ["alvmora-gymnasium", "bjorkbackaskolan", "forskolan-lingonet", "resurscentrum"]


@pytest.fixture(scope="module")
def byggt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rot = kopiera_exempel(tmp_path_factory.mktemp("word"))
    resultat = CliRunner().invoke(kvalitet, ["bygg", str(rot), "--format", "html,docx"])
    assert resultat.exit_code == 0, resultat.output
    for namn in DOKUMENT:
        assert f"ut/{namn}.docx" in resultat.output
    return rot / "ut"


def _html(byggt: Path, namn: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring((byggt / f"{namn}.html").read_text("utf-8"))


def _text(el: lxml_html.HtmlElement) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.mark.parametrize("namn", sorted(DOKUMENT))
def test_rubrikerna_med_numrering_som_i_html(byggt: Path, namn: str) -> None:
    """Every heading of the HTML's main part, with its number, as Heading (level - 1)."""
    rot = _html(byggt, namn)
    vantade = []
    for el in rot.iter("h2", "h3", "h4", "h5", "h6", "div"):
        if el.tag == "div" and el.get("role") != "heading":
            continue
        if any(f.tag == "nav" for f in el.iterancestors()) or not _text(el):
            continue
        niva = int(el.get("aria-level") or el.tag[1])
        vantade.append((niva - 1, _text(el)))
    assert rubriker(las(byggt / f"{namn}.docx")) == vantade


def _ord(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


@pytest.mark.parametrize("namn", sorted(DOKUMENT))
def test_varje_ord_i_html_en_finns_i_word_filen(byggt: Path, namn: str) -> None:
    """The body's words (not the TOC, the charts' drawn labels or the page footer) are all in
    the document, as many times: nothing the walker does not know is dropped."""
    rot = _html(byggt, namn)
    kropp = rot.find("body")
    for el in list(kropp.iter("nav", "svg", "footer", "style", "script")):
        el.getparent().remove(el)
    vantade = _ord(" ".join(kropp.itertext()))
    lasning = las(byggt / f"{namn}.docx")
    fatt = _ord(" ".join(text(p) for p in lasning.kropp.iter(f"{W}p") if not _i_toc(p)))
    saknas = vantade - fatt
    assert not saknas, dict(saknas.most_common(20))


def _i_toc(p: etree._Element) -> bool:
    stil = p.find(f"{W}pPr/{W}pStyle")
    return stil is not None and stil.get(f"{W}val", "").upper().startswith("TOC")


def test_enhetens_rubriker_har_avsnittens_nummer(byggt: Path) -> None:
    texter = [t for _, t in rubriker(las(byggt / "bjorkbackaskolan.docx"))]
    assert "1 Det systematiska kvalitetsarbetet" in texter
    assert "2.1.1 Kunskapsresultat i årskurs 9" in texter
    assert (1, "4 Prioriterade utvecklingsområden") in rubriker(
        las(byggt / "bjorkbackaskolan.docx")
    )


@pytest.mark.parametrize("namn", sorted(DOKUMENT))
def test_innehallsforteckningen_ar_ett_ifyllt_toc_falt(byggt: Path, namn: str) -> None:
    lasning = las(byggt / f"{namn}.docx")
    instruktioner = faltinstruktioner(lasning.xml["word/document.xml"])
    assert 'TOC \\o "1-3" \\h \\z \\u' in instruktioner
    nav = _html(byggt, namn).find(".//nav")
    assert toc_poster(lasning) == [_text(li) for li in nav.iter("li")]
    rubriktexter = {t for _, t in rubriker(lasning)}
    assert set(toc_poster(lasning)) <= rubriktexter
    # the field: begin, separate and end, in that order, around the entries
    typer = [f.get(f"{W}fldCharType") for f in lasning.kropp.iter(f"{W}fldChar")]
    assert typer[:2] == ["begin", "separate"] and "end" in typer
    installningar = lasning.xml["word/settings.xml"]
    uppdatera = installningar.find(f"{W}updateFields")
    assert uppdatera is not None and uppdatera.get(f"{W}val") == "true"


@pytest.mark.parametrize("namn", sorted(DOKUMENT))
def test_tabellerna_har_html_ens_celler_och_upprepad_rubrikrad(byggt: Path, namn: str) -> None:
    lasning = las(byggt / f"{namn}.docx")
    html_text = (byggt / f"{namn}.html").read_text("utf-8")
    assert tabellceller(lasning.kropp) == html_tabellceller(html_text)
    for tabell in lasning.kropp.iter(f"{W}tbl"):
        assert tabell.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_gruppkolumnerna_och_maskerade_varden(byggt: Path) -> None:
    dokument = las(byggt / "bjorkbackaskolan.docx").dokument
    tabell = next(
        t for t in dokument.tables if "Behöriga till yrkesprogram" in t.rows[2].cells[0].text
    )
    assert [c.text for c in tabell.rows[0].cells] == ["", "Flickor", "Pojkar", "Totalt"]
    assert [c.text for c in tabell.rows[2].cells] == [
        "Behöriga till yrkesprogram",
        "~100",
        "..",
        "86,2\u00a0%",
    ]
    brodtext = "\n".join(p.text for p in las(byggt / "bjorkbackaskolan.docx").dokument.paragraphs)
    assert "uppgiften bygger på färre än 10 elever" in brodtext, "teckenförklaringen saknas"


@pytest.mark.parametrize("namn", ENHETER)
def test_varje_siffra_i_enhetens_styrtal_finns(byggt: Path, namn: str) -> None:
    """Every figure the HTML's follow-up of the plan (avsnitt 5) shows is in the Word file."""
    rot = _html(byggt, namn)
    del_ = rot.get_element_by_id("avsnitt-5").getparent()
    for svg in list(del_.iter("svg")):  # the chart is a picture; its figures are its alt text
        svg.getparent().remove(svg)
    html_text = re.sub(r"[ \t\r\n]+", " ", " ".join(del_.itertext()))
    siffror = re.findall(r"~?\d+(?:\u00a0\d{3})*(?:,\d+)?(?:\u00a0%)?|\.\.", html_text)
    assert len(siffror) > 10
    lasning = las(byggt / f"{namn}.docx")
    helt = re.sub(r"[ \t\r\n]+", " ", " ".join(text(p) for p in lasning.kropp.iter(f"{W}p")))
    for siffra in siffror:
        assert siffra in helt, siffra


@pytest.mark.parametrize("namn", ENHETER)
def test_diagrammen_ar_bilder_med_diagrammets_textalternativ(byggt: Path, namn: str) -> None:
    rot = _html(byggt, namn)
    beskrivningar = [_text(d) for d in rot.iter("desc")]
    alt = [
        b.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr").get(
            "descr"
        )
        for b in bilder(las(byggt / f"{namn}.docx"))
    ]
    for beskrivning in beskrivningar:
        assert any(beskrivning in a for a in alt), beskrivning


@pytest.mark.parametrize("namn", sorted(DOKUMENT))
def test_sidhuvud_och_sidfot_med_sidnummer(byggt: Path, namn: str) -> None:
    lasning = las(byggt / f"{namn}.docx")
    sektion = lasning.dokument.sections[0]
    assert sektion.different_first_page_header_footer, "omslaget ska inte ha sidhuvud"
    huvud = sektion.header._element
    assert DOKUMENT[namn] in text(huvud)
    assert "PAGE" in faltinstruktioner(huvud) and "NUMPAGES" in faltinstruktioner(huvud)
    fot = sektion.footer._element
    assert "PAGE" in faltinstruktioner(fot)


def test_referensdokumentets_stilar_marginaler_och_logotyp(byggt: Path) -> None:
    """The example's tema.word_mall (rapporter/mallar/alvmora.docx): its styles and margins
    stay, its body is replaced, its header keeps the logo above the running header."""
    lasning = las(byggt / "bjorkbackaskolan.docx")
    dokument = lasning.dokument
    assert dokument.styles["Heading 1"].font.color.rgb is not None
    assert str(dokument.styles["Heading 1"].font.color.rgb) == "1F4E79"
    assert dokument.styles["Normal"].font.name == "Liberation Sans"
    sektion = dokument.sections[0]
    assert round(sektion.left_margin.mm) == 25 and round(sektion.top_margin.mm) == 25
    brodtext = "\n".join(p.text for p in dokument.paragraphs)
    assert "Mallens brödtext" not in brodtext
    assert sektion.header._element.find(f".//{W}drawing") is not None
    assert dokument.core_properties.title == "Kvalitetsrapport 2025/26 – Björkbackaskolan"
    assert dokument.core_properties.author == "Helena Sandberg"


def test_utan_word_mall_blir_det_a4_med_pdf_ens_marginaler(
    projekt: Path, runner: CliRunner
) -> None:
    fil = projekt / "rapporter/2025-26/huvudman.yaml"
    fil.write_text(
        fil.read_text("utf-8").replace("  word_mall: ../mallar/alvmora.docx\n", ""), "utf-8"
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "docx", "--enhet", "resurscentrum"])
    assert res.exit_code == 0, res.output
    sektion = las(projekt / "ut/resurscentrum.docx").dokument.sections[0]
    assert (round(sektion.page_width.mm), round(sektion.page_height.mm)) == (210, 297)
    assert (round(sektion.top_margin.mm), round(sektion.left_margin.mm)) == (24, 24)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) finns inte här")
def test_libreoffice_gor_pdf_med_samma_text(byggt: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(byggt / "bjorkbackaskolan.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from pypdf import PdfReader

    pdftext = " ".join(
        " ".join(
            s.extract_text() for s in PdfReader(tmp_path / "bjorkbackaskolan.pdf").pages
        ).split()
    )
    for _, rubrik in rubriker(las(byggt / "bjorkbackaskolan.docx")):
        assert rubrik in pdftext
