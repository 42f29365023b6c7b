"""Complementary suppression: a table as a grid of cells with the relations a reader knows
(a total is the sum of its parts, a total share the weighted mean of the parts' shares), and
the cells that must be hidden too so that no hidden value can be solved from the shown ones.

This is the check statistical agencies make with τ-ARGUS or sdcTable, in its linear form: a
hidden cell is given away when the system of relations, with the shown cells as known
numbers, has only one solution for it (its unit vector lies in the row space of the matrix
over the hidden cells)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from kvalitet.modell.status import ar_tal

Nyckel = tuple[int, str | int]
"""A cell: (row index, column): a group name (flickor, pojkar, totalt) or a column index."""

DOLDA = ("..", "~100")
"""The symbols that stand for a hidden number (typed by the author or set by the check)."""


@dataclass
class Rutnat:
    """A table (or a styrtal's single row) as cells: true value, count and measure."""

    varden: dict[Nyckel, Any]
    antal: dict[Nyckel, int | None]
    matt: dict[Nyckel, str | None]
    radnamn: list[str]
    kolumner: list[str | int]
    kolumnnamn: dict[str | int, str]
    totalkolumn: str | int | None = None
    totalrad: int | None = None
    relationer: list[Relation] = field(default_factory=list)

    def namn(self, k: Nyckel) -> str:
        """The cell in words: "raden 'Åk 7', totalt", or "flickor" for a styrtal."""
        kol = self.kolumnnamn.get(k[1], str(k[1]))
        rad = self.radnamn[k[0]] if k[0] < len(self.radnamn) else ""
        return f"raden '{rad}', {kol}" if rad else kol


@dataclass
class Relation:
    """``vikt[total] · total = Σ vikt[del] · del``: a sum, or a weighted mean of shares."""

    total: Nyckel
    delar: list[Nyckel]
    vikter: dict[Nyckel, Fraction]

    @property
    def celler(self) -> list[Nyckel]:
        return [self.total, *self.delar]


def ar_dold(varde: Any) -> bool:
    return isinstance(varde, str) and varde.strip() in DOLDA


def _giltig(rutnat: Rutnat, celler: list[Nyckel]) -> str | None:
    """The shared measure when every cell is a number (or a hidden one), else None."""
    matt = {rutnat.matt.get(k) for k in celler}
    if len(matt) != 1:
        return None
    enda = next(iter(matt))
    if enda == "text":
        return None
    ok = all(ar_tal(rutnat.varden.get(k)) or ar_dold(rutnat.varden.get(k)) for k in celler)
    return (enda or "procent") if ok else None


def relation(rutnat: Rutnat, total: Nyckel, delar: list[Nyckel]) -> Relation | None:
    """The relation of a total and its parts, when it holds for a reader (numbers, one
    measure, at least two parts); its weights are the counts of a share's parts."""
    if len(delar) < 2:
        return None
    matt = _giltig(rutnat, [total, *delar])
    if matt is None:
        return None
    vikter = {k: Fraction(1) for k in delar}
    if matt == "antal":
        vikter[total] = Fraction(1)
        return Relation(total, delar, vikter)
    antal = [rutnat.antal.get(k) for k in delar]
    if all(n is not None for n in antal):
        vikter = {k: Fraction(n or 0) for k, n in zip(delar, antal, strict=True)}
        vikter[total] = Fraction(sum(n or 0 for n in antal))
    else:  # counts unknown: the same cells are tied together, with any weights
        vikter[total] = Fraction(len(delar))
    return Relation(total, delar, vikter)


def bygg_relationer(rutnat: Rutnat) -> list[Relation]:
    """Row totals (a total column) and column totals (a total row) of the grid."""
    ut: list[Relation] = []
    rader = range(len(rutnat.radnamn))
    tk, tr = rutnat.totalkolumn, rutnat.totalrad
    par: list[tuple[Nyckel, list[Nyckel]]] = []
    if tk is not None:
        par += [((r, tk), [(r, c) for c in rutnat.kolumner if c != tk]) for r in rader]
    if tr is not None:
        par += [((tr, c), [(r, c) for r in rader if r != tr]) for c in rutnat.kolumner]
    for total, delar in par:
        komplett = all(rutnat.varden.get(k) is not None for k in delar)
        if komplett and (rel := relation(rutnat, total, delar)) is not None:
            ut.append(rel)
    return ut


PRIMTAL = 2**61 - 1
"""The system is solved modulo this prime: exact for integer weights (counts) as long as it
divides no minor of the matrix, which numbers this size never reach in a table of counts."""


def _rad(rel: Relation, dolda: set[Nyckel]) -> dict[Nyckel, int]:
    rad: dict[Nyckel, int] = {}
    for k in rel.celler:
        if k in dolda:
            vikt = int(rel.vikter[k])
            rad[k] = (rad.get(k, 0) + (-vikt if k == rel.total else vikt)) % PRIMTAL
    return {k: v for k, v in rad.items() if v}


def bestamda(relationer: list[Relation], dolda: set[Nyckel]) -> list[Nyckel]:
    """The hidden cells that the relations give back from the shown ones: the rows of the
    reduced echelon form (over the hidden cells) that have a single entry."""
    pivoter: dict[Nyckel, dict[Nyckel, int]] = {}
    for rel in relationer:
        rad = _rad(rel, dolda)
        for var in [v for v in rad if v in pivoter]:
            if (faktor := rad.get(var)) is None:
                continue
            for k, v in pivoter[var].items():
                rad[k] = (rad.get(k, 0) - faktor * v) % PRIMTAL
            rad = {k: v for k, v in rad.items() if v}
        if not rad:
            continue
        var = next(iter(rad))
        invers = pow(rad[var], PRIMTAL - 2, PRIMTAL)
        rad = {k: v * invers % PRIMTAL for k, v in rad.items()}
        for annan, prad in pivoter.items():
            if (faktor := prad.get(var)) is not None:
                for k, v in rad.items():
                    prad[k] = (prad.get(k, 0) - faktor * v) % PRIMTAL
                pivoter[annan] = {k: v for k, v in prad.items() if v}
        pivoter[var] = rad
    return [var for var, rad in pivoter.items() if len(rad) == 1]


def komplettera(rutnat: Rutnat, dolda: set[Nyckel]) -> list[tuple[Nyckel, Nyckel]]:
    """Hide more cells until no hidden one can be solved: (the cell hidden, the cell it
    protects), in order. The cell chosen is the one that leaves the fewest relations with a
    lone hidden cell (it protects them too), then a part before a total, the smallest first.
    A relation with one hidden cell is the common case and is found by counting; the linear
    system is solved only when no relation has one."""
    ut: list[tuple[Nyckel, Nyckel]] = []
    rel = rutnat.relationer
    dar: dict[Nyckel, list[int]] = {}
    for i, r in enumerate(rel):
        for k in r.celler:
            dar.setdefault(k, []).append(i)
    gomda = [sum(k in dolda for k in r.celler) for r in rel]

    def ensam() -> Nyckel | None:
        for i, n in enumerate(gomda):
            if n == 1:
                k = next(k for k in rel[i].celler if k in dolda)
                if rel[i].vikter[k]:
                    return k
        return None

    def ordning(par: tuple[bool, Nyckel]) -> tuple[int, bool, float, str]:
        andra = [gomda[i] for i in dar.get(par[1], [])]
        poang = sum(n == 0 for n in andra) - sum(n == 1 for n in andra)
        n = rutnat.antal.get(par[1])
        return (poang, not par[0], float("inf") if n is None else n, str(par[1]))

    def synlig(k: Nyckel) -> bool:
        return k not in dolda and ar_tal(rutnat.varden.get(k)) and rutnat.antal.get(k) != 0

    while True:
        skyddad = ensam()
        if skyddad is None:
            given = bestamda(rel, dolda)
            if not given:
                break
            skyddad = given[0]
        kandidater = [
            (k != rel[i].total, k) for i in dar[skyddad] for k in rel[i].celler if synlig(k)
        ]
        if not kandidater:  # tied only through other hidden cells: hide a neighbour of theirs
            kandidater = [
                (k != r.total, k)
                for i, r in enumerate(rel)
                if gomda[i]
                for k in r.celler
                if synlig(k)
            ]
        if not kandidater:
            break
        valt = min(kandidater, key=ordning)[1]
        dolda.add(valt)
        for i in dar.get(valt, []):
            gomda[i] += 1
        ut.append((valt, skyddad))
    return ut
