"""The huvudman's result per styrtal of the plan: written in its report, or computed from the
units' results (median, mean weighted by antal, share of units that reached the målvärde).

Computed from the values the units' reports show (after the röjandekontroll): a value hidden
in a unit's report is not used here either."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from kvalitet.grund import format as fmt
from kvalitet.grund.format import antal
from kvalitet.grund.siffra import avrunda, jamforbar, las_siffra, skalan
from kvalitet.modell import (
    Huvudmannafil,
    Huvudmansresultat,
    HuvudmansStyrtal,
    Styrtalsresultat,
    Tal,
)
from kvalitet.modell.status import SYMBOL, Status, ar_tal, styrtalsstatus
from kvalitet.modell.verksamhetsplan import planens_styrtal

BEDOMDA = ("uppnått", "delvis uppnått", "ej uppnått")


@dataclass(frozen=True)
class Enhetsvarde:
    """One unit's shown result for a styrtal, with its status and how many pupils it covers."""

    enhet: str
    utfall: object
    status: str
    antal: int | None


@dataclass(frozen=True)
class Utfall:
    """The huvudman's result for a styrtal: the value, its status and how it was reached."""

    varde: object
    status: Status
    berakning: str = ""
    """How a computed value was reached, e.g. 'median av 3 enheter'; empty when written."""

    @property
    def symbol(self) -> str:
        return SYMBOL[self.status]


def _tal(varde: float) -> Tal:
    return Tal(avrunda(varde, 1))


def berakna(
    satt: str, varden: list[Enhetsvarde], matt: str, malvarde: object = None
) -> tuple[object, str]:
    """A value computed from the units' shown values, and a note saying how; (None, note) when
    no unit has a value to compute from. A skala value is read from its text (``7,1 av 10``),
    on the målvärde's scale, and the result is written on it too."""
    siffror = [(las_siffra(v.utfall), v.antal) for v in varden]
    skala = skalan(matt, malvarde, (s for s, _ in siffror if s is not None))
    tal = [(s.tal, n) for s, n in siffror if s is not None and jamforbar(s, skala)]
    varde, hur = _berakna(satt, varden, tal)
    if skala is not None and satt != "andel_uppnått" and ar_tal(varde):
        return f"{fmt.tal(varde)} av {fmt.tal(skala)}", hur
    return varde, hur


def _berakna(
    satt: str, varden: list[Enhetsvarde], tal: list[tuple[float, int | None]]
) -> tuple[object, str]:
    if satt == "andel_uppnått":
        bedomda = [v for v in varden if v.status in BEDOMDA]
        if not bedomda:
            return None, "ingen enhet har ett bedömt utfall"
        uppnadda = sum(v.status == "uppnått" for v in bedomda)
        return (
            _tal(100 * uppnadda / len(bedomda)),
            f"{uppnadda} av {antal(len(bedomda), 'enhet', 'enheter')} nådde målvärdet",
        )
    if not tal:
        return None, "ingen enhet har ett utfall som tal"
    if satt == "median":
        return _tal(
            statistics.median(t for t, _ in tal)
        ), f"median av {antal(len(tal), 'enhet', 'enheter')}"
    viktade = [(t, n) for t, n in tal if n]
    if not viktade:
        medel = sum(t for t, _ in tal) / len(tal)
        return _tal(medel), (
            f"medelvärde av {antal(len(tal), 'enhet', 'enheter')}, utan vikter (enheterna har "
            "inte skrivit antal)"
        )
    summa = sum(n for _, n in viktade)
    medel = sum(t * n for t, n in viktade) / summa
    utan = len(tal) - len(viktade)
    return _tal(medel), (
        f"medelvärde viktat med antal elever ({fmt.tal(summa)}), "
        f"{antal(len(viktade), 'enhet', 'enheter')}"
        + (f"; {utan} utan antal räknas inte" if utan else "")
    )


def huvudmannens_utfall(
    styrtal: HuvudmansStyrtal,
    skrivet: Huvudmansresultat | None,
    varden: list[Enhetsvarde],
    marginal: float,
) -> Utfall:
    """The result and status of one styrtal in the huvudman's report."""
    if skrivet is None:
        return Utfall(None, "saknas")
    notering = ""
    varde: object = skrivet.resultat
    matt = styrtal.matt
    if skrivet.berakna:
        varde, notering = berakna(skrivet.berakna, varden, matt, styrtal.malvarde)
        if skrivet.berakna == "andel_uppnått":
            # a share of units, not the styrtal's own measure: no status against its målvärde
            return Utfall(varde, skrivet.status or "ej bedömt", notering)
    resultat = Styrtalsresultat.model_construct(utfall=varde, status=skrivet.status)
    return Utfall(varde, styrtalsstatus(styrtal, resultat, marginal), notering)


def visa_varde(varde: object, matt: str) -> str:
    """A value as shown in the follow-up table: Swedish number format, text as written."""
    if varde is None or varde == "":
        return "–"
    return fmt.varde(varde, matt) if ar_tal(varde) else str(varde)


def planens_malvarden(
    styrtal: HuvudmansStyrtal,
    period: str,
    perioder: list[str],
    planer: Mapping[str, Huvudmannafil],
) -> list[str]:
    """The målvärde of each period in ``perioder``: from the styrtal's ``målvärden``, its
    ``målvärde`` for the report's own period, else from that period's huvudman file."""
    ut = []
    for p in perioder:
        varde = styrtal.malvarden.get(p)
        if varde is None and p == period:
            varde = styrtal.malvarde
        if varde is None and p in planer:
            varde = next(
                (
                    ps.styrtal.malvarde
                    for ps in planens_styrtal(planer[p])
                    if ps.styrtal.id == styrtal.id
                ),
                None,
            )
        ut.append(visa_varde(varde, styrtal.matt))
    return ut
