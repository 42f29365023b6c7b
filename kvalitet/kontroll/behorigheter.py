"""``rapporter/behörigheter.yaml`` checked: the model, then what the model alone cannot see —
units that do not exist, a person without e-mail or ``sub``, a rektor without units, the same
person or group twice. Every problem has the file, line and a fix."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, las_yaml
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.validera import las_modell
from kvalitet.modell.behorigheter import KRAVER_ENHETER, Behorighetsfil
from kvalitet.modell.rattighet import Behorighet, behorighet_for


def projektets_enheter(projekt: Projekt) -> list[str]:
    """Every unit id of the project, over all periods, sorted."""
    return sorted({f.stem for f in projekt.enhetsfiler()})


def las_behorigheter(
    projekt: Projekt, enheter: Iterable[str] | None = None
) -> tuple[Behorighetsfil | None, list[Problem]]:
    """The project's rights file, validated; (None, []) when the project has none, (None,
    problems) when it has errors (then nobody gets a role from it)."""
    fil = projekt.behorighetsfil
    if not fil.is_file():
        return None, []
    kalla = las_yaml(fil)
    return validera_behorigheter(kalla, projektets_enheter(projekt) if enheter is None else enheter)


def validera_behorigheter(
    kalla: Kalla, enheter: Iterable[str]
) -> tuple[Behorighetsfil | None, list[Problem]]:
    problem: list[Problem] = list(kalla.problem)
    modell = las_modell(kalla, Behorighetsfil, problem, "'kontakt:' och 'personer:'")
    if modell is None:
        return None, problem
    problem.extend(_korskontroll(modell, kalla, sorted(set(enheter))))
    if any(p.ar_fel for p in problem):
        return None, problem
    return modell, problem


def _korskontroll(modell: Behorighetsfil, kalla: Kalla, kanda: list[str]) -> list[Problem]:
    problem: list[Problem] = []
    sedda: dict[str, int] = {}
    for i, person in enumerate(modell.personer):
        plats = ("personer", i)
        if not (person.epost or "").strip() and not (person.sub or "").strip():
            problem.append(
                kalla.fel(
                    plats,
                    "personen har varken 'epost' eller 'sub' och kan inte kännas igen vid "
                    "inloggningen",
                    "skriv personens e-postadress, t.ex. 'epost: eva.lind@alvmora.se'",
                )
            )
        for nyckel, varde in (("epost", person.epost), ("sub", person.sub)):
            if not varde or not varde.strip():
                continue
            nyckelvarde = f"{nyckel}:{varde.strip().casefold()}"
            if nyckelvarde in sedda:
                problem.append(
                    kalla.fel(
                        (*plats, nyckel),
                        f"personen med {nyckel} '{varde.strip()}' står redan under 'personer' "
                        f"(nummer {sedda[nyckelvarde] + 1})",
                        "skriv personen en gång, med alla roller och enheter i samma post",
                    )
                )
            else:
                sedda[nyckelvarde] = i
        problem.extend(_roller_och_enheter(kalla, plats, person.roller, person.enheter, kanda))
    grupper: dict[str, int] = {}
    for i, grupp in enumerate(modell.grupper):
        plats = ("grupper", i)
        if grupp.grupp in grupper:
            problem.append(
                kalla.fel(
                    (*plats, "grupp"),
                    f"gruppen '{grupp.grupp}' står redan under 'grupper' (nummer "
                    f"{grupper[grupp.grupp] + 1})",
                    "skriv gruppen en gång, med alla roller och enheter i samma post",
                )
            )
        else:
            grupper[grupp.grupp] = i
        problem.extend(_roller_och_enheter(kalla, plats, grupp.roller, grupp.enheter, kanda))
    return problem


def _roller_och_enheter(
    kalla: Kalla,
    plats: tuple[str | int, ...],
    roller: Sequence[str],
    enheter: Sequence[str],
    kanda: list[str],
) -> list[Problem]:
    problem: list[Problem] = []
    for roll in KRAVER_ENHETER:
        if roll in roller and not enheter:
            problem.append(
                kalla.fel(
                    (*plats, "roller"),
                    f"rollen {roll} gäller inga enheter",
                    "skriv enheternas id under 'enheter', t.ex. 'enheter: [bjorkbackaskolan]'",
                )
            )
    for j, enhet in enumerate(enheter):
        if enhet in kanda:
            continue
        forslag = menade_du(enhet, kanda)
        hur = f"menade du '{forslag}'?" if forslag else ""
        problem.append(
            kalla.fel(
                (*plats, "enheter", j),
                f"enheten '{enhet}' finns inte i projektet",
                (hur + " " if hur else "")
                + "skriv enhetens id, filnamnet utan .yaml"
                + (
                    f" (finns: {', '.join(kanda[:8])}{' …' if len(kanda) > 8 else ''})"
                    if kanda
                    else ""
                ),
            )
        )
    return problem


class Behorighetsminne:
    """The rights file as the server reads it on every request: parsed again only when the
    file changed (its size, time and inode). Errors in the fields (an unknown role, an unknown
    key, broken YAML) give nobody a role until they are fixed: the server fails closed. What
    only the cross-check sees (an unknown unit, the same person twice, a rektor without
    units) does not stop the others: ``kontrollera`` reports it, and it grants nothing more
    than the file says."""

    def __init__(self, projekt: Projekt) -> None:
        self.projekt = projekt
        self._nyckel: tuple[int, int, int] | None = None
        self._fil: Behorighetsfil | None = None
        self.problem: list[Problem] = []
        self._las = threading.Lock()

    def fil(self) -> Behorighetsfil | None:
        sokvag = self.projekt.behorighetsfil
        try:
            st = sokvag.stat()
        except OSError:
            with self._las:
                self._nyckel, self._fil, self.problem = None, None, []
            return None
        nyckel = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self._las:
            if nyckel == self._nyckel:
                return self._fil
        kalla = las_yaml(sokvag)
        problem: list[Problem] = list(kalla.problem)
        modell = las_modell(kalla, Behorighetsfil, problem, "'kontakt:' och 'personer:'")
        with self._las:
            self._nyckel, self._fil, self.problem = nyckel, modell, problem
        return modell

    def behorighet(self, ansprak: Mapping[str, object]) -> Behorighet:
        """The rights of the person in ``ansprak`` (the verified ID token's claims)."""
        return behorighet_for(self.fil(), ansprak)


def projektets_behorighet(projekt: Projekt, ansprak: Mapping[str, object]) -> Behorighet:
    """The rights of a login in this project, the file read now (a server keeps a
    ``Behorighetsminne`` instead)."""
    return Behorighetsminne(projekt).behorighet(ansprak)
