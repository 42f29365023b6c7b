"""The printed layout read back from WeasyPrint's boxes and the PDF: cells keep their padding."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DOKUMENT = [
    "bjorkbackaskolan",
    "forskolan-lingonet",
    "alvmora-gymnasium",
    "resurscentrum",
    "sammanstallning",
    "huvudmannens-rapport",
]


def _sidor(html: Path) -> Any:
    from weasyprint import HTML

    return HTML(filename=str(html)).render().pages


def _celltext(sida: Any) -> Iterator[tuple[str, float, float]]:
    """Each text in a table cell with how far it reaches past the cell's content box on the
    right and on the left (positive: into the padding or beyond)."""
    from weasyprint.formatting_structure import boxes

    for cell in sida._page_box.descendants():
        if not isinstance(cell, boxes.TableCellBox):
            continue
        vanster = cell.content_box_x()
        hoger = vanster + cell.width
        for box in cell.descendants():
            if isinstance(box, boxes.TextBox):
                yield box.text, box.position_x + box.width - hoger, vanster - box.position_x


@pytest.mark.parametrize("namn", DOKUMENT)
def test_celltext_stannar_innanfor_cellens_utfyllnad(byggt_exempel: Path, namn: str) -> None:
    """The reproduction: 'Median' and the values in the spread table ran 7 pt into their
    cells' padding, touching the border (three columns without width in a fixed layout)."""
    fel = [
        (nr, text, round(max(hoger, vanster), 1))
        for nr, sida in enumerate(_sidor(byggt_exempel / f"{namn}.html"), start=1)
        for text, hoger, vanster in _celltext(sida)
        if max(hoger, vanster) > 0.05
    ]
    assert not fel, f"{namn}: text i cellernas utfyllnad (sida, text, pt): {fel[:8]}"


MENING = "Förskolan arbetar med språk, lek och lärande i alla fem avdelningar varje dag hela året. "
RUTRUBRIKER = {
    "Delaktighet i uppföljning och analys": "",
    "Personal": "Varje avdelning har analyserat",
    "Barn": "Barnen har varit delaktiga",
    "Vårdnadshavare": "Vårdnadshavare har besvarat",
    "Slutsats": "",
    "Vad från avsnittet tar ni med er till avslutande analys?": "",
}
"""Each box heading, with how the text after it begins ("" : anything but the page's end)."""


def _lingonets_pdf(rot: Path) -> list[str]:
    """Förskolan Lingonet rendered as 'kvalitet bygg' does, each page's text."""
    from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
    from kvalitet.bygg.pdf import skriv_pdf
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import skapa_miljo

    proj = hitta_projekt(rot)
    lage = las_period(proj, None, ["forskolan-lingonet"])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    html = html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))
    pdf = skriv_pdf(html, rot, kontroll.fil.parent).data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")
def test_rutrubrik_star_aldrig_ensam_langst_ner(tmp_path: Path) -> None:
    """The reproduction: the delaktighet box's 'Barn' alone at the foot of a page. The text
    before the box grows a line at a time, so that every heading of the box comes to the foot
    of page 2 in one of the variants; each heading's page must have its text after it."""
    from tests.conftest import kopiera_exempel

    rot = kopiera_exempel(tmp_path)
    fil = rot / "rapporter" / "2025-26" / "forskolan-lingonet.yaml"
    original = fil.read_text(encoding="utf-8")
    fel = []
    for k in range(17):
        fil.write_text(
            original.replace(
                "  varav 8 förskollärare.\n", f"  varav 8 förskollärare.\n\n  {MENING * k}\n"
            ),
            encoding="utf-8",
        )
        for nr, sida in enumerate(_lingonets_pdf(rot), start=1):
            rader = [r.strip() for r in sida.splitlines() if r.strip()]
            for i, rad in enumerate(rader):
                if rad in RUTRUBRIKER and (
                    i == len(rader) - 1 or not rader[i + 1].startswith(RUTRUBRIKER[rad])
                ):
                    fel.append((k, nr, rad))
    assert not fel, (
        f"rutrubriker utan sin text efter sig på sidan (rader extra, sida, rubrik): {fel}"
    )
