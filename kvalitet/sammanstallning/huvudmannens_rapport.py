"""The huvudman's own report → what its template shows: numbered sections, the plan's styrtal
with målvärden per period and the huvudman's results, activities under their mål, uppdrag,
insatser, analysis, development areas and the units' sammanställning."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet.berika.delar import INNEHALL_DJUP, Byggare, Rubrik, VyDel
from kvalitet.berika.huvudmansresultat import (
    Enhetsvarde,
    Utfall,
    huvudmannens_utfall,
    planens_malvarden,
    visa_varde,
)
from kvalitet.berika.roj import sammanstallningens_forklaring
from kvalitet.berika.tema import logotyp, tema_css
from kvalitet.berika.vy import VyUtvecklingsomrade, utvecklingsfragor
from kvalitet.kalla.projekt import periodnyckel
from kvalitet.modell import (
    Aktivitet,
    Enhetsrapport,
    Huvudmannafil,
    Huvudmannarapport,
    Insats,
    Uppdrag,
)
from kvalitet.modell.verksamhetsplan import Planstyrtal, planens_styrtal
from kvalitet.sammanstallning.sammanstall import Sammanstallning

SAMMANSTALLNINGENS_RUBRIKER = (
    ("status", "Rapporteringens status"),
    ("maluppfyllelse", "Måluppfyllelse per enhet och styrtal"),
    ("spridning", "Spridning mellan enheterna"),
    ("utvecklingsomraden", "Enheternas prioriterade utvecklingsområden"),
    ("slutsatser", "Slutsatser från enheternas analyser"),
)
MALLRUBRIK = ("rapportmallar", "Rapportmallarna och självvärderingarna")
"""The sixth section, when the units follow more than one rapportmall or sum a scale."""


@dataclass
class VyPlanstyrtal:
    id: str
    text: str
    riktning: str
    malvarden: list[str]
    resultat: str
    utfall: Utfall
    kommentar: str | None


@dataclass
class VyAktivitet:
    etikett: str
    """'Aktivitet 1.1.1 och 1.1.2' (the styrtal it belongs to)."""
    aktivitet: Aktivitet


@dataclass
class VyPlanmal:
    nummer: str
    text: str
    styrtal: list[VyPlanstyrtal]
    aktiviteter: list[VyAktivitet] = field(default_factory=list)


@dataclass
class VyPlanperspektiv:
    rubrik: Rubrik
    mal: list[VyPlanmal]


@dataclass
class VyNumrerad:
    """An uppdrag or insats under its numbered heading."""

    rubrik: Rubrik
    del_: Uppdrag | Insats


@dataclass
class VyHuvudmannarapport:
    """Everything the huvudman report's template needs, numbered and formatted."""

    rapport: Huvudmannarapport
    huvudman: str
    forvaltning: str | None
    period: str
    inledning: list[Rubrik]
    inledningsdel: VyDel | None
    uppfoljning_rubrik: Rubrik | None
    perioder: list[str]
    perspektiv: list[VyPlanperspektiv]
    ovriga_aktiviteter: list[VyAktivitet]
    uppdrag_rubrik: Rubrik | None
    uppdrag: list[VyNumrerad]
    insatser_rubrik: Rubrik | None
    insatser: list[VyNumrerad]
    analys: VyDel | None
    utveckling_rubrik: Rubrik | None
    utvecklingsomraden: list[VyUtvecklingsomrade]
    sammanstallning_rubrik: Rubrik | None
    sammanstallning_nr: str
    sammanstallningens_rubriker: list[Rubrik]
    innehall: list[Rubrik]
    tema_css: str = ""
    logotyp: str | None = None
    utvecklingsfragor: list[tuple[str, str]] = field(default_factory=list)
    utvecklingsvisning: str = "lista"
    teckenforklaring: dict[str, str] = field(default_factory=dict)

    @property
    def visa_status(self) -> bool:
        """Whether the follow-up tables have a status column: only when some styrtal has a
        status that says something (a plan with only text målvärden and no stated status has
        none, as in many verksamhetsplaner)."""
        return any(
            st.utfall.status in ("uppnått", "delvis uppnått", "ej uppnått")
            for p in self.perspektiv
            for m in p.mal
            for st in m.styrtal
        )

    @property
    def titel(self) -> str:
        return self.rapport.titel

    @property
    def forfattare(self) -> str:
        ansvarig = self.rapport.ansvarig
        return (
            (ansvarig.namn if ansvarig and ansvarig.namn else None)
            or self.forvaltning
            or self.huvudman
        )

    @property
    def ansvarig(self) -> str:
        return self.rapport.ansvarig.visas if self.rapport.ansvarig else ""


def aktivitetsetikett(styrtal: list[str]) -> str:
    """``Aktivitet 1.1.1``, ``Aktivitet 1.1.1 och 1.1.2``, ``Aktivitet 1.1.1, 1.2.1 och 2.1.1``."""
    if not styrtal:
        return "Aktivitet"
    if len(styrtal) == 1:
        return f"Aktivitet {styrtal[0]}"
    return f"Aktivitet {', '.join(styrtal[:-1])} och {styrtal[-1]}"


def valda_perioder(
    rapport: Huvudmannarapport, huvudman: Huvudmannafil, planer: Mapping[str, Huvudmannafil]
) -> list[str]:
    """The periods whose målvärden stand side by side: as written, else those in the styrtal's
    ``målvärden`` and the report's own, else the period before (when its plan exists) and this."""
    if rapport.uppfoljning and rapport.uppfoljning.perioder:
        return list(rapport.uppfoljning.perioder)
    skrivna = {p for ps in planens_styrtal(huvudman) for p in ps.styrtal.malvarden}
    if skrivna:
        return sorted(skrivna | {rapport.period}, key=periodnyckel)
    tidigare = sorted(
        (p for p in planer if periodnyckel(p) < periodnyckel(rapport.period)), key=periodnyckel
    )
    return [*tidigare[-1:], rapport.period]


def las_upp_huvudmannarapport(
    rapport: Huvudmannarapport,
    huvudman: Huvudmannafil,
    rapportfil: Path,
    huvudmannafil: Path | None,
    projektrot: Path,
    sammanstallning: Sammanstallning,
    enheter: Mapping[str, Enhetsrapport],
    planer: Mapping[str, Huvudmannafil],
) -> VyHuvudmannarapport:
    """Resolve a validated huvudman report for rendering. ``planer`` holds the huvudman files
    of other periods (their målvärden); ``sammanstallning`` the units as their reports show
    them, from which computed results are taken."""
    alla = huvudman.installningar.innehallsforteckning == "alla"
    bygg = Byggare(rapportfil, projektrot, alla_rubriker=alla)
    inledning: list[Rubrik] = []
    if rapport.sammanfattning:
        inledning.append(Rubrik("", "Sammanfattning", 1, "sammanfattning"))
    bygg.innehall.extend(inledning)
    inledningsdel = None
    if rapport.inledning:
        forra = len(bygg.innehall)
        inledningsdel = bygg.del_(
            "", "Inledning", 1, rapport.inledning, numrerad=False, ankare="inledning"
        )
        if not alla:  # the heading has a line in the contents, like Sammanfattning
            bygg.innehall.insert(forra, inledningsdel.rubrik)
    nr = 0

    def nasta(text: str, namn: str = "") -> Rubrik:
        nonlocal nr
        nr += 1
        rubrik = Rubrik(str(nr), text, 1, namn)
        bygg.innehall.append(rubrik)
        return rubrik

    # 1 Uppföljning av verksamhetsplanen
    uppf_rubrik = None
    perspektiv: list[VyPlanperspektiv] = []
    ovriga: list[VyAktivitet] = []
    perioder = valda_perioder(rapport, huvudman, planer)
    plan = list(planens_styrtal(huvudman))
    if rapport.uppfoljning is not None or rapport.aktiviteter:
        uppf_rubrik = nasta("Uppföljning av verksamhetsplanen")
        perspektiv, ovriga = _perspektiv(
            rapport, huvudman, plan, perioder, planer, sammanstallning, enheter, uppf_rubrik, bygg
        )

    uppdrag_rubrik = nasta("Uppdrag från nämnden") if rapport.uppdrag else None
    uppdrag = [
        VyNumrerad(_underrubrik(bygg, f"{uppdrag_rubrik.nummer}.{i}", u.rubrik), u)
        for i, u in enumerate(rapport.uppdrag, start=1)
        if uppdrag_rubrik
    ]
    insatser_rubrik = nasta("Externa insatser") if rapport.insatser else None
    insatser = [
        VyNumrerad(_underrubrik(bygg, f"{insatser_rubrik.nummer}.{i}", s.namn), s)
        for i, s in enumerate(rapport.insatser, start=1)
        if insatser_rubrik
    ]
    analys = bygg.huvuddel(nr + 1, "Analys", rapport.analys) if rapport.analys else None
    if analys:
        nr += 1
    utv_rubrik = nasta("Prioriterade utvecklingsområden") if rapport.utvecklingsomraden else None
    omraden = [
        VyUtvecklingsomrade(_underrubrik(bygg, f"{utv_rubrik.nummer}.{i}", o.rubrik), o)
        for i, o in enumerate(rapport.utvecklingsomraden, start=1)
        if utv_rubrik
    ]
    sam_rubrik = None
    sam_nr = ""
    sam_rubriker: list[Rubrik] = []
    if rapport.sammanstallning == "avsnitt":
        sam_rubrik = nasta("Sammanställning av enheternas rapporter", "sammanstallning")
        sam_nr = f"{sam_rubrik.nummer}."
    elif rapport.sammanstallning == "bilaga":
        sam_rubrik = Rubrik(
            "Bilaga", "Sammanställning av enheternas rapporter", 1, "sammanstallning"
        )
        bygg.innehall.append(sam_rubrik)
        sam_nr = "B."
    if sam_rubrik is not None:
        mallar = sammanstallning.mallar is not None and sammanstallning.mallar.visas
        for i, (namn, text) in enumerate(
            (*SAMMANSTALLNINGENS_RUBRIKER, *([MALLRUBRIK] if mallar else [])), start=1
        ):
            rubrik = Rubrik(f"{sam_nr}{i}", text, 2, f"sam-{namn}")
            sam_rubriker.append(rubrik)
            bygg.innehall.append(rubrik)

    return VyHuvudmannarapport(
        rapport=rapport,
        huvudman=huvudman.namn,
        forvaltning=huvudman.forvaltning,
        period=rapport.period,
        inledning=inledning,
        inledningsdel=inledningsdel,
        uppfoljning_rubrik=uppf_rubrik,
        perioder=perioder,
        perspektiv=perspektiv,
        ovriga_aktiviteter=ovriga,
        uppdrag_rubrik=uppdrag_rubrik,
        uppdrag=uppdrag,
        insatser_rubrik=insatser_rubrik,
        insatser=insatser,
        analys=analys,
        utveckling_rubrik=utv_rubrik,
        utvecklingsomraden=omraden,
        sammanstallning_rubrik=sam_rubrik,
        sammanstallning_nr=sam_nr,
        sammanstallningens_rubriker=sam_rubriker,
        innehall=[r for r in bygg.innehall if not r.numrerad or r.niva <= INNEHALL_DJUP],
        tema_css=tema_css(huvudman.tema),
        logotyp=logotyp(huvudman, huvudmannafil, projektrot),
        utvecklingsfragor=utvecklingsfragor(huvudman),
        teckenforklaring=sammanstallningens_forklaring(sammanstallning, huvudman),
    )


def _underrubrik(bygg: Byggare, nummer: str, text: str) -> Rubrik:
    rubrik = Rubrik(nummer, text, 2)
    bygg.innehall.append(rubrik)
    return rubrik


def _perspektiv(
    rapport: Huvudmannarapport,
    huvudman: Huvudmannafil,
    plan: list[Planstyrtal],
    perioder: list[str],
    planer: Mapping[str, Huvudmannafil],
    sammanstallning: Sammanstallning,
    enheter: Mapping[str, Enhetsrapport],
    overrubrik: Rubrik,
    bygg: Byggare,
) -> tuple[list[VyPlanperspektiv], list[VyAktivitet]]:
    """The plan's perspektiv → mål → styrtal with results, and each activity under the mål of
    its first styrtal (activities without one come last, as 'Övriga aktiviteter')."""
    skrivna = rapport.uppfoljning.styrtal if rapport.uppfoljning else {}
    marginal = huvudman.installningar.delvis_marginal
    mal_for: dict[str, VyPlanmal] = {}
    grupper: dict[int, tuple[str, list[VyPlanmal]]] = {}
    for ps in plan:
        namn, mal = grupper.setdefault(ps.perspektiv_nr, (ps.perspektiv.namn, []))
        if not mal or mal[-1].nummer != ps.mal_nr:
            mal.append(VyPlanmal(ps.mal_nr, ps.mal.text, []))
        s = ps.styrtal
        skrivet = skrivna.get(s.id)
        utfall = huvudmannens_utfall(
            s, skrivet, enheternas_varden(s.id, sammanstallning, enheter), marginal
        )
        mal[-1].styrtal.append(
            VyPlanstyrtal(
                s.id,
                s.text,
                s.riktning,
                planens_malvarden(s, rapport.period, perioder, planer),
                visa_varde(
                    utfall.varde,
                    "procent" if skrivet and skrivet.berakna == "andel_uppnått" else s.matt,
                ),
                utfall,
                skrivet.kommentar if skrivet else None,
            )
        )
        mal_for[s.id] = mal[-1]
    ovriga: list[VyAktivitet] = []
    for aktivitet in rapport.aktiviteter:
        vy = VyAktivitet(aktivitetsetikett(list(aktivitet.styrtal)), aktivitet)
        forsta = next((mal_for[s] for s in aktivitet.styrtal if s in mal_for), None)
        (forsta.aktiviteter if forsta else ovriga).append(vy)
    perspektiv = []
    for p, (namn, mal) in sorted(grupper.items()):
        rubrik = Rubrik(f"{overrubrik.nummer}.{p}", namn, 2)
        bygg.innehall.append(rubrik)
        perspektiv.append(VyPlanperspektiv(rubrik, mal))
    return perspektiv, ovriga


def enheternas_varden(
    sid: str, sammanstallning: Sammanstallning, enheter: Mapping[str, Enhetsrapport]
) -> list[Enhetsvarde]:
    """Each unit's shown value and status for a styrtal, with the pupils it covers."""
    ut = []
    for rad in sammanstallning.enheter:
        cell = rad.celler.get(sid)
        if cell is None:
            continue
        verklig = enheter.get(rad.id)
        res = verklig.styrtal.get(sid) if verklig else None
        antal = res.antal.totalt if res is not None and res.antal is not None else None
        ut.append(Enhetsvarde(rad.id, cell.utfall, cell.status, antal))
    return ut
