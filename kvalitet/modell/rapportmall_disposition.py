"""A unit's disposition under its rapportmall: which of the template's parts print, in what order,
at what level and with what computed number, and which print as empty. The view
(``berika/mallvy.py``) builds the report's parts from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from kvalitet.modell.avsnitt import Avsnitt, Huvudavsnitt, Resultat
from kvalitet.modell.genomgang import har_innehall
from kvalitet.modell.rapport import Enhetsrapport
from kvalitet.modell.rapportmall import Del, Rapportmall
from kvalitet.modell.rapportmall_tabell import Tabellmall

RUBRIKLOSA = ("delaktighet",)
"""Part kinds that print as a box with a title, not as a heading."""


@dataclass
class Dispositionsdel:
    """One part of the template as it prints for one unit."""

    id: str
    rubrik: str
    niva: int
    nummer: str
    """The computed number (``2.1``), empty for an unnumbered heading."""
    tom: bool
    tom_text: str | None
    """The text printed under the heading of an empty part (None when it is not empty)."""
    fast_text: str | None
    egna_avsnitt: bool
    delar: list[Dispositionsdel] = field(default_factory=list)
    sort: str = "avsnitt"
    falt: str | None = None
    """Where the unit writes the part (``resultat.objektiva``); None for ``delar.<id>``."""
    tabeller: list[Tabellmall] = field(default_factory=list)
    """The tables the part expects (their columns, units of measure, footnotes, scales)."""


def varde_i_rapport(rapport: BaseModel, falt: str) -> Any:
    """The value at a dotted path of YAML keys (aliases) in a validated unit, or None."""
    varde: Any = rapport
    for nyckel in falt.split("."):
        if not isinstance(varde, BaseModel):
            return None
        namn = next(
            (n for n, f in type(varde).model_fields.items() if (f.alias or n) == nyckel), None
        )
        if namn is None:
            return None
        varde = getattr(varde, namn)
    return varde


def delens_varde(rapport: Enhetsrapport, falt: str | None, id_: str) -> Any:
    """What the unit wrote for a part: at its ``fält``, else at ``delar.<id>``."""
    if falt is None:
        return rapport.delar.get(id_)
    return varde_i_rapport(rapport, falt)


def _ar_tom(del_: Del, rapport: Enhetsrapport, har_plan: bool) -> bool:
    if del_.sort == "verksamhetsplan":
        return not har_plan
    varde = delens_varde(rapport, del_.falt, del_.id)
    if isinstance(varde, Avsnitt | Huvudavsnitt | Resultat):
        return not har_innehall(varde)  # a section with nothing under its heading is empty
    if isinstance(varde, str):
        return not varde.strip()
    return varde is None or varde == [] or varde == {}


def disposition(
    mall: Rapportmall, rapport: Enhetsrapport, har_plan: bool = False
) -> list[Dispositionsdel]:
    """The template's parts that print for ``rapport``, numbered. ``har_plan``: the huvudman's
    verksamhetsplan has styrtal for the unit (a ``verksamhetsplan`` part then has content)."""
    skilj = mall.numrering.skiljetecken

    def ga(delar: list[Del], niva: int, fore: str) -> list[Dispositionsdel]:
        ut: list[Dispositionsdel] = []
        nr = 0
        for del_ in delar:
            numrerad = (
                del_.numrerad if del_.numrerad is not None else mall.numrering.numrerad(niva)
            ) and del_.sort not in RUBRIKLOSA
            nummer = str(nr + 1) if numrerad else ""
            nummer = f"{fore}{skilj}{nummer}" if fore and numrerad else nummer
            barn = ga(del_.delar, niva + 1, nummer or fore)
            # a part is empty when its own field is and no sub-part with a heading has content
            tom = _ar_tom(del_, rapport, har_plan) and all(
                b.tom or b.sort in RUBRIKLOSA for b in barn
            )
            if tom and del_.om_tom == "utelämna":
                continue
            nr += numrerad
            vy = Dispositionsdel(
                del_.id,
                del_.rubrik,
                niva,
                nummer,
                tom,
                del_.tom_text if tom else None,
                del_.fast_text_for(rapport.skolform),
                del_.egna_avsnitt,
                [] if tom else barn,
                del_.sort,
                del_.falt,
                list(del_.tabeller),
            )
            ut.append(vy)
        return ut

    return ga(mall.delar, 1, "")


def dokumentvarden(mall: Rapportmall, rapport: Enhetsrapport, huvudman: str) -> dict[str, str]:
    """The placeholders of the template's document texts ({enhet}, {titel}, {period},
    {huvudman})."""
    return {
        "enhet": rapport.namn,
        "titel": mall.titel_for(rapport.skolform),
        "period": rapport.period,
        "huvudman": huvudman,
    }


def fyll_i(text: str, varden: dict[str, str]) -> str:
    """``{enhet}, Kvalitetsrapport`` with the values filled in; other braces stay as written."""
    for nyckel, varde in varden.items():
        text = text.replace("{" + nyckel + "}", varde)
    return text
