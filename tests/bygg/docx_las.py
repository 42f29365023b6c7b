"""Reading a built Word file back for the tests: paragraphs, headings, fields, tables, pictures."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree, html

DOKUMENT = {
    "bjorkbackaskolan": "Björkbackaskolan, Kvalitetsrapport",
    "forskolan-lingonet": "Förskolan Lingonet, Kvalitetsrapport",
    "alvmora-gymnasium": "Älvmora gymnasium, Kvalitetsrapport",
    "resurscentrum": "Resurscentrum, Kvalitetsrapport",
    "sammanstallning": "Älvmora kommun, Sammanställning",
    "huvudmannens-rapport": "Älvmora kommun, Huvudmannens kvalitetsrapport 2025/26",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@dataclass
class Lasning:
    dokument: docx.document.Document
    xml: dict[str, etree._Element]

    @property
    def kropp(self) -> etree._Element:
        return self.dokument.element.body


def las(fil: Path) -> Lasning:
    with zipfile.ZipFile(fil) as arkiv:
        xml = {
            n: etree.fromstring(arkiv.read(n))
            for n in arkiv.namelist()
            if n.endswith(".xml") and n.startswith("word/")
        }
    return Lasning(docx.Document(str(fil)), xml)


def text(el: etree._Element) -> str:
    """The text of ``el``; a line break (``w:br``) or tab reads as a space."""
    return "".join(
        (t.text or "") if t.tag == f"{W}t" else " " for t in el.iter(f"{W}t", f"{W}br", f"{W}tab")
    )


def rubriker(lasning: Lasning) -> list[tuple[int, str]]:
    """The headings in order: (level, text), by the paragraph's style Heading n."""
    ut = []
    for p in lasning.dokument.paragraphs:
        namn = p.style.name if p.style is not None else ""
        if traff := re.fullmatch(r"Heading (\d)", namn):
            ut.append((int(traff.group(1)), p.text))
    return ut


def faltinstruktioner(el: etree._Element) -> list[str]:
    return [" ".join((i.text or "").split()) for i in el.iter(f"{W}instrText")]


def toc_poster(lasning: Lasning) -> list[str]:
    """The TOC field's result as exported: the text of each paragraph in a 'toc n' style."""
    return [
        p.text
        for p in lasning.dokument.paragraphs
        if p.style is not None
        and p.style.name.lower().startswith("toc ")
        and p.style.name.lower() != "toc heading"
    ]


def tabellceller(el: etree._Element) -> list[list[str]]:
    """Each Word table's cell texts, without whitespace (a line break in a cell is a space in
    the HTML's text and nothing in the XML's)."""
    return [["".join(text(tc).split()) for tc in tbl.iter(f"{W}tc")] for tbl in el.iter(f"{W}tbl")]


def html_tabellceller(html_text: str) -> list[list[str]]:
    """Each HTML table's cell texts in the same order (spanned cells counted once)."""
    rot = html.document_fromstring(html_text)
    return [
        ["".join("".join(c.itertext()).split()) for c in t.iter("td", "th")]
        for t in rot.iter("table")
    ]


def bilder(lasning: Lasning) -> list[etree._Element]:
    """Every picture (``wp:inline`` or ``wp:anchor``) in the body, headers and footers."""
    return [
        el
        for namn, rot in lasning.xml.items()
        if namn == "word/document.xml" or re.match(r"word/(header|footer)\d*\.xml", namn)
        for el in rot.iter(f"{WP}inline", f"{WP}anchor")
    ]


def sprak(lasning: Lasning) -> set[str]:
    stilar = lasning.xml["word/styles.xml"]
    return {lang.get(qn("w:val")) for lang in stilar.iter(f"{W}lang") if lang.get(qn("w:val"))}
