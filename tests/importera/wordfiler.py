"""Word files as a rektor writes them, made with python-docx for the import tests: headings,
a Slutsats list, a Flickor/Pojkar/Totalt table, an image with alt text, a footnote, a text box,
and the XML python-docx has no API for (footnotes, text boxes, tracked changes)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Inches
from PIL import Image

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WPS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
TEXTRUTA = "Glöm inte att fira skolans 50-årsjubileum i maj"
FOTNOT = "Källa: Skolverkets statistik, hämtad 2025-10-01."


def png(bredd: int = 40, hojd: int = 30) -> io.BytesIO:
    ut = io.BytesIO()
    Image.new("RGB", (bredd, hojd), (200, 40, 40)).save(ut, "PNG")
    ut.seek(0)
    return ut


def fotnot(dok, stycke, text: str) -> None:  # type: ignore[no-untyped-def]
    """A footnote with ``text`` at the end of ``stycke`` (python-docx has no footnote API)."""
    del_ = dok.part
    xml = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f'</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p>'
        f'<w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p>'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    fot = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        del_.package,
    )
    del_.relate_to(fot, RT.FOOTNOTES)
    stycke._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))


def textruta(stycke, text: str) -> None:  # type: ignore[no-untyped-def]
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, VML in mc:Fallback."""
    stycke._p.append(
        parse_xml(
            f'<w:r {W} {WPS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="1828800" cy="914400"/><wp:wrapSquare wrapText="bothSides"/>'
            '<wp:docPr id="99" name="Textruta 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
            "</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
            "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
            f"<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )


def lank(dok, stycke, text: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """A hyperlink as Word writes it (python-docx has no API for one)."""
    rid = dok.part.relate_to(url, RT.HYPERLINK, is_external=True)
    stycke._p.append(
        parse_xml(
            f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
            f"<w:t>{text}</w:t></w:r></w:hyperlink>"
        )
    )


def rektorns_rapport(
    fil: Path, alt: str | None = "Stapeldiagram över behörigheten 2023–2025"
) -> Path:
    """Last year's report: title, matched and own headings, bold, italics, a link, lists, a
    Slutsats heading and a 'Slutsatser:' list, the group table, an image, a footnote, a text
    box, a comment and a page header."""
    dok = Document()
    dok.sections[0].header.paragraphs[0].text = "Björkbackaskolan – Kvalitetsrapport 2024/25"
    dok.add_paragraph("Kvalitetsrapport 2024/25", style="Title")
    dok.add_heading("Om enheten", 1)
    dok.add_paragraph("Björkbackaskolan är en F–9-skola med 420 elever och 58 medarbetare.")
    dok.add_heading("1 Det systematiska kvalitetsarbetet", 1)
    p = dok.add_paragraph("Vi har under året arbetat ")
    p.add_run("särskilt").bold = True
    p.add_run(" med ")
    p.add_run("trygghet och studiero").italic = True
    p.add_run(".")
    kommenterad = dok.add_paragraph("Arbetslagen träffas varje vecka för att följa upp resultaten.")
    dok.add_comment(kommenterad.runs, text="Stämmer det för alla arbetslag?", author="Maria")
    dok.add_paragraph("Elevrådet har deltagit i analysen.", style="List Bullet")
    dok.add_paragraph("Vårdnadshavare har svarat på en enkät.", style="List Bullet")
    dok.add_heading("2 Resultat", 1)
    dok.add_heading("2.1 Objektiva resultat", 2)
    kalla = dok.add_paragraph("Siffrorna kommer från ")
    lank(dok, kalla, "Skolverkets statistik", "https://www.skolverket.se/statistik")
    kalla.add_run(" (betyg A–E*).")
    fot = dok.add_paragraph("Behörigheten till yrkesprogram ökade jämfört med förra året.")
    fotnot(dok, fot, FOTNOT)
    tabell = dok.add_table(rows=4, cols=4)
    for i, rad in enumerate(
        [
            ["Årskurs 9", "Flickor", "Pojkar", "Totalt"],
            ["Behöriga till yrkesprogram", "86,4 %", "80,1 %", "83,0 %"],
            ["Meritvärde (andel över 230)", "..", "*", "41,2 %"],
            ["Antal elever", "22", "25", "47"],
        ]
    ):
        for j, cell in enumerate(rad):
            tabell.cell(i, j).text = cell
    dok.add_picture(png(), width=Inches(1.5))
    if alt is not None:
        dok.inline_shapes[-1]._inline.docPr.set("descr", alt)
    dok.add_heading("3 Analys", 1)
    analys = dok.add_paragraph("Resultaten hänger ihop med hur trygga eleverna känner sig.")
    textruta(analys, TEXTRUTA)
    dok.add_paragraph("Slutsatser:")
    dok.add_paragraph("Fler vuxna behövs på rasterna.", style="List Bullet")
    dok.add_paragraph("Ordningsreglerna ska bli tydligare.", style="List Bullet")
    dok.add_heading("Fritidshemmet", 1)
    dok.add_paragraph("Fritidshemmet har fått nya lokaler under våren.")
    dok.add_heading("Slutsats", 2)
    dok.add_paragraph("Lokalerna ger bättre förutsättningar.", style="List Number")
    dok.save(fil)
    return fil
