"""Headings with nothing under them: they are not printed, and kontrollera says so at their line
(a warning, so that ``--strikt`` stops the report before it is published)."""

from __future__ import annotations

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.modell import Enhetsrapport
from kvalitet.modell.genomgang import Del, har_innehall, underavsnitt

GRUPPER = (
    ("objektiva", "Objektiva resultat"),
    ("subjektiva", "Subjektiva resultat"),
    ("observerade", "Observerade resultat"),
)


def tomma_rubriker(rapport: Enhetsrapport, kalla: Kalla) -> list[Problem]:
    """A warning for each outermost empty subsection of sections 1–3 (an empty main section has
    its own warning, 'avsnittet … är tomt')."""
    ut: list[Problem] = []
    for falt in ("kvalitetsarbete", "resultat", "analys"):
        del_ = getattr(rapport, falt)
        if del_ is not None and har_innehall(del_):
            ut.extend(_under(del_, (falt,), kalla))
    if rapport.resultat is not None and har_innehall(rapport.resultat):
        for nyckel, namn in GRUPPER:
            grupp = getattr(rapport.resultat, nyckel)
            if grupp is None:
                continue
            if har_innehall(grupp):
                ut.extend(_under(grupp, ("resultat", nyckel), kalla))
            else:
                ut.append(_varning(kalla, ("resultat", nyckel), namn))
    return ut


def _under(del_: Del, sokvag: Sokvag, kalla: Kalla) -> list[Problem]:
    ut: list[Problem] = []
    for barnsok, barn, _ in underavsnitt(del_, sokvag):
        if har_innehall(barn):
            ut.extend(_under(barn, barnsok, kalla))
        else:
            ut.append(_varning(kalla, barnsok, barn.rubrik))
    return ut


def _varning(kalla: Kalla, sokvag: Sokvag, namn: str) -> Problem:
    return kalla.varning(
        sokvag,
        f"rubriken '{namn}' har inget innehåll och skrivs inte ut",
        "skriv en text, en tabell eller ett underavsnitt under den, eller ta bort rubriken",
    )
