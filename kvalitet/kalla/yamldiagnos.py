"""The YAML slips beginners make, found on the line where they were made.

PyYAML reports a syntax error where it gives up, often one to four lines after the slip (at the
next key, or at a comment further down). When it does, this module reads the lines up to that
point and looks for the slip a person writing from Word most likely made: a missing space after
a colon or a dash, an equals sign for a colon, Word's curly quotes or non-breaking spaces, a
text that continues on the next line without '|', lines under '|' that are not indented, a
value on the next line without indentation, '[]' kept with a list written below it, a key
indented one space off. Each finding names the line, the slip and the corrected line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BAKAT = 6
"""How many lines above the error line a slip is looked for."""

_NYCKEL = r"[A-Za-zÅÄÖåäöéü_][\wÅÄÖåäöéü.-]*"
_UTAN_MELLANSLAG = re.compile(
    rf"^(?P<indrag>\s*)(?P<lista>-\s+)?(?P<nyckel>{_NYCKEL}):(?P<varde>[^\s/].*)$"
)
_LIKHET = re.compile(rf"^(?P<indrag>\s*)(?P<lista>-\s+)?(?P<nyckel>{_NYCKEL})\s*=\s*(?P<varde>.*)$")
_STRECK = re.compile(r"^(?P<indrag>\s*)-(?P<varde>[^\s\-\d.].*)$")
_NYCKELRAD = re.compile(rf"^(?P<indrag>\s*)(?:-\s+)?(?P<nyckel>{_NYCKEL}):(?:\s+(?P<varde>.*))?$")
_TOM_FLODE = re.compile(
    rf"^(?P<indrag>\s*)(?:-\s+)?(?P<nyckel>{_NYCKEL}):\s*(?P<tom>\[\]|\{{\}})\s*(#.*)?$"
)
_BLOCK = re.compile(rf"^(?P<indrag>\s*)(?:-\s+)?(?P<nyckel>{_NYCKEL}):\s*[|>][-+]?\d?\s*(#.*)?$")
_WORDPUNKT = re.compile(rf"^\s*(?P<tecken>[–—•●▪◦])\s+(?P<rest>{_NYCKEL}:(?:\s.*)?)$")
"""A list item of fields written with Word's bullet: '– rubrik: ...'."""
_TYPOGRAFISKA = "”“„‘’‚"
_HARDA = "\u00a0\u202f\u2007"


@dataclass(frozen=True)
class Diagnos:
    rad: int
    kolumn: int
    vad: str
    hur: str
    rattad: str | None = None
    """The line ``rad`` written right, where the slip has one plain fix."""


def _indrag(rad: str) -> int:
    return len(rad) - len(rad.lstrip(" "))


def _nyckelkolumn(rad: str) -> int:
    """Where a key starts: after the indentation and a list dash ('  - rubrik:' gives 4)."""
    ren = rad.lstrip(" ")
    return _indrag(rad) + (len(ren) - len(ren[1:].lstrip(" ")) if ren.startswith("- ") else 0)


def _tom(rad: str) -> bool:
    return not rad.strip() or rad.lstrip().startswith("#")


def _utan_kommentar(rad: str) -> str:
    """The line without a trailing comment (a ' #' outside quotes)."""
    i = rad.find(" #")
    return rad[:i].rstrip() if i != -1 and rad.count('"', 0, i) % 2 == 0 else rad.rstrip()


def _rad_diagnos(rader: list[str], i: int) -> Diagnos | None:
    """A slip on line ``i`` (0-based) that is a slip wherever it stands."""
    rad = rader[i]
    if _tom(rad):
        return None
    nr = i + 1
    for tecken in _TYPOGRAFISKA:
        if tecken in rad:
            rattad = rad
            for typ in "”“„":
                rattad = rattad.replace(typ, '"')
            for typ in "‘’‚":
                rattad = rattad.replace(typ, "'")
            return Diagnos(
                nr,
                rad.index(tecken) + 1,
                f"{tecken} är ett typografiskt citattecken (från Word), som YAML inte känner igen",
                f"använd raka citattecken \": '{rattad.strip()}'",
                rattad,
            )
    for tecken in _HARDA:
        plats = rad.find(tecken)
        if plats != -1 and (plats < _indrag(rad) + 1 or rad[plats - 1] in ":-"):
            rattad = rad.replace(tecken, " ")
            return Diagnos(
                nr,
                plats + 1,
                "här står ett hårt mellanslag (ofta från Word), där YAML behöver ett vanligt",
                f"skriv om mellanslaget med mellanslagstangenten: '{rattad.strip()}'",
                rattad,
            )
    if traff := _WORDPUNKT.match(rad):
        return Diagnos(
            nr,
            _indrag(rad) + 1,
            f"'{traff['tecken']}' (från Word) är inget listtecken i YAML",
            f"skriv '- ' i stället: '- {traff['rest'].strip()}'",
            " " * _indrag(rad) + "- " + traff["rest"].strip(),
        )
    if "\t" in rad[: _indrag(rad) + 1]:
        return None  # tabs have their own message
    ren = _utan_kommentar(rad)
    if (traff := _UTAN_MELLANSLAG.match(ren)) and not traff["varde"].startswith(":"):
        rattad = f"{traff['lista'] or ''}{traff['nyckel']}: {traff['varde']}"
        return Diagnos(
            nr,
            traff.end("nyckel") + 1,
            f"det saknas ett mellanslag efter kolonet i '{traff['nyckel']}:'",
            f"sätt ett mellanslag efter kolonet: '{rattad.strip()}'",
            traff["indrag"] + rattad,
        )
    if (traff := _LIKHET.match(ren)) and ":" not in ren:
        rattad = f"{traff['lista'] or ''}{traff['nyckel']}: {traff['varde']}"
        return Diagnos(
            nr,
            ren.index("=") + 1,
            f"'{traff['nyckel']}' följs av '=', men i YAML skrivs fält med kolon",
            f"använd kolon, inte likhetstecken: '{rattad.strip()}'",
            traff["indrag"] + rattad,
        )
    if (traff := _STRECK.match(ren)) and not ren.strip().startswith("---"):
        return Diagnos(
            nr,
            traff.end("indrag") + 1,
            "det saknas ett mellanslag efter '-' i början av en punkt i listan",
            f"sätt ett mellanslag efter '-': '- {traff['varde'].strip()}'",
            f"{traff['indrag']}- {traff['varde']}",
        )
    return None


def _forra(rader: list[str], i: int) -> int | None:
    """The nearest line above ``i`` with content."""
    j = i - 1
    while j >= 0 and _tom(rader[j]):
        j -= 1
    return j if j >= 0 else None


def _sammanhang_diagnos(rader: list[str], i: int) -> Diagnos | None:
    """A slip on line ``i`` that is one because of the lines above it."""
    rad = rader[i]
    if _tom(rad):
        return None
    j = _forra(rader, i)
    if j is None:
        return None
    ovan = _utan_kommentar(rader[j])
    nr, ren = i + 1, _utan_kommentar(rad)
    if (
        ovan.lstrip().startswith("- ")
        and _indrag(rad) == _indrag(ovan)
        and not ren.lstrip().startswith("-")
        and not _NYCKELRAD.match(ren)
    ):
        return Diagnos(
            nr,
            _indrag(rad) + 1,
            "raden saknar '- ' och är därför ingen punkt i listan ovanför",
            f"skriv '- ' först på raden: '- {ren.strip()}'",
            " " * _indrag(rad) + "- " + ren.strip(),
        )
    if (tom := _TOM_FLODE.match(ovan)) and _indrag(rad) > _indrag(ovan):
        return Diagnos(
            j + 1,
            ovan.index(tom["tom"]) + 1,
            f"'{tom['nyckel']}:' följs av {tom['tom']} (tom lista), men punkter står under den",
            f"ta bort {tom['tom']} efter '{tom['nyckel']}:' när du skriver punkter under",
        )
    # the block has no indented lines at all: the text starts unindented
    if (
        (block := _BLOCK.match(ovan))
        and _indrag(rad) <= _indrag(ovan)
        and (not _NYCKELRAD.match(ren) or ":" not in ren)
    ):
        return Diagnos(
            nr,
            1,
            f"raderna under '{block['nyckel']}: |' måste dras in",
            f"dra in texten med {_indrag(ovan) + 2} mellanslag, lika långt på varje rad",
        )
    nyckel = _NYCKELRAD.match(ovan)
    if (
        nyckel
        and not nyckel["varde"]
        and _indrag(rad) in (_indrag(ovan), _nyckelkolumn(ovan))
        and not _NYCKELRAD.match(ren)
    ) and not ren.lstrip().startswith("- "):
        return Diagnos(
            nr,
            _indrag(rad) + 1,
            f"värdet till '{nyckel['nyckel']}:' står på nästa rad utan indrag",
            f"skriv det på samma rad: '{nyckel['nyckel']}: {ren.strip()}'",
        )
    if (
        nyckel
        and nyckel["varde"]
        and not nyckel["varde"].startswith(("|", ">", "[", "{", '"', "'", "&", "*"))
        and _indrag(rad) in (_indrag(ovan), _nyckelkolumn(ovan))
        and not _NYCKELRAD.match(ren)
        and not ren.lstrip().startswith("- ")
    ):
        return Diagnos(
            j + 1,
            _indrag(ovan) + 1,
            f"texten till '{nyckel['nyckel']}:' fortsätter på nästa rad",
            f"skriv '|' efter kolonet ('{nyckel['nyckel']}: |') och dra in alla rader i texten "
            "två steg under fältnamnet",
        )
    if _NYCKELRAD.match(ren) and not ren.lstrip().startswith("-"):
        # a key one space off from its siblings
        syskon = _syskonindrag(rader, i)
        if syskon is not None and abs(_indrag(rad) - syskon) == 1:
            if forsta := _forsta_fel_indragen(rader, i):
                return forsta
            return Diagnos(
                nr,
                1,
                f"'{ren.strip().split(':')[0]}' är indraget {_indrag(rad)} mellanslag, men fälten "
                f"runt omkring {syskon}",
                f"dra in raden med {syskon} mellanslag, lika långt som fälten ovanför",
                " " * syskon + rad.lstrip(" "),
            )
    return None


def _syskonrad(rader: list[str], i: int) -> int | None:
    """The key line (or list item) just above line ``i``."""
    j = _forra(rader, i)
    while j is not None:
        ren = _utan_kommentar(rader[j])
        if (_NYCKELRAD.match(ren) and not ren.lstrip().startswith("-")) or ren.lstrip().startswith(
            "- "
        ):
            return j
        j = _forra(rader, j)
    return None


def _syskonindrag(rader: list[str], i: int) -> int | None:
    """The indentation of the key lines just above line ``i``."""
    j = _syskonrad(rader, i)
    if j is None:
        return None
    return _indrag(rader[j]) + (2 if rader[j].lstrip().startswith("- ") else 0)


def _forsta_fel_indragen(rader: list[str], i: int) -> Diagnos | None:
    """The slip is the first key of the block (or its list item's dash), one space off from
    the keys under it, when line ``i`` and the key after it agree with each other."""
    j = _syskonrad(rader, i)
    k = i + 1  # the next key beside line i, past the lines under it
    while k < len(rader) and (_tom(rader[k]) or _indrag(rader[k]) > _indrag(rader[i])):
        k += 1
    if j is None or k >= len(rader) or _indrag(rader[k]) != _indrag(rader[i]):
        return None
    ovan, ratt = _forra(rader, j), _indrag(rader[i])
    if rader[j].lstrip().startswith("- "):
        return Diagnos(
            j + 1,
            1,
            f"punkten '{rader[j].strip()[:40]}' är indragen {_indrag(rader[j])} mellanslag, men "
            f"fälten under den {ratt}",
            f"dra in '-' med {ratt - 2} mellanslag, så att fälten under står lika långt in som "
            "texten efter '- '",
            " " * (ratt - 2) + rader[j].lstrip(" "),
        )
    if ovan is not None and _indrag(rader[ovan]) >= _indrag(rader[j]):
        return None
    nyckel = rader[j].strip().split(":")[0]
    return Diagnos(
        j + 1,
        1,
        f"'{nyckel}' är indraget {_indrag(rader[j])} mellanslag, men fälten under det {ratt}",
        f"dra in raden med {ratt} mellanslag, lika långt som fälten under",
        " " * ratt + rader[j].lstrip(" "),
    )


def diagnostisera(text: str, felrad: int) -> Diagnos | None:
    """The beginner's slip behind a YAML syntax error reported on line ``felrad`` (1-based):
    first a slip that is one anywhere, nearest the error line; then one made by the lines
    around it."""
    rader = text.split("\n")
    slut = min(felrad, len(rader))
    start = max(0, slut - 1 - BAKAT)
    for i in range(slut - 1, start - 1, -1):
        if diagnos := _rad_diagnos(rader, i):
            return diagnos
    for i in range(slut - 1, start - 1, -1):
        if diagnos := _sammanhang_diagnos(rader, i):
            return diagnos
    return None


def varningar(text: str) -> list[Diagnos]:
    """Slips that YAML reads without a syntax error but that change the meaning: a list item
    written '-Text' (no space) becomes part of the item above it."""
    rader = text.split("\n")
    ut: list[Diagnos] = []
    for i, rad in enumerate(rader):
        ren = _utan_kommentar(rad)
        if not (traff := _STRECK.match(ren)) or ren.strip().startswith("---"):
            continue
        j = _forra(rader, i)
        if j is None:
            continue
        ovan = _utan_kommentar(rader[j])
        forsta_punkt = (nyckel := _NYCKELRAD.match(ovan)) is not None and not nyckel["varde"]
        if (ovan.lstrip().startswith("- ") and _indrag(ovan) == _indrag(rad)) or forsta_punkt:
            ut.append(
                Diagnos(
                    i + 1,
                    _indrag(rad) + 1,
                    "det saknas ett mellanslag efter '-', så raden blir inte en egen punkt i listan",
                    f"sätt ett mellanslag efter '-': '- {traff['varde'].strip()}'",
                )
            )
    return ut
