"""Who may write what through the editor: the session's token and the files it may write.

Locally there is one session (the person at the computer who started ``kvalitet visa``) and it
may write every unit file and the image folder under ``rapporter/``: its ``behorighet`` is
``LOKAL``, an administratör. The server gives each logged-in person a ``Behorighet`` from
``rapporter/behörigheter.yaml`` (``kontroll/behorigheter.py``) and a ``Skrivratt`` made from it
(``Skrivratt.for_behorighet``) with only their own units; the editor asks this object and
nothing else before it writes."""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from kvalitet.kalla.projekt import Projekt
from kvalitet.modell.rattighet import Behorighet, Identitet

BILDMAPP = "bilder"
"""Uploaded images go to ``rapporter/bilder/``, where the examples keep theirs."""
YAMLSUFFIX = (".yaml", ".yml")
LOKAL = Behorighet(
    Identitet(namn="den lokala användaren"), frozenset({"administratör"}), laser=None
)
"""The one person of ``kvalitet skriv``/``visa``: may do everything, as before logins."""


class Nekad(Exception):
    """A write the session may not do; the message is Swedish and shown as it is."""


class IngenRatt(Nekad):
    """A write the person has no right to (the server answers 403, not 400)."""


class Upptagen(Nekad):
    """A write that cannot be done this instant but can in a moment (the file is being written
    by someone else): the server answers 503, and the page tries again by itself."""


class Session:
    """One editing session, as Jupyter does it. ``kvalitet skriv``/``visa`` print (and open) a link
    with a one-time ``nyckel``; the first request with it gets the session cookie ``kaka``
    (HttpOnly, SameSite=Strict), and every page, JSON answer and write then needs that cookie.
    A write also needs ``token`` in the header ``X-Kvalitet-Token``: it stands in the pages that
    only a request with the cookie gets, so a page on another site (which sends no Strict cookie
    and cannot read our pages) and a local process without the cookie can do neither."""

    def __init__(self, behorighet: Behorighet = LOKAL) -> None:
        self.behorighet = behorighet
        self.token = secrets.token_urlsafe(32)
        self.nyckel = secrets.token_urlsafe(32)
        self.kaka = secrets.token_urlsafe(32)
        self._anvand = False
        self._las = threading.Lock()

    def ratt_token(self, varde: str | None) -> bool:
        return _lika(varde, self.token)

    def ratt_kaka(self, varde: str | None) -> bool:
        return _lika(varde, self.kaka)

    def byt_nyckel(self, varde: str | None) -> str | None:
        """The cookie for the one-time key, once; None for a wrong or used key."""
        with self._las:
            if self._anvand or not _lika(varde, self.nyckel):
                return None
            self._anvand = True
            return self.kaka


def _lika(varde: str | None, hemlighet: str) -> bool:
    return bool(varde) and hmac.compare_digest(str(varde).encode(), hemlighet.encode())


@dataclass(frozen=True)
class Skrivratt:
    """The files a session may write: unit files and images under ``rapporter/``, never through a
    link, never outside; ``enheter`` (None: all) narrows it to a person's units, and
    ``behorighet`` (None: the local session) says whether the huvudman's files may be written."""

    projekt: Projekt
    enheter: frozenset[str] | None = None
    behorighet: Behorighet | None = None

    @classmethod
    def for_behorighet(cls, projekt: Projekt, behorighet: Behorighet) -> Skrivratt:
        """A logged-in person's rights: their units as rektor (all for an administratör)."""
        return cls(projekt, behorighet.skrivbara, behorighet)

    @property
    def far_skriva_huvudmannafiler(self) -> bool:
        """huvudman.yaml, huvudmannens-rapport.yaml and the templates."""
        return self.behorighet is None or self.behorighet.far_redigera_huvudman

    @property
    def rapporter(self) -> Path:
        return self.projekt.rapporter.resolve()

    def far_skriva_enhet(self, enhets_id: str) -> bool:
        return self.enheter is None or enhets_id in self.enheter

    def kontrollera(self, fil: Path, suffix: tuple[str, ...] = YAMLSUFFIX) -> Path:
        """The file, when it may be written; else ``Nekad``. No part of the path may be a link,
        and the file must lie under ``rapporter/`` with one of ``suffix``."""
        rot = self.projekt.rapporter
        if rot.is_symlink():
            raise Nekad("mappen rapporter/ är en länk; editorn skriver inte genom länkar")
        absolut = Path(fil) if Path(fil).is_absolute() else self.projekt.rot / fil
        if ".." in absolut.parts:
            raise Nekad(f"sökvägen '{fil}' får inte innehålla '..'")
        try:
            del_ = absolut.relative_to(rot)
        except ValueError:
            try:
                del_ = absolut.resolve().relative_to(self.rapporter)
            except ValueError:
                raise Nekad("editorn skriver bara filer under rapporter/") from None
        steg = rot
        for namn in del_.parts:
            steg = steg / namn
            if steg.is_symlink():
                raise Nekad(f"'{namn}' är en länk; editorn skriver inte genom länkar")
        if not steg.resolve().is_relative_to(self.rapporter):
            raise Nekad("editorn skriver bara filer under rapporter/")
        if steg.suffix.lower() not in suffix:
            raise Nekad(f"editorn skriver inte filer av sorten '{steg.suffix or steg.name}'")
        return steg

    def enhetsfil(self, enhets_id: str, fil: Path) -> Path:
        if not self.far_skriva_enhet(enhets_id):
            raise IngenRatt(f"du får inte skriva i enheten '{enhets_id}'")
        return self.kontrollera(fil)

    def bildmapp(self) -> Path:
        mapp = self.projekt.rapporter / BILDMAPP
        if mapp.is_symlink():
            raise Nekad("bildmappen är en länk; editorn skriver inte genom länkar")
        return mapp
