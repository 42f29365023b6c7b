"""Statistics saved as JSON: Skolverket's API (per school unit) and Kolada v3 (per municipality
or per organisational unit, with gender splits)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.importera.varde import tolka

SKOLVERKET_TYPER = {
    "EXISTS": None,
    "MISSING": ".",
    "OMITTED_DUE_TO_BASED_ON_FEW_PUPILS": "..",
    "ROUNDED_OFF_DUE_TO_FEW_PUPILS_NOT_ELIGIBLE": "~100",
}
KOLADA_KON = {"T": "utfall", "K": "flickor", "M": "pojkar"}


def las_json(fil: Path) -> Any:
    try:
        return json.loads(fil.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise KvalitetError(f"{visningsnamn(fil)}: filen kan inte läsas ({exc.strerror})") from None
    except ValueError as exc:
        raise KvalitetError(f"{visningsnamn(fil)}: filen kan inte läsas som JSON ({exc})") from None
    except RecursionError:
        raise KvalitetError(
            f"{visningsnamn(fil)}: filen är för djupt nästlad för att vara ett svar från "
            "Skolverket eller Kolada; spara svaret på nytt"
        ) from None


def skolverket_varde(post: dict[str, Any]) -> Any:
    """One ``{timePeriod, value, valueType}`` entry as a number or a symbol."""
    typ = str(post.get("valueType") or "EXISTS")
    if typ in SKOLVERKET_TYPER and SKOLVERKET_TYPER[typ] is not None:
        return SKOLVERKET_TYPER[typ]
    if typ not in SKOLVERKET_TYPER:
        return "."
    return tolka(post.get("value"))


def skolverket_enheter(data: Any) -> list[dict[str, Any]]:
    """The school units in a saved API answer: one object, a list, or wrapped in 'body'."""
    if isinstance(data, dict) and "body" in data:
        data = data["body"]
    if isinstance(data, dict):
        return [data]
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def kolada_rader(data: Any) -> list[dict[str, Any]]:
    """The rows of a saved Kolada v3 answer (``values`` list, or the list itself)."""
    if isinstance(data, dict):
        data = data.get("values", [])
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def kolada_varde(post: dict[str, Any]) -> Any:
    """One Kolada value: a status other than empty means the value is missing ('.')."""
    if post.get("value") is None:
        return "."
    return tolka(post.get("value"))
