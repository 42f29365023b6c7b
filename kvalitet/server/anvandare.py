"""Who is logged in (from the ID token's claims). What they may do comes from
``rapporter/behörigheter.yaml`` (``server/rattigheter.py``); only a project without that file
falls back on the configuration's ``[skrivratt]``: every logged-in person reads everything and
writes the units that it gives their e-mail address or one of their groups (``grupp:NAMN``;
``"*"`` is every unit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kvalitet.kalla.projekt import Projekt
from kvalitet.modell.rattighet import Behorighet
from kvalitet.visa.behorighet import Session, Skrivratt

ALLA = "*"


@dataclass(frozen=True)
class Anvandare:
    """The person, as the identity provider's ID token names them."""

    sub: str
    namn: str
    epost: str
    grupper: tuple[str, ...]

    def som_data(self) -> dict[str, Any]:
        return {"sub": self.sub, "namn": self.namn, "epost": self.epost, "grupper": self.grupper}

    @classmethod
    def ur_data(cls, data: Mapping[str, Any]) -> Anvandare:
        return cls(str(data["sub"]), str(data["namn"]), str(data["epost"]), tuple(data["grupper"]))


def anvandare_ur_ansprak(ansprak: Mapping[str, Any], gruppansprak: str = "groups") -> Anvandare:
    """The person from verified ID token claims. Entra ID names the address
    ``preferred_username`` (or ``upn``) when ``email`` is not released; groups are its
    ``groups`` claim (object ids, or names with a SAML→OIDC proxy)."""
    epost = next(
        (str(ansprak[n]) for n in ("email", "preferred_username", "upn") if ansprak.get(n)), ""
    )
    grupper = ansprak.get(gruppansprak) or []
    if isinstance(grupper, str):
        grupper = [grupper]
    return Anvandare(
        sub=str(ansprak["sub"]),
        namn=str(ansprak.get("name") or epost or ansprak["sub"]),
        epost=epost.strip().lower(),
        grupper=tuple(str(g) for g in grupper if isinstance(g, str | int)),
    )


def gruppoverskott(ansprak: Mapping[str, Any], gruppansprak: str = "groups") -> bool:
    """Entra ID's groups overage: a person in more groups than fit in a token (about 200 in a
    JWT) gets no ``groups`` claim, but ``_claim_names`` pointing at ``_claim_sources`` (the
    Graph API), or ``hasgroups: true``. Their roles from groups are then unknown. (With app
    roles, ``gruppansprak = "roles"``, the groups' overage does not matter.)"""
    if ansprak.get(gruppansprak):
        return False
    namn = ansprak.get("_claim_names")
    if isinstance(namn, Mapping) and gruppansprak in namn:
        return True
    return gruppansprak == "groups" and ansprak.get("hasgroups") in (True, "true")


class Anvandarsession(Session):
    """The editor's session for one logged-in person: their CSRF token (the page's
    ``X-Kvalitet-Token``), and who they are."""

    def __init__(self, token: str, anvandare: Anvandare, behorighet: Behorighet) -> None:
        super().__init__(behorighet)
        self.token = token
        self.anvandare = anvandare


def skrivratt_for(
    anvandare: Anvandare, regler: Mapping[str, tuple[str, ...]], projekt: Projekt
) -> Skrivratt:
    """The units the person may write by the configuration's ``[skrivratt]`` (nothing when no
    rule names them). The rights module (``behörigheter.yaml``) replaces this function."""
    nycklar = [anvandare.epost, *(f"grupp:{g}".lower() for g in anvandare.grupper)]
    enheter: set[str] = set()
    for nyckel in nycklar:
        enheter.update(regler.get(nyckel, ()))
    if ALLA in enheter:
        return Skrivratt(projekt)
    return Skrivratt(projekt, frozenset(enheter))
