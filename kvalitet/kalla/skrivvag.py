"""The one write path for every writer of a unit file (the editor, "ångra", ``importera
--skriv``, ``ny``): read, compute, write, swap in, under one lock per file.

Under a thread lock per path and an ``flock`` on ``ut/.kvalitet/fillas/<fil>.las`` (so the editor's
server and a command in another process exclude each other; one file's lock never blocks
another file) the file is read, the caller computes the new bytes from what it read, a
temporary file in the same folder gets them (with the file's own mode), and the two names are
exchanged atomically. Whatever was on disk at that instant is then in the temporary name: when
it is what the new bytes were computed from, that inode is moved into the history (so even a
late write into it by a text editor lands there); when it is not (someone wrote meanwhile), the
names are exchanged back and the caller computes again from the new file. Every version that
was on disk is in the file or in the history: an outside change is merged, answered as a
conflict, or restorable, never lost."""

from __future__ import annotations

import fcntl
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.kalla import filbyte
from kvalitet.kalla.filbyte import NY_FILS_RATTIGHETER, Skrivfel, ar_skrivfel, skrivfel
from kvalitet.kalla.historik import KVALITETMAPP, Historik, skapa_mapp

LASMAPP = KVALITETMAPP / "fillas"
"""One lock file per unit file (``ut/.kvalitet/las`` is the build's own lock file)."""
MAX_FORSOK = 10
"""A file that changes under every one of this many tries is refused (someone writes it all the
time); each try computes anew from what is on disk."""

LUGN_S = 0.1
"""A file changed less than this long ago may be in the middle of a write in place (a text
editor that empties the file, then writes it): it is read again until it has stood still
this long."""
LUGN_TOM_S = 1.0
"""An empty file must have stood still this long: an editor that has emptied the file may be
held up before it writes (a busy machine), and an empty unit file is never meant."""
LUGN_FORSOK = 80
"""At most this many reads, ``LUGN_S / 4`` apart (about two seconds), before what is read is
taken as it is."""

_tradlas: dict[str, threading.Lock] = {}
_tradlas_las = threading.Lock()


@dataclass
class Konflikt:
    """What the caller's computation answers when it will not write; ``varde`` is its own."""

    varde: Any = None


@dataclass
class Skrivning:
    """What the write path did: ``fore`` is what was on disk (None: no file), ``efter`` what is
    there from this write (equal to ``fore`` when nothing was written)."""

    fil: Path
    fore: bytes | None
    efter: bytes | None
    konflikt: Konflikt | None = None
    historikfil: Path | None = None

    @property
    def skrivet(self) -> bool:
        return self.konflikt is None and self.efter is not None and self.efter != self.fore


Berakning = Callable[[bytes | None], "bytes | Konflikt | None"]
"""From the bytes on disk (None: no file) to the bytes to write, a ``Konflikt``, or None for
"write nothing"."""


@contextmanager
def last(fil: Path, rot: Path) -> Iterator[None]:
    """Hold ``fil``'s lock: the thread lock of its path, then the ``flock`` of its lock file."""
    nyckel = os.path.abspath(fil)
    with _tradlas_las:
        tradlas = _tradlas.setdefault(nyckel, threading.Lock())
    with tradlas:
        try:
            mapp = skapa_mapp(rot, LASMAPP)
            try:
                del_ = Path(nyckel).relative_to(os.path.abspath(rot)).parts
            except ValueError:
                del_ = (fil.name,)
            fd = os.open(
                mapp / ("__".join(del_) + ".las"),
                os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW,
                NY_FILS_RATTIGHETER,
            )
        except OSError as exc:
            if not ar_skrivfel(exc):
                raise
            raise skrivfel(exc, rot / LASMAPP, rot) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def skriv_enhetsfil(
    fil: Path, ny: Berakning, historik: Historik, anledning: str = "före"
) -> Skrivning:
    """Write ``fil`` with what ``ny`` computes from the bytes on disk, through the lock and the
    exchange described above. A new file (``ny`` was given None) is created only if still no
    file has the name; else ``ny`` is asked again with the file that appeared."""
    rot = historik.rot
    with last(fil, rot):
        for _ in range(MAX_FORSOK):
            nu = las_lugn(fil)
            resultat = ny(nu)
            if isinstance(resultat, Konflikt):
                return Skrivning(fil, nu, nu, resultat)
            if resultat is None or resultat == nu:
                return Skrivning(fil, nu, nu)
            try:
                klar = _forsok(fil, nu, resultat, historik, anledning)
            except OSError as exc:
                if not ar_skrivfel(exc):
                    raise
                raise skrivfel(exc, fil.parent, rot) from None
            if klar is not None:
                return klar
    raise KvalitetError(
        f"{visningsnamn(fil, rot)} ändrades utanför kvalitet under varje försök att spara "
        f"({MAX_FORSOK} gånger); inget är förlorat: spara igen när den andra skrivningen är klar"
    )


def las_lugn(fil: Path) -> bytes | None:
    """The file's bytes once no one is writing it (None: no file). A text editor that saves in
    place empties the file and then writes it; read in between, an empty or half file would be
    taken for the other writer's version (a save would answer "they removed everything"). So a
    file changed less than ``LUGN_S`` ago (an empty one: ``LUGN_TOM_S``) is read again until it
    has stood still that long."""
    data = filbyte.las_om_finns(fil)
    for _ in range(LUGN_FORSOK):
        try:
            nu = os.stat(fil)
        except FileNotFoundError:
            return None
        stilla = LUGN_S if data else LUGN_TOM_S
        if time.time() - nu.st_mtime > stilla and data is not None and len(data) == nu.st_size:
            return data
        time.sleep(LUGN_S / 4)
        data = filbyte.las_om_finns(fil)
    return data


def _forsok(
    fil: Path, nu: bytes | None, resultat: bytes, historik: Historik, anledning: str
) -> Skrivning | None:
    """One try; None when the file was changed by someone else meanwhile (nothing written)."""
    if nu is None:
        tmp = filbyte.skriv_tillfallig(fil.parent, fil.name, resultat, NY_FILS_RATTIGHETER)
        if filbyte.skapa_utan_att_ersatta(tmp, fil):
            return Skrivning(fil, None, resultat)
        return None
    rattigheter = stat.S_IMODE(os.lstat(fil).st_mode)
    historik.filmapp(fil)  # a write needs its history entry: refuse a linked folder first
    tmp = filbyte.skriv_tillfallig(fil.parent, fil.name, resultat, rattigheter)
    try:
        bytt = filbyte.byt(tmp, fil)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if bytt:  # from here ``tmp`` may hold the version that was on disk: never just deleted
        return _efter_byte(fil, nu, resultat, tmp, historik, anledning)
    try:
        return _utan_byte(fil, nu, resultat, tmp, historik, anledning)
    finally:
        tmp.unlink(missing_ok=True)


def _efter_byte(
    fil: Path, nu: bytes, resultat: bytes, tmp: Path, historik: Historik, anledning: str
) -> Skrivning | None:
    gammal = filbyte.las_om_finns(tmp)
    if gammal != nu:  # written meanwhile: put it back, compute again from it
        filbyte.byt(tmp, fil)
        if filbyte.las_om_finns(tmp) == resultat:
            tmp.unlink()
        else:  # and yet another version came meanwhile: keep it
            historik.behall(fil, tmp, "utifrån")
        return None
    try:
        historikfil = historik.behall(fil, tmp, anledning)
    except (OSError, KvalitetError):  # KvalitetError: a Skrivfel naming the history folder
        filbyte.byt(tmp, fil)  # no write without its history entry
        tmp.unlink()
        raise
    return Skrivning(fil, nu, resultat, None, historikfil)


def _utan_byte(
    fil: Path, nu: bytes, resultat: bytes, tmp: Path, historik: Historik, anledning: str
) -> Skrivning | None:
    """Where names cannot be exchanged: the current file is hard-linked into the history,
    compared, then replaced."""
    lank = historik.lanka(fil, anledning)
    if filbyte.las_om_finns(lank) != nu:
        lank.unlink()
        return None
    try:
        os.replace(tmp, fil)
    except OSError:
        lank.unlink(missing_ok=True)
        raise
    return Skrivning(fil, nu, resultat, None, lank)


def skapa_fil(fil: Path, data: bytes, rot: Path) -> bool:
    """Create ``fil`` with ``data`` only if no file has its name (O_EXCL semantics); False when
    one does. For new unit files and uploaded images; a write error is a Swedish ``Skrivfel``."""
    try:
        tmp = filbyte.skriv_tillfallig(fil.parent, fil.name, data, NY_FILS_RATTIGHETER)
        return filbyte.skapa_utan_att_ersatta(tmp, fil)
    except OSError as exc:
        if not ar_skrivfel(exc):
            raise
        raise skrivfel(exc, fil.parent, rot) from None


__all__ = ["Konflikt", "Skrivfel", "Skrivning", "last", "skapa_fil", "skriv_enhetsfil"]
