"""The editor's form, made from the model: the JSON Schema of a unit file (``modell/schema.py``)
turned into a small tree of widgets that ``statiskt/redigera.js`` draws.

Nothing here names a field of the report: labels come from the model's Swedish titles
(``Field(title=...)``, the same titles as in the JSON Schema; a field without one is labelled by
its YAML key), a list's item name (``postetikett``, ``postrubrik``), a mapping's key label
(``nyckeletikett``) and a choice's labels (``etiketter``) from the same field's
``json_schema_extra``, help texts from the Swedish descriptions, choices from the enums, and the
kind of widget from the field's type. A new field in the model is in the form the next time the
editor starts. The one thing decided here is the order of the report's own fields: the author's
content first, the administrative fields last in a group "Uppgifter om enheten" (``UPPGIFTER``);
the files' key order is untouched. The few widgets that are
better than a generic one are chosen by *type*, not by field: Markdown text (known from the
model's ``Markdown`` annotation), a table's rows and columns (``Tabell``, ``Diagram``), an
image (``Bild``), the huvudman's styrtal (the report's mapping of ``Styrtalsresultat``), and the
block list of a section (a list whose items are one of several blocks)."""

from __future__ import annotations

import functools
from typing import Any

from kvalitet.modell import avsnitt as avsnittsmodell
from kvalitet.modell.schema import enhetsschema, schema

Nod = dict[str, Any]

RUTNAT = {"Tabell", "Diagram"}
"""Types drawn as a grid of rows and columns (their ``rader`` and ``kolumner``)."""
BILD = "Bild"
STYRTAL = "Styrtalsresultat"
RUBRIKBLOCK = "Rubrik med egna block"
"""A block of ``innehåll`` that is a heading with blocks of its own (an ``Avsnitt``)."""
UPPGIFTER = (
    "namn",
    "skolform",
    "huvudman",
    "förvaltning",
    "område",
    "ansvarig",
    "datum",
    "period",
    "status",
    "skolenhetskod",
    "kolada_ou",
    "rapportmall",
)
"""The report's administrative fields: last in the form, in this order, in one group."""
GRUPPER = [
    {
        "id": "uppgifter",
        "etikett": "Uppgifter om enheten",
        "hjalp": "Enhetens namn, skolform, huvudman, ansvarig, period och status, och de id som "
        "används när resultat importeras.",
    }
]
TEXTPOST = "punkt"
"""The item name of a list of texts whose field does not name its items."""


def etikett(nyckel: str) -> str:
    """``tidigare_utvecklingsområden`` → ``Tidigare utvecklingsområden`` (for a field without a
    title in the model)."""
    text = nyckel.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def faltetikett(nyckel: str, s: Nod) -> str:
    """The model's title of a field; its YAML key made into text when it has none."""
    titel = s.get("title")
    return str(titel) if titel and titel != nyckel else etikett(nyckel)


def versal(text: str) -> str:
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
    return "string" in typer and "enum" not in s and "const" not in s and s.get("format") != "date"


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


def _val(varden: list[Any], falt: Nod) -> Nod:
    """A choice: ``[[värde, etikett], ...]``, the labels from the field's ``etiketter``."""
    egna = falt.get("etiketter") or {}
    return {
        "sort": "val",
        "alternativ": [[v, egna.get(v) or versal(str(v))] for v in varden],
    }


def _poster(falt: Nod, standard: str) -> Nod:
    """A list's (or mapping's) item name: ``postetikett`` in lower case for buttons ("Lägg till
    utvecklingsområde"), ``postrubrik`` for an item's heading ("Område 1")."""
    post = str(falt.get("postetikett") or standard)
    return {"postetikett": post, "postrubrik": str(falt.get("postrubrik") or versal(post))}


def _nod(s: Nod, markdown: bool = False, falt: Nod | None = None) -> Nod:
    """The widget of the schema ``s``; ``falt`` is the property it belongs to (its labels)."""
    falt = falt if falt is not None else s
    if "$ref" in s:
        namn = s["$ref"].rsplit("/", 1)[1]
        return {"sort": "ref", "def": namn}
    if "anyOf" in s:
        alt = _alternativ(s)
        if len(alt) == 1:
            return _nod(alt[0], markdown, falt)
        typer = [a.get("type") for a in alt]
        if sorted(map(str, typer)) == ["number", "string"]:
            return {"sort": "cell"}
        lista = alt[-1].get("type") == "array" and _ar_text(alt[-1].get("items", {}))
        if len(alt) == 2 and _ar_text(alt[0]) and lista:
            return {"sort": "textlista", "markdown": markdown, **_poster(falt, TEXTPOST)}
        return {
            "sort": "eller",
            "alternativ": [{"namn": _altnamn(a), "nod": _nod(a, markdown, falt)} for a in alt],
        }
    if "enum" in s:
        return _val(list(s["enum"]), falt)
    if "const" in s:
        return _val([s["const"]], falt)
    typ = s.get("type")
    if typ == "array":
        poster = s.get("items", {})
        if "oneOf" in poster:
            return {**_blocklista(poster["oneOf"]), **_poster(falt, "block")}
        post = _nod(poster, markdown)
        standard = TEXTPOST if post.get("sort") == "text" else "värde"
        return {"sort": "lista", "post": post, **_poster(falt, standard)}
    if typ == "object":
        varde: Any = s.get("additionalProperties") or next(
            iter(s.get("patternProperties", {}).values()), {}
        )
        return {
            "sort": "ordbok",
            "varde": _nod(varde if isinstance(varde, dict) else {}),
            "nyckeletikett": str(falt.get("nyckeletikett") or "Namn"),
            **_poster(falt, "värde"),
        }
    if typ == "boolean":
        return {"sort": "sant"}
    if typ == "integer":
        return {"sort": "heltal", "min": s.get("minimum")}
    if s.get("format") == "date":
        return {"sort": "datum"}
    return {"sort": "text", "markdown": markdown}


def _blocklista(alternativ: list[Nod]) -> Nod:
    namn = {a["$ref"].rsplit("/", 1)[1] for a in alternativ if "$ref" in a}
    defs = enhetsschema().get("$defs", {})
    sorter = []
    for nyckel, tagg in avsnittsmodell.BLOCKSORTER.items():
        defnamn = "Avsnitt" if tagg == "Rubrikblock" else tagg
        if defnamn in namn:
            if tagg == "Rubrikblock":
                namn_ = RUBRIKBLOCK
            else:
                namn_ = faltetikett(
                    nyckel, defs.get(tagg, {}).get("properties", {}).get(nyckel, {})
                )
            sorter.append(
                {"nyckel": nyckel, "etikett": namn_, "def": defnamn, "hel": tagg == "Rubrikblock"}
            )
    return {"sort": "block", "sorter": sorter}


def _rubriknyckel(nod: Nod, defs: dict[str, Nod]) -> None:
    """A list whose items have a ``rubrik`` says so: an item's heading is then "Tabell 1:
    <rubrik>" when the rubrik is written."""
    post = nod.get("post", {})
    if nod.get("sort") == "lista" and post.get("sort") == "ref":
        egenskaper = defs.get(post["def"], {}).get("properties", {})
        if "rubrik" in egenskaper:
            nod["rubriknyckel"] = "rubrik"


def _objekt(namn: str, s: Nod) -> Nod:
    markdown = _markdownfalt(namn)
    kravs = set(s.get("required", []))
    defs = enhetsschema().get("$defs", {})
    falt = []
    for nyckel, del_ in s.get("properties", {}).items():
        nod = _nod(del_, nyckel in markdown)
        _rubriknyckel(nod, defs)
        falt.append(
            {
                "nyckel": nyckel,
                "etikett": faltetikett(nyckel, del_),
                "hjalp": del_.get("description", ""),
                "kravs": nyckel in kravs,
                "nod": nod,
            }
        )
    sort = "rutnat" if namn in RUTNAT else "bild" if namn == BILD else "objekt"
    return {"sort": sort, "namn": namn, "beskrivning": s.get("description", ""), "falt": falt}


def _ordna_roten(rot: Nod) -> None:
    """The author's content first (in the schema's order), then the administrative fields."""
    innehall = [f for f in rot["falt"] if f["nyckel"] not in UPPGIFTER]
    uppgifter = sorted(
        (f for f in rot["falt"] if f["nyckel"] in UPPGIFTER),
        key=lambda f: UPPGIFTER.index(f["nyckel"]),
    )
    for f in uppgifter:
        f["grupp"] = "uppgifter"
    rot["falt"] = innehall + uppgifter
    rot["grupper"] = GRUPPER


@functools.cache
def formular() -> Nod:
    """The form of a unit file: ``rot`` (the report) and ``defs`` (one per model type)."""
    return formular_ur(schema())


def formular_ur(data: Nod) -> Nod:
    """The form of a unit file from its JSON Schema (the model's, or a rapportmall's in
    ``visa/mallformular.py``): labels and help texts are the schema's titles and descriptions."""
    defs = {namn: _objekt(namn, s) for namn, s in data.get("$defs", {}).items()}
    rot = _objekt("Enhetsrapport", data)
    for falt in rot["falt"]:
        nod = falt["nod"]
        if nod.get("sort") == "ordbok" and nod["varde"].get("def") == STYRTAL:
            falt["nod"] = {**nod, "sort": "styrtal"}
    _ordna_roten(rot)
    return {"rot": rot, "defs": defs}
