"""One imported value: a number, or one of the statistics' own symbols, with where it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLER = ("..", "~100", ".", "-")
"""Skolverket's and Kolada's symbols: few pupils, 1–4 did not reach, missing, none. They are
values of their own: imported as written, never turned into 0 or counted in a mean."""

_TAL = re.compile(r"^[+-−]?\d{1,3}(?:[  \u00a0]?\d{3})*(?:[.,]\d+)?$|^[+-−]?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Varde:
    """A value as the source gave it, and the place it was read from."""

    varde: float | int | str | None
    fil: str
    rad: int | None = None

    @property
    def ar_symbol(self) -> bool:
        return isinstance(self.varde, str) and self.varde in SYMBOLER


def tolka(text: object) -> float | int | str | None:
    """A cell as a number ('86,2', '1 266', 86.2), a symbol ('..', '~100', '.', '-') kept as
    written, or None when it is empty."""
    if text is None:
        return None
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return text
    ren = str(text).strip().replace("\u00a0", " ")
    if not ren:
        return None
    if ren in SYMBOLER:
        return ren
    ren = ren.rstrip("%").strip()
    if _TAL.match(ren):
        siffror = ren.replace(" ", "").replace(" ", "").replace("−", "-").replace(",", ".")
        tal = float(siffror)
        return int(tal) if tal.is_integer() and "." not in siffror else tal
    return str(text).strip()


def normalisera(text: str) -> str:
    """A column heading reduced to its words: the wording of Skolverket's headings changes a
    little between years (hyphens, '(%)', spaces, case)."""
    ren = text.casefold().replace("(%)", " ").replace("%", " ").replace("-", "")
    return re.sub(r"[\s_,.:;()/]+", " ", ren).strip()
