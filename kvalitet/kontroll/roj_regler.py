"""Röjandekontroll's rule per kind of data (elever, barn, svarande): which kind a table or
styrtal is, the primary rule for one value, and the legend in the right words.

The rules and their sources are written down in docs/rojandekontroll.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kvalitet.modell.status import ar_tal

PERSONER = {"elever": "elever", "barn": "barn", "svarande": "svarande", "ingen": "personer"}
"""The word for the people a count counts, per kind (``röjande:``)."""

NARA_HUNDRA = ("elever", "barn")
"""The kinds where ``~100`` applies: 1–4 who did not reach a level point at individuals
(Skolverket). A share of respondents who agree is an opinion of anonymous respondents, not a
result of named pupils; it is shown once enough have answered (see the doc)."""

_ENKAT = re.compile(
    r"vårdnadshavar|förälder|föräldrar|enkät|svarande|instämmer|nöjd",
    re.IGNORECASE,
)


def valj_slag(
    uttryckligt: str | None, skolform: str | None, matt: str | None, *texter: str | None
) -> str:
    """The kind of a table's or styrtal's counts: the unit's or huvudman's ``röjande:`` first;
    otherwise a survey (the texts speak of guardians, a survey or respondents, or the measure
    is a scale) counts ``svarande``; a förskola's counts are ``barn``; otherwise ``elever``."""
    if uttryckligt:
        return uttryckligt
    if matt == "text":
        return "ingen"
    if matt == "skala" or any(_ENKAT.search(t or "") for t in texter):
        return "svarande"
    if skolform == "förskola":
        return "barn"
    return "elever"


@dataclass(frozen=True)
class Dold:
    """How one value is shown instead of itself, and why (the words after "eftersom")."""

    symbol: str
    skal: str


def ej_uppnadda(n: int, andel: float) -> int:
    """How many of ``n`` did not reach the level a share ``andel`` (in %) describes."""
    return round(n * (100 - andel) / 100)


def primar(varde: Any, n: int | None, matt: str | None, slag: str, grans: int) -> Dold | None:
    """The rule for one value from its own count: ``-`` none, ``..`` fewer than the
    threshold, ``~100`` when 1–4 pupils or children did not reach (shares only)."""
    if slag == "ingen" or n is None or varde is None:
        return None
    vem = PERSONER[slag]
    if n == 0:
        return Dold("-", f"det bygger på 0 {vem}")
    if n < grans:
        return Dold("..", f"det bygger på {n} {vem}, färre än {grans}")
    if matt == "procent" and slag in NARA_HUNDRA and ar_tal(varde):
        ej = ej_uppnadda(n, float(varde))
        if 1 <= ej <= 4:
            return Dold("~100", f"{ej} av {n} {vem} inte når upp (1–4 pekar ut enskilda)")
    return None


TEXTER = {
    "..": "uppgiften bygger på färre än {grans} {vem}, eller skulle låta en sådan uppgift räknas "
    "fram, och visas inte, och inte heller den status som skulle räknas fram ur den "
    "(–, ej redovisat)",
    "~100": "1–4 {vem} når inte upp; exakt andel visas inte (inte heller dess status), och den "
    "andra gruppens värde visas då som .. så att det inte kan räknas fram",
    ".": "uppgift saknas",
    "-": "inga {vem}, eller inte tillämpligt",
}


def symboltexter(slag: str, grans: int) -> dict[str, str]:
    """The legend in the words of one kind: "färre än 10 svarande", "1–4 barn"."""
    vem = PERSONER.get(slag, "elever")
    return {k: v.format(grans=grans, vem=vem) for k, v in TEXTER.items()}
