"""Exports of the sammanställning for the förvaltning's own analysis: CSV and XLSX."""

from __future__ import annotations

import csv
import io

from kvalitet.modell.status import ar_tal
from kvalitet.sammanstallning.sammanstall import SKOLFORMSORDNING, Exportrad, Sammanstallning


def _csv_varde(varde: object) -> str:
    """Numbers with a decimal comma and no thousands separator, as Swedish Excel reads them."""
    if varde is None:
        return ""
    if ar_tal(varde):
        tal = float(varde)  # type: ignore[arg-type]
        return str(int(tal)) if tal.is_integer() else repr(tal).replace(".", ",")
    return str(varde)


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
                    float(v) if ar_tal(v) else ("" if v is None else str(v))  # type: ignore[arg-type]
                    for v in (getattr(rad, f) for f in Exportrad.FALT)
                ]
            )
        blad.freeze_panes = "A2"
        blad.auto_filter.ref = blad.dimensions
        for i, bredd in enumerate(bredder):
            blad.column_dimensions[chr(ord("A") + i)].width = bredd
    buffert = io.BytesIO()
    bok.properties.title = f"Sammanställning {sammanstallning.period}, {sammanstallning.huvudman}"
    bok.properties.language = "sv"
    bok.save(buffert)
    return buffert.getvalue()
