"""Three-way merge of a YAML document's plain data: the base both sides started from, mine,
and theirs. Pure functions, no files.

Mappings merge key by key, lists item by item like diff3 (items matched with difflib; an item
inserted by one side and another edited by the other both survive; both appending at the same
place keeps both, mine first; items both edited in place merge inside), scalars by value. Where
both sides changed the same thing differently it is a conflict: the merge then holds THEIR
value there, and the conflict says where (``sokvag``, in the merged data) and all three values.
A list with a conflicting stretch is one conflict at the list's path whose ``min`` and
``deras`` are the whole merged list with that stretch from each side."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

Sokvag = list[str | int]


class _Saknas:
    """A key that is not there (deleted, or never added)."""

    def __repr__(self) -> str:
        return "SAKNAS"


SAKNAS: Any = _Saknas()


@dataclass
class Sammanfogning:
    data: Any
    fran_deras: list[Sokvag] = field(default_factory=list)
    """Paths (in ``data``) whose value was taken from theirs."""
    konflikter: list[dict[str, Any]] = field(default_factory=list)
    """``{"sokvag", "bas", "min", "deras"}``; a missing value is None, named in ``saknas``."""


def lika(a: Any, b: Any) -> bool:
    """Equal as data: 1 and True differ, 1 and 1.0 are equal, mappings ignore key order."""
    if a is SAKNAS or b is SAKNAS:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(lika(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(lika(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def sammanfoga(bas: Any, min_: Any, deras: Any) -> Sammanfogning:
    ut = Sammanfogning(None)
    ut.data = _varde(bas, min_, deras, [], ut)
    return ut


def _konflikt(ut: Sammanfogning, sokvag: Sokvag, bas: Any, min_: Any, deras: Any) -> None:
    saknas = [n for n, v in (("bas", bas), ("min", min_), ("deras", deras)) if v is SAKNAS]
    post = {
        "sokvag": list(sokvag),
        "bas": None if bas is SAKNAS else bas,
        "min": None if min_ is SAKNAS else min_,
        "deras": None if deras is SAKNAS else deras,
    }
    if saknas:
        post["saknas"] = saknas
    ut.konflikter.append(post)


def _varde(bas: Any, min_: Any, deras: Any, sokvag: Sokvag, ut: Sammanfogning) -> Any:
    if lika(min_, deras):
        return min_
    if lika(min_, bas):
        ut.fran_deras += [k["sokvag"] for k in skillnader(bas, deras, sokvag)]
        return deras
    if lika(deras, bas):
        return min_
    if isinstance(min_, dict) and isinstance(deras, dict):
        return _mappning(bas if isinstance(bas, dict) else {}, min_, deras, sokvag, ut)
    if isinstance(min_, list) and isinstance(deras, list):
        if _celler(bas, min_, deras):
            return [_varde(b, m, d, [*sokvag, i], ut) for i, (b, m, d) in enumerate(zip(
                bas, min_, deras, strict=True))]  # fmt: skip
        return _lista(bas if isinstance(bas, list) else [], min_, deras, sokvag, ut)
    _konflikt(ut, sokvag, bas, min_, deras)
    return deras


def _celler(bas: Any, min_: list[Any], deras: list[Any]) -> bool:
    """A list of cells (a table row's ``värden``, a list of texts) that no side made longer or
    shorter: merged place by place, so two people writing in different cells of the same row
    both keep theirs (difflib would pair the blank cells any way it likes)."""
    if not isinstance(bas, list) or not len(bas) == len(min_) == len(deras):
        return False
    skalar = (str, int, float, bool, type(None))
    return all(isinstance(v, skalar) for lista in (bas, min_, deras) for v in lista)


def _mappning(
    bas: dict[str, Any], min_: dict[str, Any], deras: dict[str, Any], sokvag: Sokvag, ut: Any
) -> dict[str, Any]:
    """Key by key; the order is mine, a key only theirs goes after the key it follows there."""
    ordning = list(min_)
    for i, nyckel in enumerate(deras):
        if nyckel in min_:
            continue
        forra = next((k for k in reversed(list(deras)[:i]) if k in ordning), None)
        ordning.insert(ordning.index(forra) + 1 if forra is not None else 0, nyckel)
    resultat: dict[str, Any] = {}
    for nyckel in ordning:
        varde = _varde(
            bas.get(nyckel, SAKNAS),
            min_.get(nyckel, SAKNAS),
            deras.get(nyckel, SAKNAS),
            [*sokvag, nyckel],
            ut,
        )
        if varde is not SAKNAS:
            resultat[nyckel] = varde
    return resultat


def _nyckel(varde: Any) -> str:
    return json.dumps(varde, sort_keys=True, ensure_ascii=False, default=str)


def _par(bas: list[str], annan: list[str]) -> dict[int, int]:
    """Base index → the other list's index, for the items difflib matches."""
    matchning = difflib.SequenceMatcher(None, bas, annan, autojunk=False)
    return {
        block.a + i: block.b + i
        for block in matchning.get_matching_blocks()
        for i in range(block.size)
    }


def _lista(bas: list[Any], min_: list[Any], deras: list[Any], sokvag: Sokvag, ut: Any) -> list[Any]:
    nb, nm, nd = ([_nyckel(v) for v in lista] for lista in (bas, min_, deras))
    pm, pd = _par(nb, nm), _par(nb, nd)
    # stable points: base items unchanged on both sides, in order on both
    stabila = [(i, pm[i], pd[i]) for i in range(len(bas)) if i in pm and i in pd]
    stabila.append((len(bas), len(min_), len(deras)))
    resultat: list[Any] = []
    varianter: list[tuple[list[Any], list[Any]]] = []
    konflikt_i_listan = False
    b0 = m0 = d0 = 0
    for b1, m1, d1 in stabila:
        if b1 < b0 or m1 < m0 or d1 < d0:
            continue
        b, m, d = bas[b0:b1], min_[m0:m1], deras[d0:d1]
        borjan = len(resultat)
        bit, ok = _stracka(b, m, d, [*sokvag], borjan, ut)
        if not ok:
            konflikt_i_listan = True
        varianter.append((m if not ok else bit, d if not ok else bit))
        resultat += bit
        if b1 < len(bas):
            resultat.append(min_[m1])
            varianter.append(([min_[m1]], [min_[m1]]))
        b0, m0, d0 = b1 + 1, m1 + 1, d1 + 1
    if konflikt_i_listan:
        min_lista = [v for mv, _ in varianter for v in mv]
        deras_lista = [v for _, dv in varianter for v in dv]
        _konflikt(ut, sokvag, bas, min_lista, deras_lista)
    return resultat


def _stracka(
    b: list[Any], m: list[Any], d: list[Any], sokvag: Sokvag, borjan: int, ut: Sammanfogning
) -> tuple[list[Any], bool]:
    """One stretch between stable items: (the merged items, False when it is a conflict; then
    the items are theirs)."""
    if lika(m, d):
        return m, True
    if lika(m, b):
        if len(d) == len(b):
            ut.fran_deras += [[*sokvag, borjan + i] for i in range(len(d))]
        elif list(sokvag) not in ut.fran_deras:  # items came or went: the list is theirs here
            ut.fran_deras.append(list(sokvag))
        return d, True
    if lika(d, b):
        return m, True
    if not b:  # both inserted here: keep both, mine first
        ut.fran_deras += [[*sokvag, borjan + len(m) + i] for i in range(len(d))]
        return m + d, True
    if len(b) == len(m) == len(d):  # the same items edited in place on both sides
        bit = [
            _varde(x, y, z, [*sokvag, borjan + i], ut)
            for i, (x, y, z) in enumerate(zip(b, m, d, strict=True))
        ]
        return bit, True
    return d, False


def skillnader(min_: Any, deras: Any, sokvag: Sokvag | None = None) -> list[dict[str, Any]]:
    """Where two versions differ when no base is known: ``{"sokvag", "bas": None, "min",
    "deras"}`` at the deepest path where mappings (or lists of the same length) differ."""
    sokvag = list(sokvag or [])
    if lika(min_, deras):
        return []
    if isinstance(min_, dict) and isinstance(deras, dict):
        ut = []
        for nyckel in [*min_, *(k for k in deras if k not in min_)]:
            ut += skillnader(min_.get(nyckel, SAKNAS), deras.get(nyckel, SAKNAS), [*sokvag, nyckel])
        return ut
    if isinstance(min_, list) and isinstance(deras, list) and len(min_) == len(deras):
        return [
            s
            for i, (x, y) in enumerate(zip(min_, deras, strict=True))
            for s in skillnader(x, y, [*sokvag, i])
        ]
    post = Sammanfogning(None)
    _konflikt(post, sokvag, None, min_, deras)
    return post.konflikter
