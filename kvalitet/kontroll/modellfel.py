"""Pydantic's model errors as located Swedish messages, with "menade du ...?" for typos."""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.gransfel import gransfel
from kvalitet.kontroll.modelltyper import falt_per_alias as _falt_per_alias
from kvalitet.kontroll.modelltyper import modell_vid as _modell_vid
from kvalitet.kontroll.talord import tal_ur_ord
from kvalitet.kontroll.unionsgren import utan_fel_gren
from kvalitet.modell import Enhetsrapport

M = TypeVar("M", bound=BaseModel)

_VANTADE = {
    "string_type": "en text",
    "int_type": "ett tal",
    "int_parsing": "ett tal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "float_parsing": "ett tal",
    "list_type": "en lista",
    "model_type": "underfält",
    "model_attributes_type": "underfält",
    "dict_type": "underfält",
    "date_type": "ett datum",
    "date_parsing": "ett datum",
    "date_from_datetime_parsing": "ett datum",
    "date_from_datetime_inexact": "ett datum",
    "datetime_type": "en tidpunkt",
    "datetime_parsing": "en tidpunkt",
    "datetime_from_date_parsing": "en tidpunkt",
}

_HUR = {
    "en text": "skriv texten direkt efter kolonet, eller skriv '|' och texten indragen på raderna under",
    "ett tal": "skriv ett tal, t.ex. 96,4 eller 725",
    "ett heltal": "skriv ett heltal utan decimaler",
    "en lista": "skriv varje punkt på en egen rad som börjar med '- '",
    "underfält": "skriv underfälten indragna på raderna under, ett 'fält: värde' per rad",
    "ett datum": "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-20",
    "en tidpunkt": "skriv tidpunkten som ÅÅÅÅ-MM-DDTtt:mm:ss med tidszon, t.ex. '2026-06-10T14:02:11+02:00'",
}


def menade_du(ord: str, alternativ: typing.Iterable[str]) -> str | None:
    """The closest alternative to a misspelt word, if any is close enough."""
    alternativ = list(alternativ)
    traffar = difflib.get_close_matches(ord, alternativ, n=1, cutoff=0.6)
    if not traffar:
        traffar = difflib.get_close_matches(ord.lower(), alternativ, n=1, cutoff=0.6)
    return traffar[0] if traffar else None


def beskriv_varde(varde: Any) -> str:
    if varde is None:
        return "ett tomt värde"
    if isinstance(varde, bool):
        return "sant/falskt"
    if isinstance(varde, dict):
        return "underfält"
    if isinstance(varde, list):
        return "en lista"
    if isinstance(varde, int | float):
        return f"talet {varde}"
    return f"texten '{str(varde)[:40]}'"


# ---------------------------------------------------------------- pydantic errors


def oversatt(exc: ValidationError, kalla: Kalla, rot: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into located Swedish problems, one per place."""
    per_plats: dict[Sokvag, list[dict[str, Any]]] = {}
    saknade: list[tuple[Sokvag, str]] = []
    okanda: list[tuple[Sokvag, str]] = []
    for err in exc.errors(include_url=False):
        sokvag, rest = _datasokvag(kalla.data, err["loc"])
        if err["type"] == "missing":
            saknade.append((sokvag, str(rest[-1]) if rest else "?"))
        elif err["type"] == "extra_forbidden":
            okanda.append((sokvag, str(sokvag[-1])))
        else:
            per_plats.setdefault(sokvag, []).append(dict(err))

    utan_fel_gren(per_plats)
    ut: list[Problem] = []
    for sokvag, namn in saknade:
        var = f" under '{_visa_sokvag(sokvag)}'" if sokvag else ""
        problem = kalla.fel(
            sokvag,
            f"fältet '{namn}' saknas{var}",
            f"lägg till '{namn}: ...'" + _faltbeskrivning(rot, (*sokvag, namn)),
        )
        # the line is the parent's (a missing key has none); the path is the field's own
        falt = (*sokvag, namn)
        ut.append(_pa(problem, falt, f"{faltets_titel(rot, falt)} saknas"))
    for sokvag, namn in okanda:
        tillatna = _tillatna_falt(rot, sokvag[:-1])
        if namn == "verksamhetsplan" and rot is Enhetsrapport and len(sokvag) == 1:
            ut.append(
                kalla.fel(
                    sokvag,
                    "verksamhetsplanen hör hemma i huvudmannafilen, inte i enhetens fil",
                    "flytta perspektiv, mål och styrtal till rapporter/<period>/huvudman.yaml och "
                    "skriv enhetens resultat under 'styrtal:' per id; se docs/huvudman.md",
                    nyckel=True,
                )
            )
            continue
        forslag = menade_du(namn, tillatna)
        var = f" under '{_visa_sokvag(sokvag[:-1])}'" if len(sokvag) > 1 else ""
        if forslag:
            vad = f"okänt fält '{namn}'{var} – menade du '{forslag}'?"
            hur = f"ändra till '{forslag}'"
        else:
            vad = f"okänt fält '{namn}'{var}"
            hur = "tillåtna fält här: " + ", ".join(tillatna) if tillatna else "ta bort fältet"
        ut.append(_pa(kalla.fel(sokvag, vad, hur, nyckel=True), sokvag))
    for sokvag, fel in per_plats.items():
        ut.append(_pa(_typfel(kalla, sokvag, fel), sokvag, _falttext(rot, sokvag, fel)))
    return sorted(ut)


def _pa(problem: Problem, sokvag: Sokvag, falttext: str = "") -> Problem:
    """The problem with the YAML path of its field (and its text in the form's words)."""
    return dataclasses.replace(problem, sokvag=tuple(sokvag), falttext=falttext)


def faltets_titel(rot: type[BaseModel], sokvag: Sokvag) -> str:
    """The model's Swedish title of the field at ``sokvag`` ("Rubrik", "Alternativtext"); the
    YAML key when the field has none."""
    nyckel = str(sokvag[-1]) if sokvag else ""
    modell = _modell_vid(rot, sokvag[:-1]) if sokvag else None
    falt = _falt_per_alias(modell).get(nyckel) if modell is not None else None
    titel = getattr(falt, "title", None) or nyckel.replace("_", " ")
    return titel[:1].upper() + titel[1:]


def _falttext(rot: type[BaseModel], sokvag: Sokvag, fel: list[dict[str, Any]]) -> str:
    """What is wrong with a field, said as the form says it: the field by its title, never by
    its YAML path ("Rubrik är tom", "Utfall ska vara ett tal eller en text")."""
    lista = not sokvag or isinstance(sokvag[-1], int)
    namn = "Värdet" if lista else faltets_titel(rot, sokvag)
    typer = {f["type"] for f in fel}
    egna = [f for f in fel if f["type"] == "kvalitet"]
    if egna:
        vad = str(egna[0]["ctx"]["vad"])
        if vad == "fältet är tomt":
            return f"{namn} är tom"
        return vad[:1].upper() + vad[1:]
    if "kvalitet_typ" in typer:
        return f"{namn} ska vara ett tal eller en text"
    if typer & {"literal_error", "enum"}:
        return f"{namn}: välj ett av alternativen i listan"
    if typer & {"too_short", "string_too_short"}:
        return f"{namn} är tom"
    if "too_long" in typer:
        return f"{namn} har för många rader"
    if typer & {"greater_than_equal", "less_than_equal"}:
        return f"{namn} är utanför det tillåtna"
    vantade = [b for f in fel if (b := _VANTADE.get(f["type"]))]
    if fel and fel[0].get("input") is None and "en text" in vantade:
        return f"{namn} är tom"
    if vantade:
        return f"{namn} ska vara {vantade[0]}"
    return f"{namn} har ett ogiltigt värde"


def _typfel(kalla: Kalla, sokvag: Sokvag, fel: list[dict[str, Any]]) -> Problem:
    namn = _visa_sokvag(sokvag) or "filen"
    typfel = [f for f in fel if f["type"] == "kvalitet_typ"]
    if typfel:
        varde = typfel[0].get("input")
        return kalla.fel(
            sokvag,
            f"'{namn}' ska vara ett tal eller en text, men är {beskriv_varde(varde)}",
            "skriv ett tal som 96,4 eller en kort text på samma rad som kolonet",
        )
    egna = [f for f in fel if f["type"] == "kvalitet"]
    if egna:
        ctx = egna[0]["ctx"]
        return kalla.fel(sokvag, f"{namn}: {ctx['vad']}", ctx.get("hur", ""))
    literal = [f for f in fel if f["type"] in ("literal_error", "enum")]
    if literal:
        tillatna = re.findall(r"'([^']*)'", literal[0]["ctx"].get("expected", ""))
        varde = literal[0]["input"]
        forslag = menade_du(str(varde), tillatna) if isinstance(varde, str) else None
        vad = f"'{varde}' är inget tillåtet värde för '{namn}'"
        if forslag:
            vad += f" – menade du '{forslag}'?"
        return kalla.fel(sokvag, vad, "tillåtna värden: " + ", ".join(tillatna))
    kort = [f for f in fel if f["type"] in ("too_short", "string_too_short")]
    if kort:
        return kalla.fel(sokvag, f"'{namn}' är tom", "skriv minst en punkt eller ta bort fältet")
    lang = [f for f in fel if f["type"] == "too_long"]
    if lang:
        ctx = lang[0].get("ctx", {})
        return kalla.fel(
            sokvag,
            f"'{namn}' har {ctx.get('actual_length', 'för många')} rader; högst "
            f"{ctx.get('max_length')} får plats i en rapport",
            "korta listan, dela den på flera tabeller, eller lägg hela materialet som bilaga "
            "(t.ex. ett kalkylblad) och sammanfatta det här",
        )
    if (utanfor := gransfel(kalla, sokvag, namn, fel)) is not None:
        return utanfor
    vantade: list[str] = []
    for f in fel:
        beskrivning = _VANTADE.get(f["type"])
        if beskrivning and beskrivning not in vantade:
            vantade.append(beskrivning)
    varde = fel[0].get("input")
    if (forklaring := _forklara_indrag_och_kolon(kalla, sokvag, vantade, varde)) is not None:
        return forklaring
    if varde is None and "en text" in vantade:
        return kalla.fel(
            sokvag, f"'{namn}' är tomt", "skriv en text efter kolonet eller ta bort fältet"
        )
    if vantade:
        return kalla.fel(
            sokvag,
            f"'{namn}' ska vara {' eller '.join(vantade)}, men är {beskriv_varde(varde)}",
            f"skriv talet med siffror: '{sokvag[-1]}: {tal}'"
            if isinstance(varde, str) and (tal := tal_ur_ord(varde)) is not None
            else _HUR[vantade[0]],
        )
    return kalla.fel(sokvag, f"'{namn}' har ett ogiltigt värde ({fel[0]['msg']})")


_TYPOGRAFISKA = "”“„‘’"


def _forklara_indrag_och_kolon(
    kalla: Kalla, sokvag: Sokvag, vantade: list[str], varde: Any
) -> Problem | None:
    """The two slips that YAML reads without a syntax error: a text with ': ' in a list (it
    becomes a field), and a field dedented one level (it lands beside its parent)."""
    rad = kalla.rad(sokvag)
    if "en text" in vantade and isinstance(varde, dict) and len(varde) == 1:
        nyckel, rest = next(iter(varde.items()))
        if any(t in rad for t in _TYPOGRAFISKA):
            rattad = rad.strip()
            for typ in "”“„":
                rattad = rattad.replace(typ, '"')
            return kalla.fel(
                sokvag,
                "” och “ är typografiska citattecken (från Word), som YAML inte känner igen; "
                "därför läses texten med ': ' som ett fältnamn",
                f"använd raka citattecken \": '{rattad}'",
            )
        if isinstance(rest, str | int | float) or rest is None:
            streck = "- " if rad.lstrip().startswith("-") else ""
            return kalla.fel(
                sokvag,
                f"texten innehåller ': ' (efter '{nyckel}'), och då läser YAML början som ett "
                "fältnamn",
                f"sätt texten inom citattecken: '{streck}\"{nyckel}: {rest or ''}\"'",
            )
    if "underfält" in vantade and not isinstance(varde, dict) and len(sokvag) >= 2:
        nyckel = sokvag[-1]
        foralder = _data_vid(kalla.data, sokvag[:-1])
        if isinstance(nyckel, str) and isinstance(foralder, dict):
            syskon = list(foralder)
            plats = syskon.index(nyckel) if nyckel in syskon else 0
            forra = next(
                (k for k in reversed(syskon[:plats]) if isinstance(foralder[k], dict)), None
            )
            if (forra is not None and nyckel in foralder[forra]) or (
                forra is not None and _ar_falt_i(kalla, (*sokvag[:-1], forra), nyckel)
            ):
                forsta = next(iter(foralder[forra]), None)
                namn = f"styrtal {forra}" if sokvag[:-1] == ("styrtal",) else f"'{forra}'"
                return kalla.fel(
                    sokvag,
                    f"'{nyckel}' hör till {namn} ovanför, men står på samma nivå som '{forra}'",
                    f"dra in '{nyckel}' lika långt som '{forsta}'" if forsta else "dra in raden",
                    nyckel=True,
                )
    return None


def _data_vid(data: Any, sokvag: Sokvag) -> Any:
    for steg in sokvag:
        try:
            data = data[steg]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _ar_falt_i(kalla: Kalla, sokvag: Sokvag, nyckel: str) -> bool:
    from kvalitet.modell import Enhetsrapport

    modell = _modell_vid(Enhetsrapport, sokvag)
    return modell is not None and nyckel in _falt_per_alias(modell)


def _datasokvag(data: Any, loc: tuple[Any, ...]) -> tuple[Sokvag, list[Any]]:
    """Follow pydantic's loc through the data; union tags and absent keys are left over."""
    sokvag: list[str | int] = []
    rest: list[Any] = []
    nu = data
    for del_ in loc:
        i_dict = isinstance(nu, dict) and isinstance(del_, str) and del_ in nu
        i_lista = isinstance(nu, list) and isinstance(del_, int) and 0 <= del_ < len(nu)
        if i_dict or i_lista:
            sokvag.append(del_)
            nu = nu[del_]
        else:
            rest.append(del_)
    return tuple(sokvag), rest


def _visa_sokvag(sokvag: Sokvag) -> str:
    delar: list[str] = []
    for del_ in sokvag:
        if isinstance(del_, int):
            delar.append(f"[{del_ + 1}]")
        else:
            delar.append(("." if delar else "") + del_)
    return "".join(delar)


def _tillatna_falt(rot: type[BaseModel], sokvag: Sokvag) -> list[str]:
    modell = _modell_vid(rot, sokvag)
    return list(_falt_per_alias(modell)) if modell else []


def _faltbeskrivning(rot: type[BaseModel], sokvag: Sokvag) -> str:
    modell = _modell_vid(rot, sokvag[:-1])
    if modell is None:
        return ""
    falt = _falt_per_alias(modell).get(str(sokvag[-1]))
    if falt is None or not falt.description:
        return ""
    return f"; {falt.description[0].lower()}{falt.description[1:].rstrip('.')}"


def visa_sokvag(sokvag: Sokvag) -> str:
    """``('analys', 'bilder', 0, 'fil')`` → ``analys.bilder[1].fil``."""
    return _visa_sokvag(sokvag)
