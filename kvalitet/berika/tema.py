"""The huvudman's graphic profile: CSS variables and the logotyp as a data: URL."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path

from markupsafe import Markup

from kvalitet.kalla.lokala_filer import lokal_fil
from kvalitet.modell import FARG, TYPSNITT, Huvudmannafil, Tema


def tema_css(tema: Tema | None) -> Markup:
    """CSS custom properties that override the standard template's colours and font.

    Only values matching the colour and font-name patterns (the same ones validation uses) are
    written, so nothing can break out of the declaration."""
    if tema is None:
        return Markup("")
    rader: list[str] = []
    if tema.farger:
        for falt, variabel in (("primar", "primar"), ("accent", "accent"), ("ljus", "ljus")):
            farg = getattr(tema.farger, falt)
            if farg and FARG.match(farg.strip()):
                rader.append(f"--farg-{variabel}: {farg.strip()};")
    if tema.typsnitt and TYPSNITT.match(tema.typsnitt.strip()):
        rader.append(
            f'--typsnitt: "{tema.typsnitt.strip()}", "Liberation Sans", Arial, "DejaVu Sans", '
            "sans-serif;"
        )
    css = ":root { " + " ".join(rader) + " }" if rader else ""
    if tema.huvudavsnitt_pa_ny_sida:
        css += NY_SIDA
    return Markup(css)


NY_SIDA = (
    "\n@media print { section.avsnitt.niva-1, section.inledning:first-of-type,"
    " .matrisgrupp + .matrisgrupp { break-before: page; } h2.huvudrubrik { margin-top: 0; } }"
)
"""The theme's ``huvudavsnitt_på_ny_sida``: every main section starts a page in the PDF."""


def logotyp(huvudman: Huvudmannafil | None, fil: Path | None, projektrot: Path) -> str | None:
    """The huvudman's logotyp as a ``data:`` URL (the HTML stays self-contained)."""
    if huvudman is None or fil is None or huvudman.tema is None or not huvudman.tema.logotyp:
        return None
    sokvag = lokal_fil(projektrot, fil.parent, huvudman.tema.logotyp)
    if not isinstance(sokvag, Path):
        return None
    typ = mimetypes.guess_type(sokvag.name)[0] or "application/octet-stream"
    return f"data:{typ};base64,{base64.b64encode(sokvag.read_bytes()).decode('ascii')}"
