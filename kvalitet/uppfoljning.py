"""Section 5: the huvudman's plan joined with a unit's results, own styrtal, trend and activities."""

from __future__ import annotations

from dataclasses import dataclass, field

from kvalitet import format as fmt
from kvalitet.model import (
    Aktivitet,
    Enhetsrapport,
    Huvudmannafil,
    StyrtalsDefinition,
    Styrtalsresultat,
)
from kvalitet.plan import galler_for
from kvalitet.project import periodnyckel
from kvalitet.status import SYMBOL, styrtalsstatus

TREND_PERIODER = 3


@dataclass
class VyStyrtal:
    id: str
    text: str
    malvarde: str
    utfall: str
    flickor: str
    pojkar: str
    status: str
    symbol: str
    kommentar: str | None
    ej_aktuellt: str | None
    historik: dict[str, str] = field(default_factory=dict)


@dataclass
class VyMal:
    nummer: str
    text: str
    styrtal: list[VyStyrtal]
    aktiviteter: list[Aktivitet] = field(default_factory=list)
    har_kon: bool = False
    perioder: list[str] = field(default_factory=list)


@dataclass
class VyPerspektiv:
    namn: str
    mal: list[VyMal]


def _historik(
    sid: str,
    resultat: Styrtalsresultat | None,
    tidigare: dict[str, Enhetsrapport],
    egen: bool,
) -> dict[str, object]:
    """Earlier utfall of one styrtal: earlier period files first, inline ``historik`` fills gaps."""
    ut: dict[str, object] = {}
    for period, rapport in tidigare.items():
        if egen:
            traff = next((e for e in rapport.egna_styrtal if e.id == sid), None)
        else:
            traff = rapport.styrtal.get(sid)
        if traff is not None and traff.utfall is not None:
            ut[period] = traff.utfall
    if resultat is not None:
        for period, varde in resultat.historik.items():
            ut.setdefault(period, varde)
    return ut


def _vy(
    definition: StyrtalsDefinition,
    resultat: Styrtalsresultat | None,
    marginal: float,
    historik: dict[str, object],
) -> VyStyrtal:
    status = styrtalsstatus(definition, resultat, marginal)
    matt = definition.matt
    return VyStyrtal(
        id=definition.id,
        text=definition.text,
        malvarde=fmt.varde(definition.malvarde, matt) or "–",
        utfall=(fmt.varde(resultat.utfall, matt) if resultat else "") or "–",
        flickor=fmt.varde(resultat.flickor, matt) if resultat else "",
        pojkar=fmt.varde(resultat.pojkar, matt) if resultat else "",
        status=status,
        symbol=SYMBOL[status],
        kommentar=resultat.kommentar if resultat else None,
        ej_aktuellt=resultat.ej_aktuellt if resultat else None,
        historik={p: fmt.varde(v, matt) for p, v in historik.items()},
    )


def _perioder(styrtal: list[VyStyrtal], period: str) -> list[str]:
    alla = {p for s in styrtal for p in s.historik if periodnyckel(p) < periodnyckel(period)}
    return sorted(alla, key=periodnyckel)[-TREND_PERIODER:]


def uppfoljning(
    rapport: Enhetsrapport,
    huvudman: Huvudmannafil | None,
    tidigare: dict[str, Enhetsrapport],
) -> list[VyPerspektiv]:
    """The perspektiv → mål → styrtal tables for one unit, with trend and activities."""
    marginal = huvudman.installningar.delvis_marginal if huvudman else 10
    perspektiv: list[VyPerspektiv] = []
    mal_for_styrtal: dict[str, VyMal] = {}
    aktuella: dict[tuple[int, str], VyMal] = {}
    for ps in galler_for(huvudman, rapport.skolform):
        resultat = rapport.styrtal.get(ps.styrtal.id)
        vy = _vy(
            ps.styrtal, resultat, marginal, _historik(ps.styrtal.id, resultat, tidigare, False)
        )
        nyckel = (ps.perspektiv_nr, ps.mal_nr)
        if nyckel not in aktuella:
            if not perspektiv or perspektiv[-1].namn != ps.perspektiv.namn:
                perspektiv.append(VyPerspektiv(ps.perspektiv.namn, []))
            aktuella[nyckel] = VyMal(ps.mal_nr, ps.mal.text, [])
            perspektiv[-1].mal.append(aktuella[nyckel])
        aktuella[nyckel].styrtal.append(vy)
        mal_for_styrtal[ps.styrtal.id] = aktuella[nyckel]

    if rapport.egna_styrtal:
        egna = VyMal("", "Styrtal som enheten själv har lagt till", [])
        for eget in rapport.egna_styrtal:
            egna.styrtal.append(_vy(eget, eget, marginal, _historik(eget.id, eget, tidigare, True)))
            mal_for_styrtal[eget.id] = egna
        perspektiv.append(VyPerspektiv("Enhetens egna styrtal", [egna]))

    ovriga: list[Aktivitet] = []
    for akt in rapport.aktiviteter:
        mal = next((mal_for_styrtal[s] for s in akt.styrtal if s in mal_for_styrtal), None)
        (mal.aktiviteter if mal else ovriga).append(akt)
    if ovriga:
        perspektiv.append(VyPerspektiv("Övriga aktiviteter", [VyMal("", "", [], ovriga)]))

    for persp in perspektiv:
        for mal in persp.mal:
            mal.har_kon = any(s.flickor or s.pojkar for s in mal.styrtal)
            mal.perioder = _perioder(mal.styrtal, rapport.period)
    return perspektiv
