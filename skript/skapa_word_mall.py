"""Skapar exemplets påhittade Word-mall, rapporter/mallar/alvmora.docx (Älvmora kommun).

Mallen är ett vanligt Word-dokument som en kommunikatör kunde ha gjort: Älvmoras blå rubriker i
Liberation Sans, A4 med kommunens marginaler och logotypen i sidhuvudet. ``kvalitet bygg
--format docx`` öppnar den, tömmer brödtexten och fyller på (som pandocs --reference-doc).

    python3 skript/skapa_word_mall.py [UTFIL]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

ROT = Path(__file__).resolve().parent.parent
BLA = RGBColor(0x1F, 0x4E, 0x79)


def _logotyp() -> bytes:
    from kvalitet.bygg.docxbild import rita_svg

    bild = rita_svg((ROT / "rapporter/bilder/alvmora-logotyp.svg").read_bytes())
    assert bild is not None
    return bild.data


def skapa(ut: Path) -> None:
    dokument = docx.Document()
    for sektion in dokument.sections:
        sektion.page_width, sektion.page_height = Mm(210), Mm(297)
        sektion.top_margin, sektion.bottom_margin = Mm(25), Mm(22)
        sektion.left_margin, sektion.right_margin = Mm(25), Mm(20)
        sektion.header_distance = Mm(10)
        huvud = sektion.header.paragraphs[0]
        huvud.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = huvud.add_run()
        run.add_picture(io.BytesIO(_logotyp()), height=Mm(12))
        inline = run._r.xpath(".//wp:inline")[-1]
        inline.docPr.set("descr", "Älvmora kommuns logotyp")
    stilar = dokument.styles
    normal = stilar["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for niva, storlek in ((1, 16), (2, 13), (3, 11.5), (4, 11), (5, 10.5), (6, 10.5)):
        stil = stilar[f"Heading {niva}"]
        stil.font.name = "Liberation Sans"
        stil.font.size = Pt(storlek)
        stil.font.color.rgb = BLA
        stil.font.bold = True
    stilar["Title"].font.color.rgb = BLA
    stilar["Title"].font.name = "Liberation Sans"
    egenskaper = dokument.core_properties
    egenskaper.title = "Älvmora kommun – mall för kvalitetsrapporter"
    egenskaper.author = "Älvmora kommun, kommunikationsavdelningen"
    dokument.add_paragraph("Mallens brödtext ersätts av rapporten när kvalitet bygger Word-filen.")
    dokument.save(str(ut))


if __name__ == "__main__":
    sys.path.insert(0, str(ROT))
    skapa(Path(sys.argv[1]) if len(sys.argv) > 1 else ROT / "rapporter/mallar/alvmora.docx")
