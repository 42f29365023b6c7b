"""YAML source files to plain data, keeping the line and column of every value."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from kvalitet.grund.problem import Problem, fel, varning
from kvalitet.kalla.las_omvandling import MAX_DJUP as MAX_DJUP
from kvalitet.kalla.las_omvandling import MAX_NODER as MAX_NODER
from kvalitet.kalla.las_omvandling import MAX_TECKEN as MAX_TECKEN
from kvalitet.kalla.las_omvandling import SURROGAT as SURROGAT
from kvalitet.kalla.las_omvandling import YamlDate as YamlDate
from kvalitet.kalla.las_omvandling import YamlFloat as YamlFloat
from kvalitet.kalla.las_omvandling import YamlInt as YamlInt
from kvalitet.kalla.las_omvandling import _Avbryt, _Omvandlare
from kvalitet.kalla.las_slarv import listslarv
from kvalitet.kalla.las_syntax import alla_syntaxfel
from kvalitet.kalla.yamldiagnos import varningar

Sokvag = tuple[str | int, ...]

SNABB_LADDARE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser (about 20 times faster) where PyYAML was built with it."""
MAX_BYTES = 5 * 1024 * 1024
MAX_RADLANGD = 20_000


SPARA_UTF8 = (
    "spara filen som UTF-8: i Anteckningar välj Arkiv → Spara som → Kodning: UTF-8, "
    "i VS Code klicka på kodningen nere till höger och välj 'Save with Encoding' → UTF-8"
)


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
            kalla.problem.extend(alla_syntaxfel(fil, text, exc))
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
    for slarv in [*listslarv(nod, text), *varningar(text)]:
        problem = varning(fil, slarv.rad, slarv.kolumn, slarv.vad, slarv.hur)
        kalla.problem.append(replace(problem, sokvag=_vardet_vid(kalla, slarv.rad, slarv.kolumn)))
    return kalla


def _vardet_vid(kalla: Kalla, rad: int, kolumn: int) -> Sokvag | None:
    """The path of the value a line belongs to: the last one that starts at or before it (a
    line inside a text under '|' belongs to that text), so the editor shows it at its field."""
    fore = [(plats, sokvag) for sokvag, plats in kalla.positioner.items() if plats <= (rad, kolumn)]
    if not fore:
        return None
    return max(fore, key=lambda par: (par[0], len(par[1])))[1]


def kalltext(varde: Any) -> str:
    """The text a scalar was written as in the YAML file."""
    return getattr(varde, "kalltext", None) or str(varde)


def las_data(fil: Path) -> tuple[Any, list[Problem]]:
    """A YAML file's plain data under the limits of ``las_yaml`` (size, line length, values
    after the aliases are filled in, depth, tags), and its errors. Every YAML file the package
    reads goes through here or ``las_yaml``; the data is None when a limit stopped the reading."""
    kalla = las_yaml(fil)
    return kalla.data, [p for p in kalla.problem if p.ar_fel]


def las_version(text: bytes | None) -> Any:
    """One version of a file as plain YAML data, fast (libyaml's safe loader, ~15 ms for a large
    unit, where the editor's round trip takes ~0.4 s), for the history per text; None for no
    version, one too large or too deep (as ``kvalitet kontrollera`` refuses them) or one that
    cannot be read."""
    if text is None or len(text) > MAX_BYTES:
        return None
    try:
        klartext = text.decode("utf-8")
        if for_djupt(klartext) is not None:
            return None
        return yaml.load(klartext, Loader=SNABB_LADDARE)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        return None
