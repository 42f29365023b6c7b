"""Mend WeasyPrint's tag tree with pikepdf so that independent PDF/UA checkers find no fault.

WeasyPrint 70 tags the document but leaves four things that ISO 14289-1 (and so outloud, pdfua
and a screen reader) object to; this module fixes them in the finished PDF:

- running headers and the UTKAST mark are tagged content that no structure element reaches:
  they become ``/Artifact /Pagination`` (ISO 14289-1 7.8);
- every box inside a link got its own annotation, hung under a Span or a Link nested in a Link:
  every annotation goes under the outermost Link, nested Links become Spans, the table of
  contents' leader dots become layout artifacts, and each annotation gets the link's text as
  ``/Contents`` (7.18.5) and the print flag;
- header cells get ``/Scope`` (7.5);
- a chart's ``/Alt`` is only its title: the data description from the SVG is added;
- a table split over pages is one table with its header once (``kvalitet.bygg.pdftabeller``);
- a heading deeper than h6 is ``/H7`` … (``kvalitet.bygg.pdfrubriker``).

With ``arkiv`` the PDF was written as PDF/A-2a and is marked as PDF/UA-1 as well."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from kvalitet.bygg.pdfrubriker import djupa_rubriker
from kvalitet.bygg.pdftabeller import Fragment, sla_ihop

_MARKERING = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_BLOCK = re.compile(rb"/\w+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC(.*?)EMC", re.S)
_PLATS = re.compile(rb"^[^\n]*\b(Tm|rg|RG|gs|cm|Td)\s*$", re.M)
SIDHUVUD = b"/Artifact <</Type /Pagination /Subtype /Header>> BDC"
LAYOUT = b"/Artifact <</Type /Layout>> BDC"


@dataclass
class Dokumenttext:
    """What the HTML says that the PDF lost: each link target's text, each chart's description."""

    lankar: dict[str, str] = field(default_factory=dict)
    diagram: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class _Lasare(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ut = Dokumenttext()
        self._lank: tuple[str, list[str]] | None = None
        self._svg: str | None = None  # "title" or "desc" while inside one in an svg
        self._titel = ""
        self._text: list[str] = []
        self._i_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and (href := dict(attrs).get("href")):
            self._lank = (href[1:] if href.startswith("#") else href, [])
        elif tag in ("title", "desc") and self._i_svg:
            self._svg, self._text = tag, []
        elif tag == "svg":
            self._i_svg = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._lank:
            mal, delar = self._lank
            self.ut.lankar.setdefault(mal, " ".join("".join(delar).split()))
            self._lank = None
        elif tag == self._svg:
            text = " ".join("".join(self._text).split())
            if tag == "title":
                self._titel = text
            else:
                self.ut.diagram[self._titel].append(text)
            self._svg = None
        elif tag == "svg":
            self._i_svg = False

    def handle_data(self, data: str) -> None:
        if self._lank:
            self._lank[1].append(data)
        if self._svg:
            self._text.append(data)


def las_html(html: str) -> Dokumenttext:
    lasare = _Lasare()
    lasare.feed(html)
    lasare.close()
    return lasare.ut


def efterbehandla(
    data: bytes, html: str, arkiv: bool = False, tabeller: list[list[Fragment]] | None = None
) -> bytes:
    """The PDF ``data`` made from ``html``, with the tag tree mended (see the module);
    ``tabeller`` says which tables continue from a page before (``tabellfragment``)."""
    pdf = pikepdf.open(BytesIO(data))
    text = las_html(html)
    trad = _Trad(pdf)
    trad.artefakter_ur_marginalen()
    trad.lankar(text.lankar)
    trad.rubrikceller()
    trad.diagram(text.diagram)
    djupa_rubriker(trad.rot, trad.alla, html)
    if tabeller is not None:
        sla_ihop(trad, tabeller)
    trad.stada()
    trad.skriv_innehall()
    if arkiv:
        _markera_pdfua(pdf)
    ut = BytesIO()
    pdf.save(ut, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return ut.getvalue()


def _nyckel(obj: Any) -> tuple[int, int]:
    return obj.objgen  # type: ignore[no-any-return]


class _Trad:
    """The structure tree with its parent tree, and each page's content as editable bytes."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.rot = pdf.Root.StructTreeRoot
        self.fortackning: dict[int, Any] = {}  # StructParents → MCID → element
        nums = self.rot.ParentTree.Nums
        for i in range(0, len(nums), 2):
            self.fortackning[int(nums[i])] = nums[i + 1]
        self.sidor = {int(s.obj.StructParents): s for s in pdf.pages if "/StructParents" in s.obj}
        self.innehall: dict[int, bytes] = {}
        self._block: dict[int, dict[int, bytes]] = {}
        self.alla = list(self.element())
        """Every element with its ancestors, read once (the steps before ``stada`` move
        annotations and content between elements but add or remove none)."""
        self.ersatt: dict[int, dict[int, bytes]] = defaultdict(dict)  # page → MCID → new BDC

    # -- traversal -------------------------------------------------------------------------
    def element(self) -> Iterator[tuple[Dictionary, list[Dictionary]]]:
        """Every structure element reachable from the root, with its ancestors."""
        stack: list[tuple[Any, list[Dictionary]]] = [(k, []) for k in _lista(self.rot.K)]
        while stack:
            el, forfader = stack.pop()
            if not isinstance(el, Dictionary) or el.get("/Type") in ("/OBJR", "/MCR"):
                continue
            yield el, forfader
            stack.extend((k, [*forfader, el]) for k in reversed(_lista(el.get("/K"))))

    def sidans_innehall(self, nr: int) -> bytes:
        if nr not in self.innehall:
            sida = self.sidor[nr]
            sida.contents_coalesce()
            self.innehall[nr] = sida.obj.Contents.read_bytes()
        return self.innehall[nr]

    def _sidnr(self, el: Dictionary) -> int | None:
        sida = el.get("/Pg")
        if sida is None:
            return None
        for nr, s in self.sidor.items():
            if s.obj.objgen == sida.objgen:
                return nr
        return None

    # -- 7.8 running headers -----------------------------------------------------------------
    def artefakter_ur_marginalen(self) -> None:
        """Tagged content that no element reaches (WeasyPrint's margin boxes) → artifacts."""
        nabara = {_nyckel(el) for el, _ in self.alla}
        for nr, element in self.fortackning.items():
            if nr not in self.sidor or not isinstance(element, Array):
                continue
            for mcid, el in enumerate(element):
                if isinstance(el, Dictionary) and _nyckel(el) not in nabara:
                    self.ersatt[nr][mcid] = SIDHUVUD
                    element[mcid] = None

    # -- 7.18.5 links ------------------------------------------------------------------------
    def lankar(self, texter: dict[str, str]) -> None:
        foraldrar = {_nyckel(el): (el, f) for el, f in self.alla}
        yttre_for: dict[tuple[int, int], Dictionary] = {}
        for el, forfader in foraldrar.values():
            if el.get("/S") != "/Link":
                continue
            lankar = [f for f in forfader if f.get("/S") == "/Link"]
            if lankar:
                yttre_for[_nyckel(el)] = lankar[0]
        for sida in self.pdf.pages:
            for annot in sida.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                annot.F = 4  # print flag: printed like the page shows it
                mal = _mal(annot)
                if texter.get(mal):
                    annot.Contents = pikepdf.String(texter[mal])
                if "/StructParent" not in annot:
                    continue
                funnen = self.fortackning.get(int(annot.StructParent))
                if not isinstance(funnen, Dictionary) or _nyckel(funnen) not in foraldrar:
                    continue
                el = funnen
                _, forfader = foraldrar[_nyckel(el)]
                lankar = [f for f in (*forfader, el) if f.get("/S") == "/Link"]
                yttre = lankar[0] if lankar else el
                if _nyckel(yttre) == _nyckel(el):
                    el.S = Name.Link
                    continue
                el.K = Array([k for k in _lista(el.K) if not _ar_objr(k, annot)])
                yttre.K = Array([*_lista(yttre.K), _objr(self.pdf, annot, sida)])
                self._satt_foralder(int(annot.StructParent), yttre)
        for nyckel in yttre_for:
            inre, _ = foraldrar[nyckel]
            inre.S = Name.Span
            self._ledare_som_artefakt(inre)

    def _satt_foralder(self, nyckel: int, el: Dictionary) -> None:
        nums = self.rot.ParentTree.Nums
        for i in range(0, len(nums), 2):
            if int(nums[i]) == nyckel:
                nums[i + 1] = el
                self.fortackning[nyckel] = el
                return

    def _ledare_som_artefakt(self, el: Dictionary) -> None:
        """A leader (the table of contents' dots): three or more marked runs that draw the same
        glyphs at different places. They are layout, not text."""
        mcid = [int(k) for k in _lista(el.get("/K")) if isinstance(k, int)]
        nr = self._sidnr(el)
        if len(mcid) < 3 or nr is None:
            return
        if nr not in self._block:
            innehall = self.sidans_innehall(nr)
            self._block[nr] = {int(m[1]): m[2] for m in _BLOCK.finditer(innehall)}
        block = self._block[nr]
        ritat = {_PLATS.sub(b"", block.get(m, b"?")).strip() for m in mcid}
        if len(ritat) != 1 or not next(iter(ritat)):
            return
        el.K = Array([k for k in _lista(el.K) if not isinstance(k, int)])
        for m in mcid:
            self.ersatt[nr][m] = LAYOUT
            self.fortackning[nr][m] = None

    # -- 7.5 tables --------------------------------------------------------------------------
    def rubrikceller(self) -> None:
        """``/Scope``: Column in THead and in rows of header cells only, else Row."""
        for el, forfader in self.alla:
            if el.get("/S") != "/TH":
                continue
            rad = forfader[-1] if forfader else None
            sektion = forfader[-2] if len(forfader) > 1 else None
            har_data = rad is not None and any(
                isinstance(k, Dictionary) and k.get("/S") == "/TD" for k in _lista(rad.get("/K"))
            )
            i_huvud = sektion is not None and sektion.get("/S") == "/THead"
            scope = Name.Row if har_data and not i_huvud else Name.Column
            attribut = el.get("/A")
            if not isinstance(attribut, Dictionary):
                attribut = Dictionary(O=Name.Table)
                el.A = attribut
            attribut.Scope = scope

    # -- 7.3 figures -------------------------------------------------------------------------
    def diagram(self, beskrivningar: dict[str, list[str]]) -> None:
        """A chart's Alt: its title and the data description (the SVG's ``<desc>``)."""
        kvar = {titel: list(b) for titel, b in beskrivningar.items()}
        for el, _ in self.alla:
            if el.get("/S") != "/Figure" or "/Alt" not in el:
                continue
            titel = str(el.Alt)
            if kvar.get(titel):
                el.Alt = pikepdf.String(f"{titel.rstrip('.')}. {kvar[titel].pop(0)}")

    # -- tidying -----------------------------------------------------------------------------
    def stada(self) -> None:
        """Text directly in a Link that also has child elements goes into its own Span, so
        that the tree's order is the reading order at every level; elements left empty (a
        leader, a line break) go."""
        for el, _ in list(self.element()):
            kids = _lista(el.get("/K"))
            if el.get("/S") == "/Link" and any(isinstance(k, Dictionary) for k in kids):
                nr = self._sidnr(el)
                if nr is not None and any(isinstance(k, int) for k in kids):
                    el.K = Array([self._span(el, k, nr) if isinstance(k, int) else k for k in kids])
        for el, forfader in reversed(list(self.element())):
            tom = not _lista(el.get("/K")) and "/Alt" not in el and "/ActualText" not in el
            if tom and el.get("/S") in ("/Span", "/NonStruct") and forfader:
                foralder = forfader[-1]
                foralder.K = Array([k for k in _lista(foralder.K) if not _samma(k, el)])

    def _span(self, foralder: Dictionary, mcid: int, nr: int) -> Any:
        span = self.pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem, S=Name.Span, P=foralder, Pg=foralder.Pg, K=Array([mcid])
            )
        )
        self.fortackning[nr][mcid] = span
        return span

    # -- content -----------------------------------------------------------------------------
    def skriv_innehall(self) -> None:
        for nr, ersattning in self.ersatt.items():
            if not ersattning:
                continue

            def byt(traff: re.Match[bytes], ersattning: dict[int, bytes] = ersattning) -> bytes:
                return ersattning.get(int(traff[2]), traff[0])

            ny = _MARKERING.sub(byt, self.sidans_innehall(nr))
            self.sidor[nr].obj.Contents = self.pdf.make_stream(ny)


def _lista(k: Any) -> list[Any]:
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _samma(a: Any, b: Any) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and a.objgen == b.objgen


def _ar_objr(k: Any, annot: Any) -> bool:
    return isinstance(k, Dictionary) and k.get("/Type") == "/OBJR" and k.Obj.objgen == annot.objgen


def _objr(pdf: pikepdf.Pdf, annot: Any, sida: pikepdf.Page) -> Any:
    return pdf.make_indirect(Dictionary(Type=Name.OBJR, Obj=annot, Pg=sida.obj))


def _mal(annot: Any) -> str:
    if "/Dest" in annot:
        return str(annot.Dest)
    handling = annot.get("/A")
    if isinstance(handling, Dictionary) and "/URI" in handling:
        return str(handling.URI)
    return ""


_PDFUA = """<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
"""


def _markera_pdfua(pdf: pikepdf.Pdf) -> None:
    """PDF/A-2a that is also PDF/UA-1: ``pdfuaid:part`` in the XMP, with the extension schema
    PDF/A requires for a property outside its predefined schemas (ISO 19005-2 6.6.2.3)."""
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    if "pdfuaid:part" in xmp:
        return
    xmp = xmp.replace("</rdf:RDF>", _PDFUA + "</rdf:RDF>", 1)
    pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
