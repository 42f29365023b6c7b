"""The editor's form, made from the model: the JSON Schema of a unit file (``modell/schema.py``)
turned into a small tree of widgets that ``statiskt/redigera.js`` draws.

Nothing here names a field of the report: labels come from the YAML keys, help texts from the
Swedish descriptions, choices from the enums, and the kind of widget from the field's type. A
new field in the model is in the form the next time the editor starts. The few widgets that are
better than a generic one are chosen by *type*, not by field: Markdown text (known from the
model's ``Markdown`` annotation), a table's rows and columns (``Tabell``, ``Diagram``), an
image (``Bild``), the huvudman's styrtal (the report's mapping of ``Styrtalsresultat``), and the
block list of a section (a list whose items are one of several blocks)."""

from __future__ import annotations

import functools
from typing import Any

from kvalitet.modell import avsnitt as avsnittsmodell
from kvalitet.modell.schema import schema

Nod = dict[str, Any]

RUTNAT = {"Tabell", "Diagram"}
"""Types drawn as a grid of rows and columns (their ``rader`` and ``kolumner``)."""
BILD = "Bild"
STYRTAL = "Styrtalsresultat"
BLOCKETIKETT = {
    "rubrik": "Rubrik med egna block",
    "text": "Text",
    "tabell": "Tabell",
    "bild": "Bild",
    "diagram": "Diagram",
    "slutsats": "Slutsats",
    "styrkor": "Styrkor",
    "svagheter": "Svagheter",
    "till_analys": "Till analys",
}


def etikett(nyckel: str) -> str:
    """``tidigare_utvecklingsområden`` → ``Tidigare utvecklingsområden``."""
    text = nyckel.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _modellklass(namn: str) -> type | None:
    import kvalitet.modell as modell

    return getattr(modell, namn, None) or getattr(avsnittsmodell, namn, None)


def _markdownfalt(defnamn: str) -> set[str]:
    """The YAML keys of a model whose type is ``Markdown`` (the annotations are kept as text)."""
    klass = _modellklass(defnamn)
    if klass is None:
        return set()
    annoteringar: dict[str, Any] = {}
    for bas in reversed(klass.__mro__):
        annoteringar.update(getattr(bas, "__annotations__", {}))
    falt = getattr(klass, "model_fields", {})
    return {
        (info.alias or namn)
        for namn, info in falt.items()
        if "Markdown" in str(annoteringar.get(namn, ""))
    }


def _ar_text(s: Nod) -> bool:
    typ = s.get("type")
    typer = set(typ) if isinstance(typ, list) else {typ}
    return "string" in typer and "enum" not in s and s.get("format") != "date"


def _alternativ(s: Nod) -> list[Nod]:
    """The non-null alternatives of an ``anyOf``."""
    return [a for a in s.get("anyOf", []) if a.get("type") != "null"]


ALTNAMN = {
    "Sikt": "På kort och lång sikt",
    "AntalPerGrupp": "Flickor, pojkar och totalt",
    "Slutsats": "Rubrik, inledning och punkter",
    "lista": "Punkter",
    "text": "En text",
}


def _altnamn(a: Nod) -> str:
    if "$ref" in a:
        namn = a["$ref"].rsplit("/", 1)[1]
    elif a.get("type") == "array" or "anyOf" in a:
        namn = "lista"
    else:
        namn = "text"
    return ALTNAMN.get(namn, namn)


def _nod(s: Nod, markdown: bool = False) -> Nod:
    if "$ref" in s:
        namn = s["$ref"].rsplit("/", 1)[1]
        return {"sort": "ref", "def": namn}
    if "anyOf" in s:
        alt = _alternativ(s)
        if len(alt) == 1:
            return _nod(alt[0], markdown)
        typer = [a.get("type") for a in alt]
        if sorted(map(str, typer)) == ["number", "string"]:
            return {"sort": "cell"}
        lista = alt[-1].get("type") == "array" and _ar_text(alt[-1].get("items", {}))
        if len(alt) == 2 and _ar_text(alt[0]) and lista:
            return {"sort": "textlista", "markdown": markdown}
        return {
            "sort": "eller",
            "alternativ": [{"namn": _altnamn(a), "nod": _nod(a, markdown)} for a in alt],
        }
    if "enum" in s:
        return {"sort": "val", "alternativ": list(s["enum"])}
    typ = s.get("type")
    if typ == "array":
        poster = s.get("items", {})
        if "oneOf" in poster:
            return _blocklista(poster["oneOf"])
        return {"sort": "lista", "post": _nod(poster, markdown)}
    if typ == "object":
        varde = s.get("additionalProperties") or next(
            iter(s.get("patternProperties", {}).values()), {}
        )
        return {"sort": "ordbok", "varde": _nod(varde if isinstance(varde, dict) else {})}
    if typ == "boolean":
        return {"sort": "sant"}
    if typ == "integer":
        return {"sort": "heltal", "min": s.get("minimum")}
    if s.get("format") == "date":
        return {"sort": "datum"}
    return {"sort": "text", "markdown": markdown}


def _blocklista(alternativ: list[Nod]) -> Nod:
    namn = {a["$ref"].rsplit("/", 1)[1] for a in alternativ if "$ref" in a}
    sorter = []
    for nyckel, tagg in avsnittsmodell.BLOCKSORTER.items():
        defnamn = "Avsnitt" if tagg == "Rubrikblock" else tagg
        if defnamn in namn:
            sorter.append({"nyckel": nyckel, "etikett": BLOCKETIKETT.get(nyckel, etikett(nyckel)),
                           "def": defnamn, "hel": tagg == "Rubrikblock"})  # fmt: skip
    return {"sort": "block", "sorter": sorter}


def _objekt(namn: str, s: Nod) -> Nod:
    markdown = _markdownfalt(namn)
    kravs = set(s.get("required", []))
    falt = []
    for nyckel, del_ in s.get("properties", {}).items():
        falt.append(
            {
                "nyckel": nyckel,
                "etikett": etikett(nyckel),
                "hjalp": del_.get("description", ""),
                "kravs": nyckel in kravs,
                "nod": _nod(del_, nyckel in markdown),
            }
        )
    sort = "rutnat" if namn in RUTNAT else "bild" if namn == BILD else "objekt"
    return {"sort": sort, "namn": namn, "beskrivning": s.get("description", ""), "falt": falt}


@functools.cache
def formular() -> Nod:
    """The form of a unit file: ``rot`` (the report) and ``defs`` (one per model type)."""
    data = schema()
    defs = {namn: _objekt(namn, s) for namn, s in data.get("$defs", {}).items()}
    rot = _objekt("Enhetsrapport", data)
    for falt in rot["falt"]:
        nod = falt["nod"]
        if nod.get("sort") == "ordbok" and nod["varde"].get("def") == STYRTAL:
            falt["nod"] = {"sort": "styrtal", "varde": nod["varde"]}
    return {"rot": rot, "defs": defs}
