"""Typed model of the huvudman's file: verksamhetsplan, theme and settings for a period."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from kvalitet.modell.falt import Bas, IfylldText, Markdown, Period, Text, _text
from kvalitet.modell.rapport import HuvudmansStyrtal
from kvalitet.modell.rapportmall import Rapportmallval

FARG = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$"
)
TYPSNITT = re.compile(r"^[\w åäöÅÄÖ.-]{1,60}$")
"""Allowed theme values: a colour (#hex, a name, rgb()) and a font name."""


class Mal(Bas):
    id: Text | None = Field(
        None, description="Målets nummer, t.ex. '1:1'; utelämnat räknas det fram ur ordningen."
    )
    text: IfylldText = Field(description="Målets lydelse.")
    styrtal: list[HuvudmansStyrtal] = Field(
        default_factory=list, description="Målets styrtal, med id, text, mått och målvärde."
    )


class Perspektiv(Bas):
    namn: IfylldText = Field(description="Perspektivets namn, t.ex. 'Medborgare'.")
    mal: list[Mal] = Field(default_factory=list, alias="mål", description="Perspektivets mål.")


class Verksamhetsplan(Bas):
    text: Markdown | None = Field(None, description="Inledning till uppföljningen.")
    perspektiv: list[Perspektiv] = Field(
        default_factory=list, description="Perspektiven, t.ex. Medborgare och Kunskap och lärande."
    )


class Farger(Bas):
    primar: Text | None = Field(
        None, alias="primär", description="Rubriker och linjer, t.ex. '#1f4e79'."
    )
    accent: Text | None = Field(None, description="Länkar och detaljer.")
    ljus: Text | None = Field(None, description="Bakgrund i slutsatsrutor och tabellhuvuden.")


class Tema(Bas):
    logotyp: Text | None = Field(None, description="Logotypens fil, relativt huvudmannafilen.")
    word_mall: Text | None = Field(
        None,
        description="Huvudmannens egen Word-mall (.docx), relativt huvudmannafilen: Word-filerna "
        "('kvalitet bygg --format docx') får dess stilar, marginaler och sidhuvud (logotyp).",
    )
    farger: Farger | None = Field(
        None, alias="färger", description="Färger i den grafiska profilen."
    )
    typsnitt: Text | None = Field(
        None, description="Typsnittets namn, t.ex. 'Liberation Sans'; måste finnas installerat."
    )
    huvudavsnitt_pa_ny_sida: bool = Field(
        False,
        alias="huvudavsnitt_på_ny_sida",
        description="true: varje huvudavsnitt (1, 2, 3 …) börjar på en ny sida i PDF:en. "
        "Standard false: avsnitten följer på varandra och rubriker hålls ihop med texten efter.",
    )


class Installningar(Bas):
    delvis_marginal: float = Field(
        10,
        ge=0,
        le=100,
        description="Hur nära målvärdet (i procent av målvärdet) ett utfall ska vara för att "
        "räknas som 'delvis uppnått'; 0 stänger av 'delvis uppnått'.",
    )
    mall: Text = Field(
        "rapport",
        description="Mallens namn: 'rapport' ger rapport-<skolform>.html.j2 och annars "
        "rapport.html.j2.",
    )
    mallmapp: Text | None = Field(
        None,
        description="Mapp med egna mallar, relativt projektmappen (standard 'mallar').",
    )
    rojandegrans: int = Field(
        10,
        alias="röjandegräns",
        ge=1,
        le=1000,
        description="Värden som bygger på färre elever än så visas som '..' (standard 10).",
    )
    # written as it stands in the file: an unquoted 1.1 or 1:1 (YAML's number 61) is meant as text
    malnumrering: Annotated[Literal["1.1", "1:1"], BeforeValidator(_text)] = Field(
        "1.1",
        alias="målnumrering",
        description="Hur målen numreras i uppföljningen: '1.1' (standard, som avsnitt och "
        "styrtal) eller '1:1' (som i många verksamhetsplaner). Ett mål med eget 'id' behåller det.",
    )
    innehallsforteckning: Literal["numrerade", "alla"] = Field(
        "numrerade",
        alias="innehållsförteckning",
        description="'numrerade' (standard): innehållsförteckningen har de numrerade rubrikerna. "
        "'alla': också de onumrerade rubrikerna i avsnittens 'innehåll'.",
    )
    rapportmallar: Rapportmallval | None = Field(
        None,
        description="Vilken rapportmall (rapporter/mallar/<namn>.rapportmall.yaml) enheterna "
        "följer: 'standard', per skolform ('skolformer') och per enhet ('enheter'); utelämnat "
        "gäller den inbyggda standardmallen.",
    )
    pdf: Literal["standard", "arkiv"] = Field(
        "standard",
        description="'arkiv' gör PDF:erna till PDF/A-2a (för e-arkiv), fortfarande tillgängliga "
        "enligt PDF/UA-1; 'standard' (PDF/UA-1) om inget anges. 'kvalitet bygg --pdf' går före.",
    )


class Inlamning(Bas):
    """When the units' reports are due, and when the förvaltning reminds those not done."""

    sista_dag: dt.date = Field(
        title="Sista dag",
        description="Sista dag att lämna in enheternas rapporter för perioden, t.ex. 2026-06-15.",
    )
    paminnelser: list[Annotated[int, Field(ge=0, le=365)]] = Field(
        default_factory=lambda: [7, 1],
        alias="påminnelser",
        title="Påminnelser",
        max_length=20,
        description="Hur många dagar före sista dagen en påminnelse skickas till dem som inte "
        "har lämnat in (standard 7 och 1; 0 är på sista dagen). Efter sista dagen påminns de "
        "varje dag tills rapporten är inlämnad.",
    )


class Utvecklingsfragor(Bas):
    """The huvudman's own wording of the seven questions of a development area."""

    varfor: Text | None = Field(
        None,
        alias="varför",
        description="Frågan till 'varför', t.ex. 'Varför är utvecklingsområdet prioriterat?'.",
    )
    styrdokument: Text | None = Field(None, description="Frågan till 'styrdokument'.")
    forvantade_effekter: Text | None = Field(
        None, alias="förväntade_effekter", description="Frågan till 'förväntade_effekter'."
    )
    forutsattningar: Text | None = Field(
        None, alias="förutsättningar", description="Frågan till 'förutsättningar'."
    )
    insatser: Text | None = Field(None, description="Frågan till 'insatser'.")
    uppfoljning: Text | None = Field(
        None, alias="uppföljning", description="Frågan till 'uppföljning'."
    )
    forskning: Text | None = Field(
        None,
        description="Frågan till 'forskning', t.ex. 'Hur kan utvecklingsarbetet kopplas till "
        "relevant forskning och beprövad erfarenhet?'.",
    )


class Huvudmannafil(Bas):
    """The huvudman's file for one period: name, theme, settings and the verksamhetsplan."""

    namn: IfylldText = Field(description="Huvudmannens namn, t.ex. 'Älvmora kommun'.")
    forvaltning: Text | None = Field(None, alias="förvaltning", description="Förvaltningen.")
    period: Period = Field(description="Läsår som '2025/26' eller kalenderår som '2026'.")
    tema: Tema | None = Field(None, description="Grafisk profil: logotyp, färger, typsnitt.")
    installningar: Installningar = Field(
        default_factory=Installningar, alias="inställningar", description="Inställningar."
    )
    verksamhetsplan: Verksamhetsplan | None = Field(
        None, description="Verksamhetsplanens perspektiv, mål och styrtal för perioden."
    )
    inlamning: Inlamning | None = Field(
        None,
        alias="inlämning",
        title="Inlämning",
        description="Sista dag att lämna in rapporterna och när påminnelser skickas.",
    )
    utvecklingsfragor: Utvecklingsfragor | None = Field(
        None,
        alias="utvecklingsfrågor",
        description="Huvudmannens egna formuleringar av utvecklingsområdenas sju frågor; en "
        "fråga som inte står här har standardmallens formulering.",
    )
