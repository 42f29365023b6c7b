"""Comments in a round-trip document kept with the key they introduce.

ruamel.yaml attaches a comment line to the node *before* it: the section comment '# 3 Analys'
above ``analys:`` is stored in the end-of-line comment of the last value of section 2. A key
inserted after that value would land under '# 3 Analys'. ``normalisera`` moves every such line
to the key it stands above (its "before" comments); lines indented deeper than that key stay
with the value above (a commented-out example item of that value). The functions below then
find a commented-out example block for a new key, and remove a '# ÄNDRA' hint."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

_BLOCK = (LiteralScalarString, FoldedScalarString)
HINT = re.compile(r"^\s*#\s*ÄNDRA\b")
_EXEMPELRAD = re.compile(r"^\s*#\s?(-\s|[^\s#:][^:#]*:(\s|$))")


def rad_token(rad: str) -> CommentToken:
    """A comment token for one whole line (its indentation kept as the column)."""
    innehall = rad.lstrip(" ")
    if not innehall:
        return CommentToken("\n", CommentMark(0))
    return CommentToken(innehall + "\n", CommentMark(len(rad) - len(innehall)))


def _kolumn(token: Any) -> int:
    try:
        return int(token.column)
    except (AttributeError, TypeError):
        return 0


def fore_rader(tokens: list[Any] | None) -> list[str]:
    """The lines of a list of 'before' comment tokens, with their indentation."""
    rader: list[str] = []
    for token in tokens or []:
        varde = token.value
        delar = varde.split("\n")
        if delar and delar[-1] == "":
            delar.pop()
        if not varde.startswith("\n") and delar:
            delar[0] = " " * _kolumn(token) + delar[0]
        rader.extend(delar)
    return rader


def svans(token: Any) -> tuple[str | None, list[str]]:
    """An end-of-line comment token split into its comment (None when the line has none) and
    the whole lines that follow it."""
    if token is None:
        return None, []
    delar = token.value.split("\n")
    if delar and delar[-1] == "":
        delar.pop()
    if not delar:
        return None, []
    forsta = delar[0] if delar[0].strip() else None
    return forsta, delar[1:]


def ny_svans(gammal: Any, eol: str | None, rader: list[str]) -> Any:
    """The end-of-line token for ``eol`` and ``rader`` (None when both are empty)."""
    if eol is None and not rader:
        return None
    varde = (eol or "") + "\n" + "".join(r + "\n" for r in rader)
    if gammal is not None and eol is not None:
        gammal.value = varde
        return gammal
    return CommentToken(varde, CommentMark(_kolumn(gammal) if gammal is not None else 0))


def poster(mapp: CommentedMap, nyckel: Any) -> list[Any]:
    """ruamel's comment slots of one key (created when missing)."""
    post = mapp.ca.items.get(nyckel)
    if post is None:
        post = [None, None, None, None]
        mapp.ca.items[nyckel] = post
    while len(post) < 4:
        post.append(None)
    return post


def satt_fore(mapp: CommentedMap, nyckel: Any, rader: list[str]) -> None:
    """Set the whole lines above ``nyckel``."""
    poster(mapp, nyckel)[1] = [rad_token(r) for r in rader] or None


def hamta_fore(mapp: CommentedMap, nyckel: Any) -> list[str]:
    post = mapp.ca.items.get(nyckel)
    return fore_rader(post[1]) if post and len(post) > 1 else []


# ---------------------------------------------------------------- normalising after loading


@dataclass
class _Nyckel:
    mapp: CommentedMap
    nyckel: Any
    kolumn: int | None


@dataclass
class _Svans:
    poster: list[Any]
    plats: int
    block: bool = False
    """After a '|' or '>' text: no end-of-line comment, every line is a whole line."""


class _Post:
    """A list item: comments are never moved past one."""


def normalisera(dokument: Any) -> None:
    """Move each comment line to the key it stands above (see the module text)."""
    lista: list[Any] = []
    _ga(dokument, lista)
    nasta: _Nyckel | None = None
    for post in reversed(lista):
        if isinstance(post, _Nyckel):
            nasta = post if post.kolumn is not None else None
        elif isinstance(post, _Post):
            nasta = None
        elif nasta is not None:
            _flytta(post, nasta)


def _ga(nod: Any, lista: list[Any]) -> None:
    if isinstance(nod, CommentedMap):
        for nyckel in nod:
            try:
                kolumn: int | None = nod.lc.key(nyckel)[1]
            except (KeyError, TypeError, AttributeError):
                kolumn = None
            lista.append(_Nyckel(nod, nyckel, kolumn))
            varde = nod[nyckel]
            post = nod.ca.items.get(nyckel)
            if isinstance(varde, CommentedMap | CommentedSeq) and len(varde):
                if isinstance(varde, CommentedMap) and post and len(post) > 3 and post[3]:
                    _for_forsta(nod, nyckel, varde)
                if post and len(post) > 2 and post[2] is not None:
                    lista.append(_Svans(post, 2))
                _ga(varde, lista)
            elif post and len(post) > 2 and post[2] is not None:
                lista.append(_Svans(post, 2, isinstance(varde, _BLOCK)))
    elif isinstance(nod, CommentedSeq):
        for i, varde in enumerate(nod):
            lista.append(_Post())
            if isinstance(varde, CommentedMap | CommentedSeq) and len(varde):
                _ga(varde, lista)
            else:
                post = nod.ca.items.get(i)
                if post and post[0] is not None:
                    lista.append(_Svans(post, 0, isinstance(varde, _BLOCK)))


def _for_forsta(foralder: CommentedMap, nyckel: Any, mapp: CommentedMap) -> None:
    """The lines between ``nyckel:`` and the first key of its mapping go to that first key."""
    post = foralder.ca.items[nyckel]
    rader = fore_rader(post[3])
    post[3] = None
    if isinstance(mapp.ca.comment, list) and len(mapp.ca.comment) > 1:
        mapp.ca.comment[1] = None
    forsta = next(iter(mapp))
    satt_fore(mapp, forsta, rader + hamta_fore(mapp, forsta))


def _flytta(post: _Svans, nasta: _Nyckel) -> None:
    token = post.poster[post.plats]
    eol, rader = (None, fore_rader([token])) if post.block else svans(token)
    assert nasta.kolumn is not None
    djupare = 0
    while djupare < len(rader):
        rad = rader[djupare]
        if not rad.strip() or len(rad) - len(rad.lstrip(" ")) <= nasta.kolumn:
            break
        djupare += 1
    if djupare == len(rader):
        return
    if post.block:
        kvar = "".join(r + "\n" for r in rader[:djupare])
        post.poster[post.plats] = CommentToken(kvar, CommentMark(0)) if kvar else None
    else:
        post.poster[post.plats] = ny_svans(token, eol, rader[:djupare])
    satt_fore(nasta.mapp, nasta.nyckel, rader[djupare:] + hamta_fore(nasta.mapp, nasta.nyckel))


# ---------------------------------------------------------------- example blocks and hints


def exempelblock(rader: list[str], nyckel: str, kolumn: int) -> tuple[int, int] | None:
    """Where ``rader`` has a commented-out example of ``nyckel`` at ``kolumn``: ``# nyckel:``
    and the commented lines indented under it; (start, end) or None."""
    borjan = " " * kolumn + "#"
    monster = re.compile(rf"^{re.escape(borjan)} ?{re.escape(nyckel)}:(\s.*)?$")
    for i, rad in enumerate(rader):
        if monster.match(rad):
            slut = i + 1
            while slut < len(rader) and rader[slut].startswith(borjan + "  "):
                slut += 1
            return i, slut
    return None


def utan_exempel(rader: list[str]) -> list[str]:
    """The lines without commented-out YAML ('# - punkt', '# nyckel: värde')."""
    return [r for r in rader if not _EXEMPELRAD.match(r)]


def ta_bort_hint(mapp: CommentedMap, nyckel: Any) -> None:
    """Remove a '# ÄNDRA …' hint beside or directly above ``nyckel`` (its value was changed)."""
    post = mapp.ca.items.get(nyckel)
    if not post:
        return
    if len(post) > 2 and post[2] is not None:
        eol, rader = svans(post[2])
        if eol is not None and HINT.match(eol):
            post[2] = ny_svans(None, None, rader)
    fore = hamta_fore(mapp, nyckel)
    if fore and HINT.match(fore[-1]):
        while fore and HINT.match(fore[-1]):
            fore.pop()
        satt_fore(mapp, nyckel, fore)
