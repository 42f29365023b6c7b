"""Röjandekontroll of one table or styrtal: its cells, its total row and column, the counts a
reader can infer, and every value that is shown as ``..``, ``~100`` or ``-``, with why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kvalitet.kontroll.roj_komplement import (
    Nyckel,
    Relation,
    Rutnat,
    ar_dold,
    bygg_relationer,
    komplettera,
)
from kvalitet.kontroll.roj_regler import NARA_HUNDRA, PERSONER, Dold, primar
from kvalitet.modell import Rad
from kvalitet.modell.status import ar_tal

GRUPPER = ("flickor", "pojkar", "totalt")
_TOTALNAMN = re.compile(r"^\s*(samtliga|totalt?|summa|alla\b|hela\b|samtliga)", re.IGNORECASE)


def _summor(tal: Sequence[Any]) -> set[int]:
    """The positions whose number is the sum of the others' (at least two others)."""
    summa = sum(tal)
    return {i for i, t in enumerate(tal) if t * 2 == summa}


def _summalinje(linjer: list[list[Any]], antal: list[list[int | None]], matt: str | None) -> Any:
    """The position that is the others' sum in every line where it can be told: by the
    counts, or by the values of ``mått: antal`` (None when the lines disagree or none can)."""
    kallor: list[list[list[Any]]] = [list(map(list, antal)), linjer if matt == "antal" else []]
    for tal in kallor:
        kompletta = [t for t in tal if len(t) >= 3 and all(ar_tal(x) for x in t) and sum(t)]
        if not kompletta:
            continue
        gemensamma = set.intersection(*(_summor(t) for t in kompletta))
        if len(gemensamma) == 1:
            return gemensamma.pop()
    return None


def rutnat_for_rader(
    rader: Sequence[Rad], matt: str | None, kolumner: Sequence[str] | None
) -> Rutnat:
    """A table's or chart's rows as a grid, with its total column and total row found."""
    lista = any(isinstance(r.antal, list) or r.varden is not None for r in rader)
    varden: dict[Nyckel, Any] = {}
    antal: dict[Nyckel, int | None] = {}
    mattkarta: dict[Nyckel, str | None] = {}
    if lista:
        bredd = max((len(r.varden or []) for r in rader), default=0)
        nycklar: list[str | int] = list(range(bredd))
        namn: dict[str | int, str] = {
            k: (list(kolumner or [])[k] if k < len(kolumner or []) else f"kolumn {k + 1}")
            for k in range(bredd)
        }
    else:
        nycklar = [g for g in GRUPPER if any(getattr(r, g) is not None for r in rader)]
        namn = {g: str(g) for g in nycklar}
    for i, rad in enumerate(rader):
        for k in nycklar:
            nyckel = (i, k)
            if isinstance(k, int):
                varden[nyckel] = (
                    (rad.varden or [None] * (k + 1))[k] if k < len(rad.varden or []) else None
                )
                n = rad.antal[k] if isinstance(rad.antal, list) and k < len(rad.antal) else None
            else:
                varden[nyckel] = getattr(rad, k)
                n = (
                    getattr(rad.antal, k)
                    if rad.antal is not None and not isinstance(rad.antal, list)
                    else None
                )
            antal[nyckel] = n
            mattkarta[nyckel] = rad.matt or matt
    rutnat = Rutnat(varden, antal, mattkarta, [r.rad for r in rader], nycklar, namn)
    if lista:
        rubriker = [namn[k] for k in nycklar]
        tk = next((k for k, t in zip(nycklar, rubriker, strict=True) if _TOTALNAMN.match(t)), None)
        if tk is None:
            linjer = [[varden[(i, k)] for k in nycklar] for i in range(len(rader))]
            tal = [[antal[(i, k)] for k in nycklar] for i in range(len(rader))]
            tk = _summalinje(
                linjer, tal, matt if all(r.matt in (None, matt) for r in rader) else None
            )
        rutnat.totalkolumn = tk
    elif "flickor" in nycklar and "pojkar" in nycklar and "totalt" in nycklar:
        rutnat.totalkolumn = "totalt"
    tr = next((i for i, r in enumerate(rader) if _TOTALNAMN.match(r.rad or "")), None)
    if tr is None and len(rader) >= 3:
        linjer = [[varden[(i, k)] for i in range(len(rader))] for k in nycklar]
        tal = [[antal[(i, k)] for i in range(len(rader))] for k in nycklar]
        tr = _summalinje(linjer, tal, matt if all(r.matt in (None, matt) for r in rader) else None)
    rutnat.totalrad = tr
    rutnat.relationer = bygg_relationer(rutnat)
    return rutnat


def rutnat_for_styrtal(
    utfall: Any, flickor: Any, pojkar: Any, antal: dict[str, int | None] | None, matt: str | None
) -> Rutnat:
    """A styrtal's result as a grid of one row: flickor, pojkar and the utfall (the total)."""
    rad = Rad.model_validate(
        {"rad": "", "flickor": flickor, "pojkar": pojkar, "totalt": utfall, "antal": antal}
    )
    rutnat = rutnat_for_rader([rad], matt, None)
    rutnat.kolumnnamn = {**rutnat.kolumnnamn, "totalt": "utfallet"}
    return rutnat


def _dela_antal(rutnat: Rutnat) -> dict[Nyckel, tuple[int, str]]:
    """Counts a reader can infer for cells without one: a total's is its parts' sum (``n``,
    how); a part's is at most its total's (``-n``)."""
    harledda: dict[Nyckel, tuple[int, str]] = {}
    for _ in range(2):
        for rel in rutnat.relationer:
            if rutnat.antal.get(rel.total) is None and rel.total not in harledda:
                delar = [rutnat.antal.get(k) for k in rel.delar]
                if all(n is not None for n in delar):
                    summa = sum(n or 0 for n in delar)
                    text = " och ".join(
                        f"{rutnat.kolumnnamn.get(k[1], k[1]) if k[0] == rel.total[0] else rutnat.radnamn[k[0]]} ({n})"
                        for k, n in zip(rel.delar, delar, strict=True)
                    )
                    harledda[rel.total] = (
                        summa,
                        f"{rutnat.namn(rel.total)} inte har något antal och {text} tillsammans är",
                    )
    return harledda


def maskera_rutnat(rutnat: Rutnat, slag: str, grans: int) -> dict[Nyckel, Dold]:
    """Every value of the grid that is shown as a symbol, with the reason."""
    if slag == "ingen":
        return {}
    vem = PERSONER[slag]
    ut: dict[Nyckel, Dold] = {}
    harledda = _dela_antal(rutnat)
    for k, varde in rutnat.varden.items():
        n = rutnat.antal.get(k)
        if n is None and k in harledda:
            n, hur = harledda[k]
            if 0 < n < grans and varde is not None and not ar_dold(varde):
                ut[k] = Dold("..", f"{hur} {n} {vem}, färre än {grans}")
                continue
        if not ar_dold(varde) and (dold := primar(varde, n, rutnat.matt.get(k), slag, grans)):
            ut[k] = dold
    for rel in rutnat.relationer:
        _ovre_grans(rutnat, rel, ut, harledda, vem, grans, slag)
    dolda = {k for k, v in rutnat.varden.items() if ar_dold(v)}
    dolda |= {k for k, d in ut.items() if d.symbol != "-"}
    for valt, skyddad in komplettera(rutnat, dolda):
        if skyddad[0] == valt[0]:
            kort = rutnat.kolumnnamn.get(skyddad[1], str(skyddad[1]))
        elif skyddad[1] == valt[1]:
            kort = f"raden '{rutnat.radnamn[skyddad[0]]}'"
        else:
            kort = rutnat.namn(skyddad)
        ut[valt] = Dold(
            "..", f"det dolda värdet för {kort} annars kan räknas fram ur det här och totalen"
        )
    return ut


def _ovre_grans(
    rutnat: Rutnat,
    rel: Relation,
    ut: dict[Nyckel, Dold],
    harledda: dict[Nyckel, tuple[int, str]],
    vem: str,
    grans: int,
    slag: str,
) -> None:
    """A part without a count is never larger than its total, and never more exact."""
    total_n = rutnat.antal.get(rel.total)
    if total_n is None and rel.total in harledda:
        total_n = harledda[rel.total][0]
    for k in rel.delar:
        varde = rutnat.varden.get(k)
        if rutnat.antal.get(k) is not None or k in ut or not ar_tal(varde):
            continue
        if total_n is not None and total_n < grans:
            ut[k] = Dold(
                "..",
                f"{rutnat.namn(k)} inte har något antal och aldrig är större än "
                f"{rutnat.namn(rel.total)}, som bygger på {total_n} {vem}",
            )
        elif (
            slag in NARA_HUNDRA
            and getattr(ut.get(rel.total), "symbol", None) == "~100"
            and rutnat.matt.get(k) == "procent"
            and varde < 100
        ):
            ut[k] = Dold(
                "~100",
                f"{rutnat.namn(rel.total)} visas som ~100 och en grupp inte får visas "
                "exaktare än sin total",
            )
