"""Times ``kvalitet importera word`` (issue 29, point 6) on a generated 40-page Word report:
headings in three levels, paragraphs with bold and italics, lists, Flickor/Pojkar/Totalt tables,
images and footnotes, imported into a copy of the example project. Goal: within 5 s.

    python3 bench/word_import.py [--sidor 40]
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from PIL import Image

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from kvalitet.importera.word_kor import importera_word  # noqa: E402
from kvalitet.kalla.projekt import hitta_projekt  # noqa: E402

STYCKE = (
    "Under läsåret har arbetslagen följt upp elevernas kunskapsutveckling varje månad, och "
    "resultaten har diskuterats på arbetsplatsträffar där elevhälsan deltagit. Vi ser att "
    "trygghet och studiero hänger ihop med hur lektionerna inleds och avslutas."
)
RUBRIKER = [
    "Det systematiska kvalitetsarbetet",
    "Resultat",
    "Analys",
    "Elevhälsan",
    "Fritidshemmet",
    "Lokaler och organisation",
]


def rapport(fil: Path, sidor: int) -> None:
    """About one page per round: a heading, six paragraphs (about 300 words), a list, a table, every third an
    image and a footnote-free caption."""
    dok = Document()
    bild = io.BytesIO()
    Image.new("RGB", (600, 300), (40, 90, 160)).save(bild, "PNG")
    for sida in range(sidor):
        if sida % 7 == 0:
            dok.add_heading(RUBRIKER[(sida // 7) % len(RUBRIKER)], 1)
        dok.add_heading(f"Område {sida + 1}", 2)
        for _ in range(6):
            p = dok.add_paragraph(STYCKE + " ")
            p.add_run("Viktigast").bold = True
            p.add_run(" är att ")
            p.add_run("alla vuxna").italic = True
            p.add_run(" gör lika.")
        for punkt in ("Fler vuxna på rasterna.", "Tydligare ordningsregler.", "Mer studiero."):
            dok.add_paragraph(punkt, style="List Bullet")
        tabell = dok.add_table(rows=4, cols=4)
        for i, rad in enumerate(
            [
                ["", "Flickor", "Pojkar", "Totalt"],
                ["Trygga", "86,4 %", "80,1 %", "83,2 %"],
                ["Studiero", "71,0 %", "..", "69,5 %"],
                ["Antal svarande", "44", "51", "95"],
            ]
        ):
            for j, cell in enumerate(rad):
                tabell.cell(i, j).text = cell
        if sida % 3 == 0:
            bild.seek(0)
            dok.add_picture(bild)
            dok.inline_shapes[-1]._inline.docPr.set("descr", f"Diagram för område {sida + 1}")
    dok.save(fil)


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--sidor", type=int, default=40, help="ungefär antal sidor (standard 40)")
    args = tolk.parse_args()
    with tempfile.TemporaryDirectory() as mapp:
        rot = Path(mapp)
        shutil.copytree(ROT / "rapporter", rot / "rapporter")
        fil = rot / "rapport.docx"
        rapport(fil, args.sidor)
        projekt = hitta_projekt(rot)
        tider = []
        for _ in range(3):
            start = time.perf_counter()
            ut = importera_word(projekt, fil, "bench-enheten", skolform="grundskola")
            tider.append(time.perf_counter() - start)
        storlek = fil.stat().st_size // 1024
    print(f"Word-fil: {storlek} kB, {args.sidor} sidor (ungefär)")
    print(
        f"ord: {ut.rapport.ord_i_word} i Word-filen, {ut.rapport.ord_i_enheten} i enheten "
        f"({ut.rapport.andel:.1f} %)".replace(".", ",")
    )
    print(f"fel i den importerade enheten: {sum(p.ar_fel for p in ut.problem)}")
    print(f"import (bästa av 3): {min(tider):.2f} s (mål: inom 5 s)".replace(".", ",", 1))


if __name__ == "__main__":
    main()
