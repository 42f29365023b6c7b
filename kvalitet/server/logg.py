"""The server's logs as JSON lines on standard error (journald or the container keeps them):
one line per request (the access log) and one per event (login, refusal)."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any


class JsonRader(logging.Formatter):
    def format(self, post: logging.LogRecord) -> str:
        rad: dict[str, Any] = {
            "tid": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(post.created))
            + f".{int(post.msecs):03d}Z",
            "niva": post.levelname.lower(),
            "logg": post.name,
        }
        falt = getattr(post, "falt", None)
        if isinstance(falt, dict):
            rad.update(falt)
        else:
            rad["meddelande"] = post.getMessage()
        return json.dumps(rad, ensure_ascii=False)


def stall_in_loggar(strom: Any = None) -> None:
    """``kvalitet.server`` and ``kvalitet.server.atkomst`` write JSON lines to ``strom``."""
    hanterare = logging.StreamHandler(strom or sys.stderr)
    hanterare.setFormatter(JsonRader())
    logg = logging.getLogger("kvalitet.server")
    logg.handlers[:] = [hanterare]
    logg.setLevel(logging.INFO)
    logg.propagate = False


ATKOMST = logging.getLogger("kvalitet.server.atkomst")


def logga_begaran(falt: dict[str, Any]) -> None:
    ATKOMST.info("begäran", extra={"falt": falt})
