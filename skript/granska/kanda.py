"""Findings of the independent checkers, and the list of known false positives they are held to.

Every entry of ``kanda.toml`` names its checker, its rule and its reason, and lists the exact
findings it excuses: the file (or the files: a standard PDF and its ``arkiv/`` twin), and the
finding's whole message; for the checkers whose findings have a place and an element (outloud:
the page and the cells it quotes; axe: the CSS selector and the element), those too. No patterns:
the same rule on another page, in another file or on another element is a new finding, so an
entry for one table split over two pages cannot hide the next split table."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KANDA = Path(__file__).with_name("kanda.toml")
PLATS_KRAVS = {"outloud", "axe"}
"""Checkers whose findings always have a place and an element: an entry must give both."""


@dataclass(frozen=True)
class Fynd:
    """One finding: which checker, which file (and width), which rule, what it said, where
    (page, line, selector) and on what (the cells or the element it quotes)."""

    verktyg: str
    fil: str
    regel: str
    grad: str
    text: str
    plats: str = ""
    element: str = ""

    def rad(self) -> str:
        plats = f" ({self.plats})" if self.plats else ""
        element = f" [{self.element}]" if self.element else ""
        return f"{self.verktyg} {self.fil}{plats}: {self.grad}: {self.regel}: {self.text}{element}"


@dataclass(frozen=True)
class Undantag:
    """One excused finding (in one or more files), matched on every field it gives, exactly."""

    filer: tuple[str, ...]
    text: str
    plats: str | None = None
    element: str | None = None

    def galler(self, fynd: Fynd) -> bool:
        return (
            fynd.fil in self.filer
            and fynd.text == self.text
            and (self.plats is None or fynd.plats == self.plats)
            and (self.element is None or fynd.element == self.element)
        )

    def beskriv(self) -> str:
        delar = [", ".join(self.filer)]
        if self.plats is not None:
            delar.append(self.plats)
        delar.append(repr(self.text))
        if self.element is not None:
            delar.append(f"[{self.element}]")
        return " ".join(delar)


@dataclass
class Kand:
    """A known false positive of one checker's rule: its reason and the exact findings."""

    verktyg: str
    regel: str
    skal: str
    fynd: list[Undantag]
    traffar: dict[tuple[int, str], int] = field(default_factory=dict, compare=False)

    def galler(self, f: Fynd) -> bool:
        if f.verktyg != self.verktyg or f.regel != self.regel:
            return False
        for nr, undantag in enumerate(self.fynd):
            if undantag.galler(f):
                nyckel = (nr, f.fil)
                self.traffar[nyckel] = self.traffar.get(nyckel, 0) + 1
                return True
        return False

    def oanvanda(self, granskade: set[str] | None = None) -> list[str]:
        """Each (finding, file) of the entry that matched nothing in this run, among the files
        the run checked (``granskade``; all when None)."""
        return [
            f"{self.verktyg} {self.regel}: {fil}: {u.beskriv()}"
            for nr, u in enumerate(self.fynd)
            for fil in u.filer
            if (nr, fil) not in self.traffar and (granskade is None or fil in granskade)
        ]


class FelIListan(ValueError):
    """The list of known findings is malformed (an entry without a reason, an unknown key)."""


_POST = {"verktyg", "regel", "skal", "fynd"}
_UNDANTAG = {"fil", "text", "plats", "element"}


def _text(varde: Any, var: str) -> str:
    if not isinstance(varde, str) or not varde.strip():
        raise FelIListan(f"{var} ska vara en text som inte är tom")
    return varde


def _undantag(post: dict[str, Any], var: str, verktyg: str) -> Undantag:
    okanda = set(post) - _UNDANTAG
    if okanda:
        raise FelIListan(
            f"{var} har okända nycklar: {sorted(okanda)}; tillåtna: {sorted(_UNDANTAG)}"
        )
    filer = post.get("fil")
    filer = [filer] if isinstance(filer, str) else filer
    if not isinstance(filer, list) or not filer:
        raise FelIListan(f"{var} saknar 'fil' (ett filnamn eller en lista av filnamn)")
    for namn in filer:
        if any(tecken in _text(namn, f"{var}: fil") for tecken in "*?["):
            raise FelIListan(f"{var}: fil {namn!r} är ett mönster; skriv filens exakta namn")
    plats = post.get("plats")
    element = post.get("element")
    if verktyg in PLATS_KRAVS and (plats is None or element is None):
        raise FelIListan(
            f"{var}: ett fynd från {verktyg} ska ha både 'plats' och 'element' "
            "(sidan eller väljaren, och cellerna eller elementet det gäller)"
        )
    for namn, varde in (("plats", plats), ("element", element)):
        if varde is not None and not isinstance(varde, str):
            raise FelIListan(f'{var}: {namn} ska vara en text ("" när fyndet inte har någon)')
    return Undantag(tuple(filer), _text(post.get("text"), f"{var}: text"), plats, element)


def las_kanda(fil: Path = KANDA) -> list[Kand]:
    """Read ``kanda.toml``: every entry names its checker and rule, gives its reason and lists
    the exact findings it excuses."""
    data = tomllib.loads(fil.read_text(encoding="utf-8"))
    kanda: list[Kand] = []
    for nr, post in enumerate(data.get("kand", []), start=1):
        var = f"{fil.name}: post {nr}"
        okanda = set(post) - _POST
        if okanda:
            raise FelIListan(
                f"{var} har okända nycklar: {sorted(okanda)}; tillåtna: {sorted(_POST)}"
            )
        verktyg = _text(post.get("verktyg"), f"{var}: verktyg")
        regel = _text(post.get("regel"), f"{var}: regel")
        if any(tecken in regel for tecken in "*?["):
            raise FelIListan(f"{var}: regel {regel!r} är ett mönster; skriv regelns exakta namn")
        skal = _text(post.get("skal"), f"{var}: skal")
        lista = post.get("fynd")
        if not isinstance(lista, list) or not lista:
            raise FelIListan(f"{var} saknar 'fynd' (de exakta fynd posten gäller)")
        fynd = []
        for i, undantag in enumerate(lista, start=1):
            if not isinstance(undantag, dict):
                raise FelIListan(f"{var}, fynd {i} ska vara en tabell {{fil = …, text = …}}")
            fynd.append(_undantag(undantag, f"{var}, fynd {i}", verktyg))
        kanda.append(Kand(verktyg, regel, skal, fynd))
    return kanda


@dataclass
class Utfall:
    nya: list[Fynd]
    kanda: list[tuple[Fynd, Kand]]
    oanvanda: list[str]


def jamfor(fynd: list[Fynd], kanda: list[Kand], granskade: set[str] | None = None) -> Utfall:
    """Split findings into known (with the entry that explains them) and new; and list every
    excused finding that no longer occurs in the files checked (``granskade``), so that the
    list keeps no room for a new one."""
    for k in kanda:
        k.traffar = {}
    nya: list[Fynd] = []
    forklarade: list[tuple[Fynd, Kand]] = []
    for f in fynd:
        post = next((k for k in kanda if k.galler(f)), None)
        if post is None:
            nya.append(f)
        else:
            forklarade.append((f, post))
    return Utfall(nya, forklarade, [rad for k in kanda for rad in k.oanvanda(granskade)])


def forslag(nya: list[Fynd]) -> str:
    """TOML entries for ``nya`` (one per rule, the files of one finding together), with an
    empty reason that ``las_kanda`` refuses until a person has written why it is excused."""
    grupper: dict[tuple[str, str], dict[tuple[str, str, str], list[str]]] = {}
    for f in nya:
        per_fynd = grupper.setdefault((f.verktyg, f.regel), {})
        filer = per_fynd.setdefault((f.text, f.plats, f.element), [])
        if f.fil not in filer:
            filer.append(f.fil)
    delar = []
    for (verktyg, regel), per_fynd in grupper.items():
        rader = [
            "[[kand]]",
            f"verktyg = {_toml(verktyg)}",
            f"regel = {_toml(regel)}",
            'skal = ""  # skriv varför fyndet är ett falskt larm',
            "fynd = [",
        ]
        for (text, plats, element), filer in per_fynd.items():
            falt = [f"fil = {_toml(filer[0]) if len(filer) == 1 else _toml_lista(filer)}"]
            if plats:
                falt.append(f"plats = {_toml(plats)}")
            falt.append(f"text = {_toml(text)}")
            if element:
                falt.append(f"element = {_toml(element)}")
            rader.append("  { " + ", ".join(falt) + " },")
        rader.append("]")
        delar.append("\n".join(rader))
    return "\n\n".join(delar) + "\n"


def _toml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _toml_lista(texter: list[str]) -> str:
    return "[" + ", ".join(_toml(t) for t in texter) + "]"
