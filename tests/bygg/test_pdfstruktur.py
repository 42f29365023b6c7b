"""The PDF's tag tree read back with pikepdf: links, running headers, table headers, charts,
PDF/A for the archive, and pages without near-empty gaps."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pikepdf import Array, Dictionary

from kvalitet.cli import kvalitet

DOKUMENT = ["alvmora-gymnasium", "bjorkbackaskolan", "forskolan-lingonet", "resurscentrum"]
DOKUMENT += ["sammanstallning"]
MARKERING = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def _element(pdf: pikepdf.Pdf) -> Iterator[tuple[Dictionary, list[Dictionary]]]:
    """Every structure element reachable from the root, with its ancestors."""
    stack: list[tuple[Any, list[Dictionary]]] = [(k, []) for k in _lista(pdf.Root.StructTreeRoot.K)]
    while stack:
        el, forfader = stack.pop()
        if not isinstance(el, Dictionary) or el.get("/Type") in ("/OBJR", "/MCR"):
            continue
        yield el, forfader
        stack.extend((k, [*forfader, el]) for k in reversed(_lista(el.get("/K"))))


def _lista(k: Any) -> list[Any]:
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def _fortackning(pdf: pikepdf.Pdf) -> dict[int, Any]:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


@pytest.fixture(params=DOKUMENT)
def pdf(request: pytest.FixtureRequest, byggt_exempel: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(byggt_exempel / f"{request.param}.pdf") as dokument:
        yield dokument


def test_varje_lankannotering_ligger_i_ett_link_element_med_lasbar_text(pdf: pikepdf.Pdf) -> None:
    fortackning = _fortackning(pdf)
    element = {el.objgen: forfader for el, forfader in _element(pdf)}
    antal = 0
    for sida in pdf.pages:
        for annot in sida.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            antal += 1
            foralder = fortackning[int(annot.StructParent)]
            assert foralder.S == "/Link"
            assert foralder.objgen in element, "Link-elementet nås inte från roten"
            assert not any(f.get("/S") == "/Link" for f in element[foralder.objgen]), "Link i Link"
            objr = [k for k in _lista(foralder.K) if isinstance(k, Dictionary) and "/Obj" in k]
            assert any(k.Obj.objgen == annot.objgen for k in objr)
            assert int(annot.F) & 4, "utskriftsflaggan saknas"
            text = str(annot.Contents)
            assert text and not re.fullmatch(r"[a-z0-9-]+", text), text  # not a slug
            if "/Dest" in annot:
                assert str(annot.Dest) != text
    assert antal > 0
    assert not any(el.get("/S") == "/Link" and any(f.get("/S") == "/Link" for f in fd)
                   for el, fd in _element(pdf))  # fmt: skip


def test_sidhuvuden_ar_artefakter_och_allt_taggat_nas_fran_roten(pdf: pikepdf.Pdf) -> None:
    fortackning = _fortackning(pdf)
    nabara = {el.objgen for el, _ in _element(pdf)}
    for nr, sida in enumerate(pdf.pages):
        innehall = sida.obj.Contents.read_bytes()
        if nr > 0:
            assert b"/Artifact <</Type /Pagination /Subtype /Header>> BDC" in innehall, nr + 1
        karta = fortackning[int(sida.obj.StructParents)]
        for m in MARKERING.finditer(innehall):
            assert m[1] != b"Artifact"
            el = karta[int(m[2])]
            assert isinstance(el, Dictionary), f"sida {nr + 1}: MCID {m[2]} saknar element"
            assert el.objgen in nabara, f"sida {nr + 1}: MCID {m[2]} nås inte från roten"


def test_sidhuvudets_text_ar_en_artefakt(byggt_exempel: Path) -> None:
    """The header's glyphs stand between /Artifact /Pagination and EMC (the enhet's name in
    the font's glyph ids is hard to read back; the header is the only text at its height)."""
    with pikepdf.open(byggt_exempel / "bjorkbackaskolan.pdf") as dokument:
        innehall = dokument.pages[3].obj.Contents.read_bytes()
    block = re.findall(
        rb"/Artifact <</Type /Pagination /Subtype /Header>> BDC(.*?)EMC", innehall, re.S
    )
    assert block and all(b"Tj" in b or b"TJ" in b for b in block)


def test_varje_th_har_scope_och_innehall(pdf: pikepdf.Pdf) -> None:
    th = 0
    for el, forfader in _element(pdf):
        if el.S != "/TH":
            continue
        th += 1
        assert str(el.A.Scope) in ("/Column", "/Row")
        if any(f.get("/S") == "/THead" for f in forfader):
            assert el.A.Scope == "/Column"
        assert _lista(el.get("/K")), "tom rubrikcell"
    assert th > 0


def test_diagrammens_alt_har_datat(byggt_exempel: Path) -> None:
    with pikepdf.open(byggt_exempel / "bjorkbackaskolan.pdf") as dokument:
        alt = [str(el.Alt) for el, _ in _element(dokument) if el.S == "/Figure" and "/Alt" in el]
    diagram = [a for a in alt if "Stapeldiagram" in a]
    assert len(diagram) >= 7, alt
    forsta = next(a for a in diagram if a.startswith("Styrtal 1.1.1"))
    assert "2025/26 89,5 procent" in forsta and "Målvärde 87 procent" in forsta, forsta


def test_standard_ar_pdfua_utan_pdfa(byggt_exempel: Path) -> None:
    with pikepdf.open(byggt_exempel / "resurscentrum.pdf") as dokument:
        xmp = dokument.Root.Metadata.read_bytes().decode()
        assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert "pdfaid" not in xmp
        assert "/OutputIntents" not in dokument.Root


def test_pdf_arkiv_ar_pdfa_2a_och_pdfua_1(projekt: Path, runner: CliRunner) -> None:
    svar = runner.invoke(kvalitet, ["bygg", "--pdf", "arkiv", "--enhet", "forskolan-lingonet"])
    assert svar.exit_code == 0, svar.output
    with pikepdf.open(projekt / "ut" / "forskolan-lingonet.pdf") as dokument:
        with dokument.open_metadata() as xmp:
            assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("2", "A")
            assert xmp.get("pdfuaid:part") == "1"
        text = dokument.Root.Metadata.read_bytes().decode()
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in text  # PDF/A extension schema
        avsikt = dokument.Root.OutputIntents[0]
        assert avsikt.S == "/GTS_PDFA1" and "/DestOutputProfile" in avsikt
        flaggor = {int(a.F) for s in dokument.pages for a in s.obj.get("/Annots", [])}
        assert flaggor == {4}
        assert dokument.Root.MarkInfo.Marked
    # the huvudman's setting does the same without the flag; --pdf standard goes before it
    huvudman = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    huvudman.write_text(
        huvudman.read_text(encoding="utf-8").replace(
            "  delvis_marginal: 10\n", "  delvis_marginal: 10\n  pdf: arkiv\n"
        ),
        encoding="utf-8",
    )
    for flaggor_, vantat in (([], True), (["--pdf", "standard"], False)):
        svar = runner.invoke(kvalitet, ["bygg", "--enhet", "resurscentrum", *flaggor_])
        assert svar.exit_code == 0, svar.output
        with pikepdf.open(projekt / "ut" / "resurscentrum.pdf") as dokument:
            assert ("/OutputIntents" in dokument.Root) is vantat


def _fyllnad(pdf: Path) -> list[float]:
    """How far down each page the text goes, as a share of the page's text area (the running
    header above the area is not counted)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    andelar = []
    for bredd, hojd, sida in re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S
    ):
        liggande = float(bredd) > float(hojd)
        topp = (18 if liggande else 24) * 72 / 25.4
        botten = float(hojd) - (15 if liggande else 22) * 72 / 25.4
        rader = re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', sida
        )
        nederst = max((float(y) for y0, y in rader if float(y0) > topp - 1), default=topp)
        andelar.append((nederst - topp) / (botten - topp))
    return andelar


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")
@pytest.mark.parametrize("namn", DOKUMENT)
def test_ingen_sida_utom_den_sista_ar_nastan_tom(byggt_exempel: Path, namn: str) -> None:
    andelar = _fyllnad(byggt_exempel / f"{namn}.pdf")
    tomma = [(nr, round(a, 2)) for nr, a in enumerate(andelar[:-1], start=1) if a < 1 / 3]
    assert not tomma, f"{namn}: sidor som är mindre än en tredjedel fulla: {tomma}"


def test_varje_huvudavsnitt_pa_ny_sida_ar_ett_tema(projekt: Path, runner: CliRunner) -> None:
    from pypdf import PdfReader

    huvudman = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    text = huvudman.read_text(encoding="utf-8")
    svar = runner.invoke(kvalitet, ["bygg", "--enhet", "bjorkbackaskolan"])
    assert svar.exit_code == 0, svar.output
    fore = len(PdfReader(projekt / "ut" / "bjorkbackaskolan.pdf").pages)
    huvudman.write_text(
        text.replace("  typsnitt: Liberation Sans\n", "  typsnitt: Liberation Sans\n  huvudavsnitt_på_ny_sida: true\n"),
        encoding="utf-8",
    )  # fmt: skip
    svar = runner.invoke(kvalitet, ["bygg", "--enhet", "bjorkbackaskolan"])
    assert svar.exit_code == 0, svar.output
    reader = PdfReader(projekt / "ut" / "bjorkbackaskolan.pdf")
    assert len(reader.pages) > fore
    for rubrik in ("1 Det systematiska kvalitetsarbetet", "2 Resultat", "3 Analys"):
        sida = next(s for s in reader.pages[2:] if rubrik in s.extract_text())
        forsta = sida.extract_text().split("\n")
        assert any(rad.strip() == rubrik for rad in forsta[:3]), (rubrik, forsta[:3])
