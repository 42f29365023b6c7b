"""A table or chart of a section as the templates show it: its cells formatted per column (the
rapportmall's unit of measure, a year as written, prose that wraps, Markdown), blank cells
blank, its footnotes, and the rows of a bedömningsskala with the step's words and colour."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from kvalitet.berika.diagram import Serie, stapeldiagram
from kvalitet.berika.roj import SYMBOLER, forklaring, symboler_i
from kvalitet.grund import format as fmt
from kvalitet.modell import Diagram, MarkdownText, Tabell
from kvalitet.modell.malltabell import BEDOMNINGSKOLUMN, steg_for
from kvalitet.modell.rapportmall_tabell import Kolumnmall, Skala, Tabellmall

ARSKOLUMNER = ("år", "läsår", "kalenderår", "årtal", "period")
"""Column headings whose values are years, written as they stand (``2025``, not ``2 025``)."""
_MARKDOWN = re.compile(r"[*_`\[\n]|^\s*(?:[-+]|\d+[.)])\s")
_FARG = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
_PROSA = 25
"""A text cell longer than this (in characters) is prose: its column wraps and reads left."""


@dataclass
class VyBedomning:
    """A cell assessed on a scale: the step the unit wrote, its words and its colour (a marker
    beside the words, never alone)."""

    varde: str
    ord: str
    farg: str | None
    sort: str = "bedömning"


@dataclass
class VyTabell:
    rubrik: str | None
    radrubrik: str
    kolumner: list[str]
    rader: list[tuple[str, list[Any]]]
    kalla: str | None
    symboler: list[str] = field(default_factory=list)
    diagram: Markup | None = None
    sort: str = "tabell"
    forklaring: dict[str, str] = field(default_factory=dict)
    """The legend's texts in the words of the table's data ("färre än 10 svarande")."""
    kolumnsorter: list[str] = field(default_factory=list)
    """Per value column its class in the HTML: ``""`` (numbers, right-aligned), ``text``
    (prose, wraps), ``ar`` (years as written) or ``skala`` (a step of a scale)."""
    fotnoter: list[str] = field(default_factory=list)
    """The rapportmall's footnote and the unit's (Markdown), under the table."""

    @property
    def namn(self) -> str:
        """The table's name for assistive technology: its caption, or else its columns."""
        return self.rubrik or "Tabell: " + ", ".join([self.radrubrik, *self.kolumner]).strip(", ")


@dataclass
class VyDiagram:
    rubrik: str
    svg: Markup
    kalla: str | None
    symboler: list[str] = field(default_factory=list)
    sort: str = "diagram"
    forklaring: dict[str, str] = field(default_factory=dict)


def _kolumner(t: Tabell | Diagram) -> tuple[list[str], list[list[Any]], list[list[Any]]]:
    """Column headings, the values per row and the measure per cell of a table or chart."""
    if t.kolumner:
        kolumner = list(t.kolumner)
        radvarden = [list(r.varden or []) for r in t.rader]
        mattlista = [[r.matt or t.matt] * len(kolumner) for r in t.rader]
        return kolumner, radvarden, mattlista
    falt = [
        (namn, rubrik)
        for namn, rubrik in (("flickor", "Flickor"), ("pojkar", "Pojkar"), ("totalt", "Totalt"))
        if any(getattr(r, namn) is not None for r in t.rader)
    ]
    kolumner = [rubrik for _, rubrik in falt]
    radvarden = [[getattr(r, namn) for namn, _ in falt] for r in t.rader]
    mattlista = [[r.matt or t.matt] * len(falt) for r in t.rader]
    return kolumner, radvarden, mattlista


def _staplar(ident: str, t: Tabell | Diagram, titel: str) -> Markup:
    kolumner, radvarden, _ = _kolumner(t)
    serier = [
        Serie(kolumn, [varden[k] if k < len(varden) else None for varden in radvarden])
        for k, kolumn in enumerate(kolumner)
    ]
    # a chart has one measure: the table's, else the one all its rows give (as the table shows)
    radernas = {r.matt for r in t.rader}
    matt = t.matt or (radernas.pop() if len(radernas) == 1 else None)
    return stapeldiagram(ident, titel, [r.rad for r in t.rader], serier, matt, bredd=600)


def _ar_tal(varde: Any) -> bool:
    return isinstance(varde, int | float) and not isinstance(varde, bool)


def _text(varde: str) -> str:
    """A text cell as written; Markdown (bold, a link, a list) when it has Markdown in it, but
    never a symbol (``---`` is no rule, ``..`` no paragraph)."""
    if varde.strip() in SYMBOLER or varde.strip() in ("---", "—", "×", "~100"):
        return varde
    return MarkdownText(varde) if _MARKDOWN.search(varde) else varde


def _cell(varde: Any, matt: str | None, kolumn: Kolumnmall | None, sort: str) -> Any:
    """One cell shown: blank when the unit left it blank, else by its column."""
    if varde is None or (isinstance(varde, str) and not varde.strip()):
        return ""
    if sort == "ar":
        return str(varde).strip()
    if not _ar_tal(varde):
        return _text(str(varde))
    if kolumn is None or getattr(varde, "procenttecken", False):
        return fmt.varde(varde, matt)
    if kolumn.matt:
        return f"{fmt.tal(varde)}{fmt.NBSP}{kolumn.matt}"
    return fmt.tal(varde)


def _kolumnsort(
    rubrik: str, kolumn: Kolumnmall | None, celler: list[Any], matt: set[Any], skala: bool
) -> str:
    if skala:
        return "skala"
    if kolumn is not None:
        return {"text": "text", "år": "ar"}.get(kolumn.sort, "")
    if rubrik.strip().casefold() in ARSKOLUMNER:
        return "ar"
    prosa = any(isinstance(c, str) and len(c.strip()) > _PROSA for c in celler)
    return "text" if prosa or (matt == {"text"} and any(isinstance(c, str) for c in celler)) else ""


def _bedomning(varde: Any, skala: Skala) -> Any:
    steg = steg_for(skala.steg, varde)
    if steg is None:
        return varde  # not on the scale: kontrollera says so, and the word stands as written
    farg = steg.farg if steg.farg and _FARG.match(steg.farg.strip()) else None
    return VyBedomning(steg.varde, steg.ord, farg.strip() if farg else None)


def tabell(
    t: Tabell,
    ident: str,
    grans: int = 10,
    mall: Tabellmall | None = None,
    skalor: Mapping[str, Skala] | None = None,
) -> VyTabell:
    """A table of the unit, under the table ``mall`` its rapportmall's part expects (if any)."""
    kolumner, radvarden, mattlista = _kolumner(t)
    mallkolumner: Sequence[Kolumnmall | None] = list(mall.kolumner) if mall else []
    mallkolumner = [*mallkolumner, *[None] * (len(kolumner) - len(mallkolumner))]
    skala = (
        (skalor or {}).get(mall.skala or "") if mall and mall.sort == "bedömningsskala" else None
    )
    sorter = [
        _kolumnsort(
            rubrik,
            mallkolumner[k],
            [v[k] for v in radvarden if k < len(v)],
            {m[k] for m in mattlista if k < len(m)},
            skala is not None and k == BEDOMNINGSKOLUMN,
        )
        for k, rubrik in enumerate(kolumner)
    ]
    rader = []
    for r, varden, matt in zip(t.rader, radvarden, mattlista, strict=True):
        celler = []
        for k, (v, m) in enumerate(zip(varden, matt, strict=False)):
            if sorter[k] == "skala" and skala is not None and v is not None:
                celler.append(_bedomning(v, skala))
            else:
                celler.append(_cell(v, m, mallkolumner[k], sorter[k]))
        rader.append((r.rad, celler))
    fotnoter = [f for f in ((mall.fotnot if mall else None), t.fotnot) if f and f.strip()]
    return VyTabell(
        t.rubrik,
        t.radrubrik or "",
        kolumner,
        rader,
        t.kalla,
        symboler_i([c for _, celler in rader for c in celler if isinstance(c, str)]),
        _staplar(ident, t, t.rubrik or "") if t.diagram == "stapel" else None,
        forklaring=forklaring([t.rojande], grans),
        kolumnsorter=sorter if any(sorter) else [],
        fotnoter=fotnoter,
    )


def diagram(d: Diagram, ident: str, grans: int = 10) -> VyDiagram:
    _, radvarden, _ = _kolumner(d)
    symboler = symboler_i([v for varden in radvarden for v in varden])
    vy = VyDiagram(d.rubrik, _staplar(ident, d, d.rubrik), d.kalla, symboler)
    vy.forklaring = forklaring([d.rojande], grans)
    return vy
