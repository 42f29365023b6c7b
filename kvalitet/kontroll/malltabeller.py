"""A unit's tables against the tables its rapportmall's parts expect: a table ``id`` the part
does not have, a row the template's fixed rows do not have, a cell of a ``bedömningsskala`` that
is no step of its scale, and a word in a column the template gives numbers (each an error at its
cell, with a suggestion)."""

from __future__ import annotations

from collections.abc import Callable

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.tabellceller import SYMBOLER
from kvalitet.modell import Avsnitt, Enhetsrapport, Huvudavsnitt, Tabell
from kvalitet.modell.malltabell import (
    BEDOMNINGSKOLUMN,
    normalisera,
    skalans_steg,
    steg_for,
    tabellmall_for,
)
from kvalitet.modell.rapportmall import Del, Rapportmall
from kvalitet.modell.rapportmall_disposition import delens_varde
from kvalitet.modell.rapportmall_tabell import Steg, Tabellmall

TALSORTER = ("tal", "procent", "antal")


def kontrollera_tabeller(
    rapport: Enhetsrapport, mall: Rapportmall, namn: str, kalla: Callable[[], Kalla]
) -> list[Problem]:
    """Every table of every part of ``mall`` (named ``namn``) that expects tables."""
    ut: list[Problem] = []
    for _, del_ in mall.alla_delar():
        if not del_.tabeller:
            continue
        varde = delens_varde(rapport, del_.falt, del_.id)
        if not isinstance(varde, Avsnitt | Huvudavsnitt):
            continue
        bas: Sokvag = tuple(del_.falt.split(".")) if del_.falt else ("delar", del_.id)
        for i, tabell in enumerate(varde.tabeller):
            sokvag: Sokvag = (*bas, "tabeller", i)
            tmall = tabellmall_for(tabell, i, del_.tabeller)
            if tabell.id is not None and tmall is None:
                ut.append(_okant_id(tabell.id, del_, namn, kalla(), sokvag))
                continue
            if tmall is None:
                continue
            ut.extend(_fasta_rader(tabell, tmall, kalla, sokvag))
            ut.extend(_skalans_celler(tabell, tmall, skalans_steg(mall, tmall), kalla, sokvag))
            ut.extend(_ord_i_talkolumner(tabell, tmall, kalla, sokvag))
    return ut


def _okant_id(id_: str, del_: Del, namn: str, kalla: Kalla, sokvag: Sokvag) -> Problem:
    ids = [t.id for t in del_.tabeller]
    forslag = menade_du(id_, ids)
    egen = "ta bort 'id:' om tabellen är enhetens egen"
    hur = (
        f"menade du '{forslag}'? Annars: {egen}"
        if forslag
        else "skriv en av " + ", ".join(f"'{t}'" for t in ids) + f", eller {egen}"
    )
    return kalla.fel(
        (*sokvag, "id"),
        f"delen '{del_.rubrik}' i rapportmallen '{namn}' har ingen tabell '{id_}'",
        hur,
    )


def _fasta_rader(
    tabell: Tabell, tmall: Tabellmall, kalla: Callable[[], Kalla], sokvag: Sokvag
) -> list[Problem]:
    """A row the template's fixed rows do not have is an error (with the closest as a
    suggestion); a fixed row the unit left out is a warning at the table."""
    if not tmall.rader:
        return []
    ut: list[Problem] = []
    skrivna = [rad.rad for rad in tabell.rader]
    for r, namn in enumerate(skrivna):
        if namn in tmall.rader:
            continue
        forslag = menade_du(namn, tmall.rader)
        ut.append(
            kalla().fel(
                (*sokvag, "rader", r, "rad"),
                f"raden '{namn}' finns inte bland rapportmallens rader för tabellen '{tmall.id}'",
                (f"menade du '{forslag}'? " if forslag else "")
                + "mallens rader är "
                + ", ".join(f"'{n}'" for n in tmall.rader),
            )
        )
    saknas = [n for n in tmall.rader if n not in skrivna]
    if saknas:
        ut.append(
            kalla().varning(
                (*sokvag, "rader"),
                f"tabellen '{tmall.id}' saknar mallens rader "
                + ", ".join(f"'{n}'" for n in saknas),
                "lägg till en rad med 'rad:' för var och en",
            )
        )
    return ut


def _skalans_celler(
    tabell: Tabell,
    tmall: Tabellmall,
    steg: list[Steg],
    kalla: Callable[[], Kalla],
    sokvag: Sokvag,
) -> list[Problem]:
    """A cell of the assessment column that is no step of the scale."""
    if not steg:
        return []
    ut: list[Problem] = []
    varden = [s.varde for s in steg]
    for r, rad in enumerate(tabell.rader):
        celler = rad.varden or []
        if len(celler) <= BEDOMNINGSKOLUMN:
            continue
        cell = celler[BEDOMNINGSKOLUMN]
        if cell is None or not str(cell).strip() or steg_for(steg, cell) is not None:
            continue
        forslag = menade_du(normalisera(cell), [normalisera(v) for v in varden])
        alla = ", ".join(f"'{v}'" for v in varden)
        hur = (
            f"menade du '{next(v for v in varden if normalisera(v) == forslag)}'? "
            if forslag
            else ""
        ) + f"skalan '{tmall.skala}' har stegen {alla}"
        ut.append(
            kalla().fel(
                (*sokvag, "rader", r, "värden", BEDOMNINGSKOLUMN),
                f"raden '{rad.rad}' har bedömningen '{cell}', som inte är ett steg på skalan "
                f"'{tmall.skala}'",
                hur,
            )
        )
    return ut


def _ord_i_talkolumner(
    tabell: Tabell, tmall: Tabellmall, kalla: Callable[[], Kalla], sokvag: Sokvag
) -> list[Problem]:
    """A word in a column the template gives numbers: it would stand as written, uncounted."""
    ut: list[Problem] = []
    for r, rad in enumerate(tabell.rader):
        for k, cell in enumerate(rad.varden or []):
            if k >= len(tmall.kolumner) or tmall.kolumner[k].sort not in TALSORTER:
                continue
            if not isinstance(cell, str) or cell.strip() in SYMBOLER:
                continue
            kolumn = tmall.kolumner[k]
            ut.append(
                kalla().fel(
                    (*sokvag, "rader", r, "värden", k),
                    f"raden '{rad.rad}' har texten '{cell}' i kolumnen '{kolumn.rubrik}', som "
                    f"rapportmallen ger sorten '{kolumn.sort}'",
                    "skriv ett tal med siffror, t.ex. 86 eller 86,2; '..' om uppgiften inte "
                    "redovisas, '---' om den inte finns",
                )
            )
    return ut
