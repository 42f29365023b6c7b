"""The editor's form for a unit on a rapportmall: made from the template's JSON Schema
(``modell/rapportmallschema.py``), so the form and VS Code share one vocabulary. The template's
parts come first in its order, with its headings as labels and its guidance as help; its own
parts (``delar.<id>``) stand in that order among the others, their tables with the template's
columns and the scale's steps as choices with words; the unit's fields the template does not
have are last but one, in a closed group, so nothing written is hidden; the administrative
fields last. The standard template keeps the model's form (``visa/formular.py``)."""

from __future__ import annotations

import copy
import functools
from typing import Any

from kvalitet.kalla.rapportmallar import STANDARD
from kvalitet.modell.rapportmall import Rapportmall
from kvalitet.modell.rapportmallschema import enhetsschema_for_mall
from kvalitet.visa.formular import GRUPPER, UPPGIFTER, Nod, formular, formular_ur

UTANFOR = {
    "id": "utanfor",
    "etikett": "Fält utanför rapportmallen",
    "hjalp": "Fält som enhetsfilen kan ha men som rapportmallen inte har som delar. Det som står "
    "här finns kvar i filen, men skrivs inte ut i rapporten.",
}
FOLJER = {
    "styrtal": ("egna_styrtal", "aktiviteter"),
    "utvecklingsområden": ("utvecklingsområden_visning",),
}
"""Fields that belong with a template part's field (the plan's own styrtal and activities)."""


def _malltabell(t: Nod) -> Nod:
    """A table the template expects, for ``statiskt/malltabell.js``: heading, help, the empty
    table to start from, whether the rows are fixed, and per column its kind (a choice with the
    scale's words, text or a number)."""
    standard = t.get("default", {})
    varden = t["properties"]["rader"]["items"]["properties"]
    kolumner = []
    for rubrik, cell in zip(
        standard.get("kolumner", []), varden["värden"]["prefixItems"], strict=False
    ):
        val = next((a["enum"] for a in cell.get("anyOf", []) if "enum" in a), None)
        ord_ = cell.get("enumDescriptions", [])
        kolumn: Nod = {
            "rubrik": rubrik,
            "sort": "text" if "number" not in cell.get("type", []) else "tal",
        }
        if val is not None:
            kolumn = {"rubrik": rubrik, "sort": "val", "alternativ": [
                [v, f"{v} – {o}" if o else v] for v, o in zip(val, ord_ + [""] * len(val), strict=False)
            ]}  # fmt: skip
        kolumner.append(kolumn)
    return {
        "rubrik": t.get("title", ""),
        "hjalp": t.get("description", ""),
        "standard": standard,
        "radrubrik": standard.get("radrubrik") or varden["rad"].get("title") or "Rad",
        "fasta": bool(varden["rad"].get("examples")),
        "kolumner": kolumner,
    }


def _hjalp(f: Nod) -> Nod:
    """A part's help text without its heading in front (the schema's description is
    "<rubrik>: <vägledning>" for VS Code; the form has the heading as the label)."""
    fore = f"{f['etikett']}: "
    if f["hjalp"].startswith(fore):
        f["hjalp"] = f["hjalp"].removeprefix(fore)
    elif f["hjalp"].startswith(f["etikett"] + " (Delen krävs.)"):
        f["hjalp"] = "(Delen krävs.)"
    elif f["hjalp"] == f["etikett"]:
        f["hjalp"] = ""
    return f


def _egen_del(form: Nod, id_: str, s: Nod) -> Nod:
    """The form's definition of an own part: a section (``Huvudavsnitt``) with the template's
    tables and without subsections when the template allows none."""
    d = copy.deepcopy(form["defs"]["Huvudavsnitt"])
    d["namn"] = f"Del:{id_}"
    egna = s.get("properties", {})
    falt = []
    for f in d["falt"]:
        egen = egna.get(f["nyckel"], {})
        if egen.get("deprecated"):
            continue
        if "prefixItems" in egen:
            f = {**f, "nod": {"sort": "malltabeller", "tabeller": [
                _malltabell(t) for t in egen["prefixItems"]
            ], "post": f["nod"]["post"]}}  # fmt: skip
        falt.append(f)
    d["falt"] = falt
    return d


def _fragor(form: Nod, mall: Rapportmall) -> None:
    """The development areas' fields labelled and ordered by the template's questions."""
    del_ = next((d for _, d in mall.alla_delar() if d.sort == "utvecklingsområden"), None)
    d = form["defs"].get("Utvecklingsomrade")
    if del_ is None or d is None or not del_.fragor:
        return
    per = {f["nyckel"]: f for f in d["falt"]}
    ordnade = [per.pop("rubrik")] if "rubrik" in per else []
    for fraga in del_.fragor:
        f = per.pop(fraga.falt.split(".")[0], None)
        if f is not None:
            ordnade.append({**f, "etikett": fraga.fraga, "hjalp": fraga.vagledning or f["hjalp"]})
    d["falt"] = ordnade + list(per.values())


def mallformular(mall: Rapportmall | None, namn: str) -> Nod:
    """The form of a unit on the rapportmall ``namn`` (the model's form for the standard, or
    for a template with errors: ``mall`` None); made once per version of the template."""
    if mall is None or namn == STANDARD:
        return {**formular(), "mall": {"namn": namn, "rubrik": mall.namn if mall else namn}}
    return _mallformular(namn, mall.model_dump_json(by_alias=True))


@functools.lru_cache(maxsize=32)
def _mallformular(namn: str, mall_json: str) -> Nod:
    mall = Rapportmall.model_validate_json(mall_json)
    data = enhetsschema_for_mall(mall, namn)
    form = formular_ur(data)
    rot = form["rot"]
    per = {f["nyckel"]: f for f in rot["falt"]}
    egna = data["properties"].get("delar", {}).get("properties", {})
    kravs = set(data["properties"].get("delar", {}).get("required", []))
    ordnade: list[Nod] = []
    for _, del_ in mall.alla_delar():
        if del_.falt is None:
            s = egna[del_.id]
            form["defs"][f"Del:{del_.id}"] = _egen_del(form, del_.id, s)
            ordnade.append(_hjalp({
                "nyckel": f"delar.{del_.id}", "sokvag": ["delar", del_.id],
                "etikett": s["title"], "hjalp": s.get("description", ""),
                "kravs": del_.id in kravs, "nod": {"sort": "ref", "def": f"Del:{del_.id}"},
            }))  # fmt: skip
            continue
        topp = del_.falt.split(".")[0]
        for nyckel in (topp, *FOLJER.get(topp, ())):
            if nyckel in per and nyckel not in UPPGIFTER:
                f = per.pop(nyckel)
                f["nod"] = {**f["nod"], "sektion": True}  # a section of its own, as every part
                ordnade.append(_hjalp(f) if nyckel == topp else f)
    per.pop("delar", None)
    utanfor = [f for k, f in per.items() if k not in UPPGIFTER]
    for f in utanfor:
        f["grupp"] = UTANFOR["id"]
    rot["falt"] = ordnade + utanfor + [f for f in rot["falt"] if f.get("grupp") == "uppgifter"]
    rot["grupper"] = [UTANFOR, *GRUPPER]
    _fragor(form, mall)
    form["mall"] = {"namn": namn, "rubrik": mall.namn}
    return form


def formular_for_enhet(lage: Any, enhets_id: str, data: Any) -> Nod:
    """The form of the unit ``enhets_id`` whose file holds ``data`` (as read, also when it does
    not validate yet), in the period ``lage``: its rapportmall's form (the unit's
    ``rapportmall:``, else the huvudman's choice for the unit or its skolform), the model's when
    the template is unknown or has errors."""
    data = data if isinstance(data, dict) else {}
    namn = data.get("rapportmall")
    val = lage.huvudman.installningar.rapportmallar if lage.huvudman else None
    if not isinstance(namn, str):
        skolform = data.get("skolform")
        namn = STANDARD
        if val is not None:
            namn = val.enheter.get(enhets_id) or val.skolformer.get(skolform) or val.standard
    return mallformular(lage.rapportmallar.get(namn), namn)
