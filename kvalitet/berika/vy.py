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
    VyPunkter,
    VySlutsats,
    VyText,
    VyTillAnalys,
)
from kvalitet.berika.mallvy import dokument_css, mallens_delar, standardmall
from kvalitet.berika.omslag import Omslag, omslag
from kvalitet.berika.roj import SYMBOLER, maskera_enhet
from kvalitet.berika.tabellvy import VyDiagram, VyTabell
from kvalitet.berika.tema import logotyp, tema_css
from kvalitet.berika.uppfoljning import VyMal, uppfoljning
from kvalitet.modell import (
    Avsnitt,
    Enhetsrapport,
    Huvudmannafil,
    Utvecklingsomrade,
)
from kvalitet.modell.malltabell import med_mallens_tabeller
from kvalitet.modell.rapportmall import TOM_TEXT, Rapportmall
from kvalitet.modell.rapportmall_disposition import dokumentvarden, fyll_i

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
    inledning: list[VyDel]
    delar: list[VyDel]
    utveckling_rubrik: Rubrik | None
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
    rapporttyp: str = "Kvalitetsrapport"
    """The title on the cover (the rapportmall's ``titel``, per skolform)."""
    undertitel: str | None = None
    sidfot: str = ""
    """The HTML footer's line before the huvudman: the running header's text and the period."""
    omslag: Omslag | None = None
    """The cover's fields when the rapportmall lists its own (None: the standard cover)."""
    utveckling_tom_text: str = TOM_TEXT
    dokument_css: str = ""  # Markup from mallvy.dokument_css
    """The stylesheet's running header and draft mark where the rapportmall's differ from the
    standard's (``mallvy.dokument_css``); empty for the standard."""

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
    mall: Rapportmall | None = None,
) -> VyRapport:
    """Resolve a validated unit (joined with its period's huvudman file) for rendering.

    ``mall`` is the unit's rapportmall (default: the built-in standard), which orders, names
    and numbers the parts and gives the document's title and running header.
    Röjandekontrollen is applied first, to this period and the earlier ones: nothing after this
    point sees a value that could reveal individual pupils."""
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    verklig = rapport
    rapport = maskera_enhet(rapport, huvudman)
    tidigare_perioder = {
        p: maskera_enhet(r, huvudman) for p, r in (tidigare_perioder or {}).items()
    }
    alla = bool(huvudman and huvudman.installningar.innehallsforteckning == "alla")
    mall = mall or standardmall()
    rapport = med_mallens_tabeller(rapport, mall)
    bygg = Byggare(kallfil, projektrot, alla, grans, mall.numrering, dict(mall.skalor))
    tidigare = _tidigare(rapport) if rapport.tidigare_utvecklingsomraden else None
    vp_text = huvudman.verksamhetsplan.text if huvudman and huvudman.verksamhetsplan else None
    vp_grupper = uppfoljning(rapport, huvudman, tidigare_perioder or {}, verklig)
    delar = mallens_delar(bygg, mall, rapport, bool(vp_grupper), tidigare)

    omraden = []
    som_tabell = rapport.utvecklingsomraden_visning == "tabell"
    if delar.utveckling is not None:
        fore = delar.utveckling.nummer
        for i, omr in enumerate(rapport.utvecklingsomraden, start=1):
            # side by side the areas are the table's columns, not headings of their own
            rubrik = Rubrik(
                f"{fore}{mall.numrering.skiljetecken}{i}" if fore else "",
                omr.rubrik,
                delar.utveckling.niva + 1,
                "" if fore else f"{delar.utveckling.id}-{i}",
                numrerad=bool(fore) and not som_tabell,
            )
            if not som_tabell and (fore or alla):
                bygg.innehall.append(rubrik)
            omraden.append(VyUtvecklingsomrade(rubrik, omr))

    vp_rubrik = delar.verksamhetsplan_rubrik
    perspektiv: list[VyPerspektivdel] = []
    if vp_rubrik is not None:
        bygg.innehall.append(vp_rubrik)
        for p, vp_grupp in enumerate(vp_grupper, start=1):
            nummer = f"{vp_rubrik.nummer}{mall.numrering.skiljetecken}{p}"
            rubrik = Rubrik(nummer if vp_rubrik.nummer else "", vp_grupp.namn, vp_rubrik.niva + 1)
            bygg.innehall.append(rubrik)
            perspektiv.append(VyPerspektivdel(rubrik, vp_grupp.mal))
    djup = mall.numrering.innehallsforteckning_djup
    namn = huvudman.namn if huvudman else (rapport.huvudman or "")
    varden = dokumentvarden(mall, rapport, namn)
    forvaltning = rapport.forvaltning or (huvudman.forvaltning if huvudman else None)
    logo = logotyp(huvudman, huvudmannafil, projektrot)
    undertitel = fyll_i(mall.dokument.undertitel, varden) if mall.dokument.undertitel else None
    omslagsvarden = {
        "huvudman": namn,
        "förvaltning": forvaltning,
        "logotyp": logo,
        "enhet": rapport.namn,
        "titel": varden["titel"],
        "undertitel": undertitel,
        "period": rapport.period,
    }

    return VyRapport(
        id=enhets_id,
        enhet=rapport,
        titel=fyll_i(mall.dokument.dokumenttitel, varden),
        inledning=delar.inledning,
        delar=delar.delar,
        utveckling_rubrik=delar.utveckling_rubrik,
        utvecklingsomraden=omraden,
        verksamhetsplan_rubrik=vp_rubrik,
        verksamhetsplan_text=vp_text,
        perspektiv=perspektiv,
        innehall=[r for r in bygg.innehall if not r.numrerad or r.niva <= djup] if djup else [],
        huvudman=namn,
        forvaltning=forvaltning,
        tema_css=tema_css(huvudman.tema if huvudman else None),
        logotyp=logo,
        teckenforklaring={k: v.format(grans=grans) for k, v in SYMBOLER.items()},
        utvecklingsfragor=utvecklingsfragor(huvudman, mallens_fragor(mall)),
        utvecklingsvisning=rapport.utvecklingsomraden_visning,
        rapporttyp=varden["titel"],
        undertitel=undertitel,
        omslag=omslag(mall, standardmall(), rapport, omslagsvarden),
        sidfot=sidfot(mall.dokument.sidhuvud, varden),
        utveckling_tom_text=(delar.utveckling.tom_text if delar.utveckling else None) or TOM_TEXT,
        dokument_css=dokument_css(mall, varden),
    )


def sidfot(sidhuvud: str | None, varden: dict[str, str]) -> str:
    """``Björkbackaskolan, Kvalitetsrapport 2025/26``: the running header's text (else the unit
    and the title) with the period, unless the header already names it."""
    text = sidhuvud or "{enhet}, {titel}"
    ut = fyll_i(text, varden)
    return ut if "{period}" in text else f"{ut} {varden['period']}"


def mallens_fragor(mall: Rapportmall) -> list[tuple[str, str]] | None:
    """The questions of the template's ``utvecklingsområden`` part as (field, question), in its
    order and wording; None when it has none (then the standard seven)."""
    alias = {(f.alias or n): n for n, f in Utvecklingsomrade.model_fields.items()}
    for _, del_ in mall.alla_delar():
        if del_.sort == "utvecklingsområden" and del_.fragor:
            return [(alias[f.falt], f.fraga) for f in del_.fragor if f.falt in alias]
    return None


def utvecklingsfragor(
    huvudman: Huvudmannafil | None, fragor: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """The questions of a development area: the template's (else the standard seven), in the
    huvudman's own wording where it has one."""
    egna = huvudman.utvecklingsfragor if huvudman else None
    return [
        (falt, (getattr(egna, falt, None) if egna else None) or fraga)
        for falt, fraga in (fragor or UTVECKLINGSFRAGOR)
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
