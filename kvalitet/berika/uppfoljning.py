"""Section 5: the huvudman's plan joined with a unit's results, own styrtal, trend and activities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from kvalitet.berika.diagram import Serie, stapeldiagram
from kvalitet.berika.roj import forklaring, publicerad_status, symboler_i
from kvalitet.grund import format as fmt
from kvalitet.kalla.projekt import periodnyckel
from kvalitet.kontroll.maskering import styrtalets_slag
from kvalitet.modell import (
    Aktivitet,
    EgetStyrtal,
    Enhetsrapport,
    Huvudmannafil,
    StyrtalsDefinition,
    Styrtalsresultat,
)
from kvalitet.modell.status import SYMBOL, ar_tal, styrtalsstatus
from kvalitet.modell.verksamhetsplan import galler_for

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
    diagram: Markup | None = None
    kalla: str | None = None
    jamforelser: dict[str, str] = field(default_factory=dict)


@dataclass
class VyMal:
    nummer: str
    text: str
    styrtal: list[VyStyrtal]
    aktiviteter: list[Aktivitet] = field(default_factory=list)
    har_kon: bool = False
    perioder: list[str] = field(default_factory=list)
    symboler: list[str] = field(default_factory=list)
    forklaring: dict[str, str] = field(default_factory=dict)
    """The legend's texts in the words of the goal's styrtal's data ("1–4 barn")."""
    jamforelser: list[str] = field(default_factory=list)
    """The comparisons (riket, kommunen …) any of the goal's styrtal has: a column each."""


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
        traff: EgetStyrtal | Styrtalsresultat | None
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


def _diagram(
    definition: StyrtalsDefinition,
    resultat: Styrtalsresultat | None,
    historik: dict[str, object],
    period: str,
) -> Markup | None:
    """Utfall over the periods against the målvärde; flickor/pojkar beside the current utfall."""
    if resultat is None or not resultat.diagram or definition.matt == "text":
        return None
    perioder = sorted(historik, key=periodnyckel)[-TREND_PERIODER:]
    utfall = [historik[p] for p in perioder] + [resultat.utfall]
    if not any(ar_tal(v) for v in utfall):
        return None
    kategorier = [*perioder, period]
    serier = [Serie("Alla", utfall)]
    if resultat.flickor is not None or resultat.pojkar is not None:
        tomt = [None] * len(perioder)
        serier += [
            Serie("Flickor", [*tomt, resultat.flickor]),
            Serie("Pojkar", [*tomt, resultat.pojkar]),
        ]
    tomt = [None] * len(perioder)
    for namn, varde in resultat.jamforelser.items():  # riket, kommunen … beside the unit's value
        serier.append(Serie(namn.capitalize(), [*tomt, varde]))
    return stapeldiagram(
        "diagram-styrtal-" + re.sub(r"[^A-Za-z0-9]+", "-", definition.id),
        f"Styrtal {definition.id}: {definition.text}",
        kategorier,
        serier,
        definition.matt,
        definition.malvarde,
    )


def _vy(
    definition: StyrtalsDefinition,
    resultat: Styrtalsresultat | None,
    historik: dict[str, object],
    period: str,
    status: str,
) -> VyStyrtal:
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
        diagram=_diagram(definition, resultat, historik, period),
        kalla=resultat.kalla if resultat else None,
        jamforelser={n: fmt.varde(v, matt) for n, v in resultat.jamforelser.items()}
        if resultat
        else {},
    )


def _perioder(styrtal: list[VyStyrtal], period: str) -> list[str]:
    alla = {p for s in styrtal for p in s.historik if periodnyckel(p) < periodnyckel(period)}
    return sorted(alla, key=periodnyckel)[-TREND_PERIODER:]


def uppfoljning(
    rapport: Enhetsrapport,
    huvudman: Huvudmannafil | None,
    tidigare: dict[str, Enhetsrapport],
    verklig: Enhetsrapport | None = None,
) -> list[VyPerspektiv]:
    """The perspektiv → mål → styrtal tables for one unit, with trend and activities.

    ``rapport`` is the masked report (what is shown); the status is computed from ``verklig``,
    the unmasked one, so that a hidden value does not turn into "saknas"."""
    marginal = huvudman.installningar.delvis_marginal if huvudman else 10
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    slag: dict[int, list[str]] = {}
    verklig = verklig or rapport
    verkliga_egna = {e.id: e for e in verklig.egna_styrtal}
    perspektiv: list[VyPerspektiv] = []
    mal_for_styrtal: dict[str, VyMal] = {}
    aktuella: dict[tuple[int, str], VyMal] = {}
    for ps in galler_for(huvudman, rapport.skolform):
        resultat = rapport.styrtal.get(ps.styrtal.id)
        historik = _historik(ps.styrtal.id, resultat, tidigare, False)
        verkligt = verklig.styrtal.get(ps.styrtal.id)
        status = publicerad_status(
            styrtalsstatus(ps.styrtal, verkligt, marginal), verkligt, resultat
        )
        vy = _vy(ps.styrtal, resultat, historik, rapport.period, status)
        nyckel = (ps.perspektiv_nr, ps.mal_nr)
        if nyckel not in aktuella:
            if not perspektiv or perspektiv[-1].namn != ps.perspektiv.namn:
                perspektiv.append(VyPerspektiv(ps.perspektiv.namn, []))
            aktuella[nyckel] = VyMal(ps.mal_nr, ps.mal.text, [])
            perspektiv[-1].mal.append(aktuella[nyckel])
        aktuella[nyckel].styrtal.append(vy)
        slag.setdefault(id(aktuella[nyckel]), []).append(
            styrtalets_slag(ps.styrtal, rapport.skolform)
        )
        mal_for_styrtal[ps.styrtal.id] = aktuella[nyckel]

    if rapport.egna_styrtal:
        egna = VyMal("", "Styrtal som enheten själv har lagt till", [])
        for eget in rapport.egna_styrtal:
            historik = _historik(eget.id, eget, tidigare, True)
            verkligt_eget = verkliga_egna.get(eget.id, eget)
            status = publicerad_status(
                styrtalsstatus(eget, verkligt_eget, marginal), verkligt_eget, eget
            )
            egna.styrtal.append(_vy(eget, eget, historik, rapport.period, status))
            slag.setdefault(id(egna), []).append(styrtalets_slag(eget, rapport.skolform))
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
            mal.jamforelser = list(dict.fromkeys(n for s in mal.styrtal for n in s.jamforelser))
            mal.perioder = _perioder(mal.styrtal, rapport.period)
            mal.forklaring = forklaring(slag.get(id(mal), []), grans)
            mal.symboler = symboler_i(
                [
                    v
                    for s in mal.styrtal
                    for v in (
                        s.utfall,
                        s.flickor,
                        s.pojkar,
                        *s.historik.values(),
                        *s.jamforelser.values(),
                    )
                ]
            )
    return perspektiv
