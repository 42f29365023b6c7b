"""Which files a report may read: only regular files inside the project folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MAX_BILD_BYTES = 20 * 1024 * 1024
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ENHETSBOKSTAV = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Nekad:
    """Why a reference was refused, and what the user should do instead."""

    vad: str
    hur: str


def lokal_fil(projektrot: Path, bas: Path, referens: str) -> Path | Nekad:
    """Resolve ``referens`` (written relative to the folder ``bas``) to a regular file inside
    ``projektrot``; anything else (URLs, absolute paths, ``..`` or symlinks leading out,
    devices, missing or huge files) is refused with a Swedish reason."""
    text = referens.strip()
    lagg_i_projektet = (
        "lägg filen i projektet, t.ex. i 'rapporter/bilder/', och skriv sökvägen relativt "
        "YAML-filen: 'bilder/organisation.png'"
    )
    if _ENHETSBOKSTAV.match(text) or text.startswith(("/", "\\")):
        return Nekad(
            f"'{referens}' är en absolut sökväg; bara filer i projektet får användas",
            lagg_i_projektet,
        )
    if _URL.match(text):
        return Nekad(
            f"'{referens}' är en adress; kvalitet hämtar aldrig något från nätet eller andra adresser",
            "ladda ner filen och " + lagg_i_projektet,
        )
    rot = projektrot.resolve()
    oppen = bas / text
    try:
        upplost = oppen.resolve()
    except (OSError, RuntimeError):
        return Nekad(
            f"'{referens}' kan inte läsas (en länk som pekar på sig själv?)", lagg_i_projektet
        )
    if not upplost.is_relative_to(rot):
        if oppen.is_symlink() or any(
            p.is_symlink() for p in oppen.parents if p.is_relative_to(rot)
        ):
            vad = f"'{referens}' är en länk som pekar utanför projektmappen"
        else:
            vad = f"'{referens}' ligger utanför projektmappen"
        return Nekad(vad, lagg_i_projektet)
    if not upplost.exists():
        return Nekad(f"filen '{referens}' finns inte", lagg_i_projektet)
    if not upplost.is_file():
        return Nekad(f"'{referens}' är ingen vanlig fil", lagg_i_projektet)
    storlek = upplost.stat().st_size
    if storlek > MAX_BILD_BYTES:
        return Nekad(
            f"'{referens}' är för stor ({storlek / 1024 / 1024:.0f} MB; högst 20 MB)",
            "minska bilden, t.ex. till 2000 bildpunkter på bredden",
        )
    return upplost


def lokal_mapp(projektrot: Path, referens: str) -> Path | Nekad:
    """A folder inside the project, written relative to the project folder."""
    text = referens.strip()
    if _ENHETSBOKSTAV.match(text) or text.startswith(("/", "\\")) or _URL.match(text):
        return Nekad(f"'{referens}' ska vara en mapp i projektet", "skriv t.ex. 'mallar'")
    rot = projektrot.resolve()
    upplost = (rot / text).resolve()
    if not upplost.is_relative_to(rot):
        return Nekad(f"'{referens}' ligger utanför projektmappen", "välj en mapp i projektet")
    if not upplost.is_dir():
        return Nekad(f"mappen '{referens}' finns inte", "skapa mappen eller rätta namnet")
    return upplost
