"""The review files of a period (``rapporter/<period>/granskning/<enhet>.yaml``) read and
checked with located Swedish problems; and their text as kvalitet writes it."""

from __future__ import annotations

import threading
from pathlib import Path

import yaml

from kvalitet.grund.problem import Problem, visningsnamn
from kvalitet.kalla.las import Kalla, las_yaml, las_yaml_text
from kvalitet.kalla.oversikt import periodoversikt
from kvalitet.kalla.projekt import GRANSKNINGSMAPP, Projekt
from kvalitet.kontroll.modellfel import visa_sokvag
from kvalitet.kontroll.validera import ENHETS_ID, las_modell
from kvalitet.modell.granskning import LAGE_FRAN_STATUS, STATUS_I_ENHETSFILEN, Granskning
from kvalitet.modell.rattighet import Otillatet

RUBRIK = (
    "# Granskningen av {namn} för {period}: läget, vem som flyttade det och varför, och\n"
    "# kommentarerna. kvalitet skriver filen när någon lämnar in, godkänner eller kommenterar;\n"
    "# enhetens egen fil är {fil}. Se docs/behorigheter.md.\n"
)


def periodens_enheter(projekt: Projekt, period: str) -> dict[str, Path]:
    """The unit files of ``period`` by id (the first when two files have one id)."""
    ut: dict[str, Path] = {}
    for fil in periodoversikt(projekt).filer(period):
        ut.setdefault(fil.stem, fil)
    return ut


def enhetens_fil(projekt: Projekt, period: str, enhet: str) -> Path:
    """The unit's file for the period; ``Otillatet`` when the period has no such unit."""
    if ENHETS_ID.match(enhet):
        direkt = projekt.periodmapp(period) / f"{enhet}.yaml"
        if direkt.is_file() and not direkt.is_symlink():
            return direkt  # the usual place, without listing the project
    fil = periodens_enheter(projekt, period).get(enhet)
    if fil is None:
        raise Otillatet(f"enheten '{enhet}' finns inte för {period}")
    return fil


class Enhetsminne:
    """A unit file's ``namn`` and ``status:`` as written (no validation), read once per version
    of the file (its size, time and inode): the overview of 600 units reads only what changed."""

    def __init__(self) -> None:
        self._poster: dict[Path, tuple[tuple[int, int, int], str, str | None]] = {}
        self._las = threading.Lock()

    def uppgifter(self, fil: Path) -> tuple[str, str | None]:
        """(namn, status) of the unit file; the file name and None when unreadable."""
        try:
            st = fil.stat()
        except OSError:
            return fil.stem, None
        nyckel = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self._las:
            post = self._poster.get(fil)
        if post is not None and post[0] == nyckel:
            return post[1], post[2]
        data = las_yaml(fil).data
        namn = data.get("namn") if isinstance(data, dict) else None
        status = data.get("status") if isinstance(data, dict) else None
        ut = (
            namn.strip() if isinstance(namn, str) and namn.strip() else fil.stem,
            status if isinstance(status, str) else None,
        )
        with self._las:
            if len(self._poster) > 10_000:
                self._poster.clear()
            self._poster[fil] = (nyckel, *ut)
        return ut


def enhetens_status(fil: Path, minne: Enhetsminne | None = None) -> str | None:
    """The unit file's ``status:`` as written (no validation; None when unreadable)."""
    return (minne or Enhetsminne()).uppgifter(fil)[1]


def enhetens_namn(fil: Path, minne: Enhetsminne | None = None) -> str:
    return (minne or Enhetsminne()).uppgifter(fil)[0]


def _las(kalla: Kalla) -> tuple[Granskning | None, list[Problem]]:
    problem: list[Problem] = list(kalla.problem)
    granskning = las_modell(kalla, Granskning, problem, "'enhet:' och 'läge:'")
    if granskning is None:
        return None, problem
    problem.extend(_korskontroll(granskning, kalla))
    if any(p.ar_fel for p in problem):
        return None, problem
    return granskning, problem


def las_granskningsbytes(data: bytes, fil: Path) -> tuple[Granskning | None, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Kalla(fil).fel((), "filen är inte UTF-8", "spara filen som UTF-8")]
    return _las(las_yaml_text(text, fil))


def las_granskning(
    projekt: Projekt, period: str, enhet: str
) -> tuple[Granskning | None, list[Problem]]:
    """The unit's review file, read and checked; (None, []) when it has none."""
    fil = projekt.granskningsfil(period, enhet)
    if not fil.is_file():
        return None, []
    return _las(las_yaml(fil))


def _korskontroll(granskning: Granskning, kalla: Kalla) -> list[Problem]:
    problem: list[Problem] = []
    if granskning.enhet != kalla.fil.stem:
        problem.append(
            kalla.fel(
                ("enhet",),
                f"filen heter {kalla.fil.name} men gäller enheten '{granskning.enhet}'",
                f"skriv 'enhet: {kalla.fil.stem}', eller döp om filen efter enheten",
            )
        )
    if granskning.handelser and granskning.handelser[-1].till != granskning.lage:
        problem.append(
            kalla.fel(
                ("läge",),
                f"läget är {granskning.lage} men den senaste händelsen ledde till "
                f"{granskning.handelser[-1].till}",
                f"skriv 'läge: {granskning.handelser[-1].till}' (läget ändras genom kvalitet, "
                "inte för hand)",
            )
        )
    sedda: set[int] = set()
    for i, kommentar in enumerate(granskning.kommentarer):
        if kommentar.nummer in sedda:
            problem.append(
                kalla.fel(
                    ("kommentarer", i, "nummer"),
                    f"kommentar nummer {kommentar.nummer} finns redan",
                    "ge kommentaren ett nummer som ingen annan kommentar i filen har",
                )
            )
        sedda.add(kommentar.nummer)
    return problem


def kontrollera_granskningar(projekt: Projekt, period: str | None) -> list[Problem]:
    """Every review file of the period: the model, a unit that exists, the unit's
    ``status:`` agreeing with the review's state (a warning when not)."""
    if period is None:
        return []
    mapp = projekt.periodmapp(period) / GRANSKNINGSMAPP
    if mapp.is_symlink():
        return [
            Kalla(mapp).fel(
                (),
                "mappen granskning/ är en länk och läses inte",
                "ta bort länken; kvalitet skapar mappen själv",
            )
        ]
    if not mapp.is_dir():
        return []
    enheter = periodens_enheter(projekt, period)
    problem: list[Problem] = []
    for fil in sorted(mapp.glob("*.yaml")):
        if fil.is_symlink():
            problem.append(
                Kalla(fil).fel(
                    (),
                    "granskningsfilen är en länk och läses inte",
                    "ta bort länken; kvalitet skriver granskningen själv",
                )
            )
            continue
        kalla = las_yaml(fil)
        granskning, egna = _las(kalla)
        problem.extend(egna)
        if granskning is None:
            continue
        enhetsfil = enheter.get(fil.stem)
        if enhetsfil is None:
            problem.append(
                kalla.varning(
                    ("enhet",),
                    f"enheten '{fil.stem}' finns inte för {period}; granskningen gäller ingen rapport",
                    "ta bort filen, eller lägg tillbaka enhetens fil",
                )
            )
            continue
        problem.extend(_forsvunna_delar(granskning, kalla, las_yaml(enhetsfil).data))
        status = enhetens_status(enhetsfil) or "utkast"
        if LAGE_FRAN_STATUS.get(status) != granskning.lage:
            problem.append(
                kalla.varning(
                    ("läge",),
                    f"granskningen säger {granskning.lage} men {visningsnamn(enhetsfil, projekt.rot)} "
                    f"har 'status: {status}'; granskningen gäller",
                    f"skriv 'status: {STATUS_I_ENHETSFILEN[granskning.lage]}' i enhetens fil, "
                    "eller låt granskaren flytta läget",
                )
            )
    return problem


def _finns(data: object, sokvag: list[str | int]) -> bool:
    for del_ in sokvag:
        ar_punkt = isinstance(data, list) and isinstance(del_, int) and 0 <= del_ < len(data)
        if not (isinstance(data, dict) and del_ in data) and not ar_punkt:
            return False
        data = data[del_]  # type: ignore[index]
    return True


def _forsvunna_delar(granskning: Granskning, kalla: Kalla, data: object) -> list[Problem]:
    """A warning for each open comment whose part is no longer in the unit file."""
    ut = []
    for i, kommentar in enumerate(granskning.kommentarer):
        if kommentar.oppen and data is not None and not _finns(data, kommentar.sokvag):
            ut.append(
                kalla.varning(
                    ("kommentarer", i, "sökväg"),
                    f"kommentar {kommentar.nummer} sitter vid '{visa_sokvag(tuple(kommentar.sokvag))}', "
                    "som inte finns i enhetens fil längre",
                    "svara på kommentaren eller markera den som löst",
                )
            )
    return ut


class _Skrivare(yaml.SafeDumper):
    """Lists of plain values on one line (``sökväg: [resultat, styrkor, 0]``)."""


def _lista(dumper: yaml.SafeDumper, data: list[object]) -> yaml.Node:
    platt = all(isinstance(v, str | int | float) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=platt or None)


_Skrivare.add_representer(list, _lista)


def som_yaml(
    granskning: Granskning, rot: Path, enhetsfil: Path, minne: Enhetsminne | None = None
) -> str:
    """The review file's text: a comment saying what it is, then the data, readable."""
    data = granskning.model_dump(by_alias=True, exclude_none=True, mode="json")
    for kommentar in data.get("kommentarer", []):
        if not kommentar.get("svar"):
            kommentar.pop("svar", None)
    rubrik = RUBRIK.format(
        namn=enhetens_namn(enhetsfil, minne),
        period=enhetsfil.parent.name.replace("-", "/"),
        fil=visningsnamn(enhetsfil, rot),
    )
    return rubrik + yaml.dump(
        data, Dumper=_Skrivare, allow_unicode=True, sort_keys=False, width=100
    )
