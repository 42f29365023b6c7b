"""What a template gets: the report as plain data, never the objects behind it.

The pydantic models and the view's dataclasses carry methods (``parse_raw``, ``parse_file``,
``model_validate_json`` …) that read files or unpickle code; a template must not reach them.
``som_malldata`` turns a value into mappings (``Malldata``), lists, tuples, strings, numbers and
dates, once, at the boundary between the view and the template."""

from __future__ import annotations

import dataclasses
import enum
from collections import Counter
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel

ENKLA = (str, int, float, bool, type(None), date, Decimal)
"""Values handed over as they are (``Markup`` and ``MarkdownText`` are ``str`` and stay so)."""


class Malldata(dict[str, Any]):
    """A model, dataclass or mapping as data: ``enhet.namn`` and ``enhet["namn"]`` both read the
    key (``Sandlada.getattr``); ``klass`` names the class it came from, for error messages."""

    __slots__ = ("klass",)

    def __init__(self, klass: str) -> None:
        super().__init__()
        self.klass = klass


class Raknare(Malldata):
    """A ``Counter`` as data: a key not counted is 0, as in the ``Counter``."""

    __slots__ = ()

    def __missing__(self, nyckel: object) -> int:
        return 0


def som_malldata(varde: Any) -> Any:
    """``varde`` as plain data for a template (see the module's description).

    A model's or dataclass's fields and properties become keys; a value of another kind (a
    function, a class, an open file) is refused with a ``TypeError``, so a new kind of object in
    the view cannot slip through unconverted."""
    return _Omvandling().varde(varde)


class _Omvandling:
    def __init__(self) -> None:
        self.klara: dict[int, Any] = {}
        self.behall: list[Any] = []  # keeps every converted object alive: ids stay unique

    def varde(self, x: Any) -> Any:
        if isinstance(x, enum.Enum):
            return self.varde(x.value)
        if isinstance(x, ENKLA):
            return x
        if isinstance(x, PurePath):
            return str(x)
        if id(x) in self.klara:
            return self.klara[id(x)]
        if isinstance(x, (list, tuple, set, frozenset)):
            delar = [
                self.varde(d)
                for d in (sorted(x, key=str) if isinstance(x, (set, frozenset)) else x)
            ]
            return tuple(delar) if isinstance(x, tuple) else delar
        if isinstance(x, Counter):
            return self._fyll(x, "Counter", list(x.items()), Raknare)
        if isinstance(x, Mapping):
            return self._fyll(x, type(x).__name__, list(x.items()))
        if isinstance(x, BaseModel):
            falt = [(n, getattr(x, n)) for n in type(x).model_fields]
            return self._fyll(x, type(x).__name__, falt + _egenskaper(x))
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            falt = [(f.name, getattr(x, f.name)) for f in dataclasses.fields(x)]
            return self._fyll(x, type(x).__name__, falt + _egenskaper(x))
        if isinstance(x, SimpleNamespace):
            return self._fyll(x, "SimpleNamespace", list(vars(x).items()))
        raise TypeError(f"{type(x).__name__} kan inte lämnas till en mall som data")

    def _fyll(
        self, x: Any, klass: str, par: list[tuple[Any, Any]], typ: type[Malldata] = Malldata
    ) -> Malldata:
        ut = typ(klass)
        self.klara[id(x)] = ut
        self.behall.append(x)
        for nyckel, varde in par:
            ut[nyckel if isinstance(nyckel, (str, int)) else str(nyckel)] = self.varde(varde)  # type: ignore[index]
        return ut


def _egenskaper(x: object) -> list[tuple[str, Any]]:
    """The object's properties (``@property``, ``cached_property``), computed now."""
    ut: list[tuple[str, Any]] = []
    sedda: set[str] = set()
    for klass in type(x).__mro__:
        if klass is object or klass.__module__.startswith("pydantic"):
            continue
        for namn, attribut in vars(klass).items():
            if namn in sedda or namn.startswith("_"):
                continue
            sedda.add(namn)
            if isinstance(attribut, (property, cached_property)):
                ut.append((namn, getattr(x, namn)))
    return ut
