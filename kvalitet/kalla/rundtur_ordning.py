"""The key order of a JSON Schema (plain data, e.g. ``kvalitet.modell.schema.schema()``): where a
new key goes in a mapping. Read here as data, so the source layer needs no import of the models."""

from __future__ import annotations

from typing import Any

Sokvag = tuple[str | int, ...]


class Nyckelordning:
    """``nycklar(sokvag, finns)``: the schema's property order of the mapping at ``sokvag``
    (None when the schema does not say); ``finns`` (the keys the mapping has) picks among
    alternatives (a block list whose items are one of several kinds)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.definitioner: dict[str, Any] = schema.get("$defs") or schema.get("definitions") or {}

    def _los(self, nod: Any) -> Any:
        for _ in range(50):
            if not isinstance(nod, dict) or "$ref" not in nod:
                return nod
            namn = str(nod["$ref"]).rsplit("/", 1)[-1]
            nod = self.definitioner.get(namn)
        return None

    def _alternativ(self, nod: Any) -> list[dict[str, Any]]:
        nod = self._los(nod)
        if not isinstance(nod, dict):
            return []
        ut: list[dict[str, Any]] = []
        for nyckel in ("anyOf", "oneOf", "allOf"):
            for alt in nod.get(nyckel) or []:
                ut.extend(self._alternativ(alt))
        return ut or [nod]

    def _steg(self, noder: list[dict[str, Any]], steg: str | int) -> list[dict[str, Any]]:
        ut: list[dict[str, Any]] = []
        for nod in noder:
            if isinstance(steg, int):
                if isinstance(nod.get("items"), dict):
                    ut.extend(self._alternativ(nod["items"]))
            elif steg in (nod.get("properties") or {}):
                ut.extend(self._alternativ(nod["properties"][steg]))
            elif isinstance(nod.get("additionalProperties"), dict):
                ut.extend(self._alternativ(nod["additionalProperties"]))
        return ut

    def nycklar(self, sokvag: Sokvag, finns: list[str]) -> list[str] | None:
        noder = self._alternativ(self.schema)
        for steg in sokvag:
            noder = self._steg(noder, steg)
            if not noder:
                return None
        basta: list[str] | None = None
        traffar = -1
        for nod in noder:
            egenskaper = list(nod.get("properties") or {})
            if not egenskaper:
                continue
            antal = len(set(egenskaper) & set(finns))
            if antal > traffar:
                basta, traffar = egenskaper, antal
        return basta
