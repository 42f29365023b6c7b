"""The printed layout read back from WeasyPrint's boxes and the PDF: cells keep their padding."""

from __future__ import annotations

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
