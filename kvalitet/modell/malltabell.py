"""A unit's table paired with the table its rapportmall's part expects, and the steps of an
assessment scale (bedömningsskala): shared by the view, the checks and the sammanställning."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from kvalitet.modell.avsnitt import Avsnitt, Huvudavsnitt
from kvalitet.modell.rapport import Enhetsrapport
from kvalitet.modell.rapportmall import Rapportmall
from kvalitet.modell.rapportmall_disposition import delens_varde
from kvalitet.modell.rapportmall_tabell import Skala, Steg, Tabellmall
from kvalitet.modell.tabell import Tabell

BEDOMNINGSKOLUMN = 0
"""The value column of a ``bedömningsskala`` table that holds the assessment (the others are
comments)."""


def tabellmall_for(tabell: Tabell, plats: int, mallar: Sequence[Tabellmall]) -> Tabellmall | None:
    """The template's table for the unit's ``plats``-th table (from 0) of a part: the one named
    by the table's ``id``, else the template table at the same place. None when the part expects
    no table there (or the ``id`` is unknown: ``kontrollera`` says so)."""
    if tabell.id is not None:
        return next((m for m in mallar if m.id == tabell.id), None)
    return mallar[plats] if plats < len(mallar) else None


def skalans_steg(mall: Rapportmall, tabellmall: Tabellmall | None) -> list[Steg]:
    """The steps of the scale a ``bedömningsskala`` table is assessed on, best first; empty for
    any other table (or a scale the template does not have). The sammanställning counts a
    part's assessments per step with this and :func:`steg_for`."""
    skala = skala_for(mall, tabellmall)
    return list(skala.steg) if skala else []


def skala_for(mall: Rapportmall, tabellmall: Tabellmall | None) -> Skala | None:
    """The scale of a ``bedömningsskala`` table, or None."""
    if tabellmall is None or tabellmall.sort != "bedömningsskala" or not tabellmall.skala:
        return None
    return mall.skalor.get(tabellmall.skala)


def normalisera(varde: Any) -> str:
    """A cell as compared with a step's value: trimmed, case folded (``Grön`` is ``grön``)."""
    return str(varde).strip().casefold()


def steg_for(steg: Sequence[Steg], varde: Any) -> Steg | None:
    """The step a cell names (``grön``, ``Grön``), or None when it names none."""
    if varde is None:
        return None
    namn = normalisera(varde)
    return next((s for s in steg if normalisera(s.varde) == namn), None)


def fyll_ur_mallen(tabell: Tabell, mall: Tabellmall | None) -> Tabell:
    """The unit's table with what it left out taken from the template's table: the caption,
    the heading over the rows' names and the columns (when the rows have ``värden``); its ``id``
    names the template's table. What the unit wrote is kept."""
    if mall is None:
        return tabell
    andra: dict[str, Any] = {"id": mall.id}
    if not tabell.rubrik and mall.rubrik:
        andra["rubrik"] = mall.rubrik
    if not tabell.radrubrik and mall.radrubrik:
        andra["radrubrik"] = mall.radrubrik
    if not tabell.kolumner and mall.kolumner and any(r.varden is not None for r in tabell.rader):
        andra["kolumner"] = [k.rubrik for k in mall.kolumner]
    return tabell.model_copy(update=andra)


def _fylld_del(varde: Any, mallar: Sequence[Tabellmall]) -> Any:
    if not mallar or not isinstance(varde, Avsnitt | Huvudavsnitt) or not varde.tabeller:
        return varde
    tabeller = [
        fyll_ur_mallen(t, tabellmall_for(t, i, mallar)) for i, t in enumerate(varde.tabeller)
    ]
    return varde.model_copy(update={"tabeller": tabeller})


def _satt(modell: BaseModel, nycklar: list[str], varde: Any) -> BaseModel:
    """``modell`` with the value at a dotted path of YAML keys (aliases) replaced."""
    namn = next(
        (n for n, f in type(modell).model_fields.items() if (f.alias or n) == nycklar[0]), None
    )
    if namn is None:
        return modell
    if len(nycklar) > 1:
        inre = getattr(modell, namn)
        if not isinstance(inre, BaseModel):
            return modell
        varde = _satt(inre, nycklar[1:], varde)
    return modell.model_copy(update={namn: varde})


def med_mallens_tabeller(rapport: Enhetsrapport, mall: Rapportmall) -> Enhetsrapport:
    """The unit with each table of a template part completed from the table the part expects
    (:func:`fyll_ur_mallen`), so that the checks and the view see its columns. Idempotent."""
    for _, del_ in mall.alla_delar():
        if not del_.tabeller:
            continue
        fore = delens_varde(rapport, del_.falt, del_.id)
        efter = _fylld_del(fore, del_.tabeller)
        if efter is fore:
            continue
        if del_.falt is None:
            rapport = rapport.model_copy(update={"delar": {**rapport.delar, del_.id: efter}})
        else:
            ny = _satt(rapport, del_.falt.split("."), efter)
            assert isinstance(ny, Enhetsrapport)
            rapport = ny
    return rapport
