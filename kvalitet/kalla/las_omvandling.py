"""YAML nodes to plain Python data with positions: the converter behind ``las.las_yaml``, with
its limits on values, text, depth, tags and lone surrogates."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kvalitet.grund.problem import fel

if TYPE_CHECKING:
    from kvalitet.kalla.las import Kalla

Sokvag = tuple[str | int, ...]

MAX_NODER = 200_000
MAX_TECKEN = 10_000_000
"""Text in all values together, counted as the aliases ('*namn') fill it in: a small file whose
aliases repeat a long text would otherwise become a report of hundreds of megabytes."""
MAX_DJUP = 60
SURROGAT = re.compile("[\ud800-\udfff]")
"""A lone surrogate: '"\\uD800"' in a double-quoted YAML string gives one."""

_TILLATNA_TAGGAR = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlInt(int):
    """An int read from YAML that remembers the text it was written as."""

    kalltext: str


class YamlFloat(float):
    """A float read from YAML that remembers the text it was written as."""

    kalltext: str


class YamlDate(dt.date):
    """A date read from YAML that remembers the text it was written as."""

    kalltext: str


class _Avbryt(Exception):
    """Stop converting a document that is too large or too deep."""


class _Omvandlare:
    """Turns a composed YAML node tree into plain Python data with positions."""

    def __init__(self, kalla: Kalla) -> None:
        self.kalla = kalla
        self.konstruktor = yaml.SafeLoader("")
        self.noder = 0
        self.tecken = 0
        self.sedda: set[int] = set()
        self.alias = False

    def _pos(self, nod: Node) -> tuple[int, int]:
        return nod.start_mark.line + 1, nod.start_mark.column + 1

    def _fel(self, nod: Node, vad: str, hur: str = "") -> None:
        rad, kol = self._pos(nod)
        self.kalla.problem.append(fel(self.kalla.fil, rad, kol, vad, hur))

    def bygg(self, nod: Node, sokvag: Sokvag) -> Any:
        self.noder += 1
        if id(nod) in self.sedda:
            self.alias = True  # the same node again: an alias ('*namn') repeats it
        self.sedda.add(id(nod))
        if isinstance(nod, ScalarNode):
            self.tecken += len(str(nod.value))
            nod.value = self._utan_surrogat(nod)
        if self.noder > MAX_NODER or self.tecken > MAX_TECKEN:
            if self.alias:
                self._fel(
                    nod,
                    "filen blir för stor när ankarna ('&namn') fylls i där aliasen ('*namn') står",
                    "skriv ut innehållet utan '&' och '*'",
                )
            else:
                self._fel(
                    nod,
                    f"filen innehåller för mycket: över {MAX_NODER:,} värden eller "
                    f"{MAX_TECKEN:,} tecken".replace(",", "\u00a0"),
                    "dela upp rapporten, eller korta långa tabeller och texter",
                )
            raise _Avbryt
        if len(sokvag) > MAX_DJUP:
            self._fel(nod, "filen är för djupt nästlad", f"högst {MAX_DJUP} nivåer indrag")
            raise _Avbryt
        self.kalla.positioner.setdefault(sokvag, self._pos(nod))
        if nod.tag not in _TILLATNA_TAGGAR:
            self._fel(
                nod,
                f"taggen '{nod.tag}' är inte tillåten",
                "ta bort taggen som börjar med '!' och skriv värdet som vanlig text",
            )
            return None
        if isinstance(nod, MappingNode):
            return self._mappning(nod, sokvag)
        if isinstance(nod, SequenceNode):
            return [self.bygg(barn, (*sokvag, i)) for i, barn in enumerate(nod.value)]
        assert isinstance(nod, ScalarNode)
        return self._skalar(nod)

    def _utan_surrogat(self, nod: ScalarNode) -> str:
        """The scalar's text; a lone surrogate ('\\uD800', half of a UTF-16 pair, which no file
        can be written with) is an error and becomes U+FFFD, so no later stage meets it."""
        text = str(nod.value)
        forsta = SURROGAT.search(text)
        if forsta is None:
            return text
        kod = f"\\u{ord(forsta.group()):04X}"
        self._fel(
            nod,
            f"texten innehåller '{kod}', en ensam halva av ett UTF-16-par, som inte är något "
            "tecken och inte kan sparas i en fil",
            f"ta bort '{kod}' ur texten, eller skriv tecknet självt (t.ex. 😀) i stället för "
            "dess kod",
        )
        return SURROGAT.sub("\ufffd", text)

    def _mappning(self, nod: MappingNode, sokvag: Sokvag) -> dict[str, Any]:
        resultat: dict[str, Any] = {}
        forsta: dict[str, int] = {}
        for nyckelnod, vardenod in nod.value:
            if not isinstance(nyckelnod, ScalarNode):
                self._fel(nyckelnod, "ett fältnamn måste vara en enkel text")
                continue
            nyckel = self._utan_surrogat(nyckelnod)
            if nyckel in forsta:
                self._fel(
                    nyckelnod,
                    f"fältet '{nyckel}' förekommer två gånger "
                    f"(första gången på rad {forsta[nyckel]})",
                    "ta bort det ena eller slå ihop innehållet",
                )
                continue
            forsta[nyckel] = nyckelnod.start_mark.line + 1
            self.kalla.nyckelpositioner[(*sokvag, nyckel)] = self._pos(nyckelnod)
            resultat[nyckel] = self.bygg(vardenod, (*sokvag, nyckel))
        return resultat

    def _skalar(self, nod: ScalarNode) -> Any:
        try:
            varde = self.konstruktor.construct_object(nod, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return str(nod.value)
        if isinstance(varde, bool) or varde is None:
            return varde
        if isinstance(varde, int):
            ut: Any = YamlInt(varde)
        elif isinstance(varde, float):
            ut = YamlFloat(varde)
        elif isinstance(varde, dt.datetime):
            return varde
        elif isinstance(varde, dt.date):
            ut = YamlDate(varde.year, varde.month, varde.day)
        else:
            return varde
        ut.kalltext = str(nod.value)
        return ut
