"""Validation of a rapportmall: the model, then the checks across its parts, tables and scales,
each located in the template's file with a Swedish fix."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.modelltyper import _modellklass
from kvalitet.kontroll.validera import las_modell
from kvalitet.modell import FARG, Enhetsrapport
from kvalitet.modell.rapportmall import Del, Rapportmall

DEL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FORSTA_FALT = "'namn:' och 'delar:'"


def enhetsfalt(sokvag: str) -> tuple[bool, list[str]]:
    """Whether a dotted path of YAML keys (``resultat.objektiva``) is a field of the unit file,
    and the keys allowed where it stops."""
    modell: type[BaseModel] | None = Enhetsrapport
    for nyckel in sokvag.split("."):
        if modell is None:
            return False, []
        falt = {(f.alias or n): f for n, f in modell.model_fields.items()}
        if nyckel not in falt:
            return False, list(falt)
        modell = _modellklass(falt[nyckel].annotation)
    return True, []


def validera_rapportmall(kalla: Kalla, namn: str) -> tuple[Rapportmall | None, list[Problem]]:
    """Validate one loaded rapportmall: every problem, located; the model when there are no
    errors. ``namn`` is the template's name (the file name before ``.rapportmall.yaml``)."""
    problem: list[Problem] = list(kalla.problem)
    if not DEL_ID.match(namn):
        problem.append(
            kalla.fel(
                (),
                f"rapportmallens namn '{namn}' får bara innehålla små bokstäver a–z, siffror och "
                "bindestreck",
                "döp om filen, t.ex. till 'forskola-avdelning.rapportmall.yaml'",
            )
        )
    mall = las_modell(kalla, Rapportmall, problem, FORSTA_FALT)
    if mall is None:
        return None, problem
    problem.extend(_kontrollera_delar(mall, kalla))
    problem.extend(_kontrollera_skalor(mall, kalla))
    if any(p.ar_fel for p in problem):
        return None, problem
    return mall, problem


def _delsokvag(index: tuple[int, ...]) -> Sokvag:
    sokvag: list[str | int] = []
    for i in index:
        sokvag.extend(("delar", i))
    return tuple(sokvag)


def _kontrollera_delar(mall: Rapportmall, kalla: Kalla) -> list[Problem]:
    problem: list[Problem] = []
    sedda: dict[str, Sokvag] = {}
    falt_sedda: dict[str, str] = {}
    for index, del_ in mall.alla_delar():
        plats = _delsokvag(index)
        if not DEL_ID.match(del_.id):
            problem.append(
                kalla.fel(
                    (*plats, "id"),
                    f"delens id '{del_.id}' får bara innehålla små bokstäver a–z, siffror och "
                    "bindestreck",
                    "skriv t.ex. 'id: objektiva-resultat'",
                )
            )
        if del_.id in sedda:
            rad = kalla.plats((*sedda[del_.id], "id"))[0]
            problem.append(
                kalla.fel(
                    (*plats, "id"),
                    f"id '{del_.id}' finns redan på rad {rad}",
                    "ge varje del ett eget id; sammanställningen jämför delar med samma id",
                )
            )
        sedda.setdefault(del_.id, plats)
        if del_.falt is not None:
            problem.extend(_kontrollera_falt(del_, plats, kalla, falt_sedda))
        problem.extend(_kontrollera_tabeller(mall, del_, plats, kalla))
    return problem


def _kontrollera_falt(
    del_: Del, plats: Sokvag, kalla: Kalla, sedda: dict[str, str]
) -> list[Problem]:
    assert del_.falt is not None
    finns, tillatna = enhetsfalt(del_.falt)
    if not finns:
        sista = del_.falt.rsplit(".", 1)[-1]
        forslag = menade_du(sista, tillatna)
        hur = (
            f"menade du '{forslag}'?"
            if forslag
            else "ta bort 'fält' så skriver enheten delen under 'delar.<id>'"
        )
        return [
            kalla.fel(
                (*plats, "fält"),
                f"'{del_.falt}' är inget fält i enhetsfilen",
                hur,
            )
        ]
    if del_.falt in sedda:
        return [
            kalla.fel(
                (*plats, "fält"),
                f"fältet '{del_.falt}' hör redan till delen '{sedda[del_.falt]}'",
                "varje fält i enhetsfilen hör till en enda del",
            )
        ]
    sedda[del_.falt] = del_.id
    return []


def _kontrollera_tabeller(
    mall: Rapportmall, del_: Del, plats: Sokvag, kalla: Kalla
) -> list[Problem]:
    problem: list[Problem] = []
    ids: set[str] = set()
    for i, tabell in enumerate(del_.tabeller):
        tplats = (*plats, "tabeller", i)
        if tabell.id in ids:
            problem.append(
                kalla.fel(
                    (*tplats, "id"),
                    f"delen '{del_.id}' har redan en tabell med id '{tabell.id}'",
                    "ge varje tabell i delen ett eget id",
                )
            )
        ids.add(tabell.id)
        rubriker: set[str] = set()
        for k, kolumn in enumerate(tabell.kolumner):
            if kolumn.rubrik in rubriker:
                problem.append(
                    kalla.fel(
                        (*tplats, "kolumner", k, "rubrik"),
                        f"tabellen '{tabell.id}' har redan en kolumn '{kolumn.rubrik}'",
                        "ge kolumnerna olika rubriker",
                    )
                )
            rubriker.add(kolumn.rubrik)
        if tabell.sort == "bedömningsskala":
            if tabell.skala is None:
                problem.append(
                    kalla.fel(
                        tplats,
                        f"tabellen '{tabell.id}' är en bedömningsskala men säger inte vilken skala",
                        _skala_hur(mall),
                    )
                )
            elif tabell.skala not in mall.skalor:
                forslag = menade_du(tabell.skala, mall.skalor)
                problem.append(
                    kalla.fel(
                        (*tplats, "skala"),
                        f"skalan '{tabell.skala}' finns inte under 'skalor'",
                        f"menade du '{forslag}'?" if forslag else _skala_hur(mall),
                    )
                )
        elif tabell.skala is not None:
            problem.append(
                kalla.fel(
                    (*tplats, "skala"),
                    f"tabellen '{tabell.id}' har en skala men är ingen bedömningsskala",
                    "skriv 'sort: bedömningsskala', eller ta bort 'skala'",
                )
            )
    return problem


def _skala_hur(mall: Rapportmall) -> str:
    if mall.skalor:
        return "skriv 'skala:' med en av " + ", ".join(f"'{s}'" for s in mall.skalor)
    return "lägg till skalan under 'skalor:' och skriv dess id i 'skala:'"


def _kontrollera_skalor(mall: Rapportmall, kalla: Kalla) -> list[Problem]:
    problem: list[Problem] = []
    for namn, skala in mall.skalor.items():
        varden: set[str] = set()
        for i, steg in enumerate(skala.steg):
            plats: Sokvag = ("skalor", namn, "steg", i)
            if steg.varde in varden:
                problem.append(
                    kalla.fel(
                        (*plats, "värde"),
                        f"skalan '{namn}' har redan steget '{steg.varde}'",
                        "ge varje steg ett eget värde",
                    )
                )
            varden.add(steg.varde)
            if steg.farg is not None and not FARG.match(steg.farg.strip()):
                problem.append(
                    kalla.fel(
                        (*plats, "färg"),
                        f"'{steg.farg}' är ingen färg",
                        "skriv t.ex. '#2e7d32' (inom citattecken) eller ett färgnamn som 'green'",
                    )
                )
    return problem


def varde_vid(data: Any, falt: str) -> Any:
    """The raw value at a dotted path of YAML keys, or None."""
    for nyckel in falt.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(nyckel)
    return data


def ar_tom(varde: Any) -> bool:
    if varde is None:
        return True
    if isinstance(varde, str):
        return not varde.strip()
    if isinstance(varde, list | dict):
        return not varde
    return False
