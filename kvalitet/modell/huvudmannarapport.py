"""Typed model of the huvudman's own report for a period: the follow-up of the verksamhetsplan,
activities, uppdrag from the nämnd, external insatser, analysis and the nämnd's ärende."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from kvalitet.modell.avsnitt import Huvudavsnitt
from kvalitet.modell.falt import (
    STATUSAR,
    STYRTALSSTATUS,
    Bas,
    Cell,
    IfylldText,
    Markdown,
    Period,
    Text,
    TextLista,
)
from kvalitet.modell.rapport import Aktivitet, Ansvarig, Utvecklingsomrade

BERAKNINGAR = ("median", "medel", "andel_uppnått")
"""How a styrtal's result for the huvudman is computed from the units' results."""
UPPDRAGSSTATUS = ("ej påbörjat", "pågår", "klart")


class Huvudmansresultat(Bas):
    """The huvudman's result for one styrtal of the plan: written, or computed from the units."""

    resultat: Cell | None = Field(
        None,
        description="Huvudmannens resultat, skrivet: ett tal som 84, eller en text som "
        "'Över 80 %' eller '7,5'. Utelämnat med 'beräkna' räknas det fram ur enheterna.",
    )
    berakna: Literal[BERAKNINGAR] | None = Field(  # type: ignore[valid-type]
        None,
        alias="beräkna",
        description="Räkna fram resultatet ur enheternas utfall: 'median', 'medel' (medelvärde "
        "viktat med antal elever i 'antal: totalt') eller 'andel_uppnått' (andelen enheter som "
        "nådde målvärdet).",
    )
    status: Literal[STYRTALSSTATUS] | None = Field(  # type: ignore[valid-type]
        None,
        description="uppnått, delvis uppnått eller ej uppnått, när statusen inte kan räknas fram "
        "(t.ex. när resultatet är en text).",
    )
    kommentar: Markdown | None = Field(None, description="Huvudmannens kommentar till styrtalet.")


class Uppfoljning(Bas):
    """The follow-up of the verksamhetsplan: the plan's styrtal with results and comments."""

    text: Markdown | None = Field(None, description="Inledning till uppföljningen.")
    perioder: list[Period] = Field(
        default_factory=list,
        description="Perioderna vars målvärden visas sida vid sida, t.ex. ['2024/25', '2025/26']. "
        "Utelämnat: perioderna i styrtalens 'målvärden', annars förra perioden och den här.",
    )
    styrtal: dict[Text, Huvudmansresultat] = Field(
        default_factory=dict,
        description="Resultat och kommentar per styrtal i verksamhetsplanen, med styrtalets id, "
        "t.ex. '1.1.2'.",
    )


class Uppdrag(Bas):
    """An uppdrag from the nämnd and where it stands (lägesbeskrivning)."""

    rubrik: IfylldText = Field(description="Uppdragets namn, t.ex. 'Minska frånvaron'.")
    beslut: Text | None = Field(
        None,
        description="Var uppdraget kommer ifrån, t.ex. 'Verksamhetsplan 2025/26' eller "
        "'BUN 2025-03-12 § 14'.",
    )
    status: Literal[UPPDRAGSSTATUS] = Field(  # type: ignore[valid-type]
        "pågår", description="ej påbörjat, pågår eller klart."
    )
    analys: Markdown | None = Field(None, description="Analys: vad vet vi om problemet?")
    vad_vi_vill_uppna: Markdown | None = Field(
        None, alias="vad_vi_vill_uppnå", description="Vad vi vill uppnå."
    )
    atgarder: Markdown | None = Field(
        None, alias="åtgärder", description="Åtgärder som har gjorts eller görs."
    )
    uppfoljning: Markdown | None = Field(
        None, alias="uppföljning", description="Hur arbetet följs upp och vad uppföljningen visar."
    )
    nasta_steg: Markdown | None = Field(None, alias="nästa_steg", description="Nästa steg.")


class Insats(Bas):
    """An external insats, e.g. Skolverket's Samverkan för bästa skola."""

    namn: IfylldText = Field(description="Insatsens namn, t.ex. 'Samverkan för bästa skola'.")
    omraden: TextLista = Field(
        default_factory=list,
        alias="områden",
        description="Områdena som insatsen gäller, en punkt per område.",
    )
    period: Text | None = Field(
        None, description="Insatsperioden, t.ex. 'hösten 2025 – 31 januari 2027'."
    )
    ansvar: Text | None = Field(None, description="Vem som ansvarar för insatsen.")
    medel: int | None = Field(
        None, ge=0, description="Tilldelade medel i kronor, som ett heltal: 150000."
    )
    beskrivning: Markdown | None = Field(None, description="Vad insatsen går ut på.")
    uppfoljning: Markdown | None = Field(
        None, alias="uppföljning", description="Hur insatsen har följts upp och vad den gett."
    )


class Namnd(Bas):
    """The ärende in which the report reaches the nämnd: rendered as a beslutsunderlag page."""

    namn: IfylldText = Field(description="Nämnden, t.ex. 'Barn- och utbildningsnämnden'.")
    diarienummer: IfylldText = Field(description="Ärendets diarienummer, t.ex. 'BUN 2026/0123'.")
    beredande_tjansteperson: Text | None = Field(
        None,
        alias="beredande_tjänsteperson",
        description="Beredande tjänsteperson, t.ex. 'Karin Ek, kvalitetsstrateg'.",
    )
    datum: dt.date | None = Field(None, description="Tjänsteskrivelsens datum, t.ex. 2026-09-21.")
    sammantrade: dt.date | None = Field(
        None, alias="sammanträde", description="Nämndens sammanträde, t.ex. 2026-10-07."
    )
    arende: Text | None = Field(
        None, alias="ärende", description="Ärendets rubrik; utelämnat: rapportens titel."
    )
    bakgrund: Markdown | None = Field(None, description="Bakgrund till ärendet.")
    beslutsunderlag: TextLista = Field(
        default_factory=list,
        description="Handlingarna i beslutsunderlaget; utelämnat: rapporten själv.",
    )
    forslag_till_beslut: TextLista = Field(
        default_factory=list,
        alias="förslag_till_beslut",
        description="Förslaget till beslut, en punkt per beslutssats.",
    )


class Huvudmannarapport(Bas):
    """The huvudman's own report for a period (``huvudmannens-rapport.yaml``)."""

    titel: IfylldText = Field(
        description="Dokumentets titel, t.ex. 'Huvudmannens kvalitetsrapport 2025/26' eller "
        "'Uppföljning av verksamhetsplan och budget 2020'."
    )
    period: Period = Field(description="Läsår som '2025/26' eller kalenderår som '2026'.")
    status: Literal[STATUSAR] = Field(  # type: ignore[valid-type]
        "utkast", description="utkast, klar eller godkänd."
    )
    datum: dt.date | None = Field(None, description="Rapportens datum, t.ex. 2026-09-21.")
    ansvarig: Ansvarig | None = Field(
        None, description="Den som ansvarar för rapporten: 'namn' och 'roll'."
    )
    namnd: Namnd | None = Field(
        None,
        alias="nämnd",
        description="Ärendet till nämnden: diarienummer, beredande tjänsteperson, förslag till "
        "beslut. Blir en sida 'Tjänsteskrivelse' efter omslaget.",
    )
    sammanfattning: Markdown | None = Field(None, description="Sammanfattning före avsnitt 1.")
    inledning: Huvudavsnitt | None = Field(
        None, description="Inledning: text och block före uppföljningen (onumrerad)."
    )
    uppfoljning: Uppfoljning | None = Field(
        None,
        alias="uppföljning",
        description="Uppföljningen av verksamhetsplanen: resultat och kommentar per styrtal.",
    )
    aktiviteter: list[Aktivitet] = Field(
        default_factory=list,
        description="Verksamhetsplanens aktiviteter, var och en kopplad till ett eller flera "
        "styrtal, med beskrivning och uppföljning.",
    )
    uppdrag: list[Uppdrag] = Field(
        default_factory=list, description="Uppdrag från nämnden och hur de går."
    )
    insatser: list[Insats] = Field(
        default_factory=list, description="Externa insatser, t.ex. Samverkan för bästa skola."
    )
    analys: Huvudavsnitt | None = Field(
        None, description="Huvudmannens analys, med slutsatser (blockformen går att använda)."
    )
    utvecklingsomraden: list[Utvecklingsomrade] = Field(
        default_factory=list,
        alias="utvecklingsområden",
        description="Huvudmannens prioriterade utvecklingsområden, med samma sju frågor som "
        "enheternas.",
    )
    sammanstallning: Literal["bilaga", "avsnitt", "nej"] = Field(
        "bilaga",
        alias="sammanställning",
        description="Var enheternas sammanställning står: 'bilaga' (standard, sist i dokumentet), "
        "'avsnitt' (ett numrerat avsnitt) eller 'nej'.",
    )
