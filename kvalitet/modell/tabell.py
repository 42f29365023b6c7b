"""Tables, charts and images of a section, and the rows of a table or chart."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from kvalitet.modell.falt import MATT, Bas, Cell, IfylldText, Markdown, Text, TextLista, egen_fel

ROJANDESLAG = ("elever", "barn", "svarande", "ingen")
"""Who a table's or styrtal's counts are (``röjande:``): the rule of the röjandekontroll."""

ROJANDE_ETIKETTER = {
    "elever": "Elever (Skolverkets regler: .. och ~100)",
    "barn": "Barn i förskolan (som elever)",
    "svarande": "Svarande i en enkät (bara gränsen för antal svarande)",
    "ingen": "Ingen röjandekontroll",
}
ROJANDE_BESKRIVNING = (
    "Vilka antalen är, och därmed vilken regel röjandekontrollen följer: 'elever' eller 'barn' "
    "(.. under röjandegränsen, ~100 när 1–4 inte når upp), 'svarande' (bara gränsen för antal "
    "svarande) eller 'ingen'. Utelämnat: 'svarande' för enkäter (vårdnadshavare, mått skala), "
    "'barn' i förskolan, annars 'elever'."
)


def rojande_falt() -> Any:
    """The optional ``röjande:`` key, the same on tables, charts and styrtal."""
    return Field(
        None,
        alias="röjande",
        title="Röjandekontroll för",
        json_schema_extra={"etiketter": dict(ROJANDE_ETIKETTER)},  # type: ignore[dict-item]
        description=ROJANDE_BESKRIVNING,
    )


class Bild(Bas):
    fil: IfylldText = Field(title="Bildfil", description="Bildfilens sökväg, relativt YAML-filen.")
    alt: IfylldText = Field(
        title="Alternativtext",
        description="Alternativtext: vad bilden visar, för den som inte ser.",
    )
    bildtext: Text | None = Field(
        None, title="Bildtext", description="Bildtext som visas under bilden."
    )


class AntalPerGrupp(Bas):
    """How many pupils (or children) a value is based on, per group; used only to decide what
    must be hidden (röjandekontroll) and never shown."""

    flickor: int | None = Field(
        None, ge=0, title="Flickor", description="Antal flickor som värdet bygger på."
    )
    pojkar: int | None = Field(
        None, ge=0, title="Pojkar", description="Antal pojkar som värdet bygger på."
    )
    totalt: int | None = Field(
        None, ge=0, title="Totalt", description="Antal totalt som värdet bygger på."
    )


class Rad(Bas):
    rad: Text = Field(title="Radens rubrik", description="Radens rubrik (första kolumnen).")
    varden: list[Cell] | None = Field(
        None,
        alias="värden",
        title="Värden",
        json_schema_extra={"postetikett": "värde"},
        description="Värdena i ordning, ett per kolumn i 'kolumner'.",
    )
    flickor: Cell | None = Field(None, title="Flickor", description="Värdet för flickor.")
    pojkar: Cell | None = Field(None, title="Pojkar", description="Värdet för pojkar.")
    totalt: Cell | None = Field(None, title="Totalt", description="Värdet för alla.")
    matt: Literal[MATT] | None = Field(  # type: ignore[valid-type]
        None,
        alias="mått",
        title="Mått",
        description="Hur talen ska visas: procent, antal, skala eller text.",
    )
    antal: AntalPerGrupp | list[int | None] | None = Field(
        None,
        title="Antal elever",
        description="Hur många elever värdena bygger på: '{flickor: 8, pojkar: 14, totalt: 22}', "
        "eller en lista med ett antal per kolumn. Visas aldrig; används för röjandekontrollen.",
    )


MAX_RADER = 500
"""A table longer than this belongs in an appendix or a spreadsheet, not in the report."""


class Tabell(Bas):
    rubrik: Text | None = Field(
        None,
        title="Rubrik",
        description="Tabellens rubrik. Utelämnas när texten före tabellen redan säger vad den "
        "visar (då får tabellen ingen rubrik).",
    )
    radrubrik: Text | None = Field(
        None, title="Rubrik över första kolumnen", description="Rubrik över första kolumnen."
    )
    kolumner: TextLista | None = Field(
        None,
        title="Kolumner",
        json_schema_extra={"postetikett": "kolumn"},
        description="Kolumnrubriker när raderna har 'värden'. Utelämnas för tabeller med "
        "flickor/pojkar/totalt.",
    )
    matt: Literal[MATT] | None = Field(  # type: ignore[valid-type]
        None, alias="mått", title="Mått", description="Hur talen visas om inte raden säger annat."
    )
    rader: list[Rad] = Field(
        min_length=1,
        max_length=MAX_RADER,
        title="Rader",
        json_schema_extra={"postetikett": "rad"},
        description=f"Tabellens rader (högst {MAX_RADER}).",
    )
    kalla: Text | None = Field(
        None, alias="källa", title="Källa", description="Varifrån uppgifterna kommer."
    )
    fotnot: Markdown | None = Field(
        None,
        title="Fotnot",
        description="En fotnot under tabellen, t.ex. om vilka grupper som redovisas. Står "
        "efter rapportmallens fotnot när mallen har en.",
    )
    rojande: Literal[ROJANDESLAG] | None = rojande_falt()  # type: ignore[valid-type]
    diagram: Literal["stapel"] | None = Field(
        None,
        title="Diagram",
        json_schema_extra={"etiketter": {"stapel": "Stapeldiagram under tabellen"}},
        description="'stapel' ger ett stapeldiagram av tabellen under den.",
    )
    id: Text | None = Field(
        None,
        title="Tabellen i rapportmallen",
        description="Id för tabellen i rapportmallens del (t.ex. 'kurser'): tabellen får då "
        "mallens rubrik, kolumner, måttenheter, fotnot och skala. Utelämnat: den första "
        "tabellen i delen är mallens första, och så vidare.",
    )

    @model_validator(mode="after")
    def _diagram_har_rubrik(self) -> Tabell:
        if self.diagram and not (self.rubrik or "").strip():
            raise egen_fel(
                "en tabell med 'diagram: stapel' behöver en 'rubrik' (den blir diagrammets titel)",
                "skriv 'rubrik: ...' i tabellen, eller ta bort 'diagram'",
            )
        return self


class Diagram(Bas):
    """A bar chart of its own data, with the same rows as a table; the values are told in its
    text alternative."""

    rubrik: IfylldText = Field(
        title="Rubrik", description="Diagrammets titel; blir också dess namn för skärmläsare."
    )
    typ: Literal["stapel"] = Field(
        "stapel",
        title="Typ av diagram",
        json_schema_extra={"etiketter": {"stapel": "Stapeldiagram"}},
        description="Diagrammets typ: 'stapel'.",
    )
    radrubrik: Text | None = Field(
        None, title="Vad raderna är", description="Vad raderna (staplarnas grupper) är."
    )
    kolumner: TextLista | None = Field(
        None,
        title="Serier",
        json_schema_extra={"postetikett": "serie"},
        description="Serierna när raderna har 'värden'; annars flickor/pojkar/totalt.",
    )
    matt: Literal[MATT] | None = Field(  # type: ignore[valid-type]
        None,
        alias="mått",
        title="Mått",
        description="Hur talen visas: procent, antal, skala eller text.",
    )
    rader: list[Rad] = Field(
        min_length=1,
        max_length=MAX_RADER,
        title="Rader",
        json_schema_extra={"postetikett": "rad"},
        description="Diagrammets rader, som i en tabell.",
    )
    kalla: Text | None = Field(
        None, alias="källa", title="Källa", description="Varifrån uppgifterna kommer."
    )
    rojande: Literal[ROJANDESLAG] | None = rojande_falt()  # type: ignore[valid-type]
