"""The model class and field behind a YAML path: walks pydantic's annotations (unions, lists,
dicts), for the error messages' "tillåtna fält" and field descriptions."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from kvalitet.kalla.las import Sokvag


def modell_vid(rot: type[BaseModel], sokvag: Sokvag) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``sokvag``."""
    typ: Any = rot
    for del_ in sokvag:
        modell = modellklass(typ)
        if isinstance(del_, int):
            typ = _elementtyp(typ)
            continue
        if modell is None:
            typ = _elementtyp(typ, dict_varde=True)
            continue
        # a union of models (a block of 'innehåll'): the one that has the key
        modell = next((m for m in _modeller(typ) if del_ in falt_per_alias(m)), modell)
        falt = falt_per_alias(modell).get(del_)
        if falt is None:
            return None
        typ = falt.annotation
    return modellklass(typ)


def falt_per_alias(modell: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or namn): f for namn, f in modell.model_fields.items()}


def _delar(typ: Any) -> tuple[Any, ...]:
    ursprung = typing.get_origin(typ)
    if ursprung is typing.Annotated:
        return _delar(typing.get_args(typ)[0])
    if ursprung in (typing.Union, types.UnionType):
        return tuple(d for a in typing.get_args(typ) for d in _delar(a))
    return (typ,)


def _modeller(typ: Any) -> list[type[BaseModel]]:
    return [d for d in _delar(typ) if isinstance(d, type) and issubclass(d, BaseModel)]


def modellklass(typ: Any) -> type[BaseModel] | None:
    modeller = _modeller(typ)
    return modeller[0] if modeller else None


def _elementtyp(typ: Any, *, dict_varde: bool = False) -> Any:
    for del_ in _delar(typ):
        args = typing.get_args(del_)
        if typing.get_origin(del_) is list and args:
            return args[0]
        if dict_varde and typing.get_origin(del_) is dict and len(args) == 2:
            return args[1]
    return None
