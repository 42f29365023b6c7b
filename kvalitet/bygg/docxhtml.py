"""The report's HTML (rendered from the same view as the PDF) walked into Word paragraphs.

Headings become Heading 1…9 with the report's numbers in their text (``h2`` is Heading 1: the
cover's ``h1`` is the Title), the table of contents a filled-in TOC field, lists real Word
lists, tables Word tables (``docxtabell``), charts and images PNG pictures with their text
alternative. Nothing becomes an empty paragraph: spacing is the styles'.
"""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.shared import Emu
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html

from kvalitet.bygg import docxfalt
from kvalitet.bygg.docxbild import SKALA, fran_data_url, rita_svg
from kvalitet.bygg.docxtext import (
    HOPPA,
    INLINE,
    Bit,
    Format,
    ar_dold,
    bitar,
    normalisera,
    ren_text,
    skriv_runs,
)

_RUBRIK = re.compile(r"^h([1-6])$")
PIXEL = 9525
"""EMU per CSS pixel (96 per inch)."""


class Mal:
    """Where paragraphs go: the document's body, or a table cell (its first paragraph reused)."""

    def __init__(self, behallare: Any) -> None:
        self.behallare = behallare
        self.reserv: Paragraph | None = (
            behallare.paragraphs[0] if hasattr(behallare, "_tc") else None
        )

    def paragraf(self, stil: Any = None) -> Paragraph:
        if self.reserv is not None:
            p, self.reserv = self.reserv, None
        else:
            p = self.behallare.add_paragraph()
        if stil is not None:
            # the style's id directly: python-docx's p.style looks up the default style each time
            p._p.style = stil.style_id
        return p


def klasser(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def rubrikniva(el: Any) -> int | None:
    """The HTML heading level (``h3`` 3, ``role="heading" aria-level="7"`` 7), else None."""
    if not isinstance(el.tag, str):
        return None
    if el.get("role") == "heading" and (el.get("aria-level") or "").isdigit():
        return int(el.get("aria-level"))
    traff = _RUBRIK.match(el.tag)
    return int(traff.group(1)) if traff else None


class Skrivare:
    """Walks one HTML document into ``dokument``'s body."""

    def __init__(self, dokument: Document, stilar: dict[str, Any], textbredd: int) -> None:
        self.dokument = dokument
        self.stilar = stilar
        self.textbredd = textbredd
        self.bokmarken = 0
        self.listor = docxfalt.Listor(dokument)
        self.ny_sida = False
        self.rubriker: list[tuple[int, str]] = []
        """Every heading written, as (Word level, text): for the tests and the bench."""

    # --- blocks ---------------------------------------------------------------------------
    def skriv(self, rot: Any) -> None:
        kropp = rot.find("body")
        self.block(kropp if kropp is not None else rot, Mal(self.dokument))

    def block(self, el: Any, mal: Mal) -> None:
        """Write the children of ``el``: loose inline content gathered into paragraphs."""
        vantande: list[Any] = []
        if el.text and el.text.strip():
            vantande.append(el.text)
        for barn in el:
            if not isinstance(barn.tag, str):
                if barn.tail:
                    vantande.append(barn.tail)
                continue
            if barn.tag in INLINE and (barn.tag != "br" or vantande):
                vantande.append(barn)
                if barn.tail:
                    vantande.append(barn.tail)
                continue
            self._stycke(vantande, mal)
            vantande = []
            self.element(barn, mal)
            if barn.tail and barn.tail.strip():
                vantande.append(barn.tail)
        self._stycke(vantande, mal)

    def element(self, el: Any, mal: Mal) -> None:
        tagg = el.tag
        if tagg in HOPPA or ar_dold(el):
            return
        niva = rubrikniva(el)
        if niva is not None:
            self.rubrik(el, niva, mal)
        elif tagg == "nav" and "innehall" in klasser(el):
            self.innehall(el, mal)
        elif tagg == "p":
            stil = None
            if klasser(el) & {"lista-rubrik", "slutsats-rubrik"}:
                p = self.stycke(el, mal)
                if p is not None:
                    p.paragraph_format.keep_with_next = True
                    for r in p.runs:
                        r.bold = True
                return
            self.stycke(el, mal, stil)
        elif tagg in ("ul", "ol"):
            self.lista(el, mal, 0)
        elif tagg == "table":
            from kvalitet.bygg.docxtabell import skriv_tabell

            skriv_tabell(self, el, mal)
        elif tagg == "dl":
            self.definitioner(el, mal)
        elif tagg in ("figure",):
            self.figur(el, mal)
        elif tagg in ("svg", "img"):
            self.bild(el, mal, None)
        elif tagg == "blockquote":
            for p in self._stycken_i(el, mal):
                p._p.style = self.stilar["Quote"].style_id
        elif tagg == "pre":
            p = mal.paragraf()
            skriv_runs(p, [Bit(ren_text(el), Format(kod=True))])
        elif tagg == "hr":
            return
        else:
            self.block(el, mal)

    def _stycken_i(self, el: Any, mal: Mal) -> list[Paragraph]:
        fore = len(self.dokument.paragraphs)
        self.block(el, mal)
        return self.dokument.paragraphs[fore:]

    def _stycke(self, delar: list[Any], mal: Mal) -> Paragraph | None:
        ut: list[Bit] = []
        for d in delar:
            if isinstance(d, str):
                ut.append(Bit(d, Format()))
            else:
                ut.extend(bitar(d, Format()))
        return self._skriv_bitar(ut, mal)

    def stycke(self, el: Any, mal: Mal, stil: Any = None) -> Paragraph | None:
        """One paragraph of ``el``'s inline content; None when it has no text."""
        if any(isinstance(b.tag, str) and b.tag not in INLINE for b in el):
            self.block(el, mal)
            return None
        return self._skriv_bitar(bitar(el, Format()), mal, stil)

    def _skriv_bitar(self, delar: list[Bit], mal: Mal, stil: Any = None) -> Paragraph | None:
        delar = normalisera(delar)
        if not delar:
            return None
        p = mal.paragraf(stil)
        self._borja(p)
        skriv_runs(p, delar)
        return p

    def _borja(self, p: Paragraph) -> None:
        if self.ny_sida:
            p.paragraph_format.page_break_before = True
            self.ny_sida = False

    def rubrik(self, el: Any, html_niva: int, mal: Mal) -> None:
        text = ren_text(el)
        if not text:
            return
        if html_niva == 1:
            self.titel(el, mal)
            return
        niva = min(9, max(1, html_niva - 1))
        p = mal.paragraf(self.stilar[f"Heading {niva}"])
        self._borja(p)
        skriv_runs(p, normalisera(bitar(el, Format())))
        if el.get("id"):
            self.bokmarken += 1
            docxfalt.bokmarke(p, docxfalt.bokmarkesnamn(el.get("id")), self.bokmarken)
        self.rubriker.append((niva, text))

    def titel(self, el: Any, mal: Mal) -> None:
        """The cover's ``h1``: its first span the Title, the others Subtitle lines."""
        delar = [b for b in el if isinstance(b.tag, str) and b.tag == "span"] or [el]
        for i, d in enumerate(delar):
            text = ren_text(d)
            if text:
                mal.paragraf(self.stilar["Title" if i == 0 else "Subtitle"]).add_run(text)

    def innehall(self, el: Any, mal: Mal) -> None:
        """The HTML's table of contents as a TOC field, filled in with the same entries."""
        poster: list[tuple[int, str, str]] = []
        for li in el.iter("li"):
            niva = next((int(k[5:]) for k in klasser(li) if re.fullmatch(r"niva-\d", k)), 1)
            a = li.find(".//a")
            href = a.get("href", "") if a is not None else ""
            ankare = docxfalt.bokmarkesnamn(href[1:]) if href.startswith("#") else ""
            poster.append((min(niva, 3), ren_text(li), ankare))
        rubrik = el.find(".//h2")
        p = mal.paragraf(self.stilar["TOC Heading"])
        p.paragraph_format.page_break_before = True
        p.add_run(ren_text(rubrik) if rubrik is not None else "Innehåll")
        forsta = mal.paragraf()
        sista = docxfalt.innehallsforteckning(
            forsta, poster, {n: self.stilar[f"TOC {n}"] for n in (1, 2, 3)}
        )
        del sista
        self.ny_sida = True

    def lista(self, el: Any, mal: Mal, niva: int) -> None:
        num_id = self.listor.ny(el.tag == "ol", niva)
        for li in el:
            if not isinstance(li.tag, str) or li.tag != "li":
                continue
            inline: list[Bit] = [Bit(li.text or "", Format())]
            efter: list[Any] = []
            for barn in li:
                if not isinstance(barn.tag, str):
                    continue
                if (barn.tag in INLINE and not efter) or (
                    barn.tag == "p" and not efter and not normalisera(inline)
                ):
                    inline.extend(bitar(barn, Format()))
                    if barn.tail:
                        inline.append(Bit(barn.tail, Format()))
                else:
                    efter.append(barn)
            p = self._skriv_bitar(inline, mal, self.stilar["List Paragraph"])
            if p is not None:
                docxfalt.i_lista(p, num_id, niva)
            for barn in efter:
                if barn.tag in ("ul", "ol"):
                    self.lista(barn, mal, niva + 1)
                else:
                    self.element(barn, mal)

    def definitioner(self, el: Any, mal: Mal) -> None:
        """``dt``/``dd`` pairs: 'term: value' in one paragraph, or the term over its blocks."""
        term: Any = None
        for barn in el:
            if not isinstance(barn.tag, str):
                continue
            if barn.tag == "dt":
                term = barn
            elif barn.tag == "dd":
                block = any(isinstance(b.tag, str) and b.tag not in INLINE for b in barn)
                termen = bitar(term, Format(fet=True)) if term is not None else []
                if block:
                    p = self._skriv_bitar(termen, mal)
                    if p is not None:
                        p.paragraph_format.keep_with_next = True
                    self.block(barn, mal)
                else:
                    skiljetecken = [
                        Bit(": " if klasser(el) != {"teckenforklaring"} else " ", Format())
                    ]
                    varde = bitar(barn, Format())
                    self._skriv_bitar([*termen, *skiljetecken, *varde] if termen else varde, mal)
                term = None
            else:
                self.element(barn, mal)

    def figur(self, el: Any, mal: Mal) -> None:
        bildtext = el.find("figcaption")
        for barn in el:
            if not isinstance(barn.tag, str) or barn is bildtext:
                continue
            if barn.tag in ("svg", "img"):
                self.bild(barn, mal, ren_text(bildtext) if bildtext is not None else None)
            else:
                self.element(barn, mal)
        if bildtext is not None:
            self.stycke(bildtext, mal, self.stilar["Caption"])

    def bild(self, el: Any, mal: Mal, bildtext: str | None) -> None:
        """A chart or image as a PNG picture, its text alternative as the alt text."""
        if el.tag == "svg":
            bild = rita_svg(_som_svg(el))
            titel = el.find(".//title")
            desc = el.find(".//desc")
            alt = " ".join(
                t
                for t in (
                    ren_text(titel) if titel is not None else "",
                    ren_text(desc) if desc is not None else "",
                )
                if t
            )
            bredd_px = float(el.get("width") or (bild.bredd / SKALA if bild else 300))
        else:
            bild = fran_data_url(el.get("src", ""))
            alt = el.get("alt") or ""
            bredd_px = float(
                bild.bredd / SKALA
                if bild and "svg" in el.get("src", "")[:30]
                else bild.bredd
                if bild
                else 0
            )
        if bild is None:
            if alt or bildtext:
                self._skriv_bitar([Bit(f"[Bild: {alt or bildtext}]", Format(kursiv=True))], mal)
            return
        bredd = min(int(bredd_px * PIXEL), self.textbredd)
        if "logotyp" in klasser(el):
            bredd = min(bredd, int(56 * PIXEL * bild.bredd / max(bild.hojd, 1)))
        hojd = int(bredd * bild.hojd / max(bild.bredd, 1))
        import io

        p = mal.paragraf()
        self._borja(p)
        run = p.add_run()
        run.add_picture(io.BytesIO(bild.data), width=Emu(bredd), height=Emu(hojd))
        inline = run._r.findall(
            ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"
        )[-1]
        docxfalt.bildtext(inline, alt or bildtext or "", bildtext)
        if bildtext:
            p.paragraph_format.keep_with_next = True


def _som_svg(el: Any) -> bytes:
    """An inline ``<svg>`` of the HTML as an SVG document (the HTML parser drops namespaces)."""
    text = lxml_html.tostring(el, encoding="unicode", method="xml")
    if "xmlns=" not in text[:200]:
        text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return text.encode("utf-8")


def las_html(html: str) -> Any:
    """The HTML document as an lxml tree (no network, no entities)."""
    return lxml_html.document_fromstring(html)
