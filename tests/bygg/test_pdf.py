"""Read the built PDFs back: running headers, TOC page numbers, metadata, bookmarks, PDF/UA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

ENHETER = {
    "bjorkbackaskolan": "Björkbackaskolan",
    "forskolan-lingonet": "Förskolan Lingonet",
    "alvmora-gymnasium": "Älvmora gymnasium",
    "resurscentrum": "Resurscentrum",
}
TOC_RAD = re.compile(r"^(?P<titel>.+?)\s*\.{3,}\s*(?P<sida>\d+)$")


def _utan_mellanslag(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _bokmarken(reader: PdfReader) -> dict[str, int]:
    sidor: dict[str, int] = {}

    def gå(lista: list) -> None:
        for post in lista:
            if isinstance(post, list):
                gå(post)
            else:
                sidor.setdefault(
                    _utan_mellanslag(post.title), reader.get_destination_page_number(post) + 1
                )

    gå(reader.outline)
    return sidor


@pytest.fixture(params=sorted(ENHETER))
def pdf(request: pytest.FixtureRequest, byggt_exempel: Path) -> tuple[str, PdfReader]:
    return request.param, PdfReader(byggt_exempel / f"{request.param}.pdf")


def test_sidhuvud_med_egen_sida_och_antal_sidor(pdf: tuple[str, PdfReader]) -> None:
    enhet, reader = pdf
    antal = len(reader.pages)
    assert antal >= 5
    forsta = reader.pages[0].extract_text()
    assert "Kvalitetsrapport" in forsta
    assert f"Kvalitetsrapport 1({antal})" not in forsta, "omslaget ska inte ha sidhuvud"
    for nr, sida in enumerate(reader.pages[1:], start=2):
        text = sida.extract_text()
        assert f"{ENHETER[enhet]}, Kvalitetsrapport {nr}({antal})" in text, f"sida {nr}"


def test_innehallsforteckningens_sidnummer_stammer(pdf: tuple[str, PdfReader]) -> None:
    _, reader = pdf
    toc = reader.pages[1].extract_text()
    assert toc.lstrip().startswith("Innehåll") or "Innehåll" in toc
    rader = [TOC_RAD.match(_utan_mellanslag(r)) for r in toc.splitlines()]
    poster = [(m["titel"], int(m["sida"])) for m in rader if m]
    assert len(poster) >= 6
    bokmarken = _bokmarken(reader)
    for titel, sida in poster:
        assert sida != 0, f"{titel}: sidnummer 0 (target-counter fungerar inte)"
        assert bokmarken.get(titel) == sida, (
            f"{titel}: innehåll säger {sida}, rubriken står på {bokmarken.get(titel)}"
        )
        sidtext = _utan_mellanslag(reader.pages[sida - 1].extract_text())
        assert titel in sidtext, f"{titel} står inte på sidan {sida}"
    numrerade = [t for t, _ in poster if re.match(r"^\d", t)]
    assert numrerade[:1] == ["1 Det systematiska kvalitetsarbetet"]
    assert "4 Prioriterade utvecklingsområden" in numrerade


def test_metadata_sprak_bokmarken_och_pdfua(pdf: tuple[str, PdfReader]) -> None:
    enhet, reader = pdf
    assert reader.metadata.title == f"Kvalitetsrapport 2025/26 – {ENHETER[enhet]}"
    assert reader.metadata.author
    rot = reader.trailer["/Root"]
    assert rot["/Lang"] == "sv"
    assert "/StructTreeRoot" in rot, "PDF:en är inte taggad"
    assert rot["/MarkInfo"]["/Marked"]
    xmp = rot["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
    bokmarken = _bokmarken(reader)
    assert "1 Det systematiska kvalitetsarbetet" in bokmarken
    assert "3 Analys" in bokmarken
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4


def test_status_visas_i_ord_inte_bara_farg(byggt_exempel: Path) -> None:
    reader = PdfReader(byggt_exempel / "bjorkbackaskolan.pdf")
    text = _utan_mellanslag(" ".join(s.extract_text() for s in reader.pages))
    assert "Ej uppnått" in text
    assert "Uppnått" in text
