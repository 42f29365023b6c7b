"""The audit log: one JSON line per login, logout, review action and change of rights, to the
logger ``kvalitet.server.revision`` (standard error, with the other JSON lines) and, when
``[server] revisionslogg`` (or ``KVALITET_REVISIONSLOGG``) names a file, appended to it too."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kvalitet.server.logg import JsonRader

REVISION = logging.getLogger("kvalitet.server.revision")


def stall_in_revisionslogg(fil: Path | None) -> None:
    """Append the audit lines to ``fil`` as well (its folder is created)."""
    for hanterare in list(REVISION.handlers):
        REVISION.removeHandler(hanterare)
        hanterare.close()
    REVISION.setLevel(logging.INFO)
    if fil is None:
        return
    fil.parent.mkdir(parents=True, exist_ok=True)
    hanterare = logging.FileHandler(fil, encoding="utf-8")
    hanterare.setFormatter(JsonRader())
    REVISION.addHandler(hanterare)


def revision(handelse: str, **falt: Any) -> None:
    """One audit line: ``handelse`` (e.g. 'inloggad', 'godkänn') and its fields."""
    REVISION.info(handelse, extra={"falt": {"handelse": handelse, **falt}})
