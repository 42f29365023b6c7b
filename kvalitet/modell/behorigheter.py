"""Typed model of ``rapporter/behörigheter.yaml``: people and the IdP's groups mapped to roles."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, WithJsonSchema

from kvalitet.modell.falt import Bas, IfylldText, Text, TextLista

Roll = Literal["rektor", "granskare", "huvudmannens redaktör", "läsare", "administratör"]
ROLLER: tuple[str, ...] = get_args(Roll)
"""The five roles, as they are written in the file."""
ROLLBESKRIVNING = {
    "rektor": "skriver i sina enheter (enheter:) och läser dem",
    "granskare": "läser alla enheter, kommenterar och godkänner (aldrig sin egen rapport)",
    "huvudmannens redaktör": "skriver huvudman.yaml, huvudmannens-rapport.yaml och mallarna",
    "läsare": "läser sina enheter (enheter:), eller alla när enheter: saknas",
    "administratör": "allt ovan, och ändrar behörigheterna",
}
KRAVER_ENHETER = ("rektor",)
"""Roles that mean nothing without the units they apply to."""


def _rollista(varde: Any) -> Any:
    """One role may be written without a list: ``roller: granskare``."""
    if isinstance(varde, str):
        return [varde]
    return varde


_ROLL_SCHEMA = {"type": "string", "enum": list(ROLLER)}
Rollista = Annotated[
    list[Roll],
    BeforeValidator(_rollista),
    WithJsonSchema(
        {"anyOf": [_ROLL_SCHEMA, {"type": "array", "items": _ROLL_SCHEMA, "minItems": 1}]}
    ),
]


class Person(Bas):
    """One person, found by the IdP's ``sub`` or by the e-mail address it vouches for."""

    namn: Text | None = Field(None, title="Namn", description="Personens namn, t.ex. 'Eva Lind'.")
    epost: Text | None = Field(
        None,
        title="E-post",
        description="E-postadressen som inloggningen ger (claim 'email'), t.ex. "
        "'eva.lind@alvmora.se'; stora och små bokstäver räknas lika.",
    )
    sub: Text | None = Field(
        None,
        title="Inloggningens id",
        description="Personens fasta id hos inloggningen (claim 'sub', i Entra ID 'oid'); går "
        "före e-posten när båda står.",
    )
    roller: Rollista = Field(
        min_length=1,
        title="Roller",
        description="En eller flera av: rektor, granskare, huvudmannens redaktör, läsare, "
        "administratör.",
    )
    enheter: TextLista = Field(
        default_factory=list,
        title="Enheter",
        description="Enheternas id (filnamnet utan .yaml) som rollen rektor eller läsare gäller.",
    )


class Grupp(Bas):
    """A group the IdP puts in the ``groups`` claim: everyone in it gets its roles."""

    grupp: IfylldText = Field(
        title="Grupp",
        description="Gruppens värde i claim 'groups' (i Entra ID gruppens objekt-id), t.ex. "
        "'kvalitet-granskare'.",
    )
    namn: Text | None = Field(None, title="Namn", description="Vad gruppen är, för läsaren.")
    roller: Rollista = Field(min_length=1, title="Roller", description="Gruppens roller.")
    enheter: TextLista = Field(
        default_factory=list, title="Enheter", description="Enheterna som rollerna gäller."
    )


class Behorighetsfil(Bas):
    """Who may do what in the project: read, write, comment, approve, edit the huvudman's files."""

    kontakt: IfylldText = Field(
        title="Kontakt",
        description="Vem en person utan roll ska fråga, t.ex. 'Anna Berg, kvalitetsstrateg, "
        "anna.berg@alvmora.se'.",
    )
    personer: list[Person] = Field(
        default_factory=list, title="Personer", description="Personerna och deras roller."
    )
    grupper: list[Grupp] = Field(
        default_factory=list,
        title="Grupper",
        description="Inloggningens grupper och deras roller.",
    )
