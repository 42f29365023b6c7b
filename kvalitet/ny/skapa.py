"""Scaffolding: a new unit's YAML file, and the next period for every unit and the huvudman."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.kalla.projekt import HUVUDMANNAFIL, Projekt, periodnyckel
from kvalitet.kalla.skrivvag import skapa_fil
from kvalitet.kontroll.period import las_period
from kvalitet.modell import (
    EgetStyrtal,
    Enhetsrapport,
    Huvudavsnitt,
    Huvudmannafil,
    Resultat,
)
from kvalitet.modell.falt import PLATSHALLARE as PLATSHALLARE_TEXTER
from kvalitet.modell.schema import skriv_scheman
from kvalitet.modell.verksamhetsplan import Planstyrtal, galler_for
from kvalitet.ny.giltig import kontrollera_ny_enhet
from kvalitet.ny.inlamning import flytta_sista_dag

SCHEMA = "../../schema/enhet.schema.json"


def yv(varde: object) -> str:
    """One YAML scalar, quoted when it must be."""
    text = yaml.safe_dump(varde, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.strip().removesuffix("...").strip()


def _block(text: str | None, indrag: int) -> str:
    """A Markdown text as a YAML block (``|``), or nothing after the colon when empty."""
    if not text or not text.strip():
        return ""
    luft = " " * indrag
    return "|\n" + "\n".join(luft + rad if rad else "" for rad in text.rstrip().split("\n"))


@dataclass
class Underlag:
    """What a new unit file is pre-filled with."""

    enhets_id: str
    namn: str
    skolform: str
    period: str
    omrade: str | None = None
    ansvarig_namn: str | None = None
    ansvarig_roll: str | None = None
    beskrivning: str | None = None
    styrtal: list[Planstyrtal] = field(default_factory=list)
    egna_styrtal: list[EgetStyrtal] = field(default_factory=list)
    aktiviteter: list[tuple[str, list[str], str | None]] = field(default_factory=list)
    tidigare: list[str] = field(default_factory=list)
    avsnitt: dict[str, list[str]] = field(default_factory=dict)


def _avsnittsrubriker(del_: Huvudavsnitt | None) -> list[str]:
    return [a.rubrik for a in del_.avsnitt] if del_ else []


def _skriv_avsnitt(rubriker: list[str], indrag: int, exempel: str) -> list[str]:
    luft = " " * indrag
    if not rubriker:
        return [
            f"{luft}# Underavsnitt, {exempel}. Ta bort '# ' framför raderna när du",
            f"{luft}# använder dem:",
            f"{luft}# avsnitt:",
            f"{luft}#   - rubrik: Rubrik på underavsnittet",
            f"{luft}#     text: |",
            f"{luft}#       Texten, indragen på raderna under.",
        ]
    rader = [f"{luft}avsnitt:"]
    for rubrik in rubriker:
        rader += [f"{luft}  - rubrik: {yv(rubrik)}", f"{luft}    text:"]
    return rader


PLATSHALLARE = PLATSHALLARE_TEXTER[0]

_TABELLEXEMPEL = [
    "    # En tabell med flickor, pojkar och totalt. 'antal' är hur många elever värdena bygger på;",
    "    # det visas aldrig men behövs för röjandekontrollen. Ta bort '# ' framför raderna:",
    "    # tabeller:",
    "    #   - rubrik: Behörighet till gymnasiets yrkesprogram, årskurs 9",
    "    #     mått: procent",
    "    #     rader:",
    "    #       - rad: Behöriga till yrkesprogram",
    "    #         flickor: 90,5",
    "    #         pojkar: 80,8",
    "    #         totalt: 86,2",
    "    #         antal: {flickor: 21, pojkar: 26, totalt: 47}",
]


def _punkter(falt: str, indrag: int, fraga: str) -> list[str]:
    """A list of points with no trap: the key stands alone (no '[]' to forget) and an example
    point is commented out below it."""
    luft = " " * indrag
    return [f"{luft}{falt}:  # {fraga} En punkt per rad:", f"{luft}  # - Skriv en punkt här."]


def enhetsfil(u: Underlag) -> str:
    """The text of a unit's YAML file with every section and Swedish guidance in comments."""
    barn = "barnen" if u.skolform == "förskola" else "eleverna"
    r: list[str] = [
        f"# yaml-language-server: $schema={SCHEMA}",
        f"# Kvalitetsrapport för {u.namn}, {u.period}.",
        "# Fyll i fälten nedan. Text efter | skrivs indragen på raderna under och får innehålla",
        "# Markdown: tom rad mellan stycken, '- ' för punktlistor, **fetstil**.",
        "# Kör 'kvalitet kontrollera' efter varje ändring. Handbok: docs/skriva-rapporten.md",
        "",
        f"namn: {yv(u.namn)}",
        f"skolform: {u.skolform}",
        f"period: {yv(u.period)}",
        "status: utkast  # utkast, klar eller godkänd",
        f"område:{' ' + yv(u.omrade) if u.omrade else ''}",
        "ansvarig:",
        f"  namn: {yv(u.ansvarig_namn) if u.ansvarig_namn else PLATSHALLARE + '  # ÄNDRA till ditt namn'}",
        f"  roll: {yv(u.ansvarig_roll) if u.ansvarig_roll else 'rektor'}",
        "# datum: 2026-06-20",
        "",
        "# Om enheten: årskurser, antal barn/elever, personal.",
        f"beskrivning:{' ' + _block(u.beskrivning, 2) if u.beskrivning else ''}",
        "",
        "# Sammanfattning av rapporten (visas före avsnitt 1).",
        "sammanfattning:",
        "",
        "# Hur personal, elever och vårdnadshavare har deltagit i uppföljning och analys",
        "# (Skollagen 4 kap. 4 §).",
        "delaktighet:",
        "  personal:",
        "  elever:",
        "  vårdnadshavare:",
        "",
    ]
    if u.tidigare:
        r += [
            "# Uppföljning av förra periodens prioriterade utvecklingsområden:",
            "# hur gick arbetet, vilka effekter syns, fortsätter området?",
            "tidigare_utvecklingsområden:",
        ]
        for rubrik in u.tidigare:
            r += [f"  - rubrik: {yv(rubrik)}", "    uppföljning:"]
        r.append("")
    r += [
        "# 1 Det systematiska kvalitetsarbetet: hur arbetet har gått till under perioden.",
        "kvalitetsarbete:",
        "  text:",
        *_skriv_avsnitt(
            u.avsnitt.get("kvalitetsarbete", []),
            2,
            "t.ex. om årshjulet och forumen för uppföljning",
        ),
        *_punkter("styrkor", 2, "Vilka styrkor finns?"),
        *_punkter("svagheter", 2, "Vilka svagheter finns?"),
        *_punkter("slutsatser", 2, "Visas i rutan 'Slutsats'."),
        "",
        "# 2 Resultat: objektiva (betyg, prov, frånvaro), subjektiva (enkäter) och",
        "# observerade (lektionsbesök, samtal). Tabeller: se docs/skriva-rapporten.md#tabeller",
        "resultat:",
    ]
    for grupp, exempel in (
        ("objektiva", "t.ex. '- rubrik: Kunskapsresultat' med text och tabeller"),
        ("subjektiva", "t.ex. '- rubrik: Trygghet och studiero' (enkätresultat)"),
        ("observerade", "t.ex. '- rubrik: Lektionsbesök'"),
    ):
        r += [
            f"  {grupp}:",
            *_skriv_avsnitt(u.avsnitt.get(grupp, []), 4, exempel),
            *(_TABELLEXEMPEL if grupp == "objektiva" else []),
            *_punkter("slutsatser", 4, "Visas i rutan 'Slutsats'."),
            *_punkter("till_analys", 4, "Vad tar ni med er till avslutande analys?"),
        ]
    r += [
        "",
        f"# 3 Analys: varför ser resultaten ut som de gör? Orsaker, inte bara {barn}s resultat.",
        "analys:",
        "  text:",
        *_skriv_avsnitt(u.avsnitt.get("analys", []), 2, "underavsnitt per analysområde"),
        *_punkter("slutsatser", 2, "Visas i rutan 'Slutsats'."),
        "",
        "# 4 Prioriterade utvecklingsområden. Varje område besvarar sju frågor. Ta bort '# '",
        "# framför raderna när du skriver ditt första område:",
        "# utvecklingsområden:",
        "#   - rubrik: Områdets namn",
        "#     varför: Varför är området prioriterat? Motivera utifrån resultat och analys.",
        "#     styrdokument: Inom vilka styrdokument finns utvecklingsbehoven?",
        "#     förväntade_effekter:",
        "#       kort_sikt: Vad ska märkas inom ett år?",
        "#       lång_sikt: Vad ska märkas om några år?",
        "#     förutsättningar: Vem? Vad? Hur?",
        "#     insatser:",
        "#       kort_sikt: Vad gör ni först?",
        "#       lång_sikt: Vad gör ni sedan?",
        "#     uppföljning: Hur följs insatserna upp och utvärderas?",
        "#     forskning: Koppling till forskning och beprövad erfarenhet.",
        "",
    ]
    if u.styrtal:
        r += [
            "# 5 Resultat för huvudmannens styrtal. Skriv utfall (och gärna flickor/pojkar),",
            "# en kommentar när målet inte nås, eller 'ej_aktuellt: <skäl>'.",
            "styrtal:",
        ]
        for ps in u.styrtal:
            s = ps.styrtal
            mal = f", målvärde {s.malvarde}" if s.malvarde is not None else ""
            rikt = ", lägre är bättre" if s.riktning == "lägre" else ""
            r += [
                f"  # {s.id} {s.text} ({s.matt}{mal}{rikt})",
                f"  {yv(s.id)}:",
                "    utfall:",
                "    kommentar:",
            ]
    else:
        r.append("# Huvudmannen har inga styrtal för skolformen.")
    r.append("")
    if u.egna_styrtal:
        r.append("# Enhetens egna styrtal.")
        r.append("egna_styrtal:")
        for e in u.egna_styrtal:
            r += [
                f"  - id: {yv(e.id)}",
                f"    text: {yv(e.text)}",
                f"    mått: {e.matt}",
                f"    riktning: {e.riktning}",
                f"    målvärde: {yv(e.malvarde) if e.malvarde is not None else ''}",
                "    utfall:",
            ]
        r.append("")
    if u.aktiviteter:
        r.append("# Aktiviteter kopplade till styrtalen.")
        r.append("aktiviteter:")
        for rubrik, ids, beskrivning in u.aktiviteter:
            r += [
                f"  - rubrik: {yv(rubrik)}",
                f"    styrtal: [{', '.join(yv(i) for i in ids)}]",
                f"    beskrivning: {_block(beskrivning, 6)}",
                "    uppföljning:",
            ]
    else:
        r += [
            "# Aktiviteter kopplade till styrtalen. Ta bort '# ' framför raderna när du",
            "# använder dem:",
            "# aktiviteter:",
            "#   - rubrik: Aktivitetens namn",
            "#     styrtal: [1.1.1]",
            "#     beskrivning: Vad gör ni?",
            "#     uppföljning: Hur gick det?",
        ]
    return "\n".join(r) + "\n"


def _finns_redan(projekt: Projekt, enhets_id: str, period: str) -> Path | None:
    lage = las_period(projekt, period)
    for kontroll in lage.enheter:
        if kontroll.id == enhets_id:
            return kontroll.fil
    return None


def ny_enhet(
    projekt: Projekt, enhets_id: str, namn: str, skolform: str, period: str | None,
    rapportmall: str | None = None,
) -> Path:  # fmt: skip
    """Write ``rapporter/<period>/<id>.yaml`` for a new unit with the parts of its rapportmall
    (``ny/mallenhet.py``); refuses a taken or reserved id, an unknown template, a bad field."""
    from kvalitet.modell.rapportmallschema import skriv_mallscheman
    from kvalitet.ny.mallenhet import enhetsfil_for_mall, valj_rapportmall

    kontrollera_ny_enhet(enhets_id, namn, skolform)
    lage = las_period(projekt, period)
    period = period or lage.period
    if period is None:
        raise KvalitetError(
            "projektet har ingen period än (ange perioden: 'kvalitet ny enhet ID ... --period 2025/26')"
        )
    if befintlig := _finns_redan(projekt, enhets_id, period):
        raise KvalitetError(
            f"enheten '{enhets_id}' finns redan för {period}: {visningsnamn(befintlig)} "
            "(filen har inte ändrats; välj ett annat id)"
        )
    fil = projekt.periodmapp(period) / f"{enhets_id}.yaml"
    if fil.exists():
        raise KvalitetError(f"filen {visningsnamn(fil)} finns redan (filen har inte ändrats)")
    huvudman = lage.huvudman if lage.period == period else None
    mallnamn, mall, skriv_namnet = valj_rapportmall(lage, enhets_id, skolform, rapportmall)
    underlag = Underlag(enhets_id, namn, skolform, period, styrtal=galler_for(huvudman, skolform))
    text = enhetsfil_for_mall(underlag, mall, mallnamn, skriv_namnet) if mall else None
    text = text or enhetsfil(underlag)
    if mall is None and skriv_namnet:  # the standard, when the huvudman's choice is another
        text = text.replace("\nområde:", f"\nrapportmall: {mallnamn}\nområde:", 1)
    fil.parent.mkdir(parents=True, exist_ok=True)
    if not skapa_fil(fil, text.encode("utf-8"), projekt.rot):  # never over a file
        raise KvalitetError(f"filen {visningsnamn(fil)} finns redan (filen har inte ändrats)")
    skriv_scheman(projekt.rot)
    skriv_mallscheman(projekt.rot, lage.rapportmallar)
    return fil


def _period_av_huvudman(text: str, period: str) -> str:
    """Copy the huvudman file's text (keeping comments) with the new period."""
    ny, antal = re.subn(r"^period:.*$", f"period: {yv(period)}", text, count=1, flags=re.MULTILINE)
    if not antal:
        raise KvalitetError("huvudmannafilen saknar 'period:' och kan inte kopieras")
    return ny


def ny_period(projekt: Projekt, period: str) -> list[Path]:
    """Create ``rapporter/<period>/`` from the latest earlier period: the huvudman file copied,
    and for every unit a new file with structure and goals carried over, results emptied and
    last period's development areas to follow up. Refuses if any file would be overwritten."""
    forra_perioder = [
        p for p in las_period(projekt).perioder if periodnyckel(p) < periodnyckel(period)
    ]
    if not forra_perioder:
        raise KvalitetError(
            f"det finns ingen period före {period} att utgå från "
            "(skapa enheterna med 'kvalitet ny enhet' i stället)"
        )
    forra = forra_perioder[-1]
    lage = las_period(projekt, forra)
    fel_i_forra = [p for p in lage.problem if p.ar_fel]
    if fel_i_forra:
        raise KvalitetError(
            f"perioden {forra} har fel och kan inte föras vidare (kör 'kvalitet kontrollera "
            f"--period {forra}' och rätta först)"
        )
    mapp = projekt.periodmapp(period)
    planerade: dict[Path, str] = {}
    if lage.huvudmannafil and lage.huvudmannafil.parent != projekt.rapporter:
        text = lage.huvudmannafil.read_text(encoding="utf-8-sig")
        ar = periodnyckel(period)[0] - periodnyckel(forra)[0]
        planerade[mapp / HUVUDMANNAFIL] = flytta_sista_dag(_period_av_huvudman(text, period), ar)
    if lage.rapport is not None:
        from kvalitet.kalla.projekt import HUVUDMANNARAPPORT
        from kvalitet.ny.huvudmannens import huvudmannens_rapport_for

        planerade[mapp / HUVUDMANNARAPPORT] = huvudmannens_rapport_for(lage.rapport, forra, period)
    ny_huvudman = _ny_huvudman(lage.huvudman, period)
    for kontroll in lage.enheter:
        assert kontroll.rapport is not None
        planerade[mapp / f"{kontroll.id}.yaml"] = enhetsfil(
            _underlag_fran(kontroll.id, kontroll.rapport, period, ny_huvudman)
        )
    befintliga = [f for f in planerade if f.exists()]
    if befintliga:
        raise KvalitetError(
            f"perioden {period} finns redan: {', '.join(visningsnamn(f) for f in befintliga)} "
            "(inga filer har ändrats)"
        )
    for fil, text in planerade.items():
        fil.parent.mkdir(parents=True, exist_ok=True)
        if not skapa_fil(fil, text.encode("utf-8"), projekt.rot):  # never over a file
            raise KvalitetError(f"filen {visningsnamn(fil)} finns redan (den har inte ändrats)")
    skriv_scheman(projekt.rot)
    return list(planerade)


def _ny_huvudman(huvudman: Huvudmannafil | None, period: str) -> Huvudmannafil | None:
    if huvudman is None:
        return None
    return huvudman.model_copy(update={"period": period})


def _underlag_fran(
    enhets_id: str, rapport: Enhetsrapport, period: str, huvudman: Huvudmannafil | None
) -> Underlag:
    resultat = rapport.resultat or Resultat()
    return Underlag(
        enhets_id=enhets_id,
        namn=rapport.namn,
        skolform=rapport.skolform,
        period=period,
        omrade=rapport.omrade,
        ansvarig_namn=rapport.ansvarig.namn if rapport.ansvarig else None,
        ansvarig_roll=rapport.ansvarig.roll if rapport.ansvarig else None,
        beskrivning=rapport.beskrivning,
        styrtal=galler_for(huvudman, rapport.skolform),
        egna_styrtal=list(rapport.egna_styrtal),
        aktiviteter=[(a.rubrik, list(a.styrtal), a.beskrivning) for a in rapport.aktiviteter],
        tidigare=[u.rubrik for u in rapport.utvecklingsomraden],
        avsnitt={
            "kvalitetsarbete": _avsnittsrubriker(rapport.kvalitetsarbete),
            "objektiva": _avsnittsrubriker(resultat.objektiva),
            "subjektiva": _avsnittsrubriker(resultat.subjektiva),
            "observerade": _avsnittsrubriker(resultat.observerade),
            "analys": _avsnittsrubriker(rapport.analys),
        },
    )
