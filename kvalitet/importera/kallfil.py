"""Which source file an import may read: a file named on the command line, or one that the
mapping names inside the project folder; never larger than ``MAX_KALLBYTES``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kvalitet.grund.problem import KvalitetError, visningsnamn

MAX_KALLBYTES = 20 * 1024 * 1024
"""20 MB: Skolverket's export of every school unit in the country is about 2 MB. Above it a
table would take about twenty times its size in memory (a 73 MB CSV took 1.4 GB)."""
MAX_CELLER = 2_000_000
"""Cells of one table, 40 columns for 50 000 rows (an XLSX file is compressed: its size says
little about how many cells it holds)."""

_LAGG_I_PROJEKTET = (
    "lägg filen i projektmappen, t.ex. i 'statistik/', och skriv 'fil:' relativt projektmappen, "
    "eller ange filen på kommandoraden: kvalitet importera FIL"
)


def kallfil(referens: str, projektrot: Path, filer: Iterable[Path]) -> Path:
    """The file the mapping's ``fil: referens`` means: one named on the command line with the
    same name, else ``referens`` inside the project. Raises a Swedish KvalitetError."""
    namn = Path(referens.replace("\\", "/")).name
    angiven = next((f for f in filer if f.name == namn), None)
    fil = angiven if angiven is not None else _i_projektet(referens, projektrot)
    if not fil.is_file():
        raise KvalitetError(
            f"källfilen {referens} finns inte eller är ingen vanlig fil "
            "(ange den, eller rätta 'fil:' i kartfilen)"
        )
    storlek = fil.stat().st_size
    if storlek > MAX_KALLBYTES:
        raise KvalitetError(
            f"källfilen {visningsnamn(fil)} är för stor ({storlek / 1024 / 1024:.0f} MB; högst "
            f"{MAX_KALLBYTES // 1024 // 1024} MB): ta ut bara kommunens skolenheter ur "
            "statistiken, eller dela upp filen"
        )
    return fil


def _i_projektet(referens: str, projektrot: Path) -> Path:
    text = referens.strip()
    if text.startswith(("/", "\\", "~")) or (len(text) > 1 and text[1] == ":"):
        raise KvalitetError(
            f"kartfilen: källan '{referens}' är en absolut sökväg eller en adress; bara filer i "
            f"projektmappen läses ({_LAGG_I_PROJEKTET})"
        )
    rot = projektrot.resolve()
    try:
        upplost = (rot / text).resolve()
    except (OSError, RuntimeError):
        raise KvalitetError(
            f"kartfilen: källan '{referens}' kan inte läsas (en länk som pekar på sig själv?)"
        ) from None
    if not upplost.is_relative_to(rot):
        raise KvalitetError(
            f"kartfilen: källan '{referens}' ligger utanför projektmappen ({_LAGG_I_PROJEKTET})"
        )
    return upplost
