"""A Word document's body read in order: headings, paragraphs and lists as Markdown (bold,
italics, links, footnotes at their text), tables as cell texts, images with their alt text,
and everything that cannot come along, with where it stood."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kvalitet.importera.word_markdown import markdown, pa
from kvalitet.importera.word_xml import (
    NS,
    numrering,
    parsa,
    q,
    stilar,
    text_i,
    tillampa_sparade,
)

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_URI = "http://schemas.openxmlformats.org/drawingml/2006/"
ORD = re.compile(r"\w+(?:[,.:'’/-]\w+)*")


def rakna_ord(text: str) -> int:
    return len(ORD.findall(text))


@dataclass
class Rubrik:
    niva: int
    text: str


@dataclass
class Stycke:
    text: str
    """Markdown."""
    ren: str
    """The plain text (for matching 'Slutsats:' and captions)."""
    lista: str | None = None
    """'punkt' or 'nummer' for a list item."""
    niva: int = 0
    stil: str = ""


@dataclass
class Tabellelement:
    rader: list[list[str]]


@dataclass
class Bildelement:
    namn: str
    data: bytes
    alt: str | None
    plats: str


@dataclass
class Forlust:
    vad: str
    plats: str
    ord: int = 0


Element = Rubrik | Stycke | Tabellelement | Bildelement


@dataclass
class Lasning:
    element: list[Element] = field(default_factory=list)
    forluster: list[Forlust] = field(default_factory=list)
    gissningar: list[str] = field(default_factory=list)
    ord_i_word: int = 0
    fotnoter: int = 0
    titel: str | None = None


class Lasare:
    """One pass over a python-docx ``Document``."""

    def __init__(self, dok: Any, godkann: bool = True) -> None:
        self.dok = dok
        self.del_ = dok.part
        self.stilar = stilar(dok.styles.element)
        num = None
        fot = None
        self.kommentarer: dict[str, str] = {}
        for rel in self.del_.rels.values():
            if rel.is_external:
                continue
            if rel.reltype == RT + "numbering":
                num = (
                    parsa(rel.target_part.blob)
                    if not hasattr(rel.target_part, "element")
                    else rel.target_part.element
                )
            elif rel.reltype == RT + "footnotes":
                fot = parsa(rel.target_part.blob)
                tillampa_sparade(fot, godkann)
            elif rel.reltype == RT + "comments":
                k = parsa(rel.target_part.blob)
                for c in k.iter(q("w:comment")):
                    self.kommentarer[c.get(q("w:id")) or ""] = (
                        f"{c.get(q('w:author')) or 'okänd'}: '{text_i(c)[:80]}'"
                    )
        self.listor = numrering(num)
        self.fotnoter: dict[str, str] = {}
        if fot is not None:
            for f in fot.iter(q("w:footnote")):
                if f.get(q("w:type")) in (None, "normal"):
                    self.fotnoter[f.get(q("w:id")) or ""] = text_i(f)
        self.ut = Lasning()
        self.plats = "före första rubriken"
        self.falt: list[list[Any]] = []  # [instruction, separated]

    # ------------------------------------------------------------------ the body

    def las(self) -> Lasning:
        self._block(self.dok.element.body)
        return self.ut

    def _forlust(self, vad: str, ord_: int = 0) -> None:
        self.ut.forluster.append(Forlust(vad, self.plats, ord_))
        self.ut.ord_i_word += ord_

    def _block(self, behallare: Any) -> None:
        for el in behallare:
            if el.tag == q("w:p"):
                self._stycke(el)
            elif el.tag == q("w:tbl"):
                self._tabell(el)
            elif el.tag == q("w:sdt"):
                galleri = el.find(f".//{q('w:docPartGallery')}")
                innehall = el.find(q("w:sdtContent"))
                if galleri is not None and "contents" in (galleri.get(q("w:val")) or "").lower():
                    self._forlust("innehållsförteckningen (kvalitet gör en egen)")
                    continue
                if innehall is not None:
                    self._block(innehall)
            elif el.tag in (q("w:customXml"), q("w:smartTag")):
                self._block(el)
            elif el.tag == q("mc:AlternateContent"):
                val = el.find(q("mc:Choice"))
                if val is not None:
                    self._block(val)

    def _i_innehallsforteckning(self) -> bool:
        return any(f[0].strip().upper().startswith("TOC") for f in self.falt)

    def _stycke(self, p: Any) -> None:
        ppr = p.find(q("w:pPr"))
        sid = None
        num_id = ilvl = None
        lvl_el = None
        if ppr is not None:
            ps = ppr.find(q("w:pStyle"))
            sid = ps.get(q("w:val")) if ps is not None else None
            np_ = ppr.find(q("w:numPr"))
            if np_ is not None:
                n, i = np_.find(q("w:numId")), np_.find(q("w:ilvl"))
                num_id = n.get(q("w:val")) if n is not None else None
                ilvl = i.get(q("w:val")) if i is not None else "0"
            lvl_el = ppr.find(q("w:outlineLvl"))
        stil = self.stilar.get(sid or "Normal") or self.stilar.get("Normal")
        stilnamn = stil.namn if stil else ""
        i_toc = self._i_innehallsforteckning() or stilnamn.startswith(("toc ", "toc heading"))
        bitar: list[tuple[str, bool, bool, str | None]] = []
        self._inline(p, bitar, False, False, None)
        if i_toc or self._i_innehallsforteckning():
            return
        ren = re.sub(r"\s+", " ", "".join(b[0] for b in bitar)).strip()
        if not ren:
            return
        niva = stil.niva if stil else None
        if lvl_el is not None and (lvl_el.get(q("w:val")) or "9").isdigit():
            lvl = int(lvl_el.get(q("w:val")) or 9)
            niva = lvl + 1 if lvl < 9 else niva
        self.ut.ord_i_word += rakna_ord(ren)
        if stilnamn == "title" and self.ut.titel is None:
            self.ut.titel = ren
        if stilnamn in ("title", "subtitle"):
            self._forlust(
                f"dokumentets {'titel' if stilnamn == 'title' else 'undertitel'} "
                f"'{ren[:60]}' (kvalitet skriver omslaget själv)"
            )
            return
        if niva is not None and niva <= 9:
            self.plats = f"under rubriken '{ren[:60]}'"
            self.ut.element.append(Rubrik(niva, ren))
            return
        if num_id is None and stil is not None and stil.num_id is not None:
            num_id, ilvl = stil.num_id, "0"
        lista = None
        if num_id is not None and num_id != "0":
            lista = self.listor.get((num_id, ilvl or "0")) or (
                "nummer" if "number" in stilnamn else "punkt"
            )
        elif stilnamn.startswith("list bullet"):
            lista = "punkt"
        elif stilnamn.startswith("list number"):
            lista = "nummer"
        self.ut.element.append(
            Stycke(markdown(bitar).strip(), ren, lista, int(ilvl or 0), stilnamn)
        )

    # ------------------------------------------------------------------ inside a paragraph

    def _inline(
        self,
        el: Any,
        bitar: list[tuple[str, bool, bool, str | None]],
        fet: bool,
        kursiv: bool,
        lank: str | None,
    ) -> None:
        for barn in el:
            tag = barn.tag
            if tag == q("w:r"):
                rpr = barn.find(q("w:rPr"))
                self._kor(barn, bitar, pa(rpr, "w:b") or fet, pa(rpr, "w:i") or kursiv, lank)
            elif tag == q("w:hyperlink"):
                rid = barn.get(q("r:id"))
                url = None
                if rid and rid in self.del_.rels and self.del_.rels[rid].is_external:
                    url = self.del_.rels[rid].target_ref
                self._inline(
                    barn,
                    bitar,
                    fet,
                    kursiv,
                    url if url and re.match(r"^(https?:|mailto:)", url) else lank,
                )
            elif tag == q("w:fldSimple"):
                instr = (barn.get(q("w:instr")) or "").strip()
                self._falt_forlust(instr)
                if not instr.upper().startswith("TOC"):
                    self._inline(barn, bitar, fet, kursiv, lank)
            elif tag in (
                q("w:smartTag"),
                q("w:customXml"),
                q("w:sdt"),
                q("w:sdtContent"),
                q("w:bdo"),
                q("w:dir"),
                q("w:ins"),
                q("w:moveTo"),
            ):
                self._inline(barn, bitar, fet, kursiv, lank)
            elif tag == q("mc:AlternateContent"):
                val = barn.find(q("mc:Choice"))
                if val is not None:
                    self._inline(val, bitar, fet, kursiv, lank)
            elif tag == q("w:commentRangeStart"):
                kid = barn.get(q("w:id")) or ""
                self._forlust(f"kommentar {self.kommentarer.get(kid, '')}".rstrip())
            elif tag in (q("m:oMath"), q("m:oMathPara")):
                text = text_i(barn)
                self._forlust(f"formel '{text[:40]}'", rakna_ord(text))

    def _falt_forlust(self, instr: str) -> None:
        typ = (instr.split() or ["?"])[0].upper()
        if typ in ("HYPERLINK", "PAGEREF", "REF", "NOTEREF"):
            return  # their result is the text, and that comes along
        if typ == "TOC":
            self._forlust("innehållsförteckningen (kvalitet gör en egen)")
        else:
            self._forlust(f"fältet {typ} (resultatet följde med som text)")

    def _kor(
        self,
        r: Any,
        bitar: list[tuple[str, bool, bool, str | None]],
        fet: bool,
        kursiv: bool,
        lank: str | None,
    ) -> None:
        for barn in r:
            tag = barn.tag
            if tag == q("w:fldChar"):
                sort = barn.get(q("w:fldCharType"))
                if sort == "begin":
                    self.falt.append(["", False])
                elif sort == "separate" and self.falt:
                    self.falt[-1][1] = True
                    self._falt_forlust(self.falt[-1][0])
                elif sort == "end" and self.falt:
                    self.falt.pop()
                continue
            if tag == q("w:instrText"):
                if self.falt:
                    self.falt[-1][0] += barn.text or ""
                continue
            if self.falt and not self.falt[-1][1]:
                continue  # inside a field's instruction
            if tag == q("w:t"):
                bitar.append((barn.text or "", fet, kursiv, lank))
            elif tag in (q("w:tab"), q("w:noBreakHyphen")):
                bitar.append((" " if tag == q("w:tab") else "-", fet, kursiv, lank))
            elif tag in (q("w:br"), q("w:cr")) and barn.get(q("w:type")) not in ("page", "column"):
                bitar.append(("  \n", False, False, None))
            elif tag == q("w:footnoteReference") or tag == q("w:endnoteReference"):
                text = self.fotnoter.get(barn.get(q("w:id")) or "", "")
                if text:
                    self.ut.fotnoter += 1
                    self.ut.ord_i_word -= 1  # the word 'fotnot' is kvalitet's, not the file's
                    bitar.append((f" (fotnot: {text})", False, False, None))
                elif tag == q("w:endnoteReference"):
                    self._forlust("en slutnot")
            elif tag == q("w:drawing"):
                self._ritning(barn)
            elif tag == q("w:pict"):
                self._vml(barn)
            elif tag == q("w:object"):
                self._forlust("ett inbäddat objekt (OLE, t.ex. ett Excel-blad)")
            elif tag == q("mc:AlternateContent"):
                val = barn.find(q("mc:Choice"))
                if val is not None:
                    self._kor(val, bitar, fet, kursiv, lank)

    def _ritning(self, ritning: Any) -> None:
        docpr = ritning.find(f".//{q('wp:docPr')}")
        alt = None
        if docpr is not None:
            alt = (docpr.get("descr") or docpr.get("title") or "").strip() or None
        data = ritning.find(f".//{q('a:graphicData')}")
        uri = data.get("uri") if data is not None else ""
        text = " ".join(text_i(t) for t in ritning.iter(q("w:txbxContent")))
        if uri == _URI + "picture":
            blip = ritning.find(f".//{q('a:blip')}")
            rid = blip.get(q("r:embed")) if blip is not None else None
            lank = blip.get(q("r:link")) if blip is not None else None
            if rid and rid in self.del_.rels and not self.del_.rels[rid].is_external:
                mal = self.del_.rels[rid].target_part
                self.ut.element.append(Bildelement(str(mal.partname), mal.blob, alt, self.plats))
            elif lank and lank in self.del_.rels:
                self._forlust(
                    f"en länkad bild ({self.del_.rels[lank].target_ref}); kvalitet hämtar aldrig "
                    "något från nätet"
                )
            return
        if uri == _URI + "chart":
            self._forlust(
                f"ett Word-diagram{f' ({alt})' if alt else ''}; lägg det som tabell "
                "med 'diagram: stapel' eller som bild"
            )
        elif uri == _URI + "diagram":
            self._forlust(f"SmartArt{f' ({alt})' if alt else ''}")
        elif text:
            self._forlust(f"en textruta: '{text[:60]}'", rakna_ord(text))
        else:
            self._forlust("en figur eller ett inbäddat objekt")

    def _vml(self, pict: Any) -> None:
        text = " ".join(text_i(t) for t in pict.iter(q("w:txbxContent")))
        if text:
            self._forlust(f"en textruta: '{text[:60]}'", rakna_ord(text))
        else:
            self._forlust("en äldre VML-figur eller bild")

    # ------------------------------------------------------------------ tables

    def _tabell(self, tbl: Any) -> None:
        rader: list[list[str]] = []
        for tr in tbl.iter(q("w:tr")):
            if tr.getparent() is not tbl:
                continue
            rad: list[str] = []
            for tc in tr.findall(q("w:tc")):
                tcpr = tc.find(q("w:tcPr"))
                span = 1
                if tcpr is not None:
                    gs = tcpr.find(q("w:gridSpan"))
                    span = int(gs.get(q("w:val")) or 1) if gs is not None else 1
                    if tc.find(f".//{q('w:drawing')}") is not None:
                        self._forlust("en bild i en tabellcell")
                text = text_i(tc)
                self.ut.ord_i_word += rakna_ord(text)
                rad.append(text)
                rad.extend("" for _ in range(span - 1))
            rader.append(rad)
        if rader:
            self.ut.element.append(Tabellelement(rader))


def las_dokument(dok: Any, godkann: bool = True) -> Lasning:
    """The body in order; tracked changes in the footnotes accepted (or rejected)."""
    return Lasare(dok, godkann).las()


__all__ = ["NS", "Bildelement", "Forlust", "Lasning", "Rubrik", "Stycke", "Tabellelement"]
