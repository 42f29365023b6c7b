"""Typed models of a unit's kvalitetsrapport; YAML keys are Swedish (aliases), attributes ASCII."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from kvalitet.load import YamlDate, YamlFloat, YamlInt

SKOLFORMER = ("förskola", "grundskola", "gymnasieskola", "vuxenutbildning", "fritidshem", "annan")
STATUSAR = ("utkast", "klar", "godkänd")
MATT = ("procent", "antal", "skala", "text")
STYRTALSSTATUS = ("uppnått", "delvis uppnått", "ej uppnått", "ej aktuellt")


def egen_fel(vad: str, hur: str = "") -> PydanticCustomError:
    """A validation error whose Swedish message is shown as written."""
    return PydanticCustomError("kvalitet", "{vad}", {"vad": vad, "hur": hur})


def _text(varde: Any) -> Any:
    if isinstance(varde, YamlInt | YamlFloat | YamlDate):
        return varde.kalltext
    if isinstance(varde, int | float) and not isinstance(varde, bool):
        return str(varde)
    if isinstance(varde, dt.date):
        return varde.isoformat()
    return varde


def _textlista(varde: Any) -> Any:
    if varde is None:
        return []
    if isinstance(varde, str | int | float) and not isinstance(varde, bool):
        return [varde]
    return varde


class Tal(float):
    """A decimal number that remembers how many decimals it was written with (``83,0``)."""

    decimaler: int | None = None


def _tal_med_decimaler(varde: float, text: str) -> Tal:
    tal = Tal(varde)
    siffror = text.strip().rstrip("%").strip()
    for tecken in (",", "."):
        if tecken in siffror:
            tal.decimaler = len(siffror.rsplit(tecken, 1)[1])
    return tal


def _cell(varde: Any) -> Any:
    if varde is None or isinstance(varde, Tal):
        return varde
    if isinstance(varde, bool):
        raise egen_fel(
            f"värdet '{'ja' if varde else 'nej'}' tolkas som sant/falskt",
            "skriv ett tal, eller sätt texten inom citattecken",
        )
    if isinstance(varde, YamlInt):
        return int(varde)
    if isinstance(varde, YamlFloat):
        return _tal_med_decimaler(float(varde), varde.kalltext)
    if isinstance(varde, YamlDate):
        return varde.kalltext
    if isinstance(varde, float):
        return Tal(varde)
    if isinstance(varde, int):
        return varde
    if isinstance(varde, str):
        return _svenskt_tal(varde)
    raise PydanticCustomError(
        "kvalitet_typ", "ett tal eller en text", {"vantat": "ett tal eller en text"}
    )


_SVENSKT_TAL = re.compile(
    r"^[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?:[ \u00a0]?%)?$|^[-−]?\d+(?:,\d+)?(?:[ \u00a0]?%)?$"
)


def _svenskt_tal(text: str) -> Any:
    """Read ``96,4``, ``1 266`` and ``96,4 %`` as numbers; other text is kept as written."""
    ren = text.strip()
    if not _SVENSKT_TAL.match(ren):
        return text
    ren = ren.rstrip("%").strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if "," in ren:
        return _tal_med_decimaler(float(ren.replace(",", ".")), ren)
    return int(ren)


_PERIOD = re.compile(r"^(\d{4})/(\d{2})$|^(\d{4})$")


def _period(varde: str) -> str:
    traff = _PERIOD.match(varde.strip())
    if not traff:
        raise egen_fel(
            f"'{varde}' är ingen period",
            "skriv ett läsår som '2025/26' eller ett kalenderår som '2026'",
        )
    if traff.group(1):
        start, slut = int(traff.group(1)), int(traff.group(2))
        if (start + 1) % 100 != slut:
            raise egen_fel(
                f"läsåret '{varde}' hänger inte ihop",
                f"ett läsår skrivs med två på varandra följande år, t.ex. "
                f"'{start}/{(start + 1) % 100:02d}'",
            )
    return varde.strip()


def _ej_tom(varde: str) -> str:
    if not varde.strip():
        raise egen_fel("fältet är tomt", "skriv en text")
    return varde


_TEXT_SCHEMA = {"type": ["string", "number"]}
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]
"""Plain text; numbers and dates are kept exactly as written in the YAML file."""
IfylldText = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_ej_tom),
    WithJsonSchema({"type": ["string", "number"], "minLength": 1}),
]
Markdown = Annotated[str, BeforeValidator(_text), WithJsonSchema(_TEXT_SCHEMA)]
"""Text with Markdown formatting (paragraphs, lists, bold, links)."""
TextLista = Annotated[
    list[Text],
    BeforeValidator(_textlista),
    WithJsonSchema(
        {"anyOf": [{"type": ["string", "number"]}, {"type": "array", "items": _TEXT_SCHEMA}]}
    ),
]
Cell = Annotated[
    Any,
    BeforeValidator(_cell),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}]}),
]
"""A table or styrtal value: a number (``96,4``, ``1 266``) or a text (``..``, ``6 av 10``)."""
Period = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_period),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(/\d{2})?$"}),
]


class Bas(BaseModel):
    """Common settings: unknown keys are errors; keys are the Swedish aliases."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


class Ansvarig(Bas):
    namn: IfylldText = Field(description="Namnet på den som ansvarar för rapporten.")
    roll: IfylldText = Field(description="Rollen, t.ex. rektor, förskolechef eller enhetschef.")


class Delaktighet(Bas):
    """Who took part in following up and analysing the results (Skollagen 4 kap. 4 §)."""

    personal: Markdown | None = Field(None, description="Hur personalen har deltagit.")
    elever: Markdown | None = Field(None, description="Hur barn och elever har deltagit.")
    vardnadshavare: Markdown | None = Field(
        None, alias="vårdnadshavare", description="Hur vårdnadshavare har deltagit."
    )
    ovriga: Markdown | None = Field(
        None, alias="övriga", description="Andra som har deltagit, t.ex. elevhälsan."
    )


class Bild(Bas):
    fil: IfylldText = Field(description="Bildfilens sökväg, relativt YAML-filen.")
    alt: IfylldText = Field(description="Alternativtext: vad bilden visar, för den som inte ser.")
    bildtext: Text | None = Field(None, description="Bildtext som visas under bilden.")


class AntalPerGrupp(Bas):
    """How many pupils (or children) a value is based on, per group; used only to decide what
    must be hidden (röjandekontroll) and never shown."""

    flickor: int | None = Field(None, ge=0, description="Antal flickor som värdet bygger på.")
    pojkar: int | None = Field(None, ge=0, description="Antal pojkar som värdet bygger på.")
    totalt: int | None = Field(None, ge=0, description="Antal totalt som värdet bygger på.")


class Rad(Bas):
    rad: Text = Field(description="Radens rubrik (första kolumnen).")
    varden: list[Cell] | None = Field(
        None, alias="värden", description="Värdena i ordning, ett per kolumn i 'kolumner'."
    )
    flickor: Cell | None = Field(None, description="Värdet för flickor.")
    pojkar: Cell | None = Field(None, description="Värdet för pojkar.")
    totalt: Cell | None = Field(None, description="Värdet för alla.")
    matt: Literal[MATT] | None = Field(  # type: ignore[valid-type]
        None, alias="mått", description="Hur talen ska visas: procent, antal, skala eller text."
    )
    antal: AntalPerGrupp | list[int | None] | None = Field(
        None,
        description="Hur många elever värdena bygger på: '{flickor: 8, pojkar: 14, totalt: 22}', "
        "eller en lista med ett antal per kolumn. Visas aldrig; används för röjandekontrollen.",
    )


class Tabell(Bas):
    rubrik: IfylldText = Field(description="Tabellens rubrik.")
    radrubrik: Text | None = Field(None, description="Rubrik över första kolumnen.")
    kolumner: TextLista | None = Field(
        None,
        description="Kolumnrubriker när raderna har 'värden'. Utelämnas för tabeller med "
        "flickor/pojkar/totalt.",
    )
    matt: Literal[MATT] | None = Field(  # type: ignore[valid-type]
        None, alias="mått", description="Hur talen visas om inte raden säger annat."
    )
    rader: list[Rad] = Field(min_length=1, description="Tabellens rader.")
    kalla: Text | None = Field(None, alias="källa", description="Varifrån uppgifterna kommer.")
    diagram: Literal["stapel"] | None = Field(
        None, description="'stapel' ger ett stapeldiagram av tabellen under den."
    )


class Avsnitt(Bas):
    rubrik: IfylldText = Field(description="Avsnittets rubrik; numret sätts automatiskt.")
    text: Markdown | None = Field(None, description="Brödtext i Markdown.")
    tabeller: list[Tabell] = Field(default_factory=list, description="Tabeller efter texten.")
    bilder: list[Bild] = Field(default_factory=list, description="Bilder efter tabellerna.")
    avsnitt: list[Avsnitt] = Field(default_factory=list, description="Underavsnitt.")
    styrkor: TextLista = Field(default_factory=list, description="Vilka styrkor finns?")
    svagheter: TextLista = Field(default_factory=list, description="Vilka svagheter finns?")
    slutsatser: TextLista = Field(default_factory=list, description="Punkter under 'Slutsats'.")
    till_analys: TextLista = Field(
        default_factory=list,
        description="Vad från avsnittet tar ni med er till avslutande analys?",
    )


class Huvudavsnitt(Bas):
    """A numbered top-level section: text, subsections and the closing lists."""

    text: Markdown | None = Field(None, description="Inledande text i Markdown.")
    tabeller: list[Tabell] = Field(default_factory=list, description="Tabeller efter texten.")
    bilder: list[Bild] = Field(default_factory=list, description="Bilder efter tabellerna.")
    avsnitt: list[Avsnitt] = Field(default_factory=list, description="Underavsnitt.")
    styrkor: TextLista = Field(default_factory=list, description="Vilka styrkor finns?")
    svagheter: TextLista = Field(default_factory=list, description="Vilka svagheter finns?")
    slutsatser: TextLista = Field(default_factory=list, description="Punkter under 'Slutsats'.")
    till_analys: TextLista = Field(
        default_factory=list,
        description="Vad från avsnittet tar ni med er till avslutande analys?",
    )


class Resultat(Bas):
    text: Markdown | None = Field(None, description="Inledning till resultatavsnittet.")
    objektiva: Huvudavsnitt | None = Field(None, description="2.1 Objektiva resultat.")
    subjektiva: Huvudavsnitt | None = Field(None, description="2.2 Subjektiva resultat.")
    observerade: Huvudavsnitt | None = Field(None, description="2.3 Observerade resultat.")


class Sikt(Bas):
    kort_sikt: Markdown | None = Field(None, description="På kort sikt (under läsåret).")
    lang_sikt: Markdown | None = Field(None, alias="lång_sikt", description="På lång sikt.")


class Utvecklingsomrade(Bas):
    rubrik: IfylldText = Field(description="Utvecklingsområdets namn.")
    varfor: Markdown | None = Field(
        None,
        alias="varför",
        description="Varför är utvecklingsområdet prioriterat? Motivera utifrån resultat och analys.",
    )
    styrdokument: Markdown | None = Field(
        None, description="Inom vilka styrdokument finns utvecklingsbehoven?"
    )
    forvantade_effekter: Sikt | None = Field(
        None,
        alias="förväntade_effekter",
        description="Vilka konkreta effekter förväntas på kort och lång sikt?",
    )
    forutsattningar: Markdown | None = Field(
        None,
        alias="förutsättningar",
        description="Vilka förutsättningar finns för att genomföra insatserna? Vem? Vad? Hur?",
    )
    insatser: Sikt | None = Field(
        None, description="Vilka insatser ska genomföras på kort och lång sikt?"
    )
    uppfoljning: Markdown | None = Field(
        None, alias="uppföljning", description="Hur ska insatserna följas upp och utvärderas?"
    )
    forskning: Markdown | None = Field(
        None, description="Koppling till forskning och beprövad erfarenhet."
    )
    styrtal: TextLista = Field(default_factory=list, description="Styrtal som området hör till.")


class Styrtalsresultat(Bas):
    """A unit's result for one of the huvudman's styrtal (by id)."""

    utfall: Cell | None = Field(None, description="Resultatet för perioden.")
    flickor: Cell | None = Field(None, description="Resultatet för flickor.")
    pojkar: Cell | None = Field(None, description="Resultatet för pojkar.")
    status: Literal[STYRTALSSTATUS] | None = Field(  # type: ignore[valid-type]
        None,
        description="uppnått, delvis uppnått eller ej uppnått, när målvärdet är en text och "
        "statusen inte kan räknas fram.",
    )
    ej_aktuellt: Text | None = Field(
        None, description="Skälet till att styrtalet inte är aktuellt för enheten."
    )
    kommentar: Markdown | None = Field(None, description="Kommentar och analys av resultatet.")
    historik: dict[Period, Cell] = Field(
        default_factory=dict,
        description="Utfall från tidigare perioder, t.ex. '2023/24: 84', när de inte finns i "
        "tidigare periodfiler.",
    )
    antal: AntalPerGrupp | None = Field(
        None,
        description="Hur många elever utfallet bygger på, per grupp. Visas aldrig; används för "
        "röjandekontrollen.",
    )
    diagram: bool = Field(True, description="'false' stänger av styrtalets diagram.")


class StyrtalsDefinition(Bas):
    """What a styrtal measures; defined once by the huvudman (or by a unit for its own)."""

    id: IfylldText = Field(description="Styrtalets nummer i verksamhetsplanen, t.ex. '1.1.2'.")
    text: IfylldText = Field(description="Vad styrtalet mäter.")
    matt: Literal[MATT] = Field(  # type: ignore[valid-type]
        "procent", alias="mått", description="procent, antal, skala eller text."
    )
    riktning: Literal["högre", "lägre"] = Field(
        "högre", description="'högre' om högre är bättre, 'lägre' om lägre är bättre (frånvaro)."
    )
    malvarde: Cell | None = Field(
        None,
        alias="målvärde",
        description="Målvärdet för perioden: ett tal, eller en text som '6 på en 10-gradig skala'.",
    )


class HuvudmansStyrtal(StyrtalsDefinition):
    skolformer: list[Literal[SKOLFORMER]] = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="Skolformer som styrtalet gäller; tom lista eller utelämnat betyder alla.",
    )


class EgetStyrtal(StyrtalsDefinition, Styrtalsresultat):
    """A styrtal the unit adds on its own, with its definition and result."""


class Aktivitet(Bas):
    rubrik: IfylldText = Field(description="Aktivitetens namn.")
    styrtal: TextLista = Field(
        default_factory=list, description="Styrtal som aktiviteten hör till."
    )
    beskrivning: Markdown | None = Field(None, description="Vad aktiviteten går ut på.")
    uppfoljning: Markdown | None = Field(None, alias="uppföljning", description="Hur det gick.")


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
    farger: Farger | None = Field(
        None, alias="färger", description="Färger i den grafiska profilen."
    )
    typsnitt: Text | None = Field(
        None, description="Typsnittets namn, t.ex. 'Liberation Sans'; måste finnas installerat."
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


class TidigareUtvecklingsomrade(Bas):
    rubrik: IfylldText = Field(description="Utvecklingsområdet från förra perioden.")
    uppfoljning: Markdown | None = Field(
        None,
        alias="uppföljning",
        description="Hur gick arbetet? Vilka effekter syns? Fortsätter området?",
    )


class Enhetsrapport(Bas):
    """One unit's kvalitetsrapport for one period; the unit id is the file name."""

    namn: IfylldText = Field(description="Enhetens namn, t.ex. 'Björkbackaskolan'.")
    skolform: Literal[SKOLFORMER] = Field(  # type: ignore[valid-type]
        description="förskola, grundskola, gymnasieskola, vuxenutbildning, fritidshem eller annan."
    )
    beskrivning: Markdown | None = Field(
        None, description="Kort om enheten: årskurser, antal barn/elever, personal."
    )
    huvudman: Text | None = Field(
        None, description="Huvudmannen; utelämnas när projektet har en huvudmannafil."
    )
    forvaltning: Text | None = Field(None, alias="förvaltning", description="Förvaltningen.")
    omrade: Text | None = Field(None, alias="område", description="Område inom förvaltningen.")
    ansvarig: Ansvarig = Field(description="Den som ansvarar för rapporten.")
    period: Period = Field(description="Läsår som '2025/26' eller kalenderår som '2026'.")
    status: Literal[STATUSAR] = Field(  # type: ignore[valid-type]
        "utkast", description="utkast, klar eller godkänd."
    )
    datum: dt.date | None = Field(None, description="Rapportens datum, t.ex. 2026-06-20.")
    sammanfattning: Markdown | None = Field(None, description="Sammanfattning före avsnitt 1.")
    delaktighet: Delaktighet | None = Field(
        None, description="Hur personal, elever och vårdnadshavare har deltagit."
    )
    tidigare_utvecklingsomraden: list[TidigareUtvecklingsomrade] = Field(
        default_factory=list,
        alias="tidigare_utvecklingsområden",
        description="Uppföljning av föregående periods prioriterade utvecklingsområden.",
    )
    kvalitetsarbete: Huvudavsnitt | None = Field(
        None, description="1 Det systematiska kvalitetsarbetet."
    )
    resultat: Resultat | None = Field(None, description="2 Resultat.")
    analys: Huvudavsnitt | None = Field(None, description="3 Analys.")
    utvecklingsomraden: list[Utvecklingsomrade] = Field(
        default_factory=list,
        alias="utvecklingsområden",
        description="4 Prioriterade utvecklingsområden.",
    )
    styrtal: dict[Text, Styrtalsresultat] = Field(
        default_factory=dict,
        description="Resultat för huvudmannens styrtal, per styrtalets id, t.ex. '1.1.2'.",
    )
    egna_styrtal: list[EgetStyrtal] = Field(
        default_factory=list, description="Styrtal som enheten själv har lagt till."
    )
    aktiviteter: list[Aktivitet] = Field(
        default_factory=list, description="Aktiviteter kopplade till styrtalen."
    )
