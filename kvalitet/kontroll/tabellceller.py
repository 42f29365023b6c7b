"""A word in a table's number cell (``flickor: åttio`` under ``mått: antal``): an error at the
cell, with the number written in digits when the word is a Swedish number word."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.modellfel import visa_sokvag
from kvalitet.kontroll.talord import tal_ur_ord
from kvalitet.modell import Diagram, Tabell

SYMBOLER = {"..", ".", "-", "–", "---", "—", "~100", "×", ""}
"""The statistics' own symbols, which stand in a number cell by right."""
_SIFFRA = re.compile(r"\d")


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
