"""Sections and what they hold: text, tables, images, charts, conclusions, and the block form.

A section can be written in two forms. The fixed form (``text``, ``tabeller``, ``bilder``,
``avsnitt``, ``styrkor``, ``svagheter``, ``slutsatser``, ``till_analys``) is shown in that order.
The block form (``innehåll``) is a list of blocks shown in the author's order: text, a table, an
image, a chart, a Slutsats, strengths, weaknesses, "till analys", or a heading with its own
blocks (unnumbered unless it says ``numrerad: true``). Both may be used in one section: the
fixed form's text, tables and images come first, then the blocks, then the subsections and the
closing lists."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from kvalitet.modell.falt import (
    MATT,
    TEXTLISTA_SCHEMA,
    Bas,
    Cell,
    IfylldText,
    Markdown,
    Text,
    TextLista,
    egen_fel,
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
    diagram: Literal["stapel"] | None = Field(
        None,
        title="Diagram",
        json_schema_extra={"etiketter": {"stapel": "Stapeldiagram under tabellen"}},
        description="'stapel' ger ett stapeldiagram av tabellen under den.",
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


def _som_slutsats(varde: Any) -> Any:
    """``slutsats: En punkt`` and ``slutsats: [...]`` are a Slutsats with only items."""
    if isinstance(varde, str | list | int | float) and not isinstance(varde, bool):
        return {"punkter": varde}
    return varde


class _EllerLista:
    """JSON Schema: the mapping, or (as written in short) a list or a single text."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [handler(core_schema), TEXTLISTA_SCHEMA]}


class Slutsats(Bas):
    rubrik: Text | None = Field(
        None,
        title="Rubrik",
        description="Rutans rubrik, t.ex. 'Sammanfattande slutsats' (standard 'Slutsats').",
    )
    inledning: Markdown | None = Field(
        None,
        title="Inledning",
        description="En inledande rad före punkterna, t.ex. 'Kvalitetsarbetet behöver:'.",
    )
    punkter: TextLista = Field(
        min_length=1,
        title="Punkter",
        json_schema_extra={"postetikett": "punkt"},
        description="Slutsatsens punkter; Markdown (**fetstil**, länkar) går bra.",
    )


class Textblock(Bas):
    text: Markdown = Field(
        title="Text", description="Brödtext i Markdown: stycken, listor, **fetstil**, länkar."
    )


class Tabellblock(Bas):
    tabell: Tabell = Field(title="Tabell", description="En tabell, där den står i texten.")


class Bildblock(Bas):
    bild: Bild = Field(
        title="Bild", description="En bild med alternativtext, där den står i texten."
    )


class Diagramblock(Bas):
    diagram: Diagram = Field(
        title="Diagram", description="Ett stapeldiagram med egna data, där det står i texten."
    )


class Slutsatsblock(Bas):
    slutsats: Annotated[Slutsats, BeforeValidator(_som_slutsats), _EllerLista()] = Field(
        title="Slutsats",
        description="En Slutsats-ruta: en lista med punkter, eller 'rubrik', 'inledning' och "
        "'punkter'.",
    )


class Styrkeblock(Bas):
    styrkor: TextLista = Field(
        title="Styrkor",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka styrkor finns? Punkter i Markdown.",
    )


class Svaghetsblock(Bas):
    svagheter: TextLista = Field(
        title="Svagheter",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka svagheter finns? Punkter i Markdown.",
    )


class TillAnalysblock(Bas):
    till_analys: Markdown | list[Text] = Field(
        title="Till analys",
        description="Vad från avsnittet tar ni med er till avslutande analys? En text i "
        "Markdown (stycken) eller en lista med punkter.",
    )


BLOCKSORTER: dict[str, str] = {
    "rubrik": "Rubrikblock",
    "text": "Textblock",
    "tabell": "Tabellblock",
    "bild": "Bildblock",
    "diagram": "Diagramblock",
    "slutsats": "Slutsatsblock",
    "styrkor": "Styrkeblock",
    "svagheter": "Svaghetsblock",
    "till_analys": "TillAnalysblock",
}
"""The key that tells a block's kind → the union tag (never a YAML key, so it cannot be mistaken
for one when an error is located)."""


def _blocksort(varde: Any) -> str | None:
    if isinstance(varde, dict):
        return next((tagg for nyckel, tagg in BLOCKSORTER.items() if nyckel in varde), None)
    return _TAGG_FOR_KLASS.get(type(varde).__name__)


def _kontrollera_block(varde: Any) -> Any:
    """Say in Swedish what is wrong with a block before the union tries to read it."""
    sorter = ", ".join(f"'{s}'" for s in BLOCKSORTER)
    if not isinstance(varde, dict):
        if isinstance(varde, Bas):
            return varde
        raise egen_fel(
            "ett block i 'innehåll' börjar med vad det är, t.ex. '- text: ...' eller '- tabell:'",
            f"skriv blockets sort och ett kolon först; sorter: {sorter}",
        )
    if "rubrik" in varde:
        return varde
    finns = [nyckel for nyckel in varde if nyckel in BLOCKSORTER]
    if not finns:
        from difflib import get_close_matches

        nycklar = ", ".join(f"'{n}'" for n in varde) or "inget"
        forslag = [
            f"'{m[0]}'"
            for n in varde
            if isinstance(n, str) and (m := get_close_matches(n, list(BLOCKSORTER), 1, 0.6))
        ]
        vad = f"okänd sorts block ({nycklar})"
        if forslag:
            vad += f" – menade du {forslag[0]}?"
        raise egen_fel(vad, f"sorter: {sorter}")
    if len(varde) > 1:
        ovriga = ", ".join(f"'{n}'" for n in varde if n != finns[0])
        raise egen_fel(
            f"blocket '{finns[0]}' har också {ovriga}",
            "ett block har en sort: skriv varje sort som ett eget block på en rad som börjar "
            "med '- ', och ge en rubrik med egna block som '- rubrik: ...' med 'innehåll:'",
        )
    return varde


class Avsnitt(Bas):
    rubrik: IfylldText = Field(
        title="Rubrik", description="Avsnittets rubrik; numret sätts automatiskt."
    )
    numrerad: bool | None = Field(
        None,
        title="Numrerad rubrik",
        description="false: rubriken får inget nummer och ingen rad i innehållsförteckningen. "
        "Standard: numrerad under 'avsnitt', onumrerad i 'innehåll'.",
    )
    text: Markdown | None = Field(None, title="Text", description="Brödtext i Markdown.")
    tabeller: list[Tabell] = Field(
        default_factory=list,
        title="Tabeller",
        json_schema_extra={"postetikett": "tabell"},
        description="Tabeller efter texten.",
    )
    bilder: list[Bild] = Field(
        default_factory=list,
        title="Bilder",
        json_schema_extra={"postetikett": "bild"},
        description="Bilder efter tabellerna.",
    )
    innehall: list[Block] = Field(
        default_factory=list,
        alias="innehåll",
        title="Innehåll i egen ordning",
        json_schema_extra={"postetikett": "block"},
        description="Innehållet som block i din ordning: text, tabell, bild, diagram, slutsats, "
        "styrkor, svagheter, till_analys och rubriker med egna block.",
    )
    avsnitt: list[Avsnitt] = Field(
        default_factory=list,
        title="Underavsnitt",
        json_schema_extra={"postetikett": "underavsnitt"},
        description="Underavsnitt.",
    )
    styrkor: TextLista = Field(
        default_factory=list,
        title="Styrkor",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka styrkor finns?",
    )
    svagheter: TextLista = Field(
        default_factory=list,
        title="Svagheter",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka svagheter finns?",
    )
    slutsatser: TextLista = Field(
        default_factory=list,
        title="Slutsatser",
        json_schema_extra={"postetikett": "punkt"},
        description="Punkter under 'Slutsats'.",
    )
    till_analys: TextLista = Field(
        default_factory=list,
        title="Till analys",
        json_schema_extra={"postetikett": "punkt"},
        description="Vad från avsnittet tar ni med er till avslutande analys?",
    )


class Huvudavsnitt(Bas):
    """A numbered top-level section: text, blocks, subsections and the closing lists."""

    text: Markdown | None = Field(None, title="Text", description="Inledande text i Markdown.")
    tabeller: list[Tabell] = Field(
        default_factory=list,
        title="Tabeller",
        json_schema_extra={"postetikett": "tabell"},
        description="Tabeller efter texten.",
    )
    bilder: list[Bild] = Field(
        default_factory=list,
        title="Bilder",
        json_schema_extra={"postetikett": "bild"},
        description="Bilder efter tabellerna.",
    )
    innehall: list[Block] = Field(
        default_factory=list,
        alias="innehåll",
        title="Innehåll i egen ordning",
        json_schema_extra={"postetikett": "block"},
        description="Innehållet som block i din ordning: text, tabell, bild, diagram, slutsats, "
        "styrkor, svagheter, till_analys och rubriker med egna block.",
    )
    avsnitt: list[Avsnitt] = Field(
        default_factory=list,
        title="Underavsnitt",
        json_schema_extra={"postetikett": "underavsnitt"},
        description="Underavsnitt.",
    )
    styrkor: TextLista = Field(
        default_factory=list,
        title="Styrkor",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka styrkor finns?",
    )
    svagheter: TextLista = Field(
        default_factory=list,
        title="Svagheter",
        json_schema_extra={"postetikett": "punkt"},
        description="Vilka svagheter finns?",
    )
    slutsatser: TextLista = Field(
        default_factory=list,
        title="Slutsatser",
        json_schema_extra={"postetikett": "punkt"},
        description="Punkter under 'Slutsats'.",
    )
    till_analys: TextLista = Field(
        default_factory=list,
        title="Till analys",
        json_schema_extra={"postetikett": "punkt"},
        description="Vad från avsnittet tar ni med er till avslutande analys?",
    )


class Resultat(Bas):
    text: Markdown | None = Field(
        None, title="Inledning", description="Inledning till resultatavsnittet."
    )
    innehall: list[Block] = Field(
        default_factory=list,
        alias="innehåll",
        title="Innehåll i egen ordning",
        json_schema_extra={"postetikett": "block"},
        description="Inledningen som block, före 2.1: text, tabell, bild, diagram, slutsats.",
    )
    objektiva: Huvudavsnitt | None = Field(
        None, title="Objektiva resultat", description="2.1 Objektiva resultat."
    )
    subjektiva: Huvudavsnitt | None = Field(
        None, title="Subjektiva resultat", description="2.2 Subjektiva resultat."
    )
    observerade: Huvudavsnitt | None = Field(
        None, title="Observerade resultat", description="2.3 Observerade resultat."
    )


Block = Annotated[
    Annotated[Avsnitt, Tag("Rubrikblock")]
    | Annotated[Textblock, Tag("Textblock")]
    | Annotated[Tabellblock, Tag("Tabellblock")]
    | Annotated[Bildblock, Tag("Bildblock")]
    | Annotated[Diagramblock, Tag("Diagramblock")]
    | Annotated[Slutsatsblock, Tag("Slutsatsblock")]
    | Annotated[Styrkeblock, Tag("Styrkeblock")]
    | Annotated[Svaghetsblock, Tag("Svaghetsblock")]
    | Annotated[TillAnalysblock, Tag("TillAnalysblock")],
    Discriminator(_blocksort),
    BeforeValidator(_kontrollera_block),
]
"""One block of a section's ``innehåll``; its kind is the key it starts with."""

_TAGG_FOR_KLASS = {
    "Avsnitt": "Rubrikblock",
    **{tagg: tagg for tagg in BLOCKSORTER.values() if tagg != "Rubrikblock"},
}

Avsnitt.model_rebuild()
Huvudavsnitt.model_rebuild()
Resultat.model_rebuild()
