"""What a save or an undo writes, computed from the file on disk at the moment of writing
(called by the one write path, ``kalla/skrivvag.py``, under the file's lock): the page's
document when the file is still at the page's version; else the three-way merge of the page's
base, the page's document and the file now; a ``Konflikt`` where both changed the same field.
The user's side is ``docs/skriva-i-webblasaren.md``; ``redigera.py`` answers the protocol."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.rundtur import Rundtur
from kvalitet.kalla.sammanfoga import Sokvag, lika, sammanfoga, skillnader
from kvalitet.kalla.skrivvag import Konflikt
from kvalitet.modell.schema import enhetsschema
from kvalitet.visa.behorighet import Nekad, Upptagen

TOM_FIL = (
    "enhetens fil är tom just nu (någon sparar den kanske i en texteditor); ingenting är "
    "skrivet och det du skrev finns kvar i formuläret, som försöker igen om en stund"
)


def version_av(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Motpart:
    """The file as it is on disk when both changed it: for the conflict answer."""

    nu: bytes
    deras: Any
    sammanfogat: Any
    falt: list[dict[str, Any]]


@dataclass
class Utfall:
    """What the last computation did (the write path may compute more than once)."""

    rundtur: Rundtur | None = None
    fran_deras: list[Sokvag] = field(default_factory=list)


def las_rundtur(text: bytes, namn: str) -> Rundtur:
    """The file's round trip; a file that cannot be read as YAML is refused in Swedish."""
    try:
        return Rundtur(text.decode("utf-8"), schema=enhetsschema())
    except (KvalitetError, UnicodeDecodeError) as exc:
        meddelande = exc.format_message() if isinstance(exc, KvalitetError) else str(exc)
        raise Nekad(
            f"{namn} kan inte läsas som YAML just nu ({meddelande}); rätta filen i en "
            "texteditor (kvalitet kontrollera visar raden) och spara igen: det du skrev finns "
            "kvar i formuläret"
        ) from None


def sparning(
    innehall: dict[str, Any],
    version: str,
    bas: Any,
    rundtur_for: Callable[[bytes], Rundtur],
    utfall: Utfall,
    las_om_godkand: bool,
) -> Callable[[bytes | None], bytes | Konflikt | None]:
    """The computation of a save: ``innehall`` over ``version``; ``bas`` (None: not sent, as
    older pages do) is the page's data of that version."""

    def berakna(nu: bytes | None) -> bytes | Konflikt | None:
        if nu is None:
            raise Nekad("enhetens fil finns inte längre; ladda om sidan")
        if not nu.strip():
            raise Upptagen(TOM_FIL)
        rundtur = rundtur_for(nu)
        nu_data = rundtur.som_data()
        fran: list[Sokvag] = []
        if version_av(nu) == version:
            mal: Any = innehall
        elif bas is None:  # an older page: no merge without the base, as before
            return Konflikt(Motpart(nu, nu_data, nu_data, skillnader(innehall, nu_data)))
        else:
            m = sammanfoga(bas, innehall, nu_data)
            if m.konflikter:
                return Konflikt(Motpart(nu, nu_data, m.data, m.konflikter))
            mal, fran = m.data, m.fran_deras
        if not isinstance(mal, dict):
            raise Nekad("det som skickades är ingen rapport (fält med värden)")
        if lika(mal, nu_data):
            utfall.rundtur, utfall.fran_deras = rundtur, fran
            return None
        if (
            las_om_godkand
            and rundtur.hamta(("status",)) == "godkänd"
            and mal.get("status") == "godkänd"
        ):
            raise Nekad("rapporten är godkänd och ändras inte; välj 'Öppna igen' för att ändra den")
        rundtur.uppdatera(mal)
        utfall.rundtur, utfall.fran_deras = rundtur, fran
        return rundtur.text().encode("utf-8")

    return berakna


def angring(
    fore: bytes,
    efter: bytes,
    version: str,
    rundtur_for: Callable[[bytes], Rundtur],
    utfall: Utfall,
) -> Callable[[bytes | None], bytes | Konflikt | None]:
    """The computation of an undo of the save that turned ``fore`` into ``efter`` (whose
    version is ``version``): ``fore`` byte for byte when the file is still ``efter``; else the
    three-way check with base = ``efter``, mine = ``fore``, theirs = the file now."""

    def berakna(nu: bytes | None) -> bytes | Konflikt | None:
        if nu is None:
            raise Nekad("enhetens fil finns inte längre; ladda om sidan")
        if version_av(nu) == version:
            utfall.rundtur, utfall.fran_deras = None, []
            return fore
        if not nu.strip():
            raise Upptagen(TOM_FIL)
        rundtur = rundtur_for(nu)
        nu_data = rundtur.som_data()
        namn = "versionen före sparningen"
        m = sammanfoga(
            las_rundtur(efter, namn).som_data(), las_rundtur(fore, namn).som_data(), nu_data
        )
        if m.konflikter:
            return Konflikt(Motpart(nu, nu_data, m.data, m.konflikter))
        rundtur.uppdatera(m.data)
        utfall.rundtur, utfall.fran_deras = rundtur, m.fran_deras
        return rundtur.text().encode("utf-8")

    return berakna
