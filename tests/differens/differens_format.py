"""What a source value should look like in each output.

The value is read here, independently of kvalitet (a Swedish number ``90,5``, ``1 266``,
``80 %``, or a text ``7,1 av 10``); only the last step, number → Swedish text, is kvalitet's own
(``kvalitet.grund.format``), and ``test_differens_formatering.py`` checks that step against hand-written
cases, so that the check is not circular."""

from __future__ import annotations

import re
from dataclasses import dataclass

from differens_html import ren_text

from kvalitet.grund import format as fmt

NBSP = "\u00a0"
_TAL = re.compile(r"^([-−]?)(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?(?:[ \u00a0]?(%))?$")


@dataclass(frozen=True)
class Tolkat:
    """A source value read: a number with the decimals it was written with, or a text."""

    tal: int | float | None
    decimaler: int
    procenttecken: bool
    text: str


def tolka(varde: object) -> Tolkat:
    if isinstance(varde, bool) or varde is None:
        return Tolkat(None, 0, False, "" if varde is None else str(varde))
    if isinstance(varde, int):
        return Tolkat(varde, 0, False, str(varde))
    if isinstance(varde, float):
        decimal = repr(varde).partition(".")[2]
        return Tolkat(varde, 0 if decimal in ("", "0") else len(decimal), False, repr(varde))
    text = str(varde)
    traff = _TAL.match(text.strip())
    if not traff:
        return Tolkat(None, 0, False, text)
    minus, heltal, decimal, procent = traff.groups()
    heltal = heltal.replace(" ", "").replace(NBSP, "")
    tecken = -1 if minus else 1
    if decimal is None:
        return Tolkat(tecken * int(heltal), 0, bool(procent), text)
    return Tolkat(tecken * float(f"{heltal}.{decimal}"), len(decimal), bool(procent), text)


def visas(varde: object, matt: str | None) -> str:
    """The text a document shows for the value: ``90,5 %`` for a procent, ``1 266``, or the text."""
    t = tolka(varde)
    if t.tal is None:
        return ren_text(t.text)
    if matt == "procent" or t.procenttecken:
        return fmt.procent(t.tal, t.decimaler)
    return fmt.tal(t.tal, t.decimaler)


def talas(text: str) -> str:
    """A shown value as a chart's text alternative says it: ``86,4 procent``."""
    return text.replace(f"{NBSP}%", " procent")


def lika_i_export(cell: object, varde: object, symbol: str | None, xlsx: bool = False) -> bool:
    """Whether a CSV or XLSX cell holds the source value, or the masking symbol. A number is a
    number: in the CSV written with a decimal comma and no thousands separator (``1266``,
    ``65,6``; ``83,0`` may be ``83``), in the XLSX a numeric cell."""
    if symbol is not None:
        return str(cell) == symbol
    t = tolka(varde)
    if t.tal is None:
        return str(cell if cell is not None else "") == t.text
    if isinstance(cell, str):
        if xlsx or not re.fullmatch(r"-?\d+(,\d+)?", cell):
            return False
        cell = float(cell.replace(",", "."))
    return isinstance(cell, int | float) and abs(float(cell) - float(t.tal)) < 1e-9
