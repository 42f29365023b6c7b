"""Which source values röjandekontrollen hides, and with which symbol: the one adapter.

Today it compares each unit's report before and after ``kvalitet.berika.roj.maskera_rapport``
(with the huvudman's threshold and each styrtal's mått, as ``berika.vy.las_upp`` calls it).
When the masking exposes a function that gives each masked value with its reason, only
``maskerade_varden`` changes: the rest of the check asks it, and nothing else, what is hidden."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from differens_kalla import Sokvag


@dataclass(frozen=True)
class Maskerat:
    symbol: str
    """What is shown instead of the value: ``..``, ``~100`` or ``-``."""
    skal: str
    """Why (the legend's text for the symbol until the masking states a reason per value)."""


def maskerade_varden(rot: Path) -> dict[tuple[Path, Sokvag], Maskerat]:
    """(file, YAML path) → what is shown instead, for every value that is masked: in the latest
    period's unit files, and in the earlier periods' files that give their earlier utfall
    (masked, as ``berika.vy.las_upp`` does, with the latest period's threshold and mått)."""
    from kvalitet.berika.roj import SYMBOLER, maskera_rapport
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kontroll.period import las_period
    from kvalitet.modell.verksamhetsplan import planens_styrtal

    projekt = hitta_projekt(rot)
    lage = las_period(projekt)
    huvudman = lage.huvudman
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    matt = {ps.styrtal.id: ps.styrtal.matt for ps in planens_styrtal(huvudman)}
    kontroller = list(lage.enheter)
    for period in lage.perioder:
        if period != lage.period:
            kontroller += las_period(projekt, period).enheter
    ut: dict[tuple[Path, Sokvag], Maskerat] = {}
    for kontroll in kontroller:
        if kontroll.rapport is None:
            continue
        fore = kontroll.rapport.model_dump(by_alias=True)
        efter = maskera_rapport(kontroll.rapport, grans, matt).model_dump(by_alias=True)
        for sokvag, symbol in _skillnader(fore, efter, ()):
            skal = SYMBOLER.get(symbol, "").format(grans=grans)
            ut[(kontroll.fil.resolve(), sokvag)] = Maskerat(symbol, skal)
    return ut


def _skillnader(fore: Any, efter: Any, sokvag: Sokvag) -> list[tuple[Sokvag, str]]:
    """The leaves that changed, except the counts (``antal``), which are only removed."""
    if sokvag[-1:] == ("antal",):
        return []
    if isinstance(fore, dict) and isinstance(efter, dict):
        return [p for k in fore if k in efter for p in _skillnader(fore[k], efter[k], (*sokvag, k))]
    if isinstance(fore, list) and isinstance(efter, list):
        return [
            p
            for i, (a, b) in enumerate(zip(fore, efter, strict=False))
            for p in _skillnader(a, b, (*sokvag, i))
        ]
    if fore != efter or type(fore) is not type(efter):
        return [(sokvag, str(efter))]
    return []
