"""Value types of the models: Swedish numbers, texts, periods and cells as written in YAML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from kvalitet.grund.ordforrad import SKOLFORMER as SKOLFORMER
from kvalitet.kalla.las import YamlDate, YamlFloat, YamlInt

STATUSAR = ("utkast", "klar", "godkänd")
MATT = ("procent", "antal", "skala", "text")
PLATSHALLARE = ("Namn Efternamn",)
"""Texts ``kvalitet ny enhet`` writes where only the author knows the answer; ``kvalitet
kontrollera`` warns while one is left (an error with --strikt)."""
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
    """A decimal number that remembers how many decimals it was written with (``83,0``), and
    whether it was written with a percent sign (``96,4 %``)."""

    decimaler: int | None = None
    procenttecken: bool = False


class Heltal(int):
    """A whole number written with a percent sign (``80 %``), which it keeps when shown."""

    decimaler: int | None = None
    procenttecken: bool = True


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
    """Read ``96,4``, ``1 266`` and ``96,4 %`` as numbers; other text is kept as written. A number
    written with ``%`` remembers it, so that ``80 %`` is shown as ``80 %`` whatever the measure."""
    ren = text.strip()
    if not _SVENSKT_TAL.match(ren):
        return text
    procent = ren.endswith("%")
    ren = ren.rstrip("%").strip().replace(" ", "").replace("\u00a0", "").replace("−", "-")
    if "," in ren:
        tal = _tal_med_decimaler(float(ren.replace(",", ".")), ren)
        tal.procenttecken = procent
        return tal
    return Heltal(ren) if procent else int(ren)


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
TEXTLISTA_SCHEMA = {
    "anyOf": [{"type": ["string", "number"]}, {"type": "array", "items": _TEXT_SCHEMA}]
}
"""A list of texts, or one text (a list of one), as the editor's schema says it."""
_TEXTLISTA_ELLER_TOM = {"anyOf": [*TEXTLISTA_SCHEMA["anyOf"], {"type": "null"}]}
TextLista = Annotated[list[Text], BeforeValidator(_textlista), WithJsonSchema(_TEXTLISTA_ELLER_TOM)]
"""A list of texts; one text is a list of one, and an empty value an empty list."""
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


class MarkdownText(str):
    """A text that is Markdown where it is shown (a block's point), unlike the fixed form's
    lists, which have always been shown as written."""


class Bas(BaseModel):
    """Common settings: unknown keys are errors; keys are the Swedish aliases. A field's
    ``title=`` is its Swedish label, in the JSON Schema and in the editor's form."""

    model_config = ConfigDict(extra="forbid", validate_by_name=False, validate_by_alias=True)
