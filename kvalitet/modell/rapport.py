"""Typed models of a unit's kvalitetsrapport; YAML keys are Swedish (aliases), attributes ASCII.

The sections and their content (blocks) are in ``modell/avsnitt.py``, tables, charts and images
in ``modell/tabell.py``, the styrtal in ``modell/styrtalsmodell.py``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from kvalitet.modell.avsnitt import Avsnitt, Huvudavsnitt, Resultat, Slutsats
from kvalitet.modell.falt import (
    SKOLFORMER,
    STATUSAR,
    Bas,
    IfylldText,
    Markdown,
    Period,
    Text,
    TextLista,
)
from kvalitet.modell.styrtalsmodell import (
    EgetStyrtal,
    HuvudmansStyrtal,
    StyrtalsDefinition,
    Styrtalsresultat,
)
from kvalitet.modell.tabell import MAX_RADER, AntalPerGrupp, Bild, Diagram, Rad, Tabell


class Ansvarig(Bas):
    namn: Text | None = Field(
        None, title="Namn", description="Namnet på den som ansvarar för rapporten."
    )
    roll: Text | None = Field(
        None, title="Roll", description="Rollen, t.ex. rektor, förskolechef eller enhetschef."
    )

    @property
    def visas(self) -> str:
        """``Helena Sandberg, rektor``, or the part that is given."""
        return ", ".join(d for d in (self.namn, self.roll) if d and d.strip())


class Delaktighet(Bas):
    """Who took part in following up and analysing the results (Skollagen 4 kap. 4 §)."""

    personal: Markdown | None = Field(
        None, title="Personalen", description="Hur personalen har deltagit."
    )
    elever: Markdown | None = Field(
        None, title="Barn och elever", description="Hur barn och elever har deltagit."
    )
    vardnadshavare: Markdown | None = Field(
        None,
        alias="vårdnadshavare",
        title="Vårdnadshavare",
        description="Hur vårdnadshavare har deltagit.",
    )
    ovriga: Markdown | None = Field(
        None,
        alias="övriga",
        title="Övriga",
        description="Andra som har deltagit, t.ex. elevhälsan.",
    )


class Sikt(Bas):
    kort_sikt: Markdown | None = Field(
        None, title="På kort sikt", description="På kort sikt (under läsåret)."
    )
    lang_sikt: Markdown | None = Field(
        None, alias="lång_sikt", title="På lång sikt", description="På lång sikt."
    )


class Utvecklingsomrade(Bas):
    rubrik: IfylldText = Field(title="Rubrik", description="Utvecklingsområdets namn.")
    varfor: Markdown | None = Field(
        None,
        alias="varför",
        title="Varför",
        description="Varför är utvecklingsområdet prioriterat? Motivera utifrån resultat och analys.",
    )
    styrdokument: Markdown | None = Field(
        None, title="Styrdokument", description="Inom vilka styrdokument finns utvecklingsbehoven?"
    )
    forvantade_effekter: Markdown | Sikt | None = Field(
        None,
        alias="förväntade_effekter",
        title="Förväntade effekter",
        description="Vilka konkreta effekter förväntas? En text, eller 'kort_sikt' och "
        "'lång_sikt'.",
    )
    forutsattningar: Markdown | None = Field(
        None,
        alias="förutsättningar",
        title="Förutsättningar",
        description="Vilka förutsättningar finns för att genomföra insatserna? Vem? Vad? Hur?",
    )
    insatser: Markdown | Sikt | None = Field(
        None,
        title="Insatser",
        description="Vilka insatser ska genomföras? En text, eller 'kort_sikt' och 'lång_sikt'.",
    )
    uppfoljning: Markdown | None = Field(
        None,
        alias="uppföljning",
        title="Uppföljning",
        description="Hur ska insatserna följas upp och utvärderas?",
    )
    forskning: Markdown | None = Field(
        None,
        title="Forskning och beprövad erfarenhet",
        description="Koppling till forskning och beprövad erfarenhet.",
    )
    styrtal: TextLista = Field(
        default_factory=list,
        title="Styrtal",
        json_schema_extra={"postetikett": "styrtal"},
        description="Styrtal som området hör till.",
    )


class Aktivitet(Bas):
    rubrik: IfylldText = Field(title="Rubrik", description="Aktivitetens namn.")
    styrtal: TextLista = Field(
        default_factory=list,
        title="Styrtal",
        json_schema_extra={"postetikett": "styrtal"},
        description="Styrtal som aktiviteten hör till.",
    )
    beskrivning: Markdown | None = Field(
        None, title="Beskrivning", description="Vad aktiviteten går ut på."
    )
    uppfoljning: Markdown | None = Field(
        None, alias="uppföljning", title="Uppföljning", description="Hur det gick."
    )


class TidigareUtvecklingsomrade(Bas):
    rubrik: IfylldText = Field(
        title="Rubrik", description="Utvecklingsområdet från förra perioden."
    )
    uppfoljning: Markdown | None = Field(
        None,
        alias="uppföljning",
        title="Uppföljning",
        description="Hur gick arbetet? Vilka effekter syns? Fortsätter området?",
    )


class Enhetsrapport(Bas):
    """One unit's kvalitetsrapport for one period; the unit id is the file name."""

    namn: IfylldText = Field(
        title="Enhetens namn", description="Enhetens namn, t.ex. 'Björkbackaskolan'."
    )
    skolform: Literal[SKOLFORMER] = Field(  # type: ignore[valid-type]
        title="Skolform",
        description="förskola, grundskola, gymnasieskola, vuxenutbildning, fritidshem eller annan.",
    )
    rapportmall: Text | None = Field(
        None,
        title="Rapportmall",
        description="Rapportmallen enheten följer (rapporter/mallar/<namn>.rapportmall.yaml); "
        "utelämnad gäller huvudmannens val, annars standardmallen.",
    )
    beskrivning: Markdown | None = Field(
        None,
        title="Beskrivning",
        description="Kort om enheten: årskurser, antal barn/elever, personal.",
    )
    huvudman: Text | None = Field(
        None,
        title="Huvudman",
        description="Huvudmannen; utelämnas när projektet har en huvudmannafil.",
    )
    forvaltning: Text | None = Field(
        None, alias="förvaltning", title="Förvaltning", description="Förvaltningen."
    )
    omrade: Text | None = Field(
        None, alias="område", title="Område", description="Område inom förvaltningen."
    )
    skolenhetskod: Text | None = Field(
        None,
        title="Skolenhetskod",
        description="Skolverkets skolenhetskod (8 siffror), när resultat importeras från "
        "Skolverkets statistik.",
    )
    kolada_ou: Text | None = Field(
        None,
        title="Enhetens id i Kolada",
        description="Enhetens id i Kolada, t.ex. 'V15E144001301', för import från Kolada.",
    )
    ansvarig: Ansvarig | None = Field(
        None,
        title="Ansvarig för rapporten",
        description="Den som ansvarar för rapporten: 'namn' och 'roll'. Utelämnat står ingen "
        "ansvarig på omslaget (i ett utkast står 'saknas').",
    )
    period: Period = Field(
        title="Period", description="Läsår som '2025/26' eller kalenderår som '2026'."
    )
    status: Literal[STATUSAR] = Field(  # type: ignore[valid-type]
        "utkast", title="Status", description="utkast, klar eller godkänd."
    )
    datum: dt.date | None = Field(
        None, title="Datum", description="Rapportens datum, t.ex. 2026-06-20."
    )
    sammanfattning: Markdown | None = Field(
        None, title="Sammanfattning", description="Sammanfattning före avsnitt 1."
    )
    delaktighet: Delaktighet | None = Field(
        None,
        title="Delaktighet",
        description="Hur personal, elever och vårdnadshavare har deltagit.",
    )
    tidigare_utvecklingsomraden: list[TidigareUtvecklingsomrade] = Field(
        default_factory=list,
        alias="tidigare_utvecklingsområden",
        title="Tidigare utvecklingsområden",
        json_schema_extra={"postetikett": "utvecklingsområde", "postrubrik": "Område"},
        description="Uppföljning av föregående periods prioriterade utvecklingsområden.",
    )
    kvalitetsarbete: Huvudavsnitt | None = Field(
        None,
        title="Det systematiska kvalitetsarbetet",
        description="1 Det systematiska kvalitetsarbetet.",
    )
    resultat: Resultat | None = Field(None, title="Resultat", description="2 Resultat.")
    analys: Huvudavsnitt | None = Field(None, title="Analys", description="3 Analys.")
    utvecklingsomraden: list[Utvecklingsomrade] = Field(
        default_factory=list,
        alias="utvecklingsområden",
        title="Utvecklingsområden",
        json_schema_extra={"postetikett": "utvecklingsområde", "postrubrik": "Område"},
        description="4 Prioriterade utvecklingsområden.",
    )
    utvecklingsomraden_visning: Literal["lista", "tabell"] = Field(
        "lista",
        alias="utvecklingsområden_visning",
        title="Utvecklingsområdena visas som",
        json_schema_extra={
            "etiketter": {
                "lista": "Lista: varje område under egen rubrik",
                "tabell": "Tabell: områdena sida vid sida",
            }
        },
        description="'lista' (standard): varje område med de sju frågorna under egen rubrik. "
        "'tabell': områdena sida vid sida i en tabell med frågorna som rader.",
    )
    styrtal: dict[Text, Styrtalsresultat] = Field(
        default_factory=dict,
        title="Huvudmannens styrtal",
        json_schema_extra={
            "postetikett": "styrtal",
            "nyckeletikett": "Styrtalets nummer, t.ex. 1.1.2",
        },
        description="Resultat för huvudmannens styrtal, per styrtalets id, t.ex. '1.1.2'.",
    )
    egna_styrtal: list[EgetStyrtal] = Field(
        default_factory=list,
        title="Egna styrtal",
        json_schema_extra={"postetikett": "eget styrtal"},
        description="Styrtal som enheten själv har lagt till.",
    )
    aktiviteter: list[Aktivitet] = Field(
        default_factory=list,
        title="Aktiviteter",
        json_schema_extra={"postetikett": "aktivitet"},
        description="Aktiviteter kopplade till styrtalen.",
    )
    delar: dict[Text, Huvudavsnitt] = Field(
        default_factory=dict,
        title="Mallens delar",
        json_schema_extra={"nyckeletikett": "Delens id"},
        description="Delarna i enhetens rapportmall som inte har ett eget fält, per delens id "
        "(t.ex. 'forbattringsomraden:'); var och en skrivs som ett avsnitt.",
    )


__all__ = [
    "MAX_RADER",
    "Aktivitet",
    "Ansvarig",
    "AntalPerGrupp",
    "Avsnitt",
    "Bild",
    "Delaktighet",
    "Diagram",
    "EgetStyrtal",
    "Enhetsrapport",
    "Huvudavsnitt",
    "HuvudmansStyrtal",
    "Rad",
    "Resultat",
    "Sikt",
    "Slutsats",
    "StyrtalsDefinition",
    "Styrtalsresultat",
    "Tabell",
    "TidigareUtvecklingsomrade",
    "Utvecklingsomrade",
]
