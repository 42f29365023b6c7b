"""The spread of a styrtal between the units: lowest, median and highest shown value and how many
units have one, for every mått (a skala value is written as text, ``7,1 av 10``)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from kvalitet.grund import format as fmt
from kvalitet.grund.siffra import Siffra, avrunda, jamforbar, las_siffra, skalan
from kvalitet.modell import StyrtalsDefinition

INGEN = ("–", "–", "–", 0)


def jamforbara(
    styrtal: StyrtalsDefinition, utfall: Iterable[object]
) -> tuple[list[Siffra], float | None]:
    """The shown values that can be compared with each other (``jamforbar``), and the top of
    their scale (``skalan``)."""
    siffror = [s for u in utfall if (s := las_siffra(u)) is not None]
    skala = skalan(styrtal.matt, styrtal.malvarde, siffror)
    return [s for s in siffror if jamforbar(s, skala)], skala


def visa_siffra(tal: float, decimaler: int | None, matt: str, skala: float | None) -> str:
    """A figure as the sammanställning prints it: ``86,4 %``, ``7,1 av 10``, ``1 266``
    (``decimaler`` None: as many as it has)."""
    text = fmt.tal(tal, decimaler)
    if matt == "procent":
        return f"{text}{fmt.NBSP}%"
    if skala is not None:  # breaks as '7,1 / av 10' in a narrow column, not '7,1 av / 10'
        return f"{text} av{fmt.NBSP}{fmt.tal(skala)}"
    return text


def median_av(siffror: list[Siffra]) -> tuple[float, int]:
    """The median rounded half up to the values' most decimals, at least one, and the decimals
    it is printed with: the values' own when that loses nothing (``88 %``), else one more for the
    half of an even count (``82,5 %``)."""
    median = statistics.median(s.tal for s in siffror)
    decimaler = max(1, *(s.decimaler for s in siffror))
    varde = avrunda(median, decimaler)
    visade = max(s.decimaler for s in siffror)
    return varde, visade if avrunda(varde, visade) == varde else decimaler


def spridning(styrtal: StyrtalsDefinition, utfall: Iterable[object]) -> tuple[str, str, str, int]:
    """Lägst, median and högst as printed, and the number of units whose value they are of."""
    siffror, skala = jamforbara(styrtal, utfall)
    if not siffror:
        return INGEN
    lagst = min(siffror, key=lambda s: s.tal)
    hogst = max(siffror, key=lambda s: s.tal)
    median, decimaler = median_av(siffror)
    matt = styrtal.matt
    return (
        visa_siffra(lagst.tal, lagst.decimaler, matt, skala),
        visa_siffra(median, decimaler, matt, skala),
        visa_siffra(hogst.tal, hogst.decimaler, matt, skala),
        len(siffror),
    )
