"""A styrtal: its definition (the huvudman's, or a unit's own) and a unit's result for it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kvalitet.modell.falt import (
    MATT,
    SKOLFORMER,
    STYRTALSSTATUS,
    Bas,
    Cell,
    IfylldText,
    Markdown,
    Period,
    Text,
)
from kvalitet.modell.tabell import ROJANDESLAG, AntalPerGrupp, rojande_falt


class Styrtalsresultat(Bas):
    """A unit's result for one of the huvudman's styrtal (by id)."""

    utfall: Cell | None = Field(None, title="Utfall", description="Resultatet för perioden.")
    flickor: Cell | None = Field(None, title="Flickor", description="Resultatet för flickor.")
    pojkar: Cell | None = Field(None, title="Pojkar", description="Resultatet för pojkar.")
    status: Literal[STYRTALSSTATUS] | None = Field(  # type: ignore[valid-type]
        None,
        title="Status",
        description="uppnått, delvis uppnått eller ej uppnått, när målvärdet är en text och "
        "statusen inte kan räknas fram.",
    )
    ej_aktuellt: Text | None = Field(
        None,
        title="Inte aktuellt, för att",
        description="Skälet till att styrtalet inte är aktuellt för enheten.",
    )
    kommentar: Markdown | None = Field(
        None, title="Kommentar", description="Kommentar och analys av resultatet."
    )
    historik: dict[Period, Cell] = Field(
        default_factory=dict,
        title="Tidigare utfall",
        json_schema_extra={
            "postetikett": "tidigare utfall",
            "nyckeletikett": "Period, t.ex. 2023/24",
        },
        description="Utfall från tidigare perioder, t.ex. '2023/24: 84', när de inte finns i "
        "tidigare periodfiler.",
    )
    antal: AntalPerGrupp | None = Field(
        None,
        title="Antal elever som utfallet bygger på",
        description="Hur många elever utfallet bygger på, per grupp. Visas aldrig; används för "
        "röjandekontrollen.",
    )
    diagram: bool = Field(
        True, title="Visa diagram", description="'false' stänger av styrtalets diagram."
    )
    kalla: Text | None = Field(
        None,
        alias="källa",
        title="Källa",
        description="Varifrån värdena kommer (fil, rad, datum); skrivs av 'kvalitet importera' "
        "och visas som källnot under styrtalstabellen.",
    )
    jamforelser: dict[Text, Cell] = Field(
        default_factory=dict,
        alias="jämförelser",
        title="Jämförelser",
        json_schema_extra={
            "postetikett": "jämförelse",
            "nyckeletikett": "Jämförelsens namn, t.ex. Riket",
        },
        description="Jämförelsevärden för perioden, t.ex. 'riket: 85,1' och 'kommunen: 83,0'; "
        "visas bredvid enhetens värde.",
    )


class StyrtalsDefinition(Bas):
    """What a styrtal measures; defined once by the huvudman (or by a unit for its own)."""

    id: IfylldText = Field(
        title="Styrtalets nummer",
        description="Styrtalets nummer i verksamhetsplanen, t.ex. '1.1.2'.",
    )
    text: IfylldText = Field(title="Vad styrtalet mäter", description="Vad styrtalet mäter.")
    matt: Literal[MATT] = Field(  # type: ignore[valid-type]
        "procent", alias="mått", title="Mått", description="procent, antal, skala eller text."
    )
    riktning: Literal["högre", "lägre"] = Field(
        "högre",
        title="Riktning",
        json_schema_extra={"etiketter": {"högre": "Högre är bättre", "lägre": "Lägre är bättre"}},
        description="'högre' om högre är bättre, 'lägre' om lägre är bättre (frånvaro).",
    )
    malvarde: Cell | None = Field(
        None,
        alias="målvärde",
        title="Målvärde",
        description="Målvärdet för perioden: ett tal, eller en text som '6 på en 10-gradig skala'.",
    )
    rojande: Literal[ROJANDESLAG] | None = rojande_falt()  # type: ignore[valid-type]


class HuvudmansStyrtal(StyrtalsDefinition):
    malvarden: dict[Period, Cell] = Field(
        default_factory=dict,
        alias="målvärden",
        title="Målvärden",
        json_schema_extra={"postetikett": "målvärde", "nyckeletikett": "Period, t.ex. 2026/27"},
        description="Målvärden för flera perioder i en flerårig plan, t.ex. '2024/25: 85'; "
        "visas sida vid sida i huvudmannens uppföljning. Periodens eget målvärde står i "
        "'målvärde'.",
    )
    skolformer: list[Literal[SKOLFORMER]] = Field(  # type: ignore[valid-type]
        default_factory=list,
        title="Skolformer",
        json_schema_extra={"postetikett": "skolform"},
        description="Skolformer som styrtalet gäller; tom lista eller utelämnat betyder alla.",
    )


class EgetStyrtal(StyrtalsDefinition, Styrtalsresultat):
    """A styrtal the unit adds on its own, with its definition and result."""
