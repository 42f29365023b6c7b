"""Plain data into a round-trip document: a mapping made equal to new data in time linear in its
size, each new key where the schema and the scaffold put it (see ``rundtur_kommentarer``)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from kvalitet.kalla import rundtur_kommentarer as kom

Sokvag = tuple[str | int, ...]
Ordning = Callable[[Sokvag, list[str]], list[str] | None]

_CITAT = (DoubleQuotedScalarString, SingleQuotedScalarString)


def ingen_ordning(sokvag: Sokvag, finns: list[str]) -> list[str] | None:
    return None


def som_data(nod: Any) -> Any:
    if isinstance(nod, dict):
        return {str(k): som_data(v) for k, v in nod.items()}
    if isinstance(nod, list):
        return [som_data(v) for v in nod]
    if isinstance(nod, dt.datetime | dt.date):
        return nod.isoformat()
    if isinstance(nod, bool) or nod is None:
        return nod
    if isinstance(nod, int):
        return int(nod)
    if isinstance(nod, float):
        return float(nod)
    return str(nod)


def lika(gammal: Any, ny: Any) -> bool:
    gammal_data = som_data(gammal)
    if type(gammal_data) is not type(ny) and not (
        isinstance(gammal_data, int | float)
        and isinstance(ny, int | float)
        and not isinstance(gammal_data, bool)
        and not isinstance(ny, bool)
    ):
        return False
    return gammal_data == ny


def ny_nod(varde: Any, gammal: Any, sokvag: Sokvag = (), ordning: Ordning = ingen_ordning) -> Any:
    """A node for a new value: mappings in the schema's key order, lists in block style; a text
    keeps the quote style of the text it replaces, and a text of several lines is a '|' block."""
    if isinstance(varde, dict):
        mapp = CommentedMap()
        for k in _sorterade(list(varde), ordning(sokvag, list(varde))):
            mapp[k] = ny_nod(varde[k], None, (*sokvag, k), ordning)
        return mapp
    if isinstance(varde, list):
        return CommentedSeq(ny_nod(v, None, (*sokvag, i), ordning) for i, v in enumerate(varde))
    if isinstance(varde, str):
        if isinstance(gammal, dt.date) and not isinstance(gammal, dt.datetime):
            try:
                return dt.date.fromisoformat(varde)
            except ValueError:
                pass
        if "\n" in varde.rstrip("\n"):
            return LiteralScalarString(varde if varde.endswith("\n") else varde + "\n")
        for stil in _CITAT:
            if isinstance(gammal, stil):
                return stil(varde)
        return varde
    return varde


def _sorterade(nycklar: list[str], schemaordning: list[str] | None) -> list[str]:
    if not schemaordning:
        return nycklar
    plats = {k: i for i, k in enumerate(schemaordning)}
    kanda = sorted((k for k in nycklar if k in plats), key=plats.__getitem__)
    return kanda + [k for k in nycklar if k not in plats]


def sla_samman_varde(
    foralder: Any, nyckel: str | int, varde: Any, sokvag: Sokvag, ordning: Ordning
) -> None:
    gammal = foralder[nyckel]
    if isinstance(gammal, CommentedMap) and isinstance(varde, dict):
        sla_samman_mapp(gammal, varde, sokvag, ordning)
    elif isinstance(gammal, CommentedSeq) and isinstance(varde, list):
        sla_samman_lista(gammal, varde, sokvag, ordning)
    elif not lika(gammal, varde):
        if isinstance(foralder, CommentedMap):
            kom.ta_bort_hint(foralder, nyckel)
            if gammal is None:
                _utan_exempelrader(foralder, nyckel)
        foralder[nyckel] = ny_nod(varde, gammal, sokvag, ordning)


def _utan_exempelrader(mapp: CommentedMap, nyckel: Any) -> None:
    """An empty value gets its first content: the commented-out example under it goes."""
    post = mapp.ca.items.get(nyckel)
    if post and len(post) > 2 and post[2] is not None:
        eol, rader = kom.svans(post[2])
        post[2] = kom.ny_svans(post[2], eol, kom.utan_exempel(rader))


def sla_samman_lista(gammal: CommentedSeq, ny: list[Any], sokvag: Sokvag, ordning: Ordning) -> None:
    while len(gammal) > len(ny):
        del gammal[len(gammal) - 1]
    for i, varde in enumerate(ny):
        if i < len(gammal):
            sla_samman_varde(gammal, i, varde, (*sokvag, i), ordning)
        else:
            gammal.append(ny_nod(varde, None, (*sokvag, i), ordning))


def sla_samman_mapp(
    gammal: CommentedMap, ny: dict[str, Any], sokvag: Sokvag, ordning: Ordning
) -> None:
    """Make ``gammal`` equal to ``ny``; each step linear in the mapping's size."""
    nasta: Any = None
    for nyckel in reversed(list(gammal)):
        if nyckel in ny:
            nasta = nyckel
        else:
            _ta_bort(gammal, nyckel, nasta)
    for nyckel, varde in ny.items():
        if nyckel in gammal:
            sla_samman_varde(gammal, nyckel, varde, (*sokvag, nyckel), ordning)
    nya = {k: ny_nod(v, None, (*sokvag, k), ordning) for k, v in ny.items() if k not in gammal}
    if nya:
        infoga(gammal, nya, list(ny), sokvag, ordning)


def infoga(
    gammal: CommentedMap,
    nya: dict[Any, Any],
    dataordning: list[Any],
    sokvag: Sokvag,
    ordning: Ordning,
) -> None:
    """Put the new keys ``nya`` (with their nodes) into ``gammal``, each where it belongs
    (``dataordning``: all keys as the data has them, for keys the schema does not know)."""
    befintliga = list(gammal)
    kolumn = _kolumn(gammal)
    schema = ordning(sokvag, befintliga + list(nya))
    block = _exempel(gammal, befintliga, kolumn, list(nya)) if kolumn is not None else {}
    efter = _platser(befintliga, set(nya), dataordning, schema, block)
    for nyckel, nod in nya.items():
        gammal[nyckel] = nod
    ordningen: list[Any] = list(efter.get(None, []))
    for nyckel in befintliga:
        ordningen.append(nyckel)
        ordningen.extend(efter.get(nyckel, []))
    for nyckel in ordningen:
        gammal.move_to_end(nyckel)
    if block and kolumn is not None:
        _kommentarer_for_nya(gammal, ordningen, set(block), kolumn)


def _kolumn(mapp: CommentedMap) -> int | None:
    for nyckel in mapp:
        try:
            return int(mapp.lc.key(nyckel)[1])
        except (KeyError, TypeError, AttributeError):
            return None
    return None


def _platser(
    befintliga: list[Any],
    nya: set[Any],
    dataordning: list[Any],
    schema: list[str] | None,
    block: dict[str, tuple[Any, int]],
) -> dict[Any, list[Any]]:
    """For each existing key (None: the start) the new keys that follow it, in order: a key
    with a commented-out example goes where the example stands, one the schema knows after
    the nearest existing key before it in the schema, any other after the key before it in
    the data."""
    index = {k: i for i, k in enumerate(befintliga)}
    plats = {k: i for i, k in enumerate(schema or [])}
    kanda = sorted((plats[k], k) for k in befintliga if k in plats)
    kanda_platser = [p for p, _ in kanda]
    grupper: dict[Any, list[tuple[tuple[int, int], Any]]] = {}
    forra: Any = None
    for nyckel in dataordning:
        if nyckel in index:
            forra = nyckel
            continue
        if nyckel not in nya:
            continue
        if nyckel in block:
            fore, rad = block[nyckel]
            if fore is None:
                ankare = befintliga[-1] if befintliga else None
            else:
                ankare = befintliga[index[fore] - 1] if index[fore] else None
            sortering = (2, rad)
        elif nyckel in plats:
            i = bisect.bisect_left(kanda_platser, plats[nyckel]) - 1
            ankare = kanda[i][1] if i >= 0 else None
            sortering = (0, plats[nyckel])
        else:
            ankare = forra
            sortering = (1, 0)
        grupper.setdefault(ankare, []).append((sortering, nyckel))
    return {a: [k for _, k in sorted(g, key=lambda p: p[0])] for a, g in grupper.items()}


def _exempel(
    mapp: CommentedMap, befintliga: list[Any], kolumn: int, nya: list[Any]
) -> dict[str, tuple[Any, int]]:
    """Commented-out example blocks ('# nyckel:') of new keys in the lines before each key (and
    at the end of the document): the key they stand before and the line."""
    sokta = {str(k) for k in nya}
    ut: dict[str, tuple[Any, int]] = {}
    monster = re.compile(rf"^ {{{kolumn}}}# ?([^\s:#][^:#]*):(\s.*)?$")
    grupper = [(k, kom.hamta_fore(mapp, k)) for k in befintliga]
    grupper.append((None, _slutrader(mapp)))
    for fore, rader in grupper:
        for i, rad in enumerate(rader):
            traff = monster.match(rad)
            if traff and traff.group(1) in sokta and traff.group(1) not in ut:
                ut[traff.group(1)] = (fore, i)
    return ut


def _slut(mapp: CommentedMap) -> list[Any] | None:
    slut = getattr(mapp.ca, "end", None)
    return slut if isinstance(slut, list) else None


def _kommentarer_for_nya(
    mapp: CommentedMap, ordningen: list[Any], nya: set[Any], kolumn: int
) -> None:
    """A new key standing where its commented-out example stood takes its place: the lines
    above the example go above the key, the lines below stay above the next key."""
    nasta: Any = None
    for nyckel in reversed(ordningen):
        if nyckel in nya:
            rader = kom.hamta_fore(mapp, nasta) if nasta is not None else _slutrader(mapp)
            plats = kom.exempelblock(rader, str(nyckel), kolumn)
            if plats is not None:
                start, slut = plats
                kom.satt_fore(mapp, nyckel, rader[:start])
                if nasta is not None:
                    kom.satt_fore(mapp, nasta, rader[slut:])
                else:
                    mapp.ca.end = [kom.rad_token(r) for r in rader[slut:]] or None
                continue
        nasta = nyckel


def _slutrader(mapp: CommentedMap) -> list[str]:
    return kom.fore_rader(_slut(mapp))


def ta_bort_nyckel(mapp: CommentedMap, nyckel: Any) -> None:
    """Remove one key; the comment lines above it stay, above the key that follows."""
    nycklar = iter(mapp)
    for k in nycklar:
        if k == nyckel:
            break
    _ta_bort(mapp, nyckel, next(nycklar, None))


def _ta_bort(mapp: CommentedMap, nyckel: Any, nasta: Any) -> None:
    """Remove a key; the comment lines above it stay, above the key that follows."""
    rader = kom.hamta_fore(mapp, nyckel)
    del mapp[nyckel]
    if rader and nasta is not None:
        kom.satt_fore(mapp, nasta, rader + kom.hamta_fore(mapp, nasta))
