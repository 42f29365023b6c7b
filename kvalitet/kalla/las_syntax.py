"""Every YAML syntax error of a file in one run, not only the first: after each error the broken
line is written right in a working copy, as the message says, where the slip has one plain fix
(a missing space, '=' for ':', an indentation one space off); else it is blanked out with the
lines indented under it (alone they would be errors of their own). The copy is parsed again,
up to ``MAX_SYNTAXFEL`` errors.

A slip repeated on the lines right below (the same message or fix on the next line: more text
under 'text: |' that is not indented, the keys under one indented a space off) is one slip,
told once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from kvalitet.grund.problem import Problem
from kvalitet.kalla.yamlfel import forklara

MAX_SYNTAXFEL = 10
"""At most this many syntax errors are told per file and run."""
MAX_RUNDOR = 3 * MAX_SYNTAXFEL
"""Rounds of parsing again, counting the repeated slips that are not told."""
MAX_OMLASNING = 20_000_000
"""Characters parsed again, all rounds together (libyaml reads about 1 MB in 0,1 s): a file of
5 MB is parsed again four times at most."""

SNABB_LADDARE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _indrag(rad: str) -> int:
    return len(rad) - len(rad.lstrip(" \t"))


def _tom(rad: str) -> bool:
    return not rad.strip() or rad.lstrip().startswith("#")


def _nasta(rader: list[str], i: int) -> int | None:
    """The next line below ``i`` with content."""
    j = i + 1
    while j < len(rader) and _tom(rader[j]):
        j += 1
    return j if j < len(rader) else None


def _ta_ut(rader: list[str], i: int, helt: bool = False) -> bool:
    """Blank out line ``i`` of the working copy and the lines indented under it (they belong to
    it, and alone would be errors of their own); False when it is blank already. A list item's
    dash is kept (unless ``helt``), so that the item's other fields stay in their item."""
    rad = rader[i]
    if _tom(rad) or (rad.strip() == "-" and not helt):
        return False
    indrag = _indrag(rad)
    rader[i] = ""
    if (ren := rad.lstrip(" ")).startswith("- ") and not helt:
        rader[i] = " " * indrag + "-"
        indrag += len(ren) - len(ren[1:].lstrip(" "))
    j = _nasta(rader, i)
    while j is not None and _indrag(rader[j]) > indrag:
        rader[j] = ""
        j = _nasta(rader, j)
    return True


def _mellan_tomt(rader: list[str], fran: int, till: int) -> bool:
    """Only empty lines (or none) between lines ``fran`` and ``till`` (0-based)."""
    a, b = sorted((fran, till))
    return all(_tom(r) for r in rader[a + 1 : b])


def alla_syntaxfel(fil: Path, text: str, forsta: yaml.MarkedYAMLError) -> list[Problem]:
    """The syntax errors of ``text``, the first being ``forsta``; each on the line of its
    slip."""
    rader = text.split("\n")
    ut: list[Problem] = []
    exc: yaml.MarkedYAMLError | None = forsta
    forra: Problem | None = None
    rundor = min(MAX_RUNDOR, 1 + MAX_OMLASNING // max(len(text), 1))
    for _ in range(rundor):
        if exc is None:
            break
        arbete = "\n".join(rader)
        problem, rattad = forklara(fil, exc, arbete)
        i = problem.rad - 1
        samma_rad = forra is not None and problem.rad == forra.rad
        upprepad = samma_rad or (
            forra is not None
            and (problem.vad == forra.vad or problem.hur == forra.hur)
            and i > forra.rad - 1
            and _mellan_tomt(rader, forra.rad - 1, i)
        )
        if not upprepad:
            if len(ut) == MAX_SYNTAXFEL:
                return _med_fler(ut)
            ut.append(problem)
        forra = problem
        mark = exc.problem_mark or exc.context_mark
        if rattad is not None and not samma_rad and 0 <= i < len(rader) and rader[i] != rattad:
            rader[i] = rattad  # written as the message says: what is under it stays valid
            framsteg = True
        else:
            framsteg = 0 <= i < len(rader) and _ta_ut(rader, i, samma_rad)
        if not framsteg and mark is not None and mark.line < len(rader):
            framsteg = _ta_ut(rader, mark.line)
        if not framsteg:
            break
        exc = _forsta_fel("\n".join(rader))
    return _med_fler(ut) if exc is not None and ut else ut


def _med_fler(ut: list[Problem]) -> list[Problem]:
    """The errors told, the last saying that there may be more further down."""
    sista = ut[-1]
    hur = f"{sista.hur}; " if sista.hur else ""
    return [
        *ut[:-1],
        replace(sista, hur=f"{hur}fler fel kan finnas längre ner: rätta dessa och kör igen"),
    ]


def _forsta_fel(text: str) -> yaml.MarkedYAMLError | None:
    """The first syntax error of ``text``, None when it parses. libyaml's error has the same
    place as the pure-Python parser's (which told the first error, in its fuller words) and
    is found about 10 times faster; ``yamlfel`` reads both. The events are enough for the
    syntax; the nodes are made only once they parse (an alias with no anchor)."""
    try:
        for _ in yaml.parse(text, Loader=SNABB_LADDARE):
            pass
        yaml.compose(text, Loader=SNABB_LADDARE)
    except yaml.MarkedYAMLError as exc:
        return exc
    except (yaml.YAMLError, RecursionError):
        return None
    return None
