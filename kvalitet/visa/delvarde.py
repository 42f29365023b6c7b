"""One part of a unit's data by its path (``["resultat", "styrkor", 0]``, ``["styrtal",
"2.1.1"]``): read it, set it, show it as text a rektor reads, and a word diff of two texts. Pure
functions on plain data, for the history per text (``delhistorik.py``)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from kvalitet.kalla.las import las_version as las_version
from kvalitet.kalla.las_omvandling import MAX_NODER
from kvalitet.visa.behorighet import Nekad


class _Saknas:
    """The part is not in that version (a sentinel unlike every value, also None)."""

    def __repr__(self) -> str:
        return "SAKNAS"


SAKNAS: Any = _Saknas()
MAX_DJUP = 10
_ORD = re.compile(r"\S+\s*")


def las_sokvag(varde: Any) -> list[str | int]:
    """A path as the editor sends it: a list of keys (text) and list positions (whole numbers),
    at least one; anything else is refused in Swedish."""
    if (
        not isinstance(varde, list)
        or not varde
        or len(varde) > MAX_DJUP
        or not all(
            (isinstance(s, str) and s)
            or (isinstance(s, int) and not isinstance(s, bool) and s >= 0)
            for s in varde
        )
    ):
        raise Nekad(
            "sökvägen till texten ska vara en lista av fältnamn och positioner, t.ex. "
            '["resultat", "styrkor", 0]'
        )
    return list(varde)


class _ForStor(Exception):
    """A part with more values than a file may have (aliases filled in)."""


def _som_nyckel(k: Any) -> str:
    return k.isoformat() if isinstance(k, dt.date) else str(k)


def som_json(data: Any, budget: list[int] | None = None) -> Any:
    """YAML data as the editor has it (plain JSON): keys as text, dates as ISO text; at most
    ``MAX_NODER`` values (a file of aliases that fills in to millions is refused)."""
    budget = [MAX_NODER] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0:
        raise _ForStor
    if isinstance(data, dict):
        return {_som_nyckel(k): som_json(v, budget) for k, v in data.items()}
    if isinstance(data, list):
        return [som_json(v, budget) for v in data]
    if isinstance(data, dt.date):  # also datetime
        return data.isoformat()
    return data


def del_i_version(data: Any, sokvag: list[str | int]) -> Any:
    """The part at ``sokvag`` in data from ``las_version`` (keys compared as text), as plain
    JSON; ``SAKNAS`` when it is not there or is too large."""
    v = data
    for steg in sokvag:
        if isinstance(v, dict) and isinstance(steg, str):
            v = next((x for k, x in v.items() if _som_nyckel(k) == steg), SAKNAS)
        elif isinstance(v, list) and isinstance(steg, int) and steg < len(v):
            v = v[steg]
        else:
            return SAKNAS
        if v is SAKNAS:
            return SAKNAS
    try:
        return som_json(v)
    except (_ForStor, RecursionError):
        return SAKNAS


def del_ur(data: Any, sokvag: list[str | int]) -> Any:
    """The value at ``sokvag`` in ``data``; ``SAKNAS`` when the path is not there."""
    v = data
    for steg in sokvag:
        i_mapp = isinstance(v, dict) and isinstance(steg, str) and steg in v
        i_lista = isinstance(v, list) and isinstance(steg, int) and steg < len(v)
        if not (i_mapp or i_lista):
            return SAKNAS
        v = v[steg]
    return v


def satt_del(data: Any, sokvag: list[str | int], varde: Any) -> Any:
    """``data`` with the value at ``sokvag`` replaced (a missing key is added; a list position
    must be there already, since a restored item never shifts the others)."""
    forald = del_ur(data, sokvag[:-1]) if len(sokvag) > 1 else data
    sista = sokvag[-1]
    if isinstance(forald, dict) and isinstance(sista, str):
        forald[sista] = varde
        return data
    if isinstance(forald, list) and isinstance(sista, int) and sista < len(forald):
        forald[sista] = varde
        return data
    raise Nekad(
        "den delen finns inte längre i rapporten (den har tagits bort eller flyttats); "
        "lägg till den i formuläret först och återställ sedan texten"
    )


def som_text(varde: Any, indrag: str = "") -> str:
    """A part as plain text: a text as it is, a mapping as ``nyckel: värde`` lines, a list as
    ``- `` items, nested parts indented; nothing for a missing part."""
    if varde is SAKNAS or varde is None:
        return ""
    if isinstance(varde, dict):
        rader = []
        for nyckel, v in varde.items():
            if _enkel(v):
                rader.append(f"{indrag}{nyckel}: {som_text(v)}".rstrip())
            else:
                rader.append(f"{indrag}{nyckel}:")
                rader.append(som_text(v, indrag + "  "))
        return "\n".join(rader)
    if isinstance(varde, list):
        rader = []
        for v in varde:
            text = som_text(v, indrag + "  ").lstrip() if not _enkel(v) else som_text(v)
            rader.append(f"{indrag}- {text}".rstrip())
        return "\n".join(rader)
    if isinstance(varde, bool):
        return "ja" if varde else "nej"
    text = str(varde).rstrip("\n")
    return text if not indrag else "\n".join(indrag + r if r else r for r in text.split("\n"))


def _enkel(v: Any) -> bool:
    return not isinstance(v, (dict, list)) and "\n" not in str(v).rstrip("\n")


def ordvis(fore: str, efter: str) -> list[dict[str, str]]:
    """A word diff: runs of ``{"typ": "lika" | "bort" | "ny", "text": …}``; lika + ny give
    ``efter`` exactly, lika + bort give ``fore`` up to white space. Each word carries the white
    space after it, and words are compared without it (a new line break or a changed space is no
    change, a new paragraph is). A word or two left alike between two changes is made part of
    them ("har deltagit i skolans" → "deltog i" is one change), so that a rektor reads whole
    phrases, not a word salad."""
    a, b = _ord(fore), _ord(efter)
    matchning = difflib.SequenceMatcher(
        None, [_nyckel(o) for o in a], [_nyckel(o) for o in b], autojunk=False
    )
    bitar: list[list[Any]] = []  # [alike, words before, words after]
    for op, i1, i2, j1, j2 in matchning.get_opcodes():
        lika = op == "equal"
        if bitar and not lika and not bitar[-1][0]:
            bitar[-1][1] += a[i1:i2]
            bitar[-1][2] += b[j1:j2]
        else:
            bitar.append([lika, a[i1:i2], b[j1:j2]])
    _sla_ihop_korta(bitar)
    delar: list[dict[str, str]] = []
    for lika, x, y in bitar:
        if lika:
            delar.append({"typ": "lika", "text": "".join(y)})
            continue
        if x:
            delar.append({"typ": "bort", "text": "".join(x)})
        if y:
            delar.append({"typ": "ny", "text": "".join(y)})
    return delar


def _sla_ihop_korta(bitar: list[list[Any]]) -> None:
    """Absorb each run of at most two alike words that stands between two changes, each longer
    than it, into one change (in place)."""
    i = 1
    while i < len(bitar) - 1:
        lika, x, _ = bitar[i]
        forra, nasta = bitar[i - 1], bitar[i + 1]
        kort = len(x) <= 2 and all(len(x) < max(len(d[1]), len(d[2])) for d in (forra, nasta))
        if lika and not forra[0] and not nasta[0] and kort:
            forra[1] += bitar[i][1] + nasta[1]
            forra[2] += bitar[i][2] + nasta[2]
            del bitar[i : i + 2]
            i = max(1, i - 1)
        else:
            i += 1


def _ord(text: str) -> list[str]:
    borjan = text[: len(text) - len(text.lstrip())]
    return ([borjan] if borjan else []) + _ORD.findall(text)


def _nyckel(ord_: str) -> str:
    return ord_.strip() + ("\n\n" if ord_.count("\n") > 1 else "")
