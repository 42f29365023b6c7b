"""The scheduled push to the municipality's remote (``[server] push = "origin"``, every
``push_intervall`` minutes): a background task that runs ``git push <fjärr> HEAD`` in a thread,
logs the outcome as one JSON line (``kvalitet.server.push``) and never stops the server: a
remote that does not answer, refuses or is gone is a logged ``fel``, and the next round tries
again. One last push when the server stops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOGG = logging.getLogger("kvalitet.server.push")
TIDSGRANS = 120.0
"""Seconds one push may take before it is given up (and logged as fel)."""
SISTA_TIDSGRANS = 15.0
"""Seconds the last push at shutdown may take."""


@dataclass
class Utfall:
    """How one push went: ``ok`` (``andrat``: something new reached the remote) or ``fel``."""

    utfall: str
    andrat: bool = False
    commit: str = ""
    fel: str = ""
    ms: float = 0.0


def _miljo() -> dict[str, str]:
    miljo = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    # never wait for a password or a host key question: a server has nobody to answer
    miljo.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=20")
    return miljo


def pusha(rot: Path, fjarr: str, tidsgrans: float = TIDSGRANS) -> Utfall:
    """``git push --porcelain <fjarr> HEAD`` in ``rot``; never raises."""
    borjan = time.monotonic()

    def ms() -> float:
        return round((time.monotonic() - borjan) * 1000, 1)

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=rot,
            capture_output=True,
            text=True,
            env=_miljo(),
            timeout=30,
            check=False,
        ).stdout.strip()
        svar = subprocess.run(
            ["git", "push", "--porcelain", "--", fjarr, "HEAD"],
            cwd=rot,
            capture_output=True,
            text=True,
            env=_miljo(),
            timeout=tidsgrans,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Utfall("fel", fel=f"fjärren svarade inte inom {tidsgrans:g} sekunder", ms=ms())
    except (OSError, subprocess.SubprocessError) as exc:
        return Utfall("fel", fel=f"git kunde inte köras: {exc}", ms=ms())
    if svar.returncode != 0:
        text = " ".join((svar.stderr or svar.stdout).split())[:500]
        return Utfall("fel", commit=commit, fel=text or f"git push gav {svar.returncode}", ms=ms())
    flaggor = [r.split("\t", 1)[0] for r in svar.stdout.splitlines() if "\t" in r]
    return Utfall("ok", andrat=any(f != "=" for f in flaggor), commit=commit, ms=ms())


def logga(fjarr: str, utfall: Utfall) -> None:
    falt: dict[str, Any] = {
        "handelse": "push",
        "fjarr": fjarr,
        "utfall": utfall.utfall,
        "andrat": utfall.andrat,
        "commit": utfall.commit,
        "ms": utfall.ms,
    }
    if utfall.fel:
        falt["fel"] = utfall.fel
    (LOGG.warning if utfall.utfall == "fel" else LOGG.info)("push", extra={"falt": falt})


class SchemalagdPush:
    """Pushes ``rot`` to ``fjarr`` every ``intervall`` seconds while the server runs."""

    def __init__(self, rot: Path, fjarr: str | None, intervall: float, git: bool) -> None:
        self.rot = rot
        self.fjarr = fjarr
        self.intervall = intervall
        self.git = git
        self.senaste: Utfall | None = None
        self._uppgift: asyncio.Task[None] | None = None

    async def _en_gang(self, tidsgrans: float = TIDSGRANS) -> Utfall:
        assert self.fjarr is not None
        utfall = await asyncio.to_thread(pusha, self.rot, self.fjarr, tidsgrans)
        self.senaste = utfall
        logga(self.fjarr, utfall)
        return utfall

    async def _slinga(self) -> None:
        while True:
            await asyncio.sleep(self.intervall)
            try:
                await self._en_gang()
            except Exception as exc:  # never let the task die: the next round tries again
                LOGG.exception("push: oväntat fel: %s", type(exc).__name__)

    def starta(self) -> None:
        """Start the task (in the server's event loop); nothing when push is not configured."""
        if self.fjarr is None:
            return
        if not self.git:
            LOGG.warning(
                "push",
                extra={
                    "falt": {
                        "handelse": "push",
                        "fjarr": self.fjarr,
                        "utfall": "av",
                        "fel": "projektet är inget git-förråd; [server] push görs inte "
                        "(gör projektmappen till ett förråd med en fjärr, se docs/drift.md)",
                    }
                },
            )
            return
        self._uppgift = asyncio.get_running_loop().create_task(self._slinga())

    async def stoppa(self) -> None:
        """Stop the task and push one last time (briefly), so that the last saves leave too."""
        if self._uppgift is None:
            return
        self._uppgift.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._uppgift
        self._uppgift = None
        await self._en_gang(SISTA_TIDSGRANS)
