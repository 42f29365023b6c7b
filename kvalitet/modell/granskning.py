"""Typed model of a unit's review file, ``rapporter/<period>/granskning/<enhet>.yaml``: its
state (utkast, inlämnad, godkänd), the history of who moved it when and why, and the comments.

kvalitet writes the file; a person can read it (and ``kontrollera`` checks it). The unit file's
own ``status:`` key keeps working: it is the state as the unit file has always said it, with
``klar`` for ``inlämnad`` (see ``STATUS_I_ENHETSFILEN``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, ConfigDict, Field

from kvalitet.modell.falt import Bas, IfylldText, Text, _text

Lage = Literal["utkast", "inlämnad", "godkänd"]
LAGEN: tuple[str, ...] = get_args(Lage)
Handling = Literal["lämna in", "ta tillbaka", "skicka tillbaka", "godkänn", "öppna igen"]
HANDLINGAR: tuple[str, ...] = get_args(Handling)
STATUS_I_ENHETSFILEN: dict[str, str] = {
    "utkast": "utkast",
    "inlämnad": "klar",
    "godkänd": "godkänd",
}
"""The review's state → the unit file's ``status:`` (utkast, klar, godkänd, as ever)."""
LAGE_FRAN_STATUS: dict[str, str] = {v: k for k, v in STATUS_I_ENHETSFILEN.items()}
MAX_KOMMENTAR = 10_000
"""A comment or an answer is at most this many characters."""

Tid = Annotated[dt.datetime, BeforeValidator(_text)]
Del = str | int


class GBas(Bas):
    """As ``Bas``, and buildable from Python by field name (kvalitet writes these files)."""

    model_config = ConfigDict(extra="forbid", validate_by_name=True, validate_by_alias=True)


class Person(GBas):
    """Who did something, as the login said it."""

    namn: Text | None = Field(None, description="Personens namn.")
    epost: Text | None = Field(None, description="Personens e-postadress.")
    sub: Text | None = Field(None, description="Personens id hos inloggningen.")


class Handelse(GBas):
    """One move of the state: from, to, who, when, why."""

    tid: Tid = Field(description="När, t.ex. 2026-06-01T10:15:00+02:00.")
    handling: Handling = Field(description="lämna in, ta tillbaka, skicka tillbaka, godkänn …")
    fran: Lage = Field(alias="från", description="Läget före.")
    till: Lage = Field(description="Läget efter.")
    av: Person = Field(description="Vem.")
    varfor: Text | None = Field(None, alias="varför", description="Varför (krävs ibland).")


class Svar(GBas):
    text: IfylldText = Field(max_length=MAX_KOMMENTAR, description="Svaret.")
    av: Person = Field(description="Vem som svarade.")
    tid: Tid = Field(description="När.")


class Losning(GBas):
    av: Person = Field(description="Vem som markerade kommentaren som löst.")
    tid: Tid = Field(description="När.")


class Kommentar(GBas):
    """A comment anchored to a part of the unit file by its path (the editor's ``sokvag``)."""

    nummer: int = Field(ge=1, description="Kommentarens nummer i filen, 1, 2, 3 …")
    sokvag: list[Del] = Field(
        alias="sökväg",
        max_length=32,
        description="Delen av enhetsfilen, som editorns sökväg: t.ex. [resultat, styrkor, 0], "
        "[styrtal, '2.1.1'] eller [utvecklingsområden, 1]; [] är hela rapporten.",
    )
    text: IfylldText = Field(max_length=MAX_KOMMENTAR, description="Kommentaren.")
    av: Person = Field(description="Vem som skrev den.")
    tid: Tid = Field(description="När.")
    svar: list[Svar] = Field(default_factory=list, description="Svaren, äldst först.")
    lost: Losning | None = Field(None, alias="löst", description="Satt när kommentaren är löst.")

    @property
    def oppen(self) -> bool:
        return self.lost is None


class Granskning(GBas):
    """One unit's review for one period."""

    enhet: IfylldText = Field(description="Enhetens id (filnamnet utan .yaml).")
    lage: Lage = Field("utkast", alias="läge", description="utkast, inlämnad eller godkänd.")
    handelser: list[Handelse] = Field(
        default_factory=list, alias="händelser", description="Vem som flyttade läget, när, varför."
    )
    kommentarer: list[Kommentar] = Field(default_factory=list, description="Kommentarerna.")

    def senaste(self, handling: str) -> Handelse | None:
        """The latest event of ``handling`` (e.g. the last 'lämna in')."""
        return next((h for h in reversed(self.handelser) if h.handling == handling), None)

    @property
    def oppna_kommentarer(self) -> list[Kommentar]:
        return [k for k in self.kommentarer if k.oppen]

    def kommentar(self, nummer: int) -> Kommentar | None:
        return next((k for k in self.kommentarer if k.nummer == nummer), None)
