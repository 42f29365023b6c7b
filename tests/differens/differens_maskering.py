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
    """(file, YAML path) → what is shown instead, and why, for every value that is masked: in the
    latest period's unit files, and in the earlier periods' files that give their earlier utfall
    (masked with the latest period's huvudman, as ``berika.vy.las_upp`` does). Asks the
    röjandekontroll's own account (``kontroll.maskering.maskerade_varden``, the list that
    ``kontrollera`` explains line by line); ``maskering_i_rapporten`` is the independent view."""
    from kvalitet.kontroll.maskering import maskerade_varden as roj_maskerade

    ut: dict[tuple[Path, Sokvag], Maskerat] = {}
    for fil, rapport, huvudman in _rapporter(rot):
        for m in roj_maskerade(rapport, huvudman):
            ut[(fil, tuple(m.sokvag))] = Maskerat(m.symbol, m.skal)
    return ut


def maskering_i_rapporten(rot: Path) -> dict[tuple[Path, Sokvag], str]:
    """(file, YAML path) → symbol, read off the masked report itself: each leaf that
    ``berika.roj.maskera_enhet`` changed. Must agree with ``maskerade_varden``."""
    from kvalitet.berika.roj import maskera_enhet

    ut: dict[tuple[Path, Sokvag], str] = {}
    for fil, rapport, huvudman in _rapporter(rot):
        fore = rapport.model_dump(by_alias=True)
        efter = maskera_enhet(rapport, huvudman).model_dump(by_alias=True)
        for sokvag, symbol in _skillnader(fore, efter, ()):
            ut[(fil, sokvag)] = symbol
    return ut


def _rapporter(rot: Path) -> list[tuple[Path, Any, Any]]:
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kontroll.period import las_period

    projekt = hitta_projekt(rot)
    lage = las_period(projekt)
    kontroller = list(lage.enheter)
    for period in lage.perioder:
        if period != lage.period:
            kontroller += las_period(projekt, period).enheter
    return [
        (k.fil.resolve(), k.rapport, lage.huvudman) for k in kontroller if k.rapport is not None
    ]


def _skillnader(fore: Any, efter: Any, sokvag: Sokvag) -> list[tuple[Sokvag, str]]:
    """The leaves that changed, except the counts (``antal``), which are only removed, and the
    kind of data (``röjande``), which the masking fills in with the rule it chose."""
    if sokvag[-1:] in (("antal",), ("röjande",)):
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
