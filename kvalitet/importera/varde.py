"""One imported value: a number, or one of the statistics' own symbols, with where it came from."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SYMBOLER = ("..", "~100", ".", "-")
"""Skolverket's and Kolada's symbols: few pupils, 1–4 did not reach, missing, none. They are
values of their own: imported as written, never turned into 0 or counted in a mean."""

_TECKEN = "[+\\-\u2212]"
"""A sign: plus, hyphen-minus or the minus sign U+2212. The hyphen is escaped: unescaped,
'[+-−]' is the range U+002B–U+2212, which holds '<', '>', '~' and every letter."""
_GRUPP = "[ \u00a0\u2009\u202f]"
"""A thousands separator: space, no-break space, thin space or narrow no-break space."""
_SURROGAT = re.compile("[\ud800-\udfff]")
"""A lone surrogate ('"\\ud800"' in a JSON source): no file can be written with it."""
_TAL = re.compile(
    rf"^{_TECKEN}?\d{{1,3}}(?:{_GRUPP}?\d{{3}})*(?:[.,]\d+)?$|^{_TECKEN}?\d+(?:[.,]\d+)?$",
    re.ASCII,  # digits 0-9 only, not '٣' or '３'
)


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
        siffror = re.sub(_GRUPP, "", ren).replace("\u2212", "-").replace(",", ".")
        try:
            tal = float(siffror)
        except ValueError:
            return str(text).strip()
        if not math.isfinite(tal):
            return str(text).strip()  # hundreds of digits: not a statistic, kept as written
        return int(siffror) if "." not in siffror and len(siffror) < 20 else tal
    return _SURROGAT.sub("\ufffd", str(text).strip())


def normalisera(text: str) -> str:
    """A column heading reduced to its words: the wording of Skolverket's headings changes a
    little between years (hyphens, '(%)', spaces, case)."""
    ren = text.casefold().replace("(%)", " ").replace("%", " ").replace("-", "")
    return re.sub(r"[\s_,.:;()/]+", " ", ren).strip()
