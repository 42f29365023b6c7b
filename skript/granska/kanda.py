"""Findings of the independent checkers, and the list of known false positives they are held to."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KANDA = Path(__file__).with_name("kanda.toml")


@dataclass(frozen=True)
class Fynd:
    """One finding: which checker, which file (and width), which rule, and what it said."""

    verktyg: str
    fil: str
    regel: str
    grad: str
    text: str
    plats: str = ""

    def rad(self) -> str:
        plats = f" ({self.plats})" if self.plats else ""
        return f"{self.verktyg} {self.fil}{plats}: {self.grad}: {self.regel}: {self.text}"


@dataclass
class Kand:
    """A known false positive: matched by checker, rule, file pattern and a piece of its text."""

    verktyg: str
    regel: str
    skal: str
    fil: str = "*"
    innehaller: str = ""
    traffar: int = field(default=0, compare=False)

    def galler(self, fynd: Fynd) -> bool:
        return (
            fynd.verktyg == self.verktyg
            and fnmatch.fnmatchcase(fynd.regel, self.regel)
            and fnmatch.fnmatchcase(fynd.fil, self.fil)
            and self.innehaller in fynd.text
        )


class FelIListan(ValueError):
    """The list of known findings is malformed (an entry without a reason, an unknown key)."""


def las_kanda(fil: Path = KANDA) -> list[Kand]:
    """Read ``kanda.toml``: every entry names its checker and rule and gives its reason."""
    data = tomllib.loads(fil.read_text(encoding="utf-8"))
    kanda: list[Kand] = []
    tillatna = {"verktyg", "regel", "skal", "fil", "innehaller"}
    for nr, post in enumerate(data.get("kand", []), start=1):
        okanda = set(post) - tillatna
        if okanda:
            raise FelIListan(f"{fil.name}: post {nr} har okända nycklar: {sorted(okanda)}")
        for nyckel in ("verktyg", "regel", "skal"):
            if not str(post.get(nyckel, "")).strip():
                raise FelIListan(f"{fil.name}: post {nr} saknar '{nyckel}'")
        if post["regel"] == "*" and not post.get("innehaller"):
            raise FelIListan(
                f"{fil.name}: post {nr} tystar en hel granskare; ange regel eller 'innehaller'"
            )
        kanda.append(Kand(**post))
    return kanda


@dataclass
class Utfall:
    nya: list[Fynd]
    kanda: list[tuple[Fynd, Kand]]
    oanvanda: list[Kand]


def jamfor(fynd: list[Fynd], kanda: list[Kand]) -> Utfall:
    """Split findings into known (with the entry that explains them) and new."""
    for k in kanda:
        k.traffar = 0
    nya: list[Fynd] = []
    forklarade: list[tuple[Fynd, Kand]] = []
    for f in fynd:
        post = next((k for k in kanda if k.galler(f)), None)
        if post is None:
            nya.append(f)
        else:
            post.traffar += 1
            forklarade.append((f, post))
    return Utfall(nya, forklarade, [k for k in kanda if k.traffar == 0])
