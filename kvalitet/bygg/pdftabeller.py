"""A table split over pages is one table in the PDF's tag tree, with its header once.

WeasyPrint tags each page on its own: a table that continues on the next page becomes a second
``Table`` with a second ``THead`` (the header row repeated at the top of the page), and a
repeated ``TFoot`` on every page but the last. A screen reader then meets two tables and the
header twice. Here the repeats become ``/Artifact /Pagination`` (like the running header and the
"(forts.)" title in the page margin), the rows of every continuation move into the first
fragment's ``Table``, and their ``/Headers`` point at the first fragment's header cells."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pikepdf import Array, Dictionary

if TYPE_CHECKING:
    from kvalitet.bygg.pdfstruktur import _Trad

UPPREPNING = b"/Artifact <</Type /Pagination>> BDC"


@dataclass(frozen=True)
class Fragment:
    """One page's part of a table: which table (in order of first appearance), and whether it
    is the table's first or last part."""

    tabell: int
    forsta: bool
    sista: bool


def tabellfragment(dokument: Any) -> list[list[Fragment]] | None:
    """Per page, the tables on it in tree order (as WeasyPrint tags them), read from the laid
    out WeasyPrint ``dokument``; None when its page boxes cannot be read (a WeasyPrint that
    lays out otherwise: the tag tree is then left as WeasyPrint made it)."""
    try:
        return _fragment(dokument)
    except AttributeError:
        return None


def _fragment(dokument: Any) -> list[list[Fragment]]:
    nummer: dict[int, int] = {}
    sidor: list[list[tuple[int, bool]]] = []
    for sida in dokument.pages:
        rad = []
        for box in sida._page_box.descendants():
            if getattr(box, "is_table_wrapper", False) and box.element is not None:
                ny = id(box.element) not in nummer
                nummer.setdefault(id(box.element), len(nummer))
                rad.append((nummer[id(box.element)], ny))
        sidor.append(rad)
    sista: dict[int, tuple[int, int]] = {}
    for s, rad in enumerate(sidor):
        for i, (tabell, _) in enumerate(rad):
            sista[tabell] = (s, i)
    return [
        [Fragment(t, ny, sista[t] == (s, i)) for i, (t, ny) in enumerate(rad)]
        for s, rad in enumerate(sidor)
    ]


def _lista(k: Any) -> list[Any]:
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _barn(el: Dictionary, sort: str) -> list[Dictionary]:
    return [k for k in _lista(el.get("/K")) if isinstance(k, Dictionary) and k.get("/S") == sort]


def _rubrikceller(sektion: Dictionary | None) -> list[Any]:
    """The IDs of a THead's header cells, row by row."""
    if sektion is None:
        return []
    return [th.get("/ID") for tr in _barn(sektion, "/TR") for th in _barn(tr, "/TH")]


def sla_ihop(trad: _Trad, fragment: list[list[Fragment]]) -> None:
    """Each split table as one ``Table`` (see the module). ``fragment`` is what
    :func:`tabellfragment` read; when it does not match the tag tree nothing is changed."""
    per_sida: dict[int, list[tuple[Dictionary, list[Dictionary]]]] = defaultdict(list)
    for el, forfader in trad.element():
        if el.get("/S") == "/Table" and (nr := trad._sidnr(el)) is not None:
            per_sida[nr].append((el, forfader))
    sidnr = sorted(trad.sidor)
    if len(sidnr) != len(fragment) or any(
        len(per_sida[nr]) != len(rad) for nr, rad in zip(sidnr, fragment, strict=True)
    ):
        return
    forsta: dict[int, Dictionary] = {}
    for nr, rad in zip(sidnr, fragment, strict=True):
        for (el, forfader), f in zip(per_sida[nr], rad, strict=True):
            if f.forsta:
                forsta[f.tabell] = el
            if not f.sista:
                for fot in _barn(el, "/TFoot"):
                    _som_upprepning(trad, el, fot)
            if f.forsta:
                continue
            huvud = forsta[f.tabell]
            ersatt = {}
            for sektion in _barn(el, "/THead"):
                egna = _rubrikceller(sektion)
                ursprung = _rubrikceller(next(iter(_barn(huvud, "/THead")), None))
                ersatt.update({str(a): b for a, b in zip(egna, ursprung, strict=False) if a and b})
                _som_upprepning(trad, el, sektion)
            _flytta(el, forfader, huvud, ersatt)


def _som_upprepning(trad: _Trad, foralder: Dictionary, sektion: Dictionary) -> None:
    """A repeated header or footer: its marked content becomes a pagination artifact and the
    element leaves the tree."""
    stack = [sektion]
    while stack:
        el = stack.pop()
        nr = trad._sidnr(el)
        for k in _lista(el.get("/K")):
            if isinstance(k, int) and nr is not None:
                trad.ersatt[nr][k] = UPPREPNING
                trad.fortackning[nr][k] = None
            elif isinstance(k, Dictionary) and k.get("/Type") not in ("/OBJR", "/MCR"):
                stack.append(k)
    foralder.K = Array([k for k in _lista(foralder.K) if not _samma(k, sektion)])


def _flytta(
    fortsattning: Dictionary,
    forfader: list[Dictionary],
    huvud: Dictionary,
    ersatt: dict[str, Any],
) -> None:
    """The continuation's rows into the first fragment's Table; the continuation and any
    wrapper it leaves empty go."""
    stack = list(_lista(fortsattning.get("/K")))
    while stack:
        k = stack.pop()
        if not isinstance(k, Dictionary) or k.get("/Type") in ("/OBJR", "/MCR"):
            continue
        attribut = k.get("/A")
        if isinstance(attribut, Dictionary) and "/Headers" in attribut:
            attribut.Headers = Array([ersatt.get(str(h), h) for h in attribut.Headers])
        stack.extend(_lista(k.get("/K")))
    for k in _lista(fortsattning.get("/K")):
        if isinstance(k, Dictionary) and k.get("/S") in ("/TBody", "/TFoot", "/TR"):
            k.P = huvud
            huvud.K = Array([*_lista(huvud.K), k])
    el = fortsattning
    for foralder in reversed(forfader):
        foralder.K = Array([k for k in _lista(foralder.K) if not _samma(k, el)])
        if _lista(foralder.K) or foralder.get("/S") not in ("/Div", "/Sect", "/Part", "/NonStruct"):
            break
        el = foralder


def _samma(a: Any, b: Any) -> bool:
    return isinstance(a, Dictionary) and a.is_indirect and a.objgen == b.objgen
