"""From a login's claims to what that person may do: read, write, comment, approve, administer.

A pure function of ``rapporter/behörigheter.yaml`` (``Behorighetsfil``) and the claims the
identity provider vouched for (``sub``, ``email``, ``name``, ``groups``). The server asks the
``Behorighet`` it gives before every request; ``visa.behorighet.Skrivratt`` is made from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kvalitet.grund.problem import KvalitetError
from kvalitet.modell.behorigheter import Behorighetsfil

KONTAKT_UTAN_FIL = "den som sköter kvalitetsrapporterna hos huvudmannen"


class Otillatet(KvalitetError):
    """Something the person may not do (or that the review's state does not allow); the
    message is Swedish, says why and what to do, and is shown as it is (HTTP 403 on a server)."""


def _text(varde: Any) -> str | None:
    if isinstance(varde, str) and varde.strip():
        return varde.strip()
    return None


def _epost(varde: Any) -> str | None:
    text = _text(varde)
    return text.casefold() if text else None


@dataclass(frozen=True)
class Identitet:
    """Who did something: kept in the review's history, compared by ``sub``, else e-mail."""

    namn: str | None = None
    epost: str | None = None
    sub: str | None = None

    @classmethod
    def fran_ansprak(cls, ansprak: Mapping[str, Any]) -> Identitet:
        """From the claims; an e-mail the provider says it has not verified
        (``email_verified: false``) is not taken: anyone could have typed it."""
        epost = None if ansprak.get("email_verified") is False else _epost(ansprak.get("email"))
        return cls(_text(ansprak.get("name")), epost, _text(ansprak.get("sub")))

    def ar_samma(self, annan: Identitet | None) -> bool:
        """The same person: the same ``sub`` when both have one, else the same e-mail."""
        if annan is None:
            return False
        if self.sub and annan.sub:
            return self.sub == annan.sub
        return bool(self.epost) and _epost(self.epost) == _epost(annan.epost)

    def visning(self) -> str:
        """'Eva Lind (eva.lind@alvmora.se)', or what is known."""
        if self.namn and self.epost:
            return f"{self.namn} ({self.epost})"
        return self.namn or self.epost or self.sub or "okänd person"


@dataclass(frozen=True)
class Behorighet:
    """What one logged-in person may do. ``skriver``: the units they write as rektor;
    ``laser``: the units they read (None: all)."""

    person: Identitet
    roller: frozenset[str] = frozenset()
    skriver: frozenset[str] = frozenset()
    laser: frozenset[str] | None = frozenset()
    kontakt: str = KONTAKT_UTAN_FIL
    grupper: frozenset[str] = field(default=frozenset())

    @property
    def ar_admin(self) -> bool:
        return "administratör" in self.roller

    @property
    def ar_granskare(self) -> bool:
        return "granskare" in self.roller or self.ar_admin

    @property
    def har_roll(self) -> bool:
        return bool(self.roller)

    def far_lasa(self, enhet: str) -> bool:
        return self.laser is None or enhet in self.laser or self.far_skriva(enhet)

    def far_skriva(self, enhet: str) -> bool:
        return self.ar_admin or enhet in self.skriver

    def ar_rektor_for(self, enhet: str) -> bool:
        return enhet in self.skriver

    def far_kommentera(self, enhet: str) -> bool:
        """A granskare comments every unit; a rektor comments and answers in their own."""
        return self.ar_granskare or self.ar_rektor_for(enhet)

    def far_godkanna(self, enhet: str, inlamnad_av: Identitet | None = None) -> bool:
        """Never one's own report: not the unit's rektor, not the one who submitted it last."""
        if not self.ar_granskare or self.ar_rektor_for(enhet):
            return False
        return not self.person.ar_samma(inlamnad_av)

    def far_oppna_igen(self, enhet: str) -> bool:
        """An approved report is reopened only by a granskare (or an administratör)."""
        return self.ar_granskare and self.far_lasa(enhet)

    @property
    def far_redigera_huvudman(self) -> bool:
        """huvudman.yaml, huvudmannens-rapport.yaml and the templates."""
        return self.ar_admin or "huvudmannens redaktör" in self.roller

    @property
    def far_andra_behorigheter(self) -> bool:
        return self.ar_admin

    @property
    def skrivbara(self) -> frozenset[str] | None:
        """The units for ``Skrivratt.enheter``: None (all) for an administratör."""
        return None if self.ar_admin else self.skriver

    def synliga_enheter(self, alla: Iterable[str]) -> list[str]:
        """The units the start page lists, in the order given."""
        return [e for e in alla if self.far_lasa(e)]

    def utan_roll_text(self) -> str:
        """The Swedish text for a person with no role: who they are and whom to ask."""
        return (
            f"Du är inloggad som {self.person.visning()}, men du har ingen roll i "
            f"kvalitetsrapporterna. Fråga {self.kontakt} om att få en roll "
            "(den skrivs i rapporter/behörigheter.yaml)."
        )


def _tilldelningar(fil: Behorighetsfil, person: Identitet, grupper: frozenset[str]) -> list[Any]:
    traffar: list[Any] = []
    for post in fil.personer:
        jfr = Identitet(post.namn, _epost(post.epost), _text(post.sub))
        if person.sub and jfr.sub:
            if person.sub == jfr.sub:
                traffar.append(post)
        elif jfr.epost and person.epost == jfr.epost:
            traffar.append(post)
    traffar.extend(g for g in fil.grupper if g.grupp in grupper)
    return traffar


def behorighet_for(fil: Behorighetsfil | None, ansprak: Mapping[str, Any]) -> Behorighet:
    """The rights of the person in ``ansprak`` (the verified ID token's claims ``sub``,
    ``email``, ``name``, ``groups``). A person matches an entry of ``personer`` by ``sub`` when
    both have one, else by e-mail (case-insensitive), and every entry of ``grupper`` whose
    ``grupp`` is among the claim's groups. Roles add up. No file: nobody has a role."""
    person = Identitet.fran_ansprak(ansprak)
    grupplista = ansprak.get("groups") or []
    if isinstance(grupplista, str):
        grupplista = [grupplista]
    grupper = frozenset(str(g) for g in grupplista if isinstance(g, str | int))
    if fil is None:
        return Behorighet(person, grupper=grupper)
    roller: set[str] = set()
    skriver: set[str] = set()
    laser: set[str] | None = set()
    for post in _tilldelningar(fil, person, grupper):
        roller.update(post.roller)
        enheter = set(post.enheter)
        if "rektor" in post.roller:
            skriver |= enheter
        if "läsare" in post.roller and laser is not None:
            laser = laser | enheter if enheter else None
    if roller & {"granskare", "administratör", "huvudmannens redaktör"}:
        laser = None
    return Behorighet(
        person,
        frozenset(roller),
        frozenset(skriver),
        None if laser is None else frozenset(laser),
        fil.kontakt,
        grupper,
    )
