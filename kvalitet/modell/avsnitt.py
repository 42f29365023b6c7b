"""Sections and what they hold: text, tables, images, charts, conclusions, and the block form.

A section can be written in two forms. The fixed form (``text``, ``tabeller``, ``bilder``,
``avsnitt``, ``styrkor``, ``svagheter``, ``slutsatser``, ``till_analys``) is shown in that order.
The block form (``innehåll``) is a list of blocks shown in the author's order: text, a table, an
image, a chart, a Slutsats, strengths, weaknesses, "till analys", or a heading with its own
blocks (unnumbered unless it says ``numrerad: true``). Both may be used in one section: the
fixed form's text, tables and images come first, then the blocks, then the subsections and the
closing lists. Tables, charts and images themselves are in ``modell/tabell.py``."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag

from kvalitet.modell.falt import (
    TEXTLISTA_SCHEMA,
    Bas,
    IfylldText,
    Markdown,
    Text,
    TextLista,
    egen_fel,
)
from kvalitet.modell.tabell import Bild, Diagram, Tabell


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
