"""The server's PDF builds: at most ``[server] pdf_samtidiga`` at once, in worker processes
of their own (WeasyPrint's layout holds a core for a second or more: in the server's process
it would hold up every save and preview), and at most ``pdf_ko`` waiting. A full queue is
answered at once (``Full``: the route says 503 with ``Retry-After``), never by letting the
requests pile up. The HTML preview never goes through here."""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

_VISNING: Any = None
"""The worker process's own preview of the project (its caches live as long as the worker)."""


def standard_samtidiga() -> int:
    """Half the cores (at least one): the other half keeps the editors' saves and previews."""
    return max(1, (os.cpu_count() or 2) // 2)


def _starta_arbetare(rot: str) -> None:
    global _VISNING
    from kvalitet.kalla.projekt import Projekt
    from kvalitet.visa.server import Forhandsvisning

    _VISNING = Forhandsvisning(Projekt(Path(rot)))


def _bygg(namn: str) -> tuple[bytes, str]:
    """In the worker: the PDF of ``namn`` (a unit's id, ``sammanstallning`` or
    ``huvudmannens-rapport``), or the page with its errors, as ``Forhandsvisning`` gives it."""
    if namn in ("sammanstallning", "huvudmannens-rapport"):
        return _VISNING.sammanstallning(pdf=True, huvudmannens=namn == "huvudmannens-rapport")  # type: ignore[no-any-return]
    return _VISNING.enhet(namn, pdf=True)  # type: ignore[no-any-return]


class Full(Exception):
    """The queue is full; ``sekunder`` is a fair guess of when to try again."""

    def __init__(self, sekunder: int) -> None:
        super().__init__(sekunder)
        self.sekunder = sekunder


class Pdfko:
    """The bounded pool and its queue, for one server process (its event loop)."""

    def __init__(self, rot: Path, samtidiga: int, ko: int) -> None:
        self.rot = rot
        self.samtidiga = samtidiga
        self.ko = ko
        self.pagar = 0
        self.vantar = 0
        self._sekunder_per_bygge = 3.0
        """A running mean of a build's time, for ``Retry-After``."""
        self._platser: asyncio.Semaphore | None = None
        self._pool: ProcessPoolExecutor | None = None

    def _ny_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the server's process has threads (the file watcher, the thread pool)
        return ProcessPoolExecutor(
            max_workers=self.samtidiga,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_starta_arbetare,
            initargs=(str(self.rot),),
        )

    def vantetid(self) -> int:
        """Seconds until a place is likely free: the builds ahead of it, at the mean time."""
        fore = self.pagar + self.vantar + 1
        return max(1, math.ceil(fore / self.samtidiga * self._sekunder_per_bygge))

    async def bygg(self, namn: str) -> tuple[bytes, str]:
        """The PDF (or the error page) of ``namn``; ``Full`` at once when the queue is full."""
        if self.pagar + self.vantar >= self.samtidiga + self.ko:
            raise Full(self.vantetid())
        if self._platser is None:
            self._platser = asyncio.Semaphore(self.samtidiga)
        self.vantar += 1
        try:
            await self._platser.acquire()
        finally:
            self.vantar -= 1
        self.pagar += 1
        try:
            if self._pool is None:
                self._pool = self._ny_pool()
            loop = asyncio.get_running_loop()
            borjan = loop.time()
            try:
                svar = await loop.run_in_executor(self._pool, _bygg, namn)
            except BrokenProcessPool:  # a worker died (out of memory?): a new pool next time
                self._pool = None
                raise
            self._sekunder_per_bygge = 0.8 * self._sekunder_per_bygge + 0.2 * (loop.time() - borjan)
            return svar
        finally:
            self.pagar -= 1
            self._platser.release()

    def stang(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
