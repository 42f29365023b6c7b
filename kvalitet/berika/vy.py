"""Validated unit → what the templates show: numbered headings, formatted values, status, images."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kvalitet.berika.delar import (
    INNEHALL_DJUP,
    Byggare,
    Rubrik,
    VyBild,
    VyDel,
    VyDiagram,
    VyPunkter,
    VySlutsats,
    VyTabell,
    VyText,
    VyTillAnalys,
)
from kvalitet.berika.roj import SYMBOLER, maskera_enhet
from kvalitet.berika.tema import logotyp, tema_css
from kvalitet.berika.uppfoljning import VyMal, uppfoljning
from kvalitet.modell import (
    Avsnitt,
    Enhetsrapport,
    Huvudmannafil,
    Utvecklingsomrade,
)
from kvalitet.modell.genomgang import har_innehall

__all__ = [
    "INNEHALL_DJUP",
    "Rubrik",
    "VyBild",
    "VyDel",
    "VyDiagram",
    "VyPunkter",
    "VyRapport",
    "VySlutsats",
    "VyTabell",
    "VyText",
    "VyTillAnalys",
    "las_upp",
]

UTVECKLINGSFRAGOR = (
    ("varfor", "Varför är utvecklingsområdet prioriterat?"),
    ("styrdokument", "Inom vilka styrdokument finns utvecklingsbehoven?"),
    ("forvantade_effekter", "Vilka konkreta effekter förväntas?"),
    ("forutsattningar", "Vilka förutsättningar finns för att genomföra insatserna? Vem? Vad? Hur?"),
    ("insatser", "Vilka insatser ska genomföras?"),
    ("uppfoljning", "Hur ska insatserna följas upp och utvärderas?"),
    ("forskning", "Koppling till forskning och beprövad erfarenhet"),
)
"""The seven questions of a development area (field, question) in the standard wording."""


@dataclass
class VyPerspektivdel:
    """A numbered perspektiv in section 5."""

    rubrik: Rubrik
    mal: list[VyMal]


@dataclass
class VyUtvecklingsomrade:
    rubrik: Rubrik
    omrade: Utvecklingsomrade


@dataclass
class VyRapport:
    """Everything a report template needs, already numbered and formatted."""

    id: str
    enhet: Enhetsrapport
    titel: str
    inledning: list[Rubrik]
    delar: list[VyDel]
    utveckling_rubrik: Rubrik
    utvecklingsomraden: list[VyUtvecklingsomrade]
    verksamhetsplan_rubrik: Rubrik | None
    verksamhetsplan_text: str | None
    perspektiv: list[VyPerspektivdel]
    innehall: list[Rubrik]
    huvudman: str
    forvaltning: str | None
    tema_css: str = ""  # Markup from tema.tema_css
    logotyp: str | None = None
    teckenforklaring: dict[str, str] = field(default_factory=dict)
    utvecklingsfragor: list[tuple[str, str]] = field(
        default_factory=lambda: list(UTVECKLINGSFRAGOR)
    )
    utvecklingsvisning: str = "lista"

    @property
    def blockform(self) -> bool:
        """Whether the report uses the block form anywhere (then its stylesheet is included)."""

        def anvander(d: VyDel) -> bool:
            return bool(d.innehall) or not d.rubrik.numrerad or any(map(anvander, d.avsnitt))

        return (
            self.utvecklingsvisning == "tabell"
            or (self.enhet.ansvarig is None and self.enhet.status == "utkast")
            or any(map(anvander, self.delar))
        )

    @property
    def ansvarig(self) -> str:
        """``Namn, roll`` for the cover; empty when the report names no one."""
        return self.enhet.ansvarig.visas if self.enhet.ansvarig else ""

    @property
    def forfattare(self) -> str:
        """The document's author (metadata): the person responsible, else the huvudman."""
        if self.enhet.ansvarig and self.enhet.ansvarig.namn:
            return self.enhet.ansvarig.namn
        return self.huvudman or self.enhet.namn


def las_upp(
    enhets_id: str,
    rapport: Enhetsrapport,
    kallfil: Path,
    projektrot: Path,
    huvudman: Huvudmannafil | None = None,
    huvudmannafil: Path | None = None,
    tidigare_perioder: dict[str, Enhetsrapport] | None = None,
) -> VyRapport:
    """Resolve a validated unit (joined with its period's huvudman file) for rendering.

    Röjandekontrollen is applied first, to this period and the earlier ones: nothing after this
    point sees a value that could reveal individual pupils."""
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    verklig = rapport
    rapport = maskera_enhet(rapport, huvudman)
    tidigare_perioder = {
        p: maskera_enhet(r, huvudman) for p, r in (tidigare_perioder or {}).items()
    }
    alla = bool(huvudman and huvudman.installningar.innehallsforteckning == "alla")
    bygg = Byggare(kallfil, projektrot, alla_rubriker=alla, rojandegrans=grans)
    inledning: list[Rubrik] = []
    if rapport.beskrivning:
        inledning.append(Rubrik("", "Om enheten", 1, "om-enheten"))
    if rapport.sammanfattning:
        inledning.append(Rubrik("", "Sammanfattning", 1, "sammanfattning"))
    bygg.innehall.extend(inledning)
    delar: list[VyDel] = []
    tidigare = _tidigare(rapport) if rapport.tidigare_utvecklingsomraden else None
    delar.append(
        bygg.huvuddel(1, "Det systematiska kvalitetsarbetet", rapport.kvalitetsarbete, tidigare)
    )

    resultat = VyDel(Rubrik("2", "Resultat", 1))
    bygg.innehall.append(resultat.rubrik)
    if rapport.resultat:
        resultat.text = rapport.resultat.text
        resultat.innehall = bygg.block(
            rapport.resultat.innehall, resultat.rubrik, False, {"nr": 0, "onr": 0}
        )
        grupper = [
            ("Objektiva resultat", rapport.resultat.objektiva),
            ("Subjektiva resultat", rapport.resultat.subjektiva),
            ("Observerade resultat", rapport.resultat.observerade),
        ]
        nr = 0
        for text, grupp in grupper:
            if grupp is not None and har_innehall(grupp):  # an empty heading is not printed
                nr += 1
                resultat.avsnitt.append(bygg.del_(f"2.{nr}", text, 2, grupp))
    resultat.tom = not rapport.resultat or not har_innehall(rapport.resultat)
    delar.append(resultat)
    delar.append(bygg.huvuddel(3, "Analys", rapport.analys))

    utveckling_rubrik = Rubrik("4", "Prioriterade utvecklingsområden", 1)
    bygg.innehall.append(utveckling_rubrik)
    omraden = []
    som_tabell = rapport.utvecklingsomraden_visning == "tabell"
    for i, omr in enumerate(rapport.utvecklingsomraden, start=1):
        # side by side the areas are the table's columns, not headings of their own
        rubrik = Rubrik(f"4.{i}", omr.rubrik, 2, numrerad=not som_tabell)
        if not som_tabell:
            bygg.innehall.append(rubrik)
        omraden.append(VyUtvecklingsomrade(rubrik, omr))

    vp_rubrik = None
    perspektiv: list[VyPerspektivdel] = []
    vp_text = huvudman.verksamhetsplan.text if huvudman and huvudman.verksamhetsplan else None
    vp_grupper = uppfoljning(rapport, huvudman, tidigare_perioder or {}, verklig)
    if vp_grupper:
        vp_rubrik = Rubrik("5", "Uppföljning av verksamhetsplanen", 1)
        bygg.innehall.append(vp_rubrik)
        for p, vp_grupp in enumerate(vp_grupper, start=1):
            rubrik = Rubrik(f"5.{p}", vp_grupp.namn, 2)
            bygg.innehall.append(rubrik)
            perspektiv.append(VyPerspektivdel(rubrik, vp_grupp.mal))

    return VyRapport(
        id=enhets_id,
        enhet=rapport,
        titel=f"Kvalitetsrapport {rapport.period} – {rapport.namn}",
        inledning=inledning,
        delar=delar,
        utveckling_rubrik=utveckling_rubrik,
        utvecklingsomraden=omraden,
        verksamhetsplan_rubrik=vp_rubrik,
        verksamhetsplan_text=vp_text,
        perspektiv=perspektiv,
        innehall=[r for r in bygg.innehall if not r.numrerad or r.niva <= INNEHALL_DJUP],
        huvudman=huvudman.namn if huvudman else (rapport.huvudman or ""),
        forvaltning=rapport.forvaltning or (huvudman.forvaltning if huvudman else None),
        tema_css=tema_css(huvudman.tema if huvudman else None),
        logotyp=logotyp(huvudman, huvudmannafil, projektrot),
        teckenforklaring={k: v.format(grans=grans) for k, v in SYMBOLER.items()},
        utvecklingsfragor=utvecklingsfragor(huvudman),
        utvecklingsvisning=rapport.utvecklingsomraden_visning,
    )


def utvecklingsfragor(huvudman: Huvudmannafil | None) -> list[tuple[str, str]]:
    """The seven questions, in the huvudman's own wording where it has one."""
    egna = huvudman.utvecklingsfragor if huvudman else None
    return [
        (falt, (getattr(egna, falt, None) if egna else None) or fraga)
        for falt, fraga in UTVECKLINGSFRAGOR
    ]


def _tidigare(rapport: Enhetsrapport) -> Avsnitt:
    """Last period's development areas, as a subsection the unit fills in."""
    return Avsnitt.model_validate(
        {
            "rubrik": "Uppföljning av föregående periods utvecklingsområden",
            "avsnitt": [
                {"rubrik": t.rubrik, "text": t.uppfoljning or "*Inte uppföljt ännu.*"}
                for t in rapport.tidigare_utvecklingsomraden
            ],
        }
    )
