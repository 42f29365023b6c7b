"""Atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def skriv_atomiskt(fil: Path, data: bytes, tmpmapp: Path | None = None) -> None:
    """Write via a temporary file, then rename: a reader never sees a half-written file and a
    crash leaves the previous version in place. ``tmpmapp`` must be on the same file system."""
    fil.parent.mkdir(parents=True, exist_ok=True)
    tmpmapp = tmpmapp or fil.parent
    tmpmapp.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{fil.name}.", suffix=".tmp", dir=tmpmapp)
    try:
        with os.fdopen(fd, "wb") as ut:
            ut.write(data)
            ut.flush()
            os.fsync(ut.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, fil)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
