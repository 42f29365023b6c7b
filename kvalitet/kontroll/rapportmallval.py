"""Which rapportmall a unit follows, and the unit checked against it: the resolver
(unit, huvudman) → the rapportmall in force, with located errors for unknown names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla
from kvalitet.kalla.rapportmallar import ANDELSE, MALLMAPP, STANDARD
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.rapportmall import ar_tom, varde_vid
from kvalitet.modell import Enhetsrapport, Huvudmannafil
from kvalitet.modell.rapportmall import Rapportmall


@dataclass(frozen=True)
class Mallval:
    """The name of the template a unit follows and who named it (for messages)."""

    namn: str
    av: str
    """'enheten', 'huvudmannen (per enhet)', 'huvudmannen (per skolform)', 'huvudmannen' or
    'standard'."""


def mallval(enhets_id: str, rapport: Enhetsrapport, huvudman: Huvudmannafil | None) -> Mallval:
    """The unit's own ``rapportmall``, else the huvudman's choice for the unit, for its skolform,
    the huvudman's standard, else the built-in ``standard``."""
    if rapport.rapportmall:
        return Mallval(rapport.rapportmall, "enheten")
    val = huvudman.installningar.rapportmallar if huvudman else None
    if val is not None:
        if enhets_id in val.enheter:
            return Mallval(val.enheter[enhets_id], "huvudmannen (per enhet)")
        if rapport.skolform in val.skolformer:
            return Mallval(val.skolformer[rapport.skolform], "huvudmannen (per skolform)")
        return Mallval(val.standard, "huvudmannen")
    return Mallval(STANDARD, "standard")


def _okand(namn: str, kanda: Mapping[str, object]) -> tuple[str, str]:
    forslag = menade_du(namn, kanda)
    vad = f"rapportmallen '{namn}' finns inte"
    hur = (
        f"menade du '{forslag}'?"
        if forslag
        else f"lägg filen rapporter/{MALLMAPP}/{namn}{ANDELSE}, eller skriv en av "
        + ", ".join(f"'{k}'" for k in sorted(kanda))
    )
    return vad, hur


def kontrollera_huvudmannens_val(
    huvudman: Huvudmannafil, kalla: Kalla, kanda: Mapping[str, object]
) -> list[Problem]:
    """An error at each name in the huvudman's ``inställningar.rapportmallar`` that is no
    template of the project (``kanda``: every name, valid or not)."""
    val = huvudman.installningar.rapportmallar
    if val is None:
        return []
    bas = ("inställningar", "rapportmallar")
    namn: list[tuple[tuple[str, ...], str]] = [((*bas, "standard"), val.standard)]
    namn += [((*bas, "skolformer", k), v) for k, v in val.skolformer.items()]
    namn += [((*bas, "enheter", k), v) for k, v in val.enheter.items()]
    return [kalla.fel(s, *_okand(n, kanda)) for s, n in namn if n not in kanda]


def _okand_del(id_: str, namn: str, egna: Mapping[str, object]) -> tuple[str, str]:
    vad = f"rapportmallen '{namn}' har ingen egen del '{id_}'"
    if not egna:
        return vad, "ta bort nyckeln; den här mallens delar har egna fält (se docs/rapportmall.md)"
    forslag = menade_du(id_, egna)
    if forslag:
        return vad, f"menade du '{forslag}'?"
    return vad, "skriv en av " + ", ".join(f"'{k}'" for k in egna)


def rapportmall_for(
    enhets_id: str,
    rapport: Enhetsrapport,
    huvudman: Huvudmannafil | None,
    mallar: Mapping[str, Rapportmall | None],
    kalla: Callable[[], Kalla],
) -> tuple[Rapportmall | None, list[Problem]]:
    """The rapportmall in force for a validated unit. ``mallar`` has every template of the
    project by name (None for one with errors: its own errors say what to fix). An unknown
    name the unit wrote is an error at its ``rapportmall:``; one the huvudman wrote is
    reported once in the huvudman file (``kontrollera_huvudmannens_val``)."""
    val = mallval(enhets_id, rapport, huvudman)
    if val.namn in mallar:
        return mallar[val.namn], []
    if val.av == "enheten":
        return None, [kalla().fel(("rapportmall",), *_okand(val.namn, mallar))]
    return None, []


def kontrollera_mot_mall(
    rapport: Enhetsrapport, mall: Rapportmall, namn: str, kalla: Callable[[], Kalla]
) -> list[Problem]:
    """The unit against its template: each key of ``delar:`` must be one of the template's own
    parts (those without ``fält``); a part the template requires and the unit left empty is an
    error when the report is klar or godkänd, a warning in a draft; a part to warn about when
    empty is a warning."""
    problem: list[Problem] = []
    egna = {d.id: d for _, d in mall.alla_delar() if d.falt is None}
    for id_ in rapport.delar:
        if id_ not in egna:
            problem.append(kalla().fel(("delar", id_), *_okand_del(id_, namn, egna), nyckel=True))
    for _, del_ in mall.alla_delar():
        if del_.falt is None and del_.sort not in ("avsnitt", "text"):
            continue  # a part of another sort is written at its own field
        if not (del_.kravs or del_.om_tom == "varna"):
            continue
        falt = del_.falt or f"delar.{del_.id}"
        k = kalla()
        if not ar_tom(varde_vid(k.data, falt)):
            continue
        sokvag = tuple(falt.split("."))
        vad = f"delen '{del_.rubrik}' ({falt}) är inte ifylld"
        skriv = f"'{falt.rsplit('.', 1)[-1]}:'" + (" under 'delar:'" if del_.falt is None else "")
        hur = f"skriv {skriv} i filen; rapportmallen '{namn}' " + (
            "kräver delen" if del_.kravs else "varnar när den är tom"
        )
        if del_.kravs and rapport.status != "utkast":
            problem.append(k.fel(sokvag, vad, hur))
        else:
            problem.append(k.varning(sokvag, vad, hur))
    return problem
