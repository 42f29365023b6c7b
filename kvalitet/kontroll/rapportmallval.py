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
    """The unit against its template: a part the template requires and the unit left empty
    (an error when the report is klar or godkänd, a warning in a draft), a part to warn about
    when empty; a warning that the template's own parts cannot be filled in yet. Parts without ``fält`` (``delar.<id>``) are not in the unit file yet."""
    problem: list[Problem] = []
    egna = [d.id for _, d in mall.alla_delar() if d.falt is None and d.sort == "avsnitt"]
    if namn != STANDARD and egna:
        problem.append(
            kalla().varning(
                ("rapportmall",),
                f"rapporten skrivs ut efter rapportmallen '{namn}', men mallens egna delar ("
                + ", ".join(egna)
                + ") kan ännu inte fyllas i och skrivs ut som tomma",
                "att skriva 'delar:' i enhetsfilen kommer i en senare version av kvalitet",
                nyckel=True,
            )
        )
    for _, del_ in mall.alla_delar():
        if del_.falt is None:
            continue
        if not (del_.kravs or del_.om_tom == "varna"):
            continue
        k = kalla()
        if not ar_tom(varde_vid(k.data, del_.falt)):
            continue
        sokvag = tuple(del_.falt.split("."))
        vad = f"delen '{del_.rubrik}' ({del_.falt}) är inte ifylld"
        hur = f"skriv '{del_.falt.rsplit('.', 1)[-1]}:' i filen; rapportmallen '{namn}' " + (
            "kräver delen" if del_.kravs else "varnar när den är tom"
        )
        if del_.kravs and rapport.status != "utkast":
            problem.append(k.fel(sokvag, vad, hur))
        else:
            problem.append(k.varning(sokvag, vad, hur))
    return problem
