"""Figures that agree: a result typed in ``huvudmannens-rapport.yaml`` is checked against what
the units' reports show for the same styrtal, so that the huvudman's report never prints a
figure the sammanställning beside it contradicts.

The rule: a typed figure agrees when, at the precision it is printed with (rounded half up),
it is the median, the mean or the mean weighted by ``antal`` of the units' values, or of the
units' own values before the röjandekontroll (the huvudman may know them); a bound (``Över
90 %``) agrees when those figures are on its side. Values that cannot be compared (text, masked
values, another scale) are left out; with none left nothing is checked. The warning names both
figures, computed from the values the reports show, never from a hidden one."""

from __future__ import annotations

import statistics
from collections.abc import Mapping

from kvalitet.berika.huvudmansresultat import Enhetsvarde, berakna
from kvalitet.grund import format as fmt
from kvalitet.grund.problem import Problem
from kvalitet.grund.siffra import Siffra, avrunda, jamforbar, las_siffra, skalan
from kvalitet.kalla.las import Kalla, las_yaml
from kvalitet.kontroll.period import Periodlage
from kvalitet.modell import (
    Enhetsrapport,
    Huvudmannafil,
    Huvudmannarapport,
    HuvudmansStyrtal,
    Styrtalsresultat,
)
from kvalitet.modell.status import styrtalsstatus
from kvalitet.modell.verksamhetsplan import planens_styrtal
from kvalitet.sammanstallning.huvudmannens_rapport import enheternas_varden
from kvalitet.sammanstallning.sammanstall import Sammanstallning, sammanstall
from kvalitet.sammanstallning.spridning import visa_siffra

NAR_INTE = ("ej uppnått", "delvis uppnått")


def avstam_perioden(lage: Periodlage) -> list[Problem]:
    """The period's huvudman report against its units (warnings); nothing when the report, the
    huvudman file or a unit does not validate far enough to compare."""
    if lage.rapport is None or lage.huvudman is None or lage.rapportfil is None or not lage.period:
        return []
    if lage.rapport.uppfoljning is None:
        return []
    giltiga = [(k.id, k.rapport) for k in lage.enheter if k.ok and k.rapport is not None]
    data = sammanstall(lage.period, lage.huvudman, giltiga)
    kalla = lage.rapportkalla or las_yaml(lage.rapportfil)
    return avstam(lage.rapport, kalla, lage.huvudman, data, dict(giltiga))


def avstam(
    rapport: Huvudmannarapport,
    kalla: Kalla,
    huvudman: Huvudmannafil,
    sammanstallning: Sammanstallning,
    enheter: Mapping[str, Enhetsrapport],
) -> list[Problem]:
    """A warning at each typed ``resultat:`` whose figure differs from the units' results."""
    if rapport.uppfoljning is None:
        return []
    plan = {ps.styrtal.id: ps.styrtal for ps in planens_styrtal(huvudman)}
    marginal = huvudman.installningar.delvis_marginal
    ut: list[Problem] = []
    for sid, skrivet in rapport.uppfoljning.styrtal.items():
        styrtal = plan.get(sid)
        if styrtal is None or skrivet.resultat is None or skrivet.berakna is not None:
            continue
        skriven = las_siffra(skrivet.resultat)
        if skriven is not None and skrivet.status is not None:
            ut.extend(_skriven_status(sid, styrtal, skriven, skrivet.status, marginal, kalla))
        visade = enheternas_varden(sid, sammanstallning, enheter)
        skala = skalan(
            styrtal.matt, styrtal.malvarde, (s for v in visade if (s := las_siffra(v.utfall)))
        )
        if skriven is None or skriven.skala not in (None, skala):
            continue
        berakningar = _berakningar(visade, skala, styrtal.matt)
        if not berakningar:
            continue
        verkliga = [
            Enhetsvarde(eid, r.styrtal[sid].utfall, "", _antal(r.styrtal[sid]))
            for eid, r in enheter.items()
            if sid in r.styrtal
        ]
        if any(
            skriven.rymmer(tal)
            for tal, _ in berakningar + _berakningar(verkliga, skala, styrtal.matt)
        ):
            continue
        figurer = ", ".join(f"{vad} {_visa(tal, styrtal, skala)}" for tal, vad in berakningar)
        enheter_ = fmt.antal(
            sum(jamforbar(las_siffra(v.utfall), skala) for v in visade), "enhet", "enheter"
        )
        ut.append(
            kalla.varning(
                ("uppföljning", "styrtal", sid, "resultat"),
                f"styrtal {sid}: huvudmannens resultat {_skrivet(skrivet.resultat, styrtal)} "
                f"stämmer inte med enheternas utfall: {figurer} ({enheter_})"
                + _status(styrtal, skriven, skrivet.status, visade, marginal),
                _hur(styrtal, visade),
            )
        )
    return ut


def _skriven_status(
    sid: str,
    styrtal: HuvudmansStyrtal,
    skriven: Siffra,
    status: str,
    marginal: float,
    kalla: Kalla,
) -> list[Problem]:
    """A typed ``status:`` that the typed figure contradicts against the målvärde (both read as
    figures on the same scale: ``7,8 av 10`` against ``6 på en 10-gradig skala``)."""
    mal = las_siffra(styrtal.malvarde)
    if (
        mal is None
        or mal.grans is not None
        or skriven.grans is not None
        or skriven.skala != mal.skala
        or status not in ("uppnått", "delvis uppnått", "ej uppnått")
    ):
        return []
    raknad = styrtalsstatus(
        styrtal.model_copy(update={"malvarde": mal.tal}),
        Styrtalsresultat.model_construct(utfall=skriven.tal, status=None),
        marginal,
    )
    if raknad == status:
        return []
    mot = _skrivet(styrtal.malvarde, styrtal)
    return [
        kalla.varning(
            ("uppföljning", "styrtal", sid, "status"),
            f"styrtal {sid}: status '{status}' stämmer inte med resultatet "
            f"{visa_siffra(skriven.tal, skriven.decimaler, styrtal.matt, skriven.skala)} mot "
            f"målvärdet {mot} (det är {raknad})".replace(fmt.NBSP, " "),
            f"skriv 'status: {raknad}', eller rätta resultatet",
        )
    ]


def _antal(res: Styrtalsresultat) -> int | None:
    return res.antal.totalt if res.antal is not None else None


def _berakningar(
    varden: list[Enhetsvarde], skala: float | None, matt: str
) -> list[tuple[float, str]]:
    """The figures a huvudman computes from the units' comparable values: (value, what); for
    a count (``mått: antal``) also the sum."""
    par = [(s.tal, v.antal) for v in varden if jamforbar(s := las_siffra(v.utfall), skala) and s]
    if not par:
        return []
    tal = [t for t, _ in par]
    ut = [(sum(tal) / len(tal), "medelvärdet"), (statistics.median(tal), "medianen")]
    if matt == "antal":
        ut.append((sum(tal), "summan"))
    viktade = [(t, n) for t, n in par if n]
    if viktade and (summa := sum(n for _, n in viktade)):
        medel = sum(t * n for t, n in viktade) / summa
        ut.append((medel, f"medelvärdet viktat med antal ({fmt.tal(summa)})"))
    return ut


def _visa(tal: float, styrtal: HuvudmansStyrtal, skala: float | None) -> str:
    """A computed figure with at most one decimal, as the report prints it."""
    return visa_siffra(avrunda(tal, 1), None, styrtal.matt, skala).replace(fmt.NBSP, " ")


def _skrivet(resultat: object, styrtal: HuvudmansStyrtal) -> str:
    text = resultat if isinstance(resultat, str) else fmt.varde(resultat, styrtal.matt)
    return text.replace(fmt.NBSP, " ")


def _status(
    styrtal: HuvudmansStyrtal,
    skriven: Siffra,
    status: str | None,
    visade: list[Enhetsvarde],
    marginal: float,
) -> str:
    """'; det visas som uppnått medan 2 av 3 enheter inte når målvärdet' when they disagree."""
    visas = status or styrtalsstatus(
        styrtal, Styrtalsresultat.model_construct(utfall=skriven.tal, status=None), marginal
    )
    bedomda = [v for v in visade if v.status in ("uppnått", *NAR_INTE)]
    antal = sum(v.status in NAR_INTE for v in bedomda)
    if visas != "uppnått" or not antal:
        return ""
    return f"; det visas som uppnått medan {antal} av {len(bedomda)} enheter inte når målvärdet"


def _hur(styrtal: HuvudmansStyrtal, visade: list[Enhetsvarde]) -> str:
    """The fix: the value 'beräkna:' would print (a skala's median, else the mean, weighted by
    antal where the units give it), or 'beräkna:' itself."""
    satt = "median" if styrtal.matt == "skala" else "medel"
    forslag, _ = berakna(satt, visade, styrtal.matt, styrtal.malvarde)
    varde = forslag if isinstance(forslag, str) else fmt.tal(forslag)
    return (
        f"skriv det uträknade värdet ('resultat: {varde}'), eller ta bort raden 'resultat:' och "
        f"skriv 'beräkna: {satt}' så räknas värdet fram ur enheterna"
    ).replace(fmt.NBSP, " ")
