"""PyYAML's syntax errors in Swedish, on the line of the slip (``yamldiagnos`` finds it)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kvalitet.grund.problem import Problem, fel
from kvalitet.kalla.yamldiagnos import diagnostisera

_SYNTAX = [
    (
        re.compile(r"found character '\\t' that cannot start any token|found a tab character"),
        "tabbtecken används för indrag",
        "YAML kräver mellanslag för indrag: ersätt tabbtecknet med mellanslag; "
        "i VS Code: 'Convert Indentation to Spaces'",
    ),
    (
        re.compile(r"found unexpected end of stream|found unknown escape"),
        "ett citattecken avslutas aldrig",
        "sätt ett avslutande citattecken, \" eller ', i slutet av texten",
    ),
    (
        re.compile(r"mapping values are not allowed (?:here|in this context)"),
        "ett kolon står där det inte får stå, eller indraget är fel",
        "om texten innehåller ': ' sätt den inom citattecken eller använd '|' och skriv texten "
        "på nästa rad; kontrollera annars att raden har samma indrag som fälten ovanför",
    ),
    (
        re.compile(r"did not find expected key|expected <block end>"),
        "fel indrag: raden ligger inte i linje med fälten ovanför",
        "ge raden samma antal mellanslag i början som de andra fälten på samma nivå",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "ett fältnamn saknar kolon",
        "skriv 'fältnamn: värde', med kolon och mellanslag, eller sätt texten inom citattecken",
    ),
    (
        re.compile(r"did not find expected '-' indicator|did not find expected node content"),
        "en lista är felaktigt skriven",
        "varje punkt i en lista börjar med '- ' och har samma indrag som de andra punkterna",
    ),
    (
        re.compile(r"found undefined alias"),
        "ett alias ('*namn') hänvisar till ett ankare som inte finns",
        "definiera ankaret med '&namn' före aliaset, eller skriv ut värdet",
    ),
    (
        re.compile(r"expected ',' or '[\]}]'"),
        "en lista inom [ ] eller underfält inom {{ }} avslutas aldrig",
        "sätt ']' eller '}' i slutet av värdet, på samma rad; börjar texten med '[' eller '{', "
        "sätt den inom citattecken",
    ),
    (
        re.compile(r"found character '(.)' that cannot start any token"),
        "tecknet '{0}' kan inte stå först i ett värde",
        "sätt texten inom citattecken",
    ),
]


def syntaxfel(fil: Path, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """PyYAML's syntax error as a located Swedish problem, on the line of the slip."""
    return forklara(fil, exc, text)[0]


def forklara(fil: Path, exc: yaml.MarkedYAMLError, text: str) -> tuple[Problem, str | None]:
    """``syntaxfel`` and the slip's line written right, when the slip has one plain fix."""
    mark = exc.problem_mark or exc.context_mark
    rad = mark.line + 1 if mark else 1
    kol = mark.column + 1 if mark else 1
    problemtext = f"{exc.problem or ''} {exc.context or ''}"
    tecken = _tecken_vid(text, mark.line, mark.column) if mark else ""
    if tecken == "\t":
        problemtext = "found a tab character"  # libyaml does not say which character
    elif "cannot start any token" in problemtext:
        problemtext = f"found character '{tecken}' that cannot start any token"
    if mark and (citat := _oppet_citat(text, mark.line, mark.column)):
        rad, kol = citat[0] + 1, citat[1] + 1
        return fel(fil, rad, kol, f"citattecknet på rad {rad} avslutas aldrig", _CITAT), None
    if "tab" not in problemtext and (diagnos := diagnostisera(text, rad)) is not None:
        return fel(fil, diagnos.rad, diagnos.kolumn, diagnos.vad, diagnos.hur), diagnos.rattad
    for monster, vad, hur in _SYNTAX:
        traff = monster.search(problemtext)
        if traff:
            if "\\t" in monster.pattern or "tab" in monster.pattern:
                rad, kol = _forsta_tabb(text, rad, kol)
            if ("citattecken" in vad or "[ ]" in vad) and exc.context_mark is not None:
                rad = exc.context_mark.line + 1
                kol = exc.context_mark.column + 1
                if "citattecken" in vad:
                    vad = f"citattecknet på rad {rad} avslutas aldrig"
            return fel(fil, rad, kol, vad.format(*traff.groups()), hur), None
    okant = fel(
        fil,
        rad,
        kol,
        "YAML kan inte läsa raden",
        "kontrollera indrag, kolon och citattecken på raden och raden ovanför",
    )
    return okant, None


_CITAT = "sätt ett avslutande citattecken, \" eller ', i slutet av texten"
_OPPNAR_CITAT = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#\"'][^:#\"']*:\s+)?\"")


def _oppet_citat(text: str, rad: int, kolumn: int) -> tuple[int, int] | None:
    """The line and column (0-based) of a '"' that opens a value and is not closed on its line,
    when the error is right after the next '"' further down: that quote closed the text, so
    the lines between became part of it and the error is only where YAML gives up."""
    rader = text.split("\n")
    if rad >= len(rader) or rader[rad][:kolumn].count('"') % 2 == 0:
        return None
    for j in range(rad - 1, -1, -1):
        antal = rader[j].count('"')
        if antal == 0:
            continue
        if antal % 2 == 1 and _OPPNAR_CITAT.match(rader[j]):
            return j, rader[j].index('"')
        return None
    return None


def _tecken_vid(text: str, rad: int, kolumn: int) -> str:
    """The character at line ``rad``, column ``kolumn`` (0-based), or ''."""
    rader = text.split("\n", rad + 1)
    return rader[rad][kolumn : kolumn + 1] if rad < len(rader) else ""


def _forsta_tabb(text: str, rad: int, kol: int) -> tuple[int, int]:
    """Point at the first tab used for indentation, which is where the user must act."""
    for nr, radtext in enumerate(text.splitlines(), start=1):
        indrag = radtext[: len(radtext) - len(radtext.lstrip())]
        if "\t" in indrag:
            return nr, indrag.index("\t") + 1
    return rad, kol
