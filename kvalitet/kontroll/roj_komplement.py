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


def bestamda(relationer: list[Relation], dolda: set[Nyckel]) -> list[Nyckel]:
    """The hidden cells that the relations give back from the shown ones (exact arithmetic)."""
    variabler = sorted({k for rel in relationer for k in rel.celler if k in dolda}, key=str)
    index = {k: i for i, k in enumerate(variabler)}
    matris: list[list[Fraction]] = []
    for rel in relationer:
        rad = [Fraction(0)] * len(variabler)
        for k in rel.celler:
            if k in index:
                tecken = -1 if k == rel.total else 1
                rad[index[k]] += tecken * rel.vikter[k]
        if any(rad):
            matris.append(rad)
    pivotrader = _trappform(matris, len(variabler))
    return [variabler[p] for p, rad in pivotrader if sum(1 for x in rad if x) == 1]


def _trappform(matris: list[list[Fraction]], bredd: int) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form: (pivot column, row) for each non-zero row."""
    rader = [list(r) for r in matris]
    pivoter: list[tuple[int, int]] = []
    topp = 0
    for kol in range(bredd):
        valt = next((i for i in range(topp, len(rader)) if rader[i][kol]), None)
        if valt is None:
            continue
        rader[topp], rader[valt] = rader[valt], rader[topp]
        p = rader[topp][kol]
        rader[topp] = [x / p for x in rader[topp]]
        for i in range(len(rader)):
            if i != topp and rader[i][kol]:
                f = rader[i][kol]
                rader[i] = [a - f * b for a, b in zip(rader[i], rader[topp], strict=True)]
        pivoter.append((kol, topp))
        topp += 1
    return [(kol, rader[i]) for kol, i in pivoter]


def komplettera(rutnat: Rutnat, dolda: set[Nyckel]) -> list[tuple[Nyckel, Nyckel]]:
    """Hide more cells until no hidden one can be solved: (the cell hidden, the cell it
    protects), in order. A part is hidden before a total, the smallest group first."""
    ut: list[tuple[Nyckel, Nyckel]] = []
    while given := bestamda(rutnat.relationer, dolda):
        skyddad = given[0]
        kandidater = [
            (k != rel.total, k)
            for rel in rutnat.relationer
            if skyddad in rel.celler
            for k in rel.celler
            if k not in dolda and ar_tal(rutnat.varden.get(k)) and rutnat.antal.get(k) != 0
        ]
        if not kandidater:  # tied only through other hidden cells: hide a neighbour of theirs
            kandidater = [
                (k != rel.total, k)
                for rel in rutnat.relationer
                if any(c in dolda for c in rel.celler)
                for k in rel.celler
                if k not in dolda and ar_tal(rutnat.varden.get(k))
            ]
        if not kandidater:
            break

        def ordning(par: tuple[bool, Nyckel]) -> tuple[bool, float, str]:
            n = rutnat.antal.get(par[1])
            return (not par[0], float("inf") if n is None else n, str(par[1]))

        valt = min(kandidater, key=ordning)[1]
        dolda.add(valt)
        ut.append((valt, skyddad))
    return ut
