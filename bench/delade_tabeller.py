"""What it costs to make a table split over pages one table in the PDF's tag tree.

    python3 bench/delade_tabeller.py [--rader 300 1000]

For a document with one table of N rows (split over many pages) prints the pages, WeasyPrint's
own time (layout and PDF), the time of ``tabellfragment`` (reading the layout) and of the whole
mending afterwards (``efterbehandla``) with and without joining the tables.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CSS = (Path(__file__).resolve().parent.parent / "mallar" / "stil" / "rapport.css").read_text(
    encoding="utf-8"
)


def dokument(rader: int) -> str:
    kropp = "".join(
        f'<tr><th scope="row">Rad {i}</th><td>{i % 97},5 %</td><td>{i % 89} %</td></tr>'
        for i in range(rader)
    )
    return (
        f'<!DOCTYPE html><html lang="sv"><head><title>Mätning</title><style>{CSS}</style></head>'
        '<body><main><h2>Tabell</h2><div class="tabell-ram"><table class="resultat">'
        "<caption>En lång tabell</caption>"
        '<thead data-forts="En lång tabell (forts.)"><tr><th scope="col">Rad</th>'
        '<th scope="col">A</th><th scope="col">B</th></tr></thead>'
        f"<tbody>{kropp}</tbody></table></div></main></body></html>"
    )


def mat(rader: int) -> None:
    from weasyprint import HTML

    from kvalitet.bygg.pdf import PDF_VARIANT
    from kvalitet.bygg.pdfstruktur import efterbehandla
    from kvalitet.bygg.pdftabeller import tabellfragment

    html = dokument(rader)
    with tempfile.TemporaryDirectory() as mapp:
        start = time.perf_counter()
        doc = HTML(string=html, base_url=mapp + "/").render()
        data = doc.write_pdf(pdf_variant=PDF_VARIANT)
        weasy = time.perf_counter() - start
    start = time.perf_counter()
    fragment = tabellfragment(doc)
    lasa = time.perf_counter() - start
    start = time.perf_counter()
    efterbehandla(data, html)
    utan = time.perf_counter() - start
    start = time.perf_counter()
    efterbehandla(data, html, tabeller=fragment)
    med = time.perf_counter() - start
    print(
        f"{rader:5d} rader, {len(doc.pages):3d} sidor: WeasyPrint {weasy:6.2f} s, "
        f"tabellfragment {lasa * 1000:6.1f} ms, efterbehandla utan sammanfogning {utan:5.2f} s, "
        f"med {med:5.2f} s"
    )


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--rader", type=int, nargs="+", default=[300, 1000])
    for rader in tolk.parse_args().rader:
        mat(rader)


if __name__ == "__main__":
    main()
