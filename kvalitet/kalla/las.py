"""YAML source files to plain data, keeping the line and column of every value."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kvalitet.grund.problem import Problem, fel, varning
from kvalitet.kalla.yamldiagnos import syntaxfel, varningar

Sokvag = tuple[str | int, ...]

SNABB_LADDARE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser (about 20 times faster) where PyYAML was built with it."""
MAX_BYTES = 5 * 1024 * 1024
MAX_RADLANGD = 20_000
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

SPARA_UTF8 = (
    "spara filen som UTF-8: i Anteckningar välj Arkiv → Spara som → Kodning: UTF-8, "
    "i VS Code klicka på kodningen nere till höger och välj 'Save with Encoding' → UTF-8"
)


class YamlInt(int):
    """An int read from YAML that remembers the text it was written as."""

    kalltext: str


class YamlFloat(float):
    """A float read from YAML that remembers the text it was written as."""

    kalltext: str


class YamlDate(dt.date):
    """A date read from YAML that remembers the text it was written as."""

    kalltext: str


@dataclass
class Kalla:
    """One loaded source file: its data and where each value stands."""

    fil: Path
    data: Any = None
    positioner: dict[Sokvag, tuple[int, int]] = field(default_factory=dict)
    nyckelpositioner: dict[Sokvag, tuple[int, int]] = field(default_factory=dict)
    problem: list[Problem] = field(default_factory=list)
    text: str | None = None
    """The file's text, for messages that quote a line."""

    def rad(self, sokvag: Sokvag) -> str:
        """The source line of the value at ``sokvag`` (empty when unknown)."""
        if self.text is None:
            return ""
        rader = self.text.split("\n")
        nr = self.plats(sokvag)[0]
        return rader[nr - 1] if 0 < nr <= len(rader) else ""

    def plats(self, sokvag: Sokvag, *, nyckel: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``sokvag``, or of the nearest parent."""
        if nyckel and sokvag in self.nyckelpositioner:
            return self.nyckelpositioner[sokvag]
        sokvag = tuple(sokvag)
        while sokvag:
            if sokvag in self.positioner:
                return self.positioner[sokvag]
            if sokvag in self.nyckelpositioner:
                return self.nyckelpositioner[sokvag]
            sokvag = sokvag[:-1]
        return self.positioner.get((), (1, 1))

    def fel(self, sokvag: Sokvag, vad: str, hur: str = "", *, nyckel: bool = False) -> Problem:
        rad, kol = self.plats(sokvag, nyckel=nyckel)
        return fel(self.fil, rad, kol, vad, hur)

    def varning(self, sokvag: Sokvag, vad: str, hur: str = "", *, nyckel: bool = False) -> Problem:
        rad, kol = self.plats(sokvag, nyckel=nyckel)
        return varning(self.fil, rad, kol, vad, hur)

    @property
    def ok(self) -> bool:
        return not any(p.ar_fel for p in self.problem)


def las_text(fil: Path, kalla: Kalla) -> str | None:
    """Read a file as text; UTF-8 (with or without BOM) and UTF-16 with BOM are accepted."""
    try:
        storlek = fil.stat().st_size
    except OSError as exc:
        kalla.problem.append(fel(fil, 1, 1, f"filen kan inte läsas: {exc.strerror}"))
        return None
    if storlek > MAX_BYTES:
        kalla.problem.append(for_stor(fil, storlek))
        return None
    data = fil.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        kalla.problem.append(
            varning(fil, 1, 1, "filen är sparad som UTF-16, inte UTF-8", SPARA_UTF8)
        )
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            kalla.problem.append(fel(fil, 1, 1, "filen kan inte läsas som UTF-16", SPARA_UTF8))
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    utan_bom = _utf16_utan_bom(data)
    if utan_bom:
        kalla.problem.append(
            varning(fil, 1, 1, "filen är sparad som UTF-16, inte UTF-8", SPARA_UTF8)
        )
        try:
            return data.decode(utan_bom)
        except UnicodeDecodeError:
            kalla.problem.append(fel(fil, 1, 1, "filen kan inte läsas som UTF-16", SPARA_UTF8))
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        rad = data[: exc.start].count(b"\n") + 1
        kolumn = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        tecken = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        kalla.problem.append(
            fel(
                fil,
                rad,
                kolumn,
                f"filen är inte sparad som UTF-8 (tecknet '{tecken}' på rad {rad} kan inte läsas; "
                "filen är troligen sparad som Windows-1252/ANSI)",
                SPARA_UTF8,
            )
        )
        return None


def for_stor(fil: Path, storlek: int) -> Problem:
    """The error for a file over ``MAX_BYTES``."""
    return fel(
        fil,
        1,
        1,
        f"filen är för stor ({storlek / 1024 / 1024:.0f} MB; högst 5 MB)",
        "dela upp texten eller lägg stora tabeller i bilagor",
    )


def _utf16_utan_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text without a BOM."""
    prov = data[:2000]
    if len(prov) < 4 or b"\x00" not in prov:
        return None
    jamna = prov[0::2].count(0)
    udda = prov[1::2].count(0)
    halften = len(prov) // 2
    if udda > 0.4 * halften and jamna == 0:
        return "utf-16-le"
    if jamna > 0.4 * halften and udda == 0:
        return "utf-16-be"
    return None


_IN = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_UT = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def for_djupt(text: str) -> tuple[int, int] | None:
    """Line and column where ``text`` is nested deeper than ``MAX_DJUP``, or None. Reads only the
    tokens, which needs no recursion (the pure-Python composer recurses once per level)."""
    djup = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, _IN):
                djup += 1
                if djup > MAX_DJUP:
                    return token.start_mark.line + 1, token.start_mark.column + 1
            elif isinstance(token, _UT):
                djup -= 1
    except yaml.YAMLError:
        return None  # a syntax error: reported by the parser with its explanation
    return None


def djupfel(fil: Path, rad: int, kolumn: int) -> Problem:
    return fel(fil, rad, kolumn, "filen är för djupt nästlad", f"högst {MAX_DJUP} nivåer indrag")


def las_yaml(fil: Path) -> Kalla:
    """Load one YAML file into plain data with positions; problems are collected, never raised."""
    kalla = Kalla(fil)
    text = las_text(fil, kalla)
    if text is None:
        return kalla
    return las_yaml_text(text, fil, kalla)


def las_yaml_text(text: str, fil: Path, kalla: Kalla | None = None) -> Kalla:
    """Like ``las_yaml`` for a text already read (the editor's): the same limits and messages;
    ``fil`` is only the name the messages give."""
    kalla = kalla or Kalla(fil)
    storlek = len(text.encode("utf-8", "surrogatepass"))
    if storlek > MAX_BYTES:
        kalla.problem.append(for_stor(fil, storlek))
        return kalla
    kalla.text = text
    if "\x00" in text:
        kalla.problem.append(fel(fil, 1, 1, "filen innehåller binära data och är ingen textfil"))
        return kalla
    for nr, rad in enumerate(text.splitlines(), start=1):
        if len(rad) > MAX_RADLANGD:
            kalla.problem.append(
                fel(
                    fil,
                    nr,
                    MAX_RADLANGD + 1,
                    f"rad {nr} är för lång ({len(rad):,} tecken; högst {MAX_RADLANGD:,})".replace(
                        ",", "\u00a0"
                    ),
                    "dela upp texten: skriv '|' efter kolonet och texten på flera indragna rader",
                )
            )
            return kalla
    try:
        nod = yaml.compose(text, Loader=SNABB_LADDARE)
    except yaml.MarkedYAMLError:
        # libyaml is fast but terse; the pure-Python parser explains the same error better. It
        # recurses once per level, so a file nested too deep is found first by its tokens.
        djup = for_djupt(text)
        if djup is not None:
            kalla.problem.append(djupfel(fil, *djup))
            return kalla
        try:
            nod = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            kalla.problem.append(syntaxfel(fil, exc, text))
            return kalla
        except RecursionError:
            kalla.problem.append(djupfel(fil, 1, 1))
            return kalla
    except yaml.YAMLError as exc:
        kalla.problem.append(fel(fil, 1, 1, f"filen kan inte läsas som YAML: {exc}"))
        return kalla
    except RecursionError:
        kalla.problem.append(djupfel(fil, *(for_djupt(text) or (1, 1))))
        return kalla
    if nod is None or (isinstance(nod, ScalarNode) and nod.tag.endswith(":null")):
        kalla.problem.append(
            fel(
                fil,
                1,
                1,
                "filen är tom",
                "skriv enhetens uppgifter, börja med 'namn:', 'skolform:' och 'period:'",
            )
        )
        return kalla
    omvandlare = _Omvandlare(kalla)
    try:
        kalla.data = omvandlare.bygg(nod, ())
    except _Avbryt:
        kalla.data = None
    for slarv in varningar(text):
        kalla.problem.append(varning(fil, slarv.rad, slarv.kolumn, slarv.vad, slarv.hur))
    return kalla


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


def kalltext(varde: Any) -> str:
    """The text a scalar was written as in the YAML file."""
    return getattr(varde, "kalltext", None) or str(varde)


def las_data(fil: Path) -> tuple[Any, list[Problem]]:
    """A YAML file's plain data under the limits of ``las_yaml`` (size, line length, values
    after the aliases are filled in, depth, tags), and its errors. Every YAML file the package
    reads goes through here or ``las_yaml``; the data is None when a limit stopped the reading."""
    kalla = las_yaml(fil)
    return kalla.data, [p for p in kalla.problem if p.ar_fel]
