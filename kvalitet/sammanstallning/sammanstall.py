"""The huvudman's sammanställning: pure functions over the period's validated units.

Values are masked once here with the same röjandekontroll as the unit reports, so the
sammanställning and its exports show exactly what the units' reports show; the status is
computed from the real values, as in the unit reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kvalitet.berika.roj import maskera_enhet, publicerad_status
from kvalitet.grund import format as fmt
from kvalitet.grund.siffra import avrunda, jamforbar, las_siffra
from kvalitet.modell import (
    Avsnitt,
    Enhetsrapport,
    Huvudavsnitt,
    Huvudmannafil,
    HuvudmansStyrtal,
    MarkdownText,
    Slutsatsblock,
)
from kvalitet.modell.status import SYMBOL, ar_tal, styrtalsstatus
from kvalitet.modell.verksamhetsplan import galler_for, planens_styrtal
from kvalitet.sammanstallning.mallar import Mallsammanstallning
from kvalitet.sammanstallning.spridning import spridning as spridningen

STATUSORDNING = ("uppnått", "delvis uppnått", "ej uppnått", "saknas", "ej aktuellt", "ej bedömt")
RAPPORTSTATUS = ("utkast", "klar", "godkänd")
SKOLFORMSORDNING = (
    "förskola",
    "grundskola",
    "gymnasieskola",
    "vuxenutbildning",
    "fritidshem",
    "annan",
)


@dataclass
class Cell:
    """One unit's result for one styrtal, as shown (masked)."""

    utfall: object
    text: str
    status: str
    symbol: str
    forandring: str = ""
    flickor: object = None
    pojkar: object = None


@dataclass
class Enhetsrad:
    id: str
    namn: str
    skolform: str
    omrade: str
    status: str
    celler: dict[str, Cell]
    antal: Counter[str] = field(default_factory=Counter)


@dataclass
class Spridning:
    styrtal: HuvudmansStyrtal
    lagst: str
    median: str
    hogst: str
    antal_varden: int
    under: list[tuple[str, str, str]]  # (namn, utfall, status) for units that fall short


@dataclass
class Skolformsgrupp:
    skolform: str
    styrtal: list[HuvudmansStyrtal]
    enheter: list[Enhetsrad]
    antal: dict[str, Counter[str]]  # per styrtal id
    spridning: list[Spridning]


@dataclass
class Omrade:
    enhet_id: str
    enhet: str
    rubrik: str
    styrtal: list[str]


@dataclass
class Slutsatsgrupp:
    """A Slutsats with a lead-in line: the points belong under it."""

    inledning: str
    punkter: Sequence[str]


@dataclass
class Slutsatser:
    enhet_id: str
    enhet: str
    punkter: list[object]  # str (Markdown when MarkdownText) or Slutsatsgrupp


@dataclass
class Exportrad:
    period: str
    enhet_id: str
    enhet: str
    skolform: str
    omrade: str
    styrtal_id: str
    styrtal: str
    malvarde: object
    utfall: object
    flickor: object
    pojkar: object
    status: str

    FALT = ("period", "enhet_id", "enhet", "skolform", "omrade", "styrtal_id", "styrtal",
            "malvarde", "utfall", "flickor", "pojkar", "status")  # fmt: skip
    RUBRIKER = ("Period", "Enhets-id", "Enhet", "Skolform", "Område", "Styrtal", "Styrtalets text",
                "Målvärde", "Utfall", "Flickor", "Pojkar", "Status")  # fmt: skip


@dataclass
class Sammanstallning:
    period: str
    huvudman: str
    forvaltning: str | None
    enheter: list[Enhetsrad]
    saknade: list[tuple[str, str]]  # (id, namn) expected but without a report
    rapportstatus: Counter[str]
    grupper: list[Skolformsgrupp]
    utvecklingsomraden: dict[str, list[Omrade]]
    slutsatser: list[Slutsatser]
    exportrader: list[Exportrad]
    forra_period: str | None = None
    felaktiga: list[str] = field(default_factory=list)
    mallar: Mallsammanstallning | None = None
    """The units' rapportmallar compared and their scales summed (``mallar.py``)."""

    @property
    def statusantal(self) -> Counter[str]:
        totalt: Counter[str] = Counter()
        for enhet in self.enheter:
            totalt.update(enhet.antal)
        return totalt


def _visa(varde: object, matt: str) -> str:
    return (fmt.varde(varde, matt) if ar_tal(varde) else str(varde)) if varde is not None else "–"


def _export(varde: object, matt: str) -> object:
    """A value for the CSV and XLSX: a number stays a number, except one written with a percent
    sign for a styrtal not measured in procent (``80 %`` with ``mått: text``), which is exported
    as written so that the sign is not lost."""
    if getattr(varde, "procenttecken", False) and matt != "procent":
        return fmt.varde(varde, matt).replace(fmt.NBSP, " ")
    return varde


def _forandring(nu: object, da: object, matt: str) -> str:
    """The change since last period, for figures that can be compared: numbers, or skala
    values on the same scale (``7,1 av 10`` after ``6,8 av 10``: ``+0,3``)."""
    siffra_nu, siffra_da = las_siffra(nu), las_siffra(da)
    if siffra_nu is None or siffra_da is None or siffra_nu.skala != siffra_da.skala:
        return ""
    if not jamforbar(siffra_nu, siffra_nu.skala) or not jamforbar(siffra_da, siffra_da.skala):
        return ""
    skillnad = avrunda(siffra_nu.tal - siffra_da.tal, 1)
    if skillnad == 0:
        return "±0"
    text = fmt.tal(abs(skillnad)) + (" p.e." if matt == "procent" else "")
    return ("+" if skillnad > 0 else fmt.MINUS) + text


def sammanstall(
    period: str,
    huvudman: Huvudmannafil | None,
    enheter: list[tuple[str, Enhetsrapport]],
    forra: dict[str, Enhetsrapport] | None = None,
    forra_period: str | None = None,
) -> Sammanstallning:
    """Compile the period's units. ``forra`` holds last period's reports (by unit id): units
    that reported then but not now are listed as missing, and their utfall give the change."""
    forra = forra or {}
    marginal = huvudman.installningar.delvis_marginal if huvudman else 10
    visade = {eid: maskera_enhet(r, huvudman) for eid, r in enheter}
    forra_visade = {eid: maskera_enhet(r, huvudman) for eid, r in forra.items()}

    rader: list[Enhetsrad] = []
    export: list[Exportrad] = []
    for eid, verklig in enheter:
        visad = visade[eid]
        rad = Enhetsrad(
            eid, verklig.namn, verklig.skolform, verklig.omrade or "", verklig.status, {}
        )
        for ps in galler_for(huvudman, verklig.skolform):
            s = ps.styrtal
            res = visad.styrtal.get(s.id)
            status = publicerad_status(
                styrtalsstatus(s, verklig.styrtal.get(s.id), marginal),
                verklig.styrtal.get(s.id),
                res,
            )
            utfall = res.utfall if res else None
            tidigare = forra_visade.get(eid)
            da = tidigare.styrtal[s.id].utfall if tidigare and s.id in tidigare.styrtal else None
            rad.celler[s.id] = Cell(
                utfall,
                _visa(utfall, s.matt),
                status,
                SYMBOL[status],
                _forandring(utfall, da, s.matt),
                res.flickor if res else None,
                res.pojkar if res else None,
            )
            rad.antal[status] += 1
            export.append(
                Exportrad(
                    period=period,
                    enhet_id=eid,
                    enhet=verklig.namn,
                    skolform=verklig.skolform,
                    omrade=verklig.omrade or "",
                    styrtal_id=s.id,
                    styrtal=s.text,
                    malvarde=_export(s.malvarde, s.matt),
                    utfall=_export(utfall, s.matt),
                    flickor=_export(res.flickor if res else None, s.matt),
                    pojkar=_export(res.pojkar if res else None, s.matt),
                    status=status,
                )
            )
        rader.append(rad)

    grupper = _grupper(huvudman, rader)
    finns = {eid for eid, _ in enheter}
    saknade = sorted(
        ((eid, r.namn) for eid, r in forra.items() if eid not in finns), key=lambda x: x[1]
    )
    return Sammanstallning(
        period=period,
        huvudman=huvudman.namn if huvudman else (enheter[0][1].huvudman or "" if enheter else ""),
        forvaltning=huvudman.forvaltning if huvudman else None,
        enheter=sorted(rader, key=lambda r: (_skolformsplats(r.skolform), r.omrade, r.namn)),
        saknade=saknade,
        rapportstatus=Counter(r.status for r in rader),
        grupper=grupper,
        utvecklingsomraden=_omraden(huvudman, enheter),
        slutsatser=[
            Slutsatser(eid, r.namn, _analysens_slutsatser(r))
            for eid, r in sorted(enheter, key=lambda x: x[1].namn)
        ],
        exportrader=export,
        forra_period=forra_period,
    )


def _analysens_slutsatser(rapport: Enhetsrapport) -> list[object]:
    """The conclusions of section 3 Analys wherever they stand, in reading order: its blocks
    (a Slutsats under an unnumbered heading too), its subsections, then its own list. A block's
    points are Markdown; one with a lead-in is kept together as a ``Slutsatsgrupp``."""
    if rapport.analys is None:
        return []

    def i_del(del_: Huvudavsnitt | Avsnitt) -> list[object]:
        ut: list[object] = []
        for block in del_.innehall:
            if isinstance(block, Avsnitt):
                ut += i_del(block)
            elif isinstance(block, Slutsatsblock):
                punkter = [MarkdownText(p) for p in block.slutsats.punkter]
                if block.slutsats.inledning:
                    ut.append(Slutsatsgrupp(MarkdownText(block.slutsats.inledning), punkter))
                else:
                    ut += punkter
        for barn in del_.avsnitt:
            ut += i_del(barn)
        return [*ut, *del_.slutsatser]

    return i_del(rapport.analys)


def _skolformsplats(skolform: str) -> int:
    return SKOLFORMSORDNING.index(skolform) if skolform in SKOLFORMSORDNING else 99


def _grupper(huvudman: Huvudmannafil | None, rader: list[Enhetsrad]) -> list[Skolformsgrupp]:
    grupper = []
    for skolform in sorted({r.skolform for r in rader}, key=_skolformsplats):
        enheter = sorted(
            (r for r in rader if r.skolform == skolform), key=lambda r: (r.omrade, r.namn)
        )
        styrtal = [ps.styrtal for ps in galler_for(huvudman, skolform)]
        antal = {s.id: Counter(r.celler[s.id].status for r in enheter) for s in styrtal}
        spridning = []
        for s in styrtal:
            lagst, median, hogst, antal_varden = spridningen(
                s, (r.celler[s.id].utfall for r in enheter)
            )
            under = [
                (r.namn, r.celler[s.id].text, r.celler[s.id].status)
                for r in enheter
                if r.celler[s.id].status in ("ej uppnått", "delvis uppnått")
            ]
            spridning.append(Spridning(s, lagst, median, hogst, antal_varden, under))
        grupper.append(Skolformsgrupp(skolform, styrtal, enheter, antal, spridning))
    return grupper


def _omraden(
    huvudman: Huvudmannafil | None, enheter: list[tuple[str, Enhetsrapport]]
) -> dict[str, list[Omrade]]:
    """Development areas grouped by the perspektiv of the styrtal they are linked to."""
    perspektiv_for: dict[str, str] = {
        ps.styrtal.id: ps.perspektiv.namn for ps in planens_styrtal(huvudman)
    }
    ut: dict[str, list[Omrade]] = {}
    for eid, rapport in sorted(enheter, key=lambda x: x[1].namn):
        for omr in rapport.utvecklingsomraden:
            grupp = next(
                (perspektiv_for[s] for s in omr.styrtal if s in perspektiv_for),
                "Utan koppling till verksamhetsplanens styrtal",
            )
            ut.setdefault(grupp, []).append(
                Omrade(eid, rapport.namn, omr.rubrik, list(omr.styrtal))
            )
    ordning = [
        p.namn
        for p in (
            huvudman.verksamhetsplan.perspektiv if huvudman and huvudman.verksamhetsplan else []
        )
    ]
    return dict(sorted(ut.items(), key=lambda kv: ordning.index(kv[0]) if kv[0] in ordning else 99))
