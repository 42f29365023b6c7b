"""What a logged-in person may do on the server: their ``Behorighet`` from
``rapporter/behörigheter.yaml`` (read again only when it changed, through ``Behorighetsminne``),
and which unit a request's path is about. Without a rights file the configuration's
``[skrivratt]`` is the documented fallback: everyone logged in reads every unit and writes the
units it names (``"*"``: every unit, as their rektor). Neither file nor ``[skrivratt]``: nobody
has a role."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.behorigheter import Behorighetsminne, projektets_enheter
from kvalitet.modell.behorigheter import Behorighetsfil
from kvalitet.modell.rattighet import Behorighet, Identitet, behorighet_for
from kvalitet.server.anvandare import ALLA, Anvandare
from kvalitet.server.revision import revision

HUVUDMANNENS = ("sammanstallning", "huvudmannens-rapport")
"""Pages that show every unit: only for those who read all (granskare, redaktör, admin)."""
ALLA_ENHETER = "*"
MAX_MINNE = 10_000


def ansprak_for(anvandare: Anvandare) -> dict[str, Any]:
    """The verified ID token's claims as the session keeps them."""
    return {
        "sub": anvandare.sub,
        "email": anvandare.epost or None,
        "name": anvandare.namn,
        "groups": list(anvandare.grupper),
    }


def _tilldelning(fil: Behorighetsfil | None) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Who has which roles and units, keyed by person or group (to see what a reload changed)."""
    if fil is None:
        return {}
    ut: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for p in fil.personer:
        nyckel = (p.epost or p.sub or p.namn or "").casefold()
        ut[f"person:{nyckel}"] = (tuple(sorted(p.roller)), tuple(sorted(p.enheter)))
    for g in fil.grupper:
        ut[f"grupp:{g.grupp}"] = (tuple(sorted(g.roller)), tuple(sorted(g.enheter)))
    return ut


class Rattigheter:
    """The rights of every logged-in person, one instance per server."""

    def __init__(self, projekt: Projekt, skrivratt: dict[str, tuple[str, ...]]) -> None:
        self.projekt = projekt
        self.skrivratt = skrivratt
        self.minne = Behorighetsminne(projekt)
        self._forra: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None
        self._sedd: Behorighetsfil | bool | None = False
        self._per_person: dict[tuple[object, ...], Behorighet] = {}
        """Each person's rights for the file as it was last parsed (matching a person against
        600 entries costs about a millisecond; this makes it a lookup)."""

    @property
    def har_fil(self) -> bool:
        return self.projekt.behorighetsfil.is_file()

    def for_anvandare(self, anvandare: Anvandare) -> Behorighet:
        """From the rights file; without it from ``[skrivratt]`` when that is configured, else
        nobody has a role (fails closed: removing the file opens nothing)."""
        if not self.har_fil and self.skrivratt:
            return self._reserv(anvandare)
        fil = self.minne.fil()
        if fil is not self._sedd:  # parsed again (or removed): the people's rights afresh
            self._bevaka(fil)
            self._sedd, self._per_person = fil, {}
        nyckel = (anvandare.sub, anvandare.epost, anvandare.namn, anvandare.grupper)
        behorighet = self._per_person.get(nyckel)
        if behorighet is None:
            behorighet = behorighet_for(fil, ansprak_for(anvandare))
            if len(self._per_person) < MAX_MINNE:
                self._per_person[nyckel] = behorighet
        return behorighet

    def las_om(self, **vem: object) -> None:
        """Read the file now (it was saved on the server): it applies to the next request, and
        the audit line names ``vem``, who saved it."""
        fil = self.minne.fil()
        self._bevaka(fil, via="webben", **vem)
        self._sedd, self._per_person = fil, {}

    def _bevaka(self, fil: Behorighetsfil | None, **vem: object) -> None:
        """The audit log's line when a reload of the file changed someone's rights."""
        nu = _tilldelning(fil)
        forra, self._forra = self._forra, nu
        if not vem and (forra is None or forra == nu):
            return
        forra = forra or {}
        andrade = sorted(k for k in {*forra, *nu} if forra.get(k) != nu.get(k))
        revision(
            "behörigheter ändrade",
            andrade=andrade,
            fel=[p.visa() for p in self.minne.problem if p.ar_fel][:5],
            **vem,
        )

    def _reserv(self, anvandare: Anvandare) -> Behorighet:
        nycklar = [anvandare.epost, *(f"grupp:{g}".lower() for g in anvandare.grupper)]
        enheter: set[str] = set()
        for nyckel in nycklar:
            enheter.update(self.skrivratt.get(nyckel, ()))
        if ALLA in enheter:
            enheter = set(projektets_enheter(self.projekt))
        person = Identitet(anvandare.namn, anvandare.epost or None, anvandare.sub)
        roller = frozenset({"rektor"} if enheter else {"läsare"})
        return Behorighet(person, roller, frozenset(enheter), None)


def enhet_i_sokvag(sokvag: str) -> str | None:
    """The unit a GET or POST of the editor or preview is about (``ALLA_ENHETER`` for the
    huvudman's pages that show every unit; None: no unit, e.g. the start page or a picture)."""
    if sokvag.startswith("/skriv/"):
        delar = [unquote(d) for d in sokvag.removeprefix("/skriv/").split("/")]
        if len(delar) == 1 and delar[0] in ("ny", "markdown", "formular.json"):
            return None
        return delar[0]
    namn = unquote(sokvag.lstrip("/"))
    if "/" in namn or not namn.endswith((".html", ".pdf", ".docx")):
        return None
    stam = namn.rsplit(".", 1)[0]
    if stam == "index":
        return None
    return ALLA_ENHETER if stam in HUVUDMANNENS else stam


def far_lasa_sokvag(behorighet: Behorighet, sokvag: str) -> bool:
    enhet = enhet_i_sokvag(sokvag)
    if enhet is None:
        return True
    if enhet == ALLA_ENHETER:
        return behorighet.laser is None
    return behorighet.far_lasa(enhet)
