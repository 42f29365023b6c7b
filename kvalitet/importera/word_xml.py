"""The XML of a Word file as python-docx loaded it: namespaces, a safe parser for the parts
python-docx leaves as bytes (footnotes, comments, headers), styles and list numbering, and the
tracked changes accepted or rejected in place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}


def q(namn: str) -> str:
    """``w:p`` → ``{ns}p``."""
    prefix, lokal = namn.split(":")
    return f"{{{NS[prefix]}}}{lokal}"


SAKER_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
"""For the parts read here; ``word_fil`` has already refused any part with a DTD."""


def parsa(data: bytes) -> Any:
    return etree.fromstring(data, SAKER_PARSER)


def text_i(el: Any) -> str:
    """All ``w:t`` (and math ``m:t``) text under an element, paragraphs apart by a space."""
    delar: list[str] = []
    for nod in el.iter(q("w:t"), q("m:t"), q("w:p"), q("w:tab")):
        if nod.tag == q("w:p") or nod.tag == q("w:tab"):
            delar.append(" ")
        else:
            delar.append(nod.text or "")
    return re.sub(r"\s+", " ", "".join(delar)).strip()


@dataclass
class Stil:
    namn: str
    niva: int | None
    """Heading level (1…9) or None."""
    num_id: str | None


_RUBRIKSTIL = re.compile(r"^(?:heading|rubrik)\s*(\d)$")


def stilar(styles: Any) -> dict[str, Stil]:
    """styleId → the paragraph style with what it inherits (basedOn)."""
    ratt: dict[str, tuple[str, str | None, int | None, str | None]] = {}
    for s in styles.iter(q("w:style")):
        if s.get(q("w:type")) not in (None, "paragraph"):
            continue
        sid = s.get(q("w:styleId")) or ""
        namn_el = s.find(q("w:name"))
        namn = (namn_el.get(q("w:val")) if namn_el is not None else sid) or sid
        bas = s.find(q("w:basedOn"))
        lvl = s.find(f"{q('w:pPr')}/{q('w:outlineLvl')}")
        num = s.find(f"{q('w:pPr')}/{q('w:numPr')}/{q('w:numId')}")
        ratt[sid] = (
            namn,
            bas.get(q("w:val")) if bas is not None else None,
            int(lvl.get(q("w:val")) or 9) if lvl is not None else None,
            num.get(q("w:val")) if num is not None else None,
        )
    ut: dict[str, Stil] = {}
    for sid, (namn, _, _, _) in ratt.items():
        niva: int | None = None
        num_id: str | None = None
        traff = _RUBRIKSTIL.match(namn.lower())
        if traff:
            niva = int(traff.group(1))
        sett: set[str] = set()
        nu: str | None = sid
        while nu in ratt and nu not in sett:
            sett.add(nu)
            _, bas, lvl, num = ratt[nu]
            if niva is None and lvl is not None and lvl < 9:
                niva = lvl + 1
            num_id = num_id or num
            nu = bas
        ut[sid] = Stil(namn.lower(), niva, num_id)
    return ut


def numrering(numbering: Any | None) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → 'punkt' or 'nummer'."""
    if numbering is None:
        return {}
    abstrakta: dict[str, dict[str, str]] = {}
    for a in numbering.iter(q("w:abstractNum")):
        nivaer = {}
        for lvl in a.iter(q("w:lvl")):
            fmt = lvl.find(q("w:numFmt"))
            val = fmt.get(q("w:val")) if fmt is not None else "bullet"
            nivaer[lvl.get(q("w:ilvl")) or "0"] = "punkt" if val in ("bullet", "none") else "nummer"
        abstrakta[a.get(q("w:abstractNumId")) or ""] = nivaer
    ut: dict[tuple[str, str], str] = {}
    for n in numbering.iter(q("w:num")):
        ref = n.find(q("w:abstractNumId"))
        nivaer = abstrakta.get(ref.get(q("w:val")) if ref is not None else "", {})
        for ilvl, sort in nivaer.items():
            ut[(n.get(q("w:numId")) or "", ilvl)] = sort
    return ut


SPARADE = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")


def rakna_sparade(rot: Any) -> int:
    return sum(1 for _ in rot.iter(*(q(t) for t in SPARADE)))


def _packa_upp(el: Any) -> None:
    foralder = el.getparent()
    if foralder is None:
        return
    index = foralder.index(el)
    for i, barn in enumerate(list(el)):
        foralder.insert(index + i, barn)
    foralder.remove(el)


def tillampa_sparade(rot: Any, godkann: bool) -> None:
    """Accept (``godkann``) or reject every tracked change under ``rot``, in place."""
    behall, bort = (("w:ins", "w:moveTo"), ("w:del", "w:moveFrom"))
    if not godkann:
        behall, bort = bort, behall
    for tr in list(rot.iter(q("w:tr"))):
        trpr = tr.find(q("w:trPr"))
        if trpr is not None and any(trpr.find(q(t)) is not None for t in bort):
            tr.getparent().remove(tr)
    for el in list(rot.iter(*(q(t) for t in bort))):
        if el.getparent() is not None and el.getparent().tag != q("w:trPr"):
            el.getparent().remove(el)
    for el in list(rot.iter(*(q(t) for t in behall))):
        foralder = el.getparent()
        if foralder is not None and foralder.tag in (q("w:rPr"), q("w:trPr")):
            foralder.remove(el)
        else:
            _packa_upp(el)
    for t in list(rot.iter(q("w:delText"))):
        t.tag = q("w:t")
    for namn in (
        "w:rPrChange",
        "w:pPrChange",
        "w:sectPrChange",
        "w:tblPrChange",
        "w:trPrChange",
        "w:tcPrChange",
        "w:numberingChange",
        "w:moveFromRangeStart",
        "w:moveFromRangeEnd",
        "w:moveToRangeStart",
        "w:moveToRangeEnd",
    ):
        for el in list(rot.iter(q(namn))):
            el.getparent().remove(el)


def sparade_i_fotnoter(dok: Any) -> int:
    """Tracked changes in the footnotes part (python-docx leaves it as bytes)."""
    fotnoter = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    for rel in dok.part.rels.values():
        if not rel.is_external and rel.reltype == fotnoter:
            return rakna_sparade(parsa(rel.target_part.blob))
    return 0
