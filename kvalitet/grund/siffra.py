"""A shown value read back as a figure: ``7,1 av 10``, ``86,4 %``, ``Över 90 %`` → the number,
its decimals, the top of its scale and the bound it is written as, so that figures can be
compared and summarised (the sammanställning's spread, the huvudman's typed results)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_TAL = r"[−-]?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|[−-]?\d+(?:,\d+)?"
_GRANSER = {
    "över": "över",
    "mer än": "över",
    "fler än": "över",
    "minst": "minst",
    "under": "under",
    "mindre än": "under",
    "färre än": "under",
    "högst": "högst",
    "ca": "ca",
    "ca.": "ca",
    "cirka": "ca",
    "omkring": "ca",
    "ungefär": "ca",
    "drygt": "ca",
    "knappt": "ca",
}
_SIFFRA = re.compile(
    rf"^(?:(?P<grans>{'|'.join(re.escape(g) for g in sorted(_GRANSER, key=len, reverse=True))})"
    rf"\s+)?(?P<tal>{_TAL})\s*"
    rf"(?:%|procent|(?:av|/)\s*(?P<skala>{_TAL})|på\s+en\s+(?P<gradig>{_TAL})[- ]gradig\s+skala)?"
    r"\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Siffra:
    """A figure as written: ``tal`` with ``decimaler`` decimals, on a scale up to ``skala``
    (``7,1 av 10``), or a bound (``över``, ``minst``, ``under``, ``högst``, ``ca``)."""

    tal: float
    decimaler: int
    skala: float | None = None
    grans: str | None = None

    def avrundat(self, varde: float) -> float:
        """``varde`` rounded half up to this figure's decimals (as it would be printed)."""
        return avrunda(varde, self.decimaler)

    def rymmer(self, varde: float) -> bool:
        """Whether ``varde`` is this figure at the precision it is printed with (a bound: on the
        right side of it; ``ca``: within one unit of the last printed decimal)."""
        exakt = self.avrundat(varde)
        steg = 10.0**-self.decimaler
        if self.grans == "över":
            return varde > self.tal
        if self.grans == "minst":
            return exakt >= self.tal
        if self.grans == "under":
            return varde < self.tal
        if self.grans == "högst":
            return exakt <= self.tal
        if self.grans == "ca":
            return abs(varde - self.tal) <= steg + 1e-9
        return abs(exakt - self.tal) < steg / 2


def avrunda(varde: float, decimaler: int) -> float:
    """Round half up (``7,75`` → ``7,8``), as a reader expects, not half to even; float noise
    from summing is removed first (a mean of 33,95 may be computed as 33,949999999999996)."""
    steg = Decimal(1).scaleb(-decimaler)
    return float(Decimal(repr(round(varde, 9))).quantize(steg, rounding=ROUND_HALF_UP))


def decimaler_i(varde: float) -> int:
    """How many decimals a number was written with (a ``Tal`` remembers), else has."""
    kanda = getattr(varde, "decimaler", None)
    if kanda is not None:
        return int(kanda)
    if isinstance(varde, int):
        return 0
    text = repr(float(varde))
    if "e" in text:
        return 6
    decimal = text.partition(".")[2]
    return 0 if decimal in ("", "0") else len(decimal)


def _tal(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace("−", "-").replace(",", "."))


def las_siffra(varde: object) -> Siffra | None:
    """The figure in a number or a text (``7,1 av 10``, ``6 på en 10-gradig skala``, ``Över
    90 %``); None for other text and for the röjandekontroll's symbols (``..``, ``~100``)."""
    if isinstance(varde, bool) or varde is None:
        return None
    if isinstance(varde, int | float):
        return Siffra(float(varde), decimaler_i(varde))
    if not isinstance(varde, str):
        return None
    traff = _SIFFRA.match(varde.strip())
    if traff is None:
        return None
    tal = traff.group("tal")
    skala = traff.group("skala") or traff.group("gradig")
    grans = traff.group("grans")
    return Siffra(
        _tal(tal),
        len(tal.partition(",")[2]),
        _tal(skala) if skala else None,
        _GRANSER[grans.lower()] if grans else None,
    )


def skalan(matt: str, malvarde: object, siffror: Iterable[Siffra]) -> float | None:
    """The top of a skala styrtal's scale: the målvärde's (``6 på en 10-gradig skala``: 10), else
    the one most values are written on; None for the other mått."""
    if matt != "skala":
        return None
    mal = las_siffra(malvarde)
    if mal is not None and mal.skala is not None:
        return mal.skala
    vanligast = Counter(s.skala for s in siffror if s.skala is not None).most_common(1)
    return vanligast[0][0] if vanligast else None


def jamforbar(siffra: Siffra | None, skala: float | None) -> bool:
    """A value to summarise: not a bound (``Över 90 %``), not masked (``..``), on the scale (a
    value written without one, ``7,4``, counts as on it)."""
    return siffra is not None and siffra.grans is None and siffra.skala in (None, skala)
