"""The WordprocessingML python-docx has no API for: fields (TOC, PAGE, NUMPAGES), bookmarks,
internal links, list numbering, the language, ``updateFields`` and a table's repeated header."""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

SPRAK = "sv-SE"
TOC_INSTRUKTION = ' TOC \\o "1-3" \\h \\z \\u '
_EFTER_UPDATEFIELDS = {
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}


def _el(tagg: str, **attr: str) -> Any:
    el = OxmlElement(tagg)
    for nyckel, varde in attr.items():
        el.set(qn(nyckel.replace("_", ":", 1)), varde)
    return el


def falt(paragraf: Paragraph, instruktion: str, resultat: str = "") -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) at the end of ``paragraf``, with its result."""
    p = paragraf._p
    for delar in (
        [_el("w:fldChar", w_fldCharType="begin")],
        [_instr(instruktion)],
        [_el("w:fldChar", w_fldCharType="separate")],
        [_text(resultat)],
        [_el("w:fldChar", w_fldCharType="end")],
    ):
        r = _el("w:r")
        for d in delar:
            r.append(d)
        p.append(r)


def _instr(text: str) -> Any:
    el = _el("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


def _text(text: str) -> Any:
    el = _el("w:t")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


def innehallsforteckning(
    forsta: Paragraph, poster: list[tuple[int, str, str]], stilar: dict[int, Any]
) -> Paragraph:
    """A ``TOC`` field already filled in: one paragraph per entry (level, text, bookmark) in the
    style ``TOC n``, each a link to its heading; Word updates it (with page numbers) on opening.
    ``forsta`` is the field's first paragraph; the last one is returned."""
    stycken = [forsta]
    for _ in poster[1:]:
        ny = _el("w:p")
        stycken[-1]._p.addnext(ny)
        stycken.append(Paragraph(ny, forsta._parent))
    if not poster:
        poster = [(1, "Uppdatera fältet för att visa innehållsförteckningen.", "")]
    for stycke, (niva, _, _) in zip(stycken, poster, strict=False):
        stycke._p.style = stilar[niva].style_id
    start = _el("w:r")
    start.append(_el("w:fldChar", w_fldCharType="begin"))
    instr = _el("w:r")
    instr.append(_instr(TOC_INSTRUKTION))
    sep = _el("w:r")
    sep.append(_el("w:fldChar", w_fldCharType="separate"))
    for r in (start, instr, sep):
        forsta._p.append(r)
    for stycke, (_, text, ankare) in zip(stycken, poster, strict=False):
        lank = _el("w:hyperlink", w_anchor=ankare, w_history="1") if ankare else stycke._p
        r = _el("w:r")
        r.append(_text(text))
        lank.append(r)
        if lank is not stycke._p:
            stycke._p.append(lank)
    slut = _el("w:r")
    slut.append(_el("w:fldChar", w_fldCharType="end"))
    stycken[-1]._p.append(slut)
    return stycken[-1]


def bokmarke(paragraf: Paragraph, namn: str, nummer: int) -> None:
    """A bookmark around the paragraph's text, the target of the TOC's and the text's links."""
    start = _el("w:bookmarkStart", w_id=str(nummer), w_name=namn)
    slut = _el("w:bookmarkEnd", w_id=str(nummer))
    ppr = paragraf._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraf._p.insert(0, start)
    paragraf._p.append(slut)


def bokmarkesnamn(ankare: str) -> str:
    """A Word bookmark name for an HTML id: letters, digits and _, at most 40, not a digit first."""
    namn = re.sub(r"[^A-Za-z0-9_]", "_", ankare)[:38]
    return "_" + namn if not namn[:1].isalpha() else namn


def lank(paragraf: Paragraph, href: str) -> Any:
    """A ``w:hyperlink`` at the end of ``paragraf``: to a bookmark (``#id``) or an address."""
    if href.startswith("#"):
        el = _el("w:hyperlink", w_anchor=bokmarkesnamn(href[1:]), w_history="1")
    else:
        rid = paragraf.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        el = _el("w:hyperlink", r_id=rid, w_history="1")
    paragraf._p.append(el)
    return el


def uppdatera_vid_oppning(dokument: Document) -> None:
    """``w:updateFields`` in settings: Word asks to update the fields (the TOC) on opening."""
    installningar = dokument.settings.element
    for gammal in installningar.findall(qn("w:updateFields")):
        installningar.remove(gammal)
    ny = _el("w:updateFields", w_val="true")
    for barn in installningar:
        if isinstance(barn.tag, str) and barn.tag.rsplit("}", 1)[-1] in _EFTER_UPDATEFIELDS:
            barn.addprevious(ny)
            return
    installningar.append(ny)


def satt_sprak(dokument: Document) -> None:
    """sv-SE in the default run properties, the Normal style and the theme's font language."""
    stilar = dokument.styles.element
    standard = stilar.find(qn("w:docDefaults"))
    if standard is None:
        standard = _el("w:docDefaults")
        stilar.insert(0, standard)
    rpr_standard = standard.find(qn("w:rPrDefault"))
    if rpr_standard is None:
        rpr_standard = _el("w:rPrDefault")
        standard.insert(0, rpr_standard)
    rpr = rpr_standard.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        rpr_standard.append(rpr)
    for el in (rpr, dokument.styles["Normal"].element.get_or_add_rPr()):
        for gammal in el.findall(qn("w:lang")):
            el.remove(gammal)
        _lagg_i_ordning(el, _el("w:lang", w_val=SPRAK, w_eastAsia=SPRAK, w_bidi="ar-SA"))
    installningar = dokument.settings.element
    tema = installningar.find(qn("w:themeFontLang"))
    if tema is None:
        tema = _el("w:themeFontLang")
        efter = [
            b for b in installningar if b.tag in (qn("w:clrSchemeMapping"), qn("w:decimalSymbol"))
        ]
        if efter:
            efter[0].addprevious(tema)
        else:
            installningar.append(tema)
    tema.set(qn("w:val"), SPRAK)


_RPR_ORDNING = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
]


def _lagg_i_ordning(rpr: Any, ny: Any) -> None:
    """Put ``w:lang`` where the schema wants it among the run properties."""
    plats = _RPR_ORDNING.index("lang")
    for barn in rpr:
        namn = barn.tag.rsplit("}", 1)[-1] if isinstance(barn.tag, str) else ""
        if namn in _RPR_ORDNING and _RPR_ORDNING.index(namn) > plats:
            barn.addprevious(ny)
            return
    rpr.append(ny)


def upprepa_rubrikrad(rad: Any) -> None:
    """``w:tblHeader`` on a table row: Word repeats it at the top of every page."""
    trpr = rad.get_or_add_trPr()
    trpr.append(_el("w:tblHeader", w_val="true"))
    trpr.append(_el("w:cantSplit", w_val="true"))


def tabellens_namn(tabell: Any, rubrik: str) -> None:
    """The table's title (``w:tblCaption``): Word's alt text for the table."""
    tblpr = tabell.tblPr
    el = _el("w:tblCaption", w_val=rubrik[:255])
    efter = tblpr.find(qn("w:tblDescription"))
    if efter is not None:
        efter.addprevious(el)
    else:
        tblpr.append(el)


class Listor:
    """The document's list numbering: one abstract definition for bullets and one for 1. 2. 3.
    (nine levels each), one ``w:num`` shared by every bulleted list and a new one, restarting
    at 1, for each numbered list."""

    def __init__(self, dokument: Document) -> None:
        self.numrering = dokument.part.numbering_part.element
        abstrakta = self.numrering.findall(qn("w:abstractNum"))
        self._abstrakt = max((int(a.get(qn("w:abstractNumId"))) for a in abstrakta), default=0)
        nummer = self.numrering.findall(qn("w:num"))
        self._num = max((int(n.get(qn("w:numId"))) for n in nummer), default=0)
        self._mallar: dict[bool, int] = {}
        self._punkter: int | None = None

    def _mall(self, numrerad: bool) -> int:
        if numrerad in self._mallar:
            return self._mallar[numrerad]
        self._abstrakt += 1
        abstrakt = _el("w:abstractNum", w_abstractNumId=str(self._abstrakt))
        abstrakt.append(_el("w:multiLevelType", w_val="hybridMultilevel"))
        for niva in range(9):
            lvl = _el("w:lvl", w_ilvl=str(niva))
            lvl.append(_el("w:start", w_val="1"))
            if numrerad:
                lvl.append(
                    _el("w:numFmt", w_val=("decimal", "lowerLetter", "lowerRoman")[niva % 3])
                )
                lvl.append(_el("w:lvlText", w_val=f"%{niva + 1}."))
            else:
                lvl.append(_el("w:numFmt", w_val="bullet"))
                lvl.append(_el("w:lvlText", w_val=("•", "◦", "▪")[niva % 3]))
            lvl.append(_el("w:lvlJc", w_val="left"))
            ppr = _el("w:pPr")
            ppr.append(_el("w:ind", w_left=str(360 * (niva + 1)), w_hanging="360"))
            lvl.append(ppr)
            abstrakt.append(lvl)
        forsta_num = self.numrering.find(qn("w:num"))
        if forsta_num is not None:
            forsta_num.addprevious(abstrakt)
        else:
            self.numrering.append(abstrakt)
        self._mallar[numrerad] = self._abstrakt
        return self._abstrakt

    def ny(self, numrerad: bool, niva: int) -> int:
        """The ``numId`` for a new list whose items are at ``niva``."""
        if not numrerad and self._punkter is not None:
            return self._punkter
        mall = self._mall(numrerad)
        self._num += 1
        num = _el("w:num", w_numId=str(self._num))
        num.append(_el("w:abstractNumId", w_val=str(mall)))
        if numrerad:
            omstart = _el("w:lvlOverride", w_ilvl=str(min(niva, 8)))
            omstart.append(_el("w:startOverride", w_val="1"))
            num.append(omstart)
        else:
            self._punkter = self._num
        self.numrering.append(num)
        return self._num


def i_lista(paragraf: Paragraph, num_id: int, niva: int) -> None:
    """Make ``paragraf`` an item of the list ``num_id`` at ``niva`` (0 the outermost)."""
    ppr = paragraf._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = min(niva, 8)
    numpr.get_or_add_numId().val = num_id


def bildtext(inline: Any, alt: str, titel: str | None = None) -> None:
    """The picture's alt text (``wp:docPr descr``), as Word's accessibility checker reads it."""
    docpr = inline.docPr
    docpr.set("descr", alt)
    if titel:
        docpr.set("title", titel)
