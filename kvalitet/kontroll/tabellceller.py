"""A word in a table's number cell (``flickor: åttio`` under ``mått: antal``): an error at the
cell, with the number written in digits when the word is a Swedish number word."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.modellfel import visa_sokvag
from kvalitet.modell import Diagram, Tabell

SYMBOLER = {"..", ".", "-", "–", "~100", "×", ""}
"""The statistics' own symbols, which stand in a number cell by right."""
_SIFFRA = re.compile(r"\d")
_ORD = {
    0: "noll",
    1: "en ett",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
    13: "tretton",
    14: "fjorton",
    15: "femton",
    16: "sexton",
    17: "sjutton",
    18: "arton",
    19: "nitton",
    20: "tjugo tjugu",
    30: "trettio tretti",
    40: "fyrtio fyrti förtio förti",
    50: "femtio femti",
    60: "sextio sexti",
    70: "sjuttio sjutti",
    80: "åttio åtti",
    90: "nittio nitti",
    100: "hundra",
    1000: "tusen",
}
TALORD = {ord_: tal for tal, orden in _ORD.items() for ord_ in orden.split()}
"""Swedish number words, in their written and spoken forms."""
_LANGST_FORST = sorted(TALORD, key=len, reverse=True)


def tal_ur_ord(text: str) -> int | None:
    """A Swedish number word as a number ('åttio' 80, 'tjugoett' 21, 'etthundratolv' 112);
    None when the text is not one."""
    rest = re.sub(r"[\s-]", "", text.strip().lower()).removesuffix("procent").rstrip("%")
    delar: list[int] = []
    while rest:
        ord_ = next((o for o in _LANGST_FORST if rest.startswith(o)), None)
        if ord_ is None:
            return None
        delar.append(TALORD[ord_])
        rest = rest[len(ord_) :]
    if not delar:
        return None
    summa, nu = 0, 0
    for del_ in delar:
        if del_ == 1000:
            summa += (nu or 1) * 1000
            nu = 0
        elif del_ == 100:
            nu = (nu or 1) * 100
        else:
            nu += del_
    return summa + nu


def ord_i_talceller(tabell: Tabell | Diagram, kalla: Kalla, sokvag: Sokvag) -> list[Problem]:
    """An error for each cell of a row shown as antal or procent that is a word: it would be
    printed as written, never counted, charted or tested by the röjandekontroll."""
    ut: list[Problem] = []
    for i, rad in enumerate(tabell.rader):
        matt = rad.matt or tabell.matt
        if matt not in ("antal", "procent"):
            continue
        var = "raden" if rad.matt else "tabellen"
        radsok: Sokvag = (*sokvag, "rader", i)
        celler: list[tuple[Sokvag, str, Any]] = [
            ((*radsok, namn), namn, getattr(rad, namn)) for namn in ("flickor", "pojkar", "totalt")
        ]
        celler += [((*radsok, "värden", j), "", v) for j, v in enumerate(rad.varden or [])]
        for cellsok, namn, varde in celler:
            if not isinstance(varde, str) or varde.strip() in SYMBOLER or _SIFFRA.search(varde):
                continue
            tal = tal_ur_ord(varde)
            skriv = f"{namn}: {tal}" if namn else str(tal)
            hur = (
                f"skriv talet med siffror: '{skriv}'"
                if tal is not None
                else "skriv ett tal med siffror, t.ex. 21 eller 86,2"
            ) + "; '..' betyder att uppgiften inte redovisas"
            problem = kalla.fel(
                cellsok,
                f"'{visa_sokvag(cellsok)}' är texten '{varde}', men {var} har 'mått: {matt}' "
                "och visar tal (en text räknas inte, ritas inte och prövas inte av "
                "röjandekontrollen)",
                hur,
            )
            ut.append(
                dataclasses.replace(
                    problem,
                    sokvag=cellsok,
                    falttext=f"'{varde}' är inget tal; {hur}",
                )
            )
    return ut
