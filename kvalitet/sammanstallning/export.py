"""Exports of the sammanställning for the förvaltning's own analysis: CSV and XLSX."""

from __future__ import annotations

import csv
import io
import re

from kvalitet.modell.status import ar_tal
from kvalitet.sammanstallning.sammanstall import SKOLFORMSORDNING, Exportrad, Sammanstallning

FORMELTECKEN = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these could run as a formula in a spreadsheet (OWASP)."""
SURROGAT = re.compile("[\ud800-\udfff]")
SYMBOLER = ("..", "~100", ".", "-")
"""The statistics' own symbols: shown as written (a lone '-' is no formula)."""


def ofarlig_text(text: str) -> str:
    """Text that no spreadsheet runs: a leading ' when it starts like a formula. A lone
    surrogate (which the reader reports as an error) becomes U+FFFD: one cell never stops the
    export of the others."""
    text = SURROGAT.sub("\ufffd", text)
    if text in SYMBOLER or not text.startswith(FORMELTECKEN):
        return text
    return "'" + text


def _tal(varde: object) -> float | int:
    """The number as written: 65,6 is 65.6 exactly, not 65.59999999999999."""
    tal = round(float(varde), 10)  # type: ignore[arg-type]
    return int(tal) if tal.is_integer() else tal


def _csv_varde(varde: object) -> str:
    """Numbers with a decimal comma and no thousands separator, as Swedish Excel reads them."""
    if varde is None:
        return ""
    if ar_tal(varde):
        return repr(_tal(varde)).replace(".", ",")
    return ofarlig_text(str(varde))


def csv_bytes(sammanstallning: Sammanstallning) -> bytes:
    """UTF-8 with BOM, ';'-separated, CRLF: opens straight in Swedish Excel."""
    buffert = io.StringIO()
    skrivare = csv.writer(buffert, delimiter=";", lineterminator="\r\n")
    skrivare.writerow(Exportrad.RUBRIKER)
    for rad in sammanstallning.exportrader:
        skrivare.writerow([_csv_varde(getattr(rad, f)) for f in Exportrad.FALT])
    return buffert.getvalue().encode("utf-8-sig")


def xlsx_bytes(sammanstallning: Sammanstallning) -> bytes:
    """One sheet per skolform: a header row, frozen panes, a filter, typed numeric cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    bok = Workbook()
    bok.remove(bok.active)
    skolformer = sorted(
        {r.skolform for r in sammanstallning.exportrader},
        key=lambda s: SKOLFORMSORDNING.index(s) if s in SKOLFORMSORDNING else 99,
    )
    bredder = (9, 22, 28, 14, 26, 9, 60, 12, 10, 10, 10, 15)
    for skolform in skolformer or ["Inga enheter"]:
        blad = bok.create_sheet(skolform.capitalize()[:31])
        blad.append(list(Exportrad.RUBRIKER))
        for cell in blad[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EAF1F8")
        for rad in sammanstallning.exportrader:
            if rad.skolform != skolform:
                continue
            blad.append(
                [
                    _tal(v) if ar_tal(v) else ("" if v is None else ofarlig_text(str(v)))
                    for v in (getattr(rad, f) for f in Exportrad.FALT)
                ]
            )
            for cell in blad[blad.max_row]:  # text is always a string cell, never a formula
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        blad.freeze_panes = "A2"
        blad.auto_filter.ref = blad.dimensions
        for i, bredd in enumerate(bredder):
            blad.column_dimensions[chr(ord("A") + i)].width = bredd
    buffert = io.BytesIO()
    bok.properties.title = f"Sammanställning {sammanstallning.period}, {sammanstallning.huvudman}"
    bok.properties.language = "sv"
    bok.save(buffert)
    return buffert.getvalue()
