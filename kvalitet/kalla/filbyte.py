"""The file-system steps under the one write path: a temporary file with an explicit mode, an
atomic exchange of two names (Linux ``renameat2(RENAME_EXCHANGE)``), a create that never
replaces, and a write error in Swedish naming the folder."""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
from pathlib import Path

from kvalitet.grund.problem import KvalitetError, visningsnamn

NY_FILS_RATTIGHETER = 0o644
"""A new file's mode, given explicitly: the process umask is never read or changed (a
threaded server must not change process-wide state around a write)."""
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc: ctypes.CDLL | None = None
_byte_fungerar: bool | None = None

ORSAKER = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "lagringskvoten är slut",
    errno.EROFS: "disken är skrivskyddad",
    errno.EACCES: "du saknar behörighet att skriva där",
    errno.EPERM: "du saknar behörighet att skriva där",
}
"""The write errors a person can fix; every other OSError is a fault of kvalitet."""


class Skrivfel(KvalitetError):
    """A write that did not happen (disk full, read-only, no permission); Swedish, names the
    folder. Nothing was changed."""

    def __init__(self, meddelande: str, full: bool) -> None:
        super().__init__(meddelande)
        self.full = full


def skrivfel(fel: OSError, mapp: Path, rot: Path | None = None) -> Skrivfel:
    orsak = ORSAKER.get(fel.errno or 0, fel.strerror or "okänt fel")
    full = fel.errno in (errno.ENOSPC, errno.EDQUOT)
    hur = (
        "frigör utrymme på disken och spara igen"
        if full
        else "be den som sköter datorn om skrivrätt till mappen och spara igen"
    )
    namn = visningsnamn(mapp, rot) if rot is not None else str(mapp)
    return Skrivfel(
        f"mappen {namn} går inte att skriva i: {orsak} ({hur}); filen är som den var", full
    )


def ar_skrivfel(fel: OSError) -> bool:
    return fel.errno in ORSAKER


def skriv_tillfallig(mapp: Path, namn: str, data: bytes, rattigheter: int) -> Path:
    """A new temporary file ``.<namn>.<random>.tmp`` in ``mapp`` with ``data``, flushed to disk,
    with the mode ``rattigheter`` set explicitly."""
    tmp = mapp / f".{namn}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        try:
            vy = memoryview(data)
            while vy:
                skrivet = os.write(fd, vy)
                vy = vy[skrivet:]
            os.fchmod(fd, rattigheter)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def skapa_utan_att_ersatta(tmp: Path, fil: Path) -> bool:
    """Give ``tmp``'s file the name ``fil`` only if no file has that name (O_EXCL semantics);
    False when one does. ``tmp`` is gone afterwards either way."""
    try:
        os.link(tmp, fil)
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def _renameat2() -> ctypes.CDLL | None:
    global _libc
    if _libc is None:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            _ = libc.renameat2
        except (OSError, AttributeError):
            return None
        _libc = libc
    return _libc


def byt(a: Path, b: Path) -> bool:
    """Exchange the files named ``a`` and ``b`` atomically; False when the system cannot
    (no ``renameat2``, or a file system without RENAME_EXCHANGE): then nothing happened."""
    global _byte_fungerar
    libc = _renameat2() if _byte_fungerar is not False else None
    if libc is None:
        return False
    svar = libc.renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if svar == 0:
        _byte_fungerar = True
        return True
    fel = ctypes.get_errno()
    if fel in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(fel, os.strerror(fel), str(b))


def las_om_finns(fil: Path) -> bytes | None:
    """The file's bytes, never through a symbolic link; None when there is no file."""
    try:
        return _las(fil)
    except FileNotFoundError:
        return None


def _las(fil: Path) -> bytes:
    fd = os.open(fil, os.O_RDONLY | os.O_NOFOLLOW)  # a link: OSError (ELOOP)
    with os.fdopen(fd, "rb") as ind:
        return ind.read()


def ersatt(fil: Path, data: bytes, rattigheter: int = NY_FILS_RATTIGHETER) -> None:
    """Write ``fil`` atomically (temporary file, then rename) with an explicit mode; for
    kvalitet's own files (the history), not a person's unit file."""
    tmp = skriv_tillfallig(fil.parent, fil.name, data, rattigheter)
    try:
        os.replace(tmp, fil)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
