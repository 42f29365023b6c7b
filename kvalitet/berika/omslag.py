"""The cover as the rapportmall lists it: which fields show, in what order, under what label,
and what a draft says when a field is empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kvalitet.modell import Enhetsrapport
from kvalitet.modell.rapportmall import Omslagsfalt, Rapportmall

AVSANDARE = ("logotyp", "huvudman", "förvaltning")
"""The sender's fields, above the title."""
TITELFALT = {
    "enhet": "enhet",
    "titel": "rapporttyp",
    "undertitel": "undertitel",
    "period": "period",
}
"""The fields of the cover's h1 with their class (``enhet`` sets the running header's name)."""


@dataclass
class Omslagsrad:
    """One field on the cover: its key, label, value (None: empty) and CSS class."""

    falt: str
    etikett: str | None
    varde: Any
    klass: str
    saknas: bool = False
    """The field is empty in a draft and shows the template's ``saknas_i_utkast`` text."""


@dataclass
class Omslag:
    """The cover of a rapportmall that lists its own fields, in three groups."""

    avsandare: list[Omslagsrad]
    titel: list[Omslagsrad]
    uppgifter: list[Omslagsrad]


def _varden(rapport: Enhetsrapport, varden: dict[str, Any]) -> dict[str, Any]:
    return {
        "skolform": rapport.skolform.capitalize(),
        "område": rapport.omrade,
        "ansvarig": rapport.ansvarig.visas if rapport.ansvarig else None,
        "datum": rapport.datum,
        "status": rapport.status.capitalize(),
        **varden,
    }


def omslag(
    mall: Rapportmall, standard: Rapportmall, rapport: Enhetsrapport, varden: dict[str, Any]
) -> Omslag | None:
    """The cover's fields under ``mall``, or None when the template keeps the standard cover
    (``omslag`` left out or equal to the standard's), which ``delar/omslag.html.j2`` writes as
    it always has. ``varden``: the values of the sender and title fields."""
    falten: list[Omslagsfalt] | None = mall.dokument.omslag
    if falten is None or falten == standard.dokument.omslag:
        return None
    alla = _varden(rapport, varden)
    ut = Omslag([], [], [])
    for f in falten:
        varde = alla.get(f.falt)
        tom = varde is None or varde == ""
        saknas = tom and rapport.status == "utkast" and bool(f.saknas_i_utkast)
        if f.visas == "aldrig" or (tom and f.visas == "om_ifyllt" and not saknas):
            continue
        rad = Omslagsrad(f.falt, f.etikett, f.saknas_i_utkast if saknas else varde, "", saknas)
        if f.falt in AVSANDARE:
            rad.klass = "forvaltning" if f.falt == "förvaltning" else f.falt
            ut.avsandare.append(rad)
        elif f.falt in TITELFALT:
            rad.klass = TITELFALT[f.falt]
            ut.titel.append(rad)
        else:
            rad.klass = {"område": "omrade"}.get(f.falt, f.falt)
            ut.uppgifter.append(rad)
    return ut
