"""The tables a rapportmall's part expects, and the assessment scales (bedömningsskalor)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kvalitet.modell.falt import Bas, IfylldText, Markdown, Text

KOLUMNSORTER = ("text", "tal", "procent", "antal", "år")
"""What a column holds: prose (``text``, wraps), a number with the column's unit of measure
(``tal``), a percentage, a count, or a year."""


class Steg(Bas):
    """One step of a scale: its value as the unit writes it, its words and its colour."""

    varde: IfylldText = Field(
        alias="värde",
        title="Värde",
        description="Det enheten skriver i cellen, t.ex. 'grön'.",
    )
    ord: IfylldText = Field(
        title="Ord",
        description="Vad steget betyder i ord, t.ex. 'Vi når målen'; skrivs alltid ut (aldrig "
        "bara en färg).",
    )
    farg: Text | None = Field(
        None,
        alias="färg",
        title="Färg",
        description="Stegets färg, t.ex. '#2e7d32' eller 'green'; visas bredvid orden.",
    )


class Skala(Bas):
    """An assessment scale, e.g. grön/gul/röd, with words for every step."""

    rubrik: IfylldText = Field(title="Rubrik", description="Skalans namn, t.ex. 'Självvärdering'.")
    beskrivning: Markdown | None = Field(
        None, title="Beskrivning", description="Hur skalan ska användas (visas som förklaring)."
    )
    steg: list[Steg] = Field(
        min_length=2,
        max_length=10,
        title="Steg",
        json_schema_extra={"postetikett": "steg"},
        description="Skalans steg i ordning, det bästa först; minst två.",
    )


class Kolumnmall(Bas):
    """One column of an expected table."""

    rubrik: IfylldText = Field(title="Rubrik", description="Kolumnens rubrik.")
    sort: Literal[KOLUMNSORTER] = Field(  # type: ignore[valid-type]
        "text",
        title="Sort",
        description="Vad kolumnen rymmer: " + ", ".join(KOLUMNSORTER) + " (standard 'text').",
    )
    matt: Text | None = Field(
        None,
        alias="måttenhet",
        title="Måttenhet",
        description="Måttenheten efter talen i kolumnen, t.ex. '%' eller 'st'; utelämnad "
        "skrivs talen utan enhet.",
    )


class Tabellmall(Bas):
    """A table a part expects: its columns, fixed rows, footnote, or rows on a scale."""

    id: IfylldText = Field(title="Id", description="Tabellens id, unikt inom delen.")
    rubrik: Text | None = Field(None, title="Rubrik", description="Tabellens rubrik.")
    sort: Literal["tabell", "bedömningsskala"] = Field(
        "tabell",
        title="Sort",
        description="'tabell' (standard) eller 'bedömningsskala': raderna bedöms på en av mallens "
        "skalor.",
    )
    radrubrik: Text | None = Field(
        None, title="Radrubrik", description="Rubriken över radernas namn, t.ex. 'Kurs'."
    )
    rader: list[IfylldText] = Field(
        default_factory=list,
        title="Fasta rader",
        json_schema_extra={"postetikett": "rad"},
        description="Raderna som mallen bestämmer, i ordning; utelämnade skriver enheten egna.",
    )
    kolumner: list[Kolumnmall] = Field(
        default_factory=list,
        title="Kolumner",
        json_schema_extra={"postetikett": "kolumn"},
        description="Kolumnerna i ordning, med sort och måttenhet.",
    )
    skala: Text | None = Field(
        None,
        title="Skala",
        description="För 'bedömningsskala': id för en skala under mallens 'skalor'.",
    )
    fotnot: Markdown | None = Field(
        None, title="Fotnot", description="En fotnot under tabellen, t.ex. om flickor och pojkar."
    )
    kravs: bool = Field(
        False, alias="krävs", title="Krävs", description="true: enheten måste fylla i tabellen."
    )
