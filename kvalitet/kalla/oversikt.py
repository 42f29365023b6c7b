"""Which unit file belongs to which period, found without validating anything (fast)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from kvalitet.grund.problem import Problem, fel
from kvalitet.kalla.las import Kalla, kalltext, las_yaml
from kvalitet.kalla.projekt import Projekt, periodnyckel


def _utanfor(projekt: Projekt, fil: Path) -> Problem | None:
    if fil.resolve().is_relative_to(projekt.rot.resolve()):
        return None
    return fel(
        fil,
        1,
        1,
        "filen är en länk till en fil utanför projektmappen och läses inte",
        "kopiera filen till rapporter/ i stället för att länka",
    )


def _skriven_period(kalla: Kalla) -> str | None:
    if isinstance(kalla.data, dict) and kalla.data.get("period") is not None:
        return kalltext(kalla.data["period"]).strip()
    return None


@dataclass
class Periodoversikt:
    """Which file belongs to which period, read without validating anything."""

    filperiod: dict[Path, str | None]
    perioder: list[str]
    kallor: dict[Path, Kalla]

    def senaste(self) -> str | None:
        return self.perioder[-1] if self.perioder else None

    def filer(self, period: str | None) -> list[Path]:
        """The unit files of ``period``, with files whose period cannot be read."""
        return [f for f, p in self.filperiod.items() if p is None or p == period]


_SPARADE: dict[Path, tuple[tuple[object, ...], Periodoversikt]] = {}
_SPARADE_LAS = threading.Lock()


def _mappar(mapp: Path) -> tuple[object, ...] | None:
    """The names of every folder and YAML file under ``mapp`` (a file added, removed or
    renamed changes them; a save, which writes a hidden temporary file and renames it over
    the old one, does not), read without a system call per file; None when a symbolic link is
    met (the overview is then always made afresh)."""
    delar: list[object] = []
    kvar = [str(mapp)]
    while kvar:
        mappen = kvar.pop()
        namn: list[str] = []
        try:
            with os.scandir(mappen) as poster:
                for post in poster:
                    if post.is_symlink():
                        return None
                    if post.is_dir():
                        kvar.append(post.path)
                        namn.append(post.name + "/")
                    elif post.name.endswith((".yaml", ".yml")) and not post.name.startswith("."):
                        namn.append(post.name)
        except OSError:
            return None
        delar.append((mappen, tuple(sorted(namn))))
    return tuple(delar)


def _lasta(filer: list[Path]) -> tuple[object, ...]:
    """The files the overview read for their period (outside period folders): their text."""
    delar: list[object] = []
    for fil in filer:
        try:
            st = fil.stat()
            delar.append((st.st_mtime_ns, st.st_size))
        except OSError:
            delar.append(None)
    return tuple(delar)


def periodoversikt(projekt: Projekt) -> Periodoversikt:
    """Files in period folders are placed by their folder; only files directly in
    ``rapporter/`` are read to find their period. Kept until a file is added, removed or
    renamed under ``rapporter/`` or a file that was read changes (the server asks several
    times per save, and a save only writes a file in place); callers must not change it."""
    mappar = _mappar(projekt.rapporter)
    nyckel = projekt.rot.resolve()
    with _SPARADE_LAS:
        sparad = _SPARADE.get(nyckel)
    if mappar is not None and sparad is not None:
        avtryck, oversikt = sparad
        if avtryck == (mappar, _lasta(list(oversikt.kallor))):
            return oversikt
    oversikt = _periodoversikt(projekt)
    if mappar is not None:
        with _SPARADE_LAS:
            if len(_SPARADE) > 32:
                _SPARADE.clear()
            _SPARADE[nyckel] = ((mappar, _lasta(list(oversikt.kallor))), oversikt)
    return oversikt


def _periodoversikt(projekt: Projekt) -> Periodoversikt:
    kallor: dict[Path, Kalla] = {}
    filperiod: dict[Path, str | None] = {}
    for fil in projekt.enhetsfiler():
        mapp = projekt.mappens_period(fil)
        if mapp is None and _utanfor(projekt, fil) is None:
            kallor[fil] = las_yaml(fil)
            mapp = _skriven_period(kallor[fil])
        filperiod[fil] = mapp
    huvudmannafiler = projekt.huvudmannafiler()
    perioder = sorted({p for p in filperiod.values() if p} | set(huvudmannafiler), key=periodnyckel)
    return Periodoversikt(filperiod, perioder, kallor)
