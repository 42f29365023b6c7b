"""An HTML table as a Word table: caption, header rows repeated on every page (``tblHeader``),
row headers in bold, spanned cells merged, numbers right-aligned as in the PDF."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from kvalitet.bygg import docxfalt
from kvalitet.bygg.docxhtml import Mal
from kvalitet.bygg.docxtext import Format, bitar, normalisera, ren_text, skriv_runs

if TYPE_CHECKING:
    from kvalitet.bygg.docxhtml import Skrivare

_TALCELL = re.compile(r"^[-−+~<>≥≤]?\s?[\d\s ,.]*\d[\d\s ,.]*\s?(%|tkr|st)?$|^\.\.$|^–$")
MAX_RADER = 2000
MAX_KOLUMNER = 63
"""Word's own limit on a table's columns."""


def _rader(tabell: Any) -> list[tuple[Any, bool]]:
    """The table's rows in order, each with whether it is a header row."""
    ut: list[tuple[Any, bool]] = []
    for del_ in tabell:
        if not isinstance(del_.tag, str):
            continue
        if del_.tag == "tr":
            ut.append((del_, False))
        elif del_.tag in ("thead", "tbody", "tfoot"):
            ut.extend((tr, del_.tag == "thead") for tr in del_ if getattr(tr, "tag", None) == "tr")
    if ut and not any(h for _, h in ut):
        forsta = ut[0][0]
        celler = [c for c in forsta if isinstance(c.tag, str)]
        if celler and all(c.tag == "th" for c in celler):
            ut[0] = (forsta, True)
    return ut[:MAX_RADER]


def _span(cell: Any, namn: str) -> int:
    varde = cell.get(namn) or "1"
    return max(1, min(int(varde), MAX_KOLUMNER)) if varde.isdigit() else 1


def skriv_tabell(skrivare: Skrivare, tabell: Any, mal: Mal) -> None:
    rader = _rader(tabell)
    if not rader:
        return
    placerade: list[tuple[int, int, int, int, Any]] = []
    upptagna: set[tuple[int, int]] = set()
    for r, (tr, _) in enumerate(rader):
        k = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, k) in upptagna:
                k += 1
            rs = min(_span(cell, "rowspan"), len(rader) - r)
            ks = _span(cell, "colspan")
            for i in range(rs):
                for j in range(ks):
                    upptagna.add((r + i, k + j))
            placerade.append((r, k, rs, ks, cell))
            k += ks
    kolumner = min(MAX_KOLUMNER, max(k + 1 for _, k in upptagna))
    rubrik = tabell.find("caption")
    rubriktext = ren_text(rubrik) if rubrik is not None else ""
    if rubriktext:
        p = skrivare.stycke(rubrik, mal, skrivare.stilar["Caption"])
        if p is not None:
            p.paragraph_format.keep_with_next = True
    behallare = mal.behallare
    if hasattr(behallare, "_tc"):  # a table in a cell: Word allows it
        wtabell = behallare.add_table(rows=len(rader), cols=kolumner)
    else:
        wtabell = behallare.add_table(rows=len(rader), cols=kolumner)
    wtabell._tbl.tblPr.style = skrivare.stilar["Table Grid"].style_id
    if rubriktext:
        docxfalt.tabellens_namn(wtabell._tbl, rubriktext)
    for r, (_, rubrikrad) in enumerate(rader):
        if rubrikrad:
            docxfalt.upprepa_rubrikrad(wtabell.rows[r]._tr)
    # the grid once (python-docx's table.cell() computes it each time), again after a merge
    celler = wtabell._cells
    for r, k, rs, ks, _ in placerade:
        if k < kolumner and (rs > 1 or ks > 1):
            slut = celler[(r + rs - 1) * kolumner + min(kolumner, k + ks) - 1]
            celler[r * kolumner + k].merge(slut)
            celler = wtabell._cells
    for r, k, _, _, cell in placerade:
        if k >= kolumner:
            continue
        wcell = celler[r * kolumner + k]
        cellmal = Mal(wcell)
        if any(isinstance(b.tag, str) and b.tag in ("p", "ul", "ol", "div", "dl") for b in cell):
            skrivare.block(cell, cellmal)
        else:
            format = Format(fet=cell.tag == "th")
            delar = normalisera(bitar(cell, format))
            if delar:
                p = cellmal.paragraf()
                skriv_runs(p, delar)
                if _TALCELL.match(ren_text(cell)) and cell.tag == "td":
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
