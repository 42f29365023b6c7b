"""Validation of one file: the model, then the cross-checks and the styrtal checks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla
from kvalitet.kalla.rapportmallar import STANDARD
from kvalitet.kontroll.korskontroll import korskontroller
from kvalitet.kontroll.maskering import antalets_form
from kvalitet.kontroll.modellfel import beskriv_varde, oversatt
from kvalitet.kontroll.styrtal import kontrollera_enhetens_styrtal, kontrollera_plan
from kvalitet.modell import Enhetsrapport, Huvudmannafil
from kvalitet.modell.malltabell import med_mallens_tabeller
from kvalitet.modell.rapportmall import Rapportmall

M = TypeVar("M", bound=BaseModel)
ENHETS_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def las_modell(kalla: Kalla, modell: type[M], problem: list[Problem], forsta_falt: str) -> M | None:
    """Validate loaded data against a model, adding located problems; None on errors."""
    if not kalla.ok or kalla.data is None:
        return None
    if not isinstance(kalla.data, dict):
        problem.append(
            kalla.fel(
                (),
                f"filen ska bestå av fält som 'namn: ...', men innehåller {beskriv_varde(kalla.data)}",
                f"börja filen med {forsta_falt} på egna rader",
            )
        )
        return None
    try:
        return modell.model_validate(kalla.data)
    except ValidationError as exc:
        problem.extend(oversatt(exc, kalla, modell))
        return None


def period_i_mappen(
    kalla: Kalla, period: str, mappperiod: str | None, flytta: bool = False
) -> list[Problem]:
    """An error when the file's ``period`` is not that of the period folder it lies in."""
    if not mappperiod or period == mappperiod:
        return []
    hur = f"skriv 'period: {mappperiod}'"
    return [
        kalla.fel(
            ("period",),
            f"filen ligger i mappen för {mappperiod} men 'period' är {period}",
            hur + (", eller flytta filen till rätt periodmapp" if flytta else ""),
        )
    ]


def validera_enhet(
    kalla: Kalla,
    projektrot: Path | None = None,
    huvudman: Huvudmannafil | None = None,
    mappperiod: str | None = None,
    huvudman_trasig: bool = False,
    rapportmallar: Mapping[str, Rapportmall | None] | None = None,
) -> tuple[Enhetsrapport | None, list[Problem]]:
    """Validate one loaded unit file: every problem, located; the model when there are no errors.

    ``huvudman`` is the period's huvudman file (its styrtal are what the unit reports against);
    ``mappperiod`` the period of the folder the file lies in. When the huvudman file exists but
    has errors (``huvudman_trasig``), the checks that need it are left out: its own errors say
    what to fix. Files the report refers to must lie
    inside ``projektrot`` (default: the folder above ``rapporter/``)."""
    projektrot = projektrot or _gissa_projektrot(kalla.fil)
    problem: list[Problem] = list(kalla.problem)
    enhets_id = kalla.fil.stem
    if not ENHETS_ID.match(enhets_id):
        forslag = slug(enhets_id)
        problem.append(
            kalla.fel(
                (),
                f"filnamnet '{kalla.fil.name}' används som enhetens id och får bara innehålla "
                "små bokstäver a–z, siffror och bindestreck",
                f"döp om filen till '{forslag}{kalla.fil.suffix}'",
            )
        )
    rapport = las_modell(kalla, Enhetsrapport, problem, "'namn:', 'skolform:' och 'period:'")
    if rapport is None:
        return None, problem
    problem.extend(period_i_mappen(kalla, rapport.period, mappperiod, flytta=True))
    if (
        huvudman is None
        and not rapport.huvudman
        and not huvudman_trasig
        and _kraver_huvudman(rapport, rapportmallar)
    ):
        problem.append(
            kalla.fel(
                (),
                "huvudmannen saknas",
                f"skriv 'huvudman: ...' i filen, eller lägg till huvudmannafilen "
                f"rapporter/{rapport.period.replace('/', '-')}/huvudman.yaml",
            )
        )
    from kvalitet.kontroll.malltabeller import kontrollera_tabeller
    from kvalitet.kontroll.rapportmallval import mallval  # they import this module's checks

    mallnamn = mallval(enhets_id, rapport, huvudman).namn
    mall = (rapportmallar or {}).get(mallnamn)
    if mall is not None:  # the tables of the template's parts get its columns before the checks
        problem.extend(kontrollera_tabeller(rapport, mall, mallnamn, lambda: kalla))
        rapport = med_mallens_tabeller(rapport, mall)
    foljer_upp = mall is None or any(d.sort == "verksamhetsplan" for _, d in mall.alla_delar())
    problem.extend(korskontroller(rapport, kalla, projektrot, mall))
    problem.extend(antalets_form(kalla, rapport))
    if not huvudman_trasig:
        problem.extend(kontrollera_enhetens_styrtal(rapport, kalla, huvudman, foljer_upp))
    if any(p.ar_fel for p in problem):
        return None, problem
    return rapport, problem


def _kraver_huvudman(
    rapport: Enhetsrapport, rapportmallar: Mapping[str, Rapportmall | None] | None
) -> bool:
    """Whether the unit must name its huvudman: yes, unless the template it follows (without a
    huvudman file: its own ``rapportmall:`` or the standard) says ``huvudman_krävs: false``."""
    mall = (rapportmallar or {}).get(rapport.rapportmall or STANDARD)
    return mall is None or mall.dokument.huvudman_kravs


def validera_huvudman(
    kalla: Kalla, projektrot: Path, mappperiod: str | None = None
) -> tuple[Huvudmannafil | None, list[Problem]]:
    """Validate the huvudman's file of a period: model, verksamhetsplan, theme, logotyp."""
    problem: list[Problem] = list(kalla.problem)
    huvudman = las_modell(kalla, Huvudmannafil, problem, "'namn:' och 'period:'")
    if huvudman is None:
        return None, problem
    problem.extend(period_i_mappen(kalla, huvudman.period, mappperiod))
    problem.extend(kontrollera_plan(huvudman, kalla, projektrot))
    if any(p.ar_fel for p in problem):
        return None, problem
    return huvudman, problem


def slug(text: str) -> str:
    text = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u")):
        text = text.replace(a, b)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "enhet"


def _gissa_projektrot(fil: Path) -> Path:
    for mapp in fil.resolve().parents:
        if mapp.name == "rapporter":
            return mapp.parent
    return fil.resolve().parent
