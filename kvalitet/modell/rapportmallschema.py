"""The JSON Schema of a unit file for one rapportmall: the unit schema with the template's
headings and guidance on its parts' fields, and ``delar`` with the template's own parts, so
that VS Code completes and explains the template's fields."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from kvalitet.modell.rapportmall import Del, Rapportmall
from kvalitet.modell.rapportmall_tabell import Tabellmall
from kvalitet.modell.schema import SCHEMAMAPP, enhetsschema

MALLSCHEMAMAPP = "rapportmallar"
"""``schema/rapportmallar/<namn>.enhet.schema.json``"""


def _beskrivning(del_: Del) -> str:
    text = del_.rubrik
    if del_.vagledning:
        text += ": " + del_.vagledning.strip()
    if del_.kravs:
        text += " (Delen krävs.)"
    return text


def _egenskap(data: dict[str, Any], falt: str) -> dict[str, Any] | None:
    """The schema node of a dotted path of YAML keys, following ``$ref`` into ``$defs``."""
    nod: dict[str, Any] = data
    for nyckel in falt.split("."):
        nod = _los(data, nod)
        egenskaper = nod.get("properties")
        if not isinstance(egenskaper, dict) or nyckel not in egenskaper:
            return None
        nod = egenskaper[nyckel]
    return nod


def _los(data: dict[str, Any], nod: dict[str, Any]) -> dict[str, Any]:
    """A node with its reference resolved (``$ref``, or the one reference in ``anyOf``)."""
    ref = nod.get("$ref")
    if ref is None:
        refs = [d["$ref"] for d in nod.get("anyOf", []) if isinstance(d, dict) and "$ref" in d]
        ref = refs[0] if len(refs) == 1 else None
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return data["$defs"][ref.removeprefix("#/$defs/")]
    return nod


def _cellschema(mall: Rapportmall, tabell: Tabellmall, j: int) -> dict[str, Any]:
    """The schema of the cells of column ``j``: the scale's steps (with their words) in the first
    column of a bedömningsskala, text or a number otherwise; blank (null) is always allowed."""
    kolumn = tabell.kolumner[j]
    skala = mall.skalor.get(tabell.skala or "") if tabell.sort == "bedömningsskala" else None
    if skala is not None and j == 0:
        return {
            "anyOf": [{"enum": [s.varde for s in skala.steg]}, {"type": "null"}],
            "title": kolumn.rubrik,
            "description": f"{skala.rubrik}: "
            + "; ".join(f"{s.varde} = {s.ord}" for s in skala.steg),
            "enumDescriptions": [s.ord for s in skala.steg],
        }
    if kolumn.sort == "text":
        return {"type": ["string", "null"], "title": kolumn.rubrik, "description": "Text."}
    matt = f" i {kolumn.matt}" if kolumn.matt else ""
    return {
        "type": ["number", "string", "null"],
        "title": kolumn.rubrik,
        "description": f"Ett tal ({kolumn.sort}){matt}, eller ett tecken som '---'.",
    }


def _tabellschema(mall: Rapportmall, del_: Del, tabell: Tabellmall) -> dict[str, Any]:
    """A table the template expects, at its place in the part's ``tabeller``: the unit's table
    schema with the template's columns, its cells and, as the default, the empty table."""
    kolumner = [k.rubrik for k in tabell.kolumner]
    standard: dict[str, Any] = {}
    if tabell.radrubrik:
        standard["radrubrik"] = tabell.radrubrik
    if kolumner:
        standard["kolumner"] = kolumner
    standard["rader"] = [
        {"rad": rad, "värden": [None] * len(kolumner)} for rad in tabell.rader or [""]
    ]
    skala = mall.skalor.get(tabell.skala or "") if tabell.sort == "bedömningsskala" else None
    beskrivning = " ".join(
        t
        for t in (
            skala.beskrivning if skala else None,
            tabell.fotnot,
            "(Tabellen krävs.)" if tabell.kravs else None,
        )
        if t
    )
    rad: dict[str, Any] = {"title": tabell.radrubrik or "Rad"}
    if tabell.rader:
        rad["examples"] = list(tabell.rader)
    return {
        "allOf": [{"$ref": "#/$defs/Tabell"}],
        "title": tabell.rubrik or del_.rubrik,
        "description": beskrivning or "Mallens kolumner: " + ", ".join(kolumner) + ".",
        "default": standard,
        "properties": {
            "rader": {
                "items": {
                    "properties": {
                        "rad": rad,
                        "värden": {
                            "prefixItems": [
                                _cellschema(mall, tabell, j) for j in range(len(kolumner))
                            ]
                        },
                    }
                }
            }
        },
    }


def _egen_del(mall: Rapportmall, del_: Del) -> dict[str, Any]:
    """An own part (``delar.<id>``): a section, with the template's tables first in ``tabeller``
    and no ``avsnitt`` when the template allows no own subsections."""
    nod: dict[str, Any] = {
        "$ref": "#/$defs/Huvudavsnitt",
        "title": del_.rubrik,
        "description": _beskrivning(del_),
    }
    egenskaper: dict[str, Any] = {}
    if del_.tabeller:
        egenskaper["tabeller"] = {
            "type": "array",
            "title": "Tabeller",
            "prefixItems": [_tabellschema(mall, del_, t) for t in del_.tabeller],
            "items": {"$ref": "#/$defs/Tabell"},
        }
    if not del_.egna_avsnitt:
        egenskaper["avsnitt"] = {
            "deprecated": True,
            "description": f"Rapportmallen '{mall.namn}' har inga egna underavsnitt under delen.",
        }
    if egenskaper:
        nod["properties"] = egenskaper
    return nod


def enhetsschema_for_mall(mall: Rapportmall, namn: str) -> dict[str, Any]:
    """The unit file's schema for a unit on the rapportmall ``namn``."""
    data = copy.deepcopy(enhetsschema())
    data["$id"] = f"https://kvalitet.invalid/schema/{MALLSCHEMAMAPP}/{namn}.enhet.schema.json"
    data["title"] = f"{mall.namn}: kvalitetsrapport för en enhet (kvalitet)"
    egna: dict[str, Any] = {}
    kravs: list[str] = []
    toppkrav: list[str] = list(data.get("required", []))
    for _, del_ in mall.alla_delar():
        if del_.falt is None:
            egna[del_.id] = _egen_del(mall, del_)
            if del_.kravs:
                kravs.append(del_.id)
            continue
        nod = _egenskap(data, del_.falt)
        if nod is None:
            continue
        nod["title"] = del_.rubrik
        nod["description"] = _beskrivning(del_)
        if del_.kravs and "." not in del_.falt and del_.falt not in toppkrav:
            toppkrav.append(del_.falt)
    if toppkrav:
        data["required"] = toppkrav
    if egna:
        data["properties"]["delar"] = {
            "type": "object",
            "title": "Mallens delar",
            "description": f"Delarna i rapportmallen '{mall.namn}' som inte har ett eget fält.",
            "properties": egna,
            "additionalProperties": False,
            **({"required": kravs} if kravs else {}),
        }
        if kravs:
            data["required"] = [*data.get("required", []), "delar"]
    else:
        data["properties"].pop("delar", None)  # a template without own parts has no 'delar:'
    data["properties"]["rapportmall"]["examples"] = [namn]
    return data


def skriv_mallscheman(projektrot: Path, mallar: dict[str, Rapportmall | None]) -> list[Path]:
    """Write ``schema/rapportmallar/<namn>.enhet.schema.json`` for every valid rapportmall."""
    from kvalitet.grund.skrivning import skriv_atomiskt

    skrivna = []
    for namn, mall in sorted(mallar.items()):
        if mall is None:
            continue
        fil = projektrot / SCHEMAMAPP / MALLSCHEMAMAPP / f"{namn}.enhet.schema.json"
        text = json.dumps(enhetsschema_for_mall(mall, namn), ensure_ascii=False, indent=2) + "\n"
        if not fil.exists() or fil.read_text(encoding="utf-8") != text:
            skriv_atomiskt(fil, text.encode("utf-8"))
            skrivna.append(fil)
    return skrivna
