"""Atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def skriv_atomiskt(fil: Path, data: bytes, tmpmapp: Path | None = None) -> None:
    """Write via a temporary file, then rename: a reader never sees a half-written file and a
    crash leaves the previous version in place. ``tmpmapp`` must be on the same file system.

    The file's mode is given to that file alone, never through the process's umask (a threaded
    server writes from several threads at once): a file that exists keeps its mode, a new one
    gets 0o666 less the umask, applied by the kernel when ``os.open`` creates it."""
    fil.parent.mkdir(parents=True, exist_ok=True)
    tmpmapp = tmpmapp or fil.parent
    tmpmapp.mkdir(parents=True, exist_ok=True)
    try:
        lage: int | None = stat.S_IMODE(os.stat(fil).st_mode)
    except OSError:
        lage = None
    flaggor = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = tmpmapp / f"{fil.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flaggor, 0o666)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(f"ingen ledig temporär fil i {tmpmapp}")
    try:
        with os.fdopen(fd, "wb") as ut:
            if lage is not None:
                os.fchmod(ut.fileno(), lage)
            ut.write(data)
            ut.flush()
            os.fsync(ut.fileno())
        os.replace(tmp, fil)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def skrivfel_pa_svenska(mapp: Path) -> Iterator[None]:
    """A failed write below ``mapp`` as a Swedish KvalitetError naming the folder."""
    import errno

    from kvalitet.grund.problem import KvalitetError

    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        raise KvalitetError(skrivfel(exc, mapp)) from None


def skrivfel(fel: OSError, mapp: Path) -> str:
    """A failed write in Swedish, naming the folder: never an internal error."""
    import errno

    orsak = {
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "din lagringskvot är slut",
        errno.EROFS: "mappen ligger på en skrivskyddad disk",
        errno.EACCES: "du saknar behörighet att skriva där",
        errno.EPERM: "du saknar behörighet att skriva där",
    }.get(fel.errno or 0, fel.strerror or str(fel))
    return (
        f"kunde inte skriva i '{mapp}': {orsak} (frigör utrymme, välj en annan mapp med --ut, "
        "eller be den som sköter datorn om behörighet); de filer som redan fanns är kvar som de var"
    )
