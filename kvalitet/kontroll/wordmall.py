"""The huvudman's Word template (``tema.word_mall``): a .docx in the project that opens."""

from __future__ import annotations

import zipfile
from pathlib import Path

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla
from kvalitet.kalla.lokala_filer import Nekad, lokal_fil

MAX_OPACKAD = 100 * 1024 * 1024
"""The most a template may unpack to (a zip bomb is refused before python-docx opens it)."""
_HUR = (
    "spara mallen i Word som 'Word-dokument (*.docx)' i projektet, t.ex. "
    "'rapporter/mallar/alvmora.docx', och skriv sökvägen relativt huvudmannafilen"
)


def word_mall_fel(fil: Path) -> str | None:
    """Why ``fil`` is not a Word document python-docx can open, in Swedish; None when it is."""
    if fil.suffix.lower() != ".docx":
        return f"'{fil.name}' är ingen .docx-fil"
    try:
        with zipfile.ZipFile(fil) as arkiv:
            namn = {i.filename for i in arkiv.infolist()}
            opackad = sum(i.file_size for i in arkiv.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return f"'{fil.name}' är ingen Word-fil (inte ett .docx-paket)"
    if "[Content_Types].xml" not in namn or "word/document.xml" not in namn:
        return f"'{fil.name}' är ett zip-arkiv men inget Word-dokument"
    if opackad > MAX_OPACKAD:
        return f"'{fil.name}' packas upp till {opackad // 1024 // 1024} MB (högst 100 MB)"
    return None


def kontrollera_word_mall(projektrot: Path, kalla: Kalla, referens: str) -> list[Problem]:
    """``tema.word_mall``: a .docx inside the project that is a Word package."""
    sokvag = ("tema", "word_mall")
    svar = lokal_fil(projektrot, kalla.fil.parent, referens)
    if isinstance(svar, Nekad):
        return [kalla.fel(sokvag, f"tema.word_mall: {svar.vad}", _HUR)]
    if (fel := word_mall_fel(svar)) is not None:
        return [kalla.fel(sokvag, f"tema.word_mall: {fel}", _HUR)]
    return []
