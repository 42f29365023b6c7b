"""A value outside its bounds (minst, högst) or a text too long, as a located Swedish problem
instead of pydantic's English; ``modellfel`` asks here first."""

from __future__ import annotations

from typing import Any

from kvalitet.grund.format import tal
from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag

GRANSER = {
    "greater_than_equal": ("ge", "minst"),
    "greater_than": ("gt", "större än"),
    "less_than_equal": ("le", "högst"),
    "less_than": ("lt", "mindre än"),
}


def _tal(varde: Any) -> str:
    if isinstance(varde, int | float) and not isinstance(varde, bool):
        return tal(varde)
    return str(varde)


def gransfel(kalla: Kalla, sokvag: Sokvag, namn: str, fel: list[dict[str, Any]]) -> Problem | None:
    """The first bound error among ``fel`` (pydantic's errors at one place), or None."""
    for f in fel:
        if f["type"] in GRANSER:
            nyckel, ord_ = GRANSER[f["type"]]
            grans = _tal(f.get("ctx", {}).get(nyckel))
            return kalla.fel(
                sokvag,
                f"'{namn}' är {_tal(f.get('input'))} men ska vara {ord_} {grans}",
                f"skriv ett tal som är {ord_} {grans}",
            )
        if f["type"] == "string_too_long":
            grans = _tal(f.get("ctx", {}).get("max_length"))
            return kalla.fel(
                sokvag,
                f"'{namn}' har {_tal(len(str(f.get('input', ''))))} tecken; högst {grans} får plats",
                "korta texten",
            )
    return None
