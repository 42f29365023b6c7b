"""The status of a styrtal for a period: the rule in one place, used by validation and rendering."""

from __future__ import annotations

from typing import Literal

from kvalitet.model import Styrtal

Status = Literal["uppnått", "delvis uppnått", "ej uppnått", "ej aktuellt", "saknas", "ej bedömt"]

SYMBOL: dict[str, str] = {
    "uppnått": "✔",
    "delvis uppnått": "◐",
    "ej uppnått": "✘",
    "ej aktuellt": "○",
    "saknas": "?",
    "ej bedömt": "–",
}


def styrtalsstatus(styrtal: Styrtal, period: str) -> Status:
    """Compare utfall with the period's målvärde; a stated status always wins.

    Numbers are compared in the styrtal's direction (``högre`` or ``lägre`` is better).
    A text målvärde or text utfall cannot be compared: the unit states the status, or it is
    ``ej bedömt``.
    """
    if styrtal.status:
        return styrtal.status
    if styrtal.utfall is None or styrtal.utfall in ("", "."):
        return "saknas"
    mal = styrtal.malvarde.get(period)
    if not _ar_tal(mal) or not _ar_tal(styrtal.utfall):
        return "ej bedömt"
    if styrtal.riktning == "lägre":
        return "uppnått" if styrtal.utfall <= mal else "ej uppnått"
    return "uppnått" if styrtal.utfall >= mal else "ej uppnått"


def _ar_tal(varde: object) -> bool:
    return isinstance(varde, int | float) and not isinstance(varde, bool)
