"""A report as a Word file (``kvalitet bygg --format docx``), written with python-docx.

The DOCX is made from the same HTML as the PDF (rendered from the same view, so the content,
numbering, masked values and legends are the same), walked by ``docxhtml``. Like pandoc's
``--reference-doc``, the huvudman's own Word template (``tema.word_mall``) is opened, its body
emptied and filled: its styles, margins, and header (a logo) stay. The document's title and
author, its language (sv-SE), a running header with the page number as in the PDF, and
``updateFields`` (Word updates the table of contents on opening) are set here.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError


@dataclass
class Worddokument:
    """The Word file written, and what went into it (for the build's summary and the tests)."""

    data: bytes
    rubriker: list[tuple[int, str]] = field(default_factory=list)


_STILAR = [
    "Normal",
    "Title",
    "Subtitle",
    "Caption",
    "Quote",
    "List Paragraph",
    "TOC Heading",
    "Table Grid",
    "Header",
    "Footer",
    *(f"Heading {n}" for n in range(1, 10)),
]
_MM = 36000
"""EMU per millimetre."""


@cache
def _stilmall() -> Any:
    """python-docx's default template, read once: only copied from, never changed."""
    import docx

    return docx.Document()


def _kopiera_stil(dokument: Any, mall: Any, namn: str) -> None:
    """Copy the style ``namn`` (with the styles it is based on) from python-docx's default
    template into a reference document that lacks it."""
    from docx.oxml.ns import qn

    if namn in dokument.styles:
        return
    kalla = mall.styles[namn].element
    dokument.styles.element.append(copy.deepcopy(kalla))
    for relation in ("w:basedOn", "w:link", "w:next"):
        el = kalla.find(qn(relation))
        if el is None:
            continue
        stil_id = el.get(qn("w:val"))
        bas = next((s for s in mall.styles if s.style_id == stil_id), None)
        if bas is not None and bas.name not in dokument.styles:
            _kopiera_stil(dokument, mall, bas.name)


def _toc_stil(dokument: Any, niva: int) -> Any:
    """The style ``toc n`` (Word's own name), made when the template has none."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Emu

    namn = f"toc {niva}"
    for stil in dokument.styles:
        if stil.name and stil.name.lower() == namn:
            return stil
    stil = dokument.styles.add_style(namn, WD_STYLE_TYPE.PARAGRAPH)
    stil.base_style = dokument.styles["Normal"]
    stil.paragraph_format.left_indent = Emu((niva - 1) * 4 * _MM)
    stil.paragraph_format.space_after = Emu(0)
    stil.element.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", f"TOC{niva}"
    )
    return stil


def _stilar(dokument: Any) -> dict[str, Any]:
    mall = _stilmall()
    for namn in _STILAR:
        _kopiera_stil(dokument, mall, namn)
    ut = {namn: dokument.styles[namn] for namn in _STILAR}
    ut |= {f"TOC {n}": _toc_stil(dokument, n) for n in (1, 2, 3)}
    return ut


def _tom_kropp(dokument: Any) -> None:
    """Empty the reference document's body, keeping its last section's settings."""
    from docx.oxml.ns import qn

    kropp = dokument.element.body
    for barn in list(kropp):
        if barn.tag != qn("w:sectPr"):
            kropp.remove(barn)


def _oppna(referens: Path | None) -> tuple[Any, bool]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if referens is None:
        return docx.Document(), False
    try:
        return docx.Document(str(referens)), True
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise KvalitetError(
            f"Word-mallen {referens.name} kan inte öppnas som en .docx ({exc.__class__.__name__})",
        ) from exc


def _a4(dokument: Any) -> None:
    """The PDF's page: A4 with its margins (24, 20, 22 and 24 mm)."""
    from docx.shared import Emu

    for sektion in dokument.sections:
        sektion.page_width, sektion.page_height = Emu(210 * _MM), Emu(297 * _MM)
        sektion.top_margin, sektion.right_margin = Emu(24 * _MM), Emu(20 * _MM)
        sektion.bottom_margin, sektion.left_margin = Emu(22 * _MM), Emu(24 * _MM)


@dataclass(frozen=True)
class Sidhuvud:
    """The running header and footer, read from the HTML as the PDF's CSS makes them."""

    text: str | None
    """'Björkbackaskolan, Kvalitetsrapport', before the page number; None: no header."""
    sidfot: str
    utkast: bool


def las_sidhuvud(rot: Any) -> Sidhuvud:
    """The header the PDF's ``@top-right`` shows: ``string(enhet) ", " string(doktyp)`` and
    the page number, with the rapportmall's own text when it has one."""
    from kvalitet.bygg.docxhtml import klasser, ren_text

    css = "\n".join("".join(s.itertext()) for s in rot.iter("style"))
    kropp = rot.find("body")
    kroppsklasser = klasser(kropp) if kropp is not None else set()
    enhet_el = rot.find(".//header//*[@class='enhet']")
    enhet = ren_text(enhet_el) if enhet_el is not None else ""
    doktyp = (re.findall(r'string-set:\s*doktyp\s+"((?:[^"\\]|\\.)*)"', css) or [""])[-1]
    if "huvudmannens-rapport" in kroppsklasser:
        typ_el = rot.find(".//header//*[@class='rapporttyp']")
        doktyp = ren_text(typ_el) if typ_el is not None else doktyp
    innehall = [
        c.strip()
        for c in re.findall(r"@top-right\s*\{\s*content:\s*([^;]*);", css)
        if c.strip() != "none"
    ]
    fot = rot.find(".//footer")
    sidfot = ren_text(fot) if fot is not None else ""
    utkast = "status-utkast" in kroppsklasser
    if "@page { @top-right { content: none; } }" in css or not innehall:
        return Sidhuvud(None, sidfot, utkast)
    med_enhet = "string(enhet)" in innehall[-1]
    text = ", ".join(t for t in (enhet if med_enhet else "", doktyp.replace("\\A", " ")) if t)
    return Sidhuvud(text, sidfot, utkast)


def _sidhuvud_och_sidfot(dokument: Any, sidhuvud: Sidhuvud) -> None:
    """The header with the page number (``PAGE``/``NUMPAGES``) on every page but the cover,
    and the footer; a reference document's own header content (its logo) stays above it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from kvalitet.bygg.docxfalt import falt

    for sektion in dokument.sections:
        sektion.different_first_page_header_footer = True
        huvud = sektion.header
        huvud.is_linked_to_previous = False
        if sidhuvud.utkast:
            huvud.add_paragraph("UTKAST – inte godkänd", style="Header")
        if sidhuvud.text is not None:
            p = _ny_eller_tom(huvud)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(f"{sidhuvud.text} ")
            falt(p, " PAGE ", "1")
            p.add_run("(")
            falt(p, " NUMPAGES ", "1")
            p.add_run(")")
        fot = sektion.footer
        fot.is_linked_to_previous = False
        p = _ny_eller_tom(fot)
        p.add_run(f"{sidhuvud.sidfot} Sida " if sidhuvud.sidfot else "Sida ")
        falt(p, " PAGE ", "1")
        p.add_run(" av ")
        falt(p, " NUMPAGES ", "1")


def _ny_eller_tom(del_: Any) -> Any:
    """The header's only paragraph when it is empty (python-docx's new header has one), else a
    new paragraph after the template's content."""
    stycken = del_.paragraphs
    if len(stycken) == 1 and not stycken[0].text and not stycken[0]._p.xpath(".//w:drawing"):
        stycken[0].style = (
            del_.part.document.styles["Header"] if hasattr(del_.part, "document") else None
        )
        return stycken[0]
    return del_.add_paragraph(style="Header")


def _egenskaper(dokument: Any, rot: Any) -> None:
    """The document's title, author, subject and keywords from the HTML's head; language."""
    from kvalitet.bygg.docxhtml import ren_text

    titel = rot.find(".//title")
    egenskaper = dokument.core_properties
    egenskaper.title = ren_text(titel) if titel is not None else ""
    for meta in rot.iter("meta"):
        namn, innehall = meta.get("name"), meta.get("content") or ""
        if namn == "author":
            egenskaper.author = innehall
        elif namn == "description":
            egenskaper.subject = innehall
        elif namn == "keywords":
            egenskaper.keywords = innehall
    if not egenskaper.author:
        huvudman = rot.find(".//header//*[@class='huvudman']")
        egenskaper.author = ren_text(huvudman) if huvudman is not None else "kvalitet"
    egenskaper.language = "sv-SE"
    egenskaper.last_modified_by = "kvalitet"
    egenskaper.comments = "Skapad av kvalitet ur samma underlag som rapportens PDF."


def skriv_docx(html: str, referens: Path | None = None) -> Worddokument:
    """The report's HTML as a Word file, on ``referens`` (a .docx) when given."""
    from kvalitet.bygg import docxfalt
    from kvalitet.bygg.docxhtml import Skrivare, las_html

    rot = las_html(html)
    dokument, fran_mall = _oppna(referens)
    _tom_kropp(dokument)
    if not fran_mall:
        _a4(dokument)
    stilar = _stilar(dokument)
    docxfalt.satt_sprak(dokument)
    docxfalt.uppdatera_vid_oppning(dokument)
    _egenskaper(dokument, rot)
    _sidhuvud_och_sidfot(dokument, las_sidhuvud(rot))
    sektion = dokument.sections[-1]
    textbredd = int(sektion.page_width - sektion.left_margin - sektion.right_margin)
    skrivare = Skrivare(dokument, stilar, textbredd)
    skrivare.skriv(rot)
    ut = io.BytesIO()
    dokument.save(ut)
    return Worddokument(ut.getvalue(), skrivare.rubriker)
