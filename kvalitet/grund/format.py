"""Swedish formatting of numbers, percentages and dates, used by every template filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date

NBSP = "\u00a0"
MINUS = "\u2212"


def tal(varde: Any, decimaler: int | None = None) -> str:
    """``1266`` → ``1 266``, ``-4426`` → ``−4 426``, ``96.4`` → ``96,4`` (no-break spaces).

    Without ``decimaler`` a number keeps the decimals it was written with (``83,0``), or else
    as many as it has (``96.0`` → ``96``). Written directly rather than through Babel: it is
    called tens of thousands of times in a large build."""
    if varde is None:
        return ""
    if isinstance(varde, bool) or not isinstance(varde, int | float):
        return str(varde)
    if decimaler is None:
        decimaler = getattr(varde, "decimaler", None)
    if decimaler is None:
        if isinstance(varde, int):
            decimaler = 0
        else:
            text = repr(float(varde))
            if "e" in text or "n" in text:
                text = f"{float(varde):.6f}".rstrip("0")
            decimal = text.partition(".")[2]
            decimaler = 0 if decimal in ("", "0") else len(decimal)
    text = f"{abs(varde):,.{decimaler}f}" if decimaler else f"{round(abs(varde)):,d}"
    text = text.replace(",", NBSP).replace(".", ",")
    return (MINUS + text) if varde < 0 and text.strip("0,\u00a0") else text


def procent(varde: Any, decimaler: int | None = None) -> str:
    """``96.4`` → ``96,4 %`` with a no-break space before the sign."""
    if isinstance(varde, int | float) and not isinstance(varde, bool):
        return f"{tal(varde, decimaler)}{NBSP}%"
    return "" if varde is None else str(varde)


def varde(varde: Any, matt: str | None = None) -> str:
    """A table or styrtal value shown according to its measure (procent, antal, skala, text).
    A number written with a percent sign (``80 %``) keeps it whatever the measure."""
    if matt == "procent" or getattr(varde, "procenttecken", False):
        return procent(varde)
    return tal(varde)


def datum(d: dt.date | None, lang: bool = False) -> str:
    """``2021-06-20``, or with ``lang`` ``20 juni 2021``."""
    if d is None:
        return ""
    if lang:
        return format_date(d, "d MMMM y", locale="sv")
    return d.isoformat()


def tkr(varde: Any) -> str:
    """Thousands of kronor: ``1266`` → ``1 266 tkr``."""
    if varde is None:
        return ""
    return f"{tal(varde)}{NBSP}tkr"


def kronor(varde: Any) -> str:
    """An amount in kronor: ``150000`` → ``150 000 kronor``."""
    if varde is None:
        return ""
    return f"{tal(varde)}{NBSP}kronor"


def antal(n: int, en: str, flera: str) -> str:
    """A count with the noun in the right number: ``1 enhet``, ``4 enheter``, ``0 enheter``."""
    return f"{n} {en if n == 1 else flera}"
