"""PDF rendering in worker processes that import WeasyPrint once and keep one font
configuration for every document they render."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

_FONTER: Any = None


def _starta_arbetare() -> None:
    """A worker process's start. Ctrl-C is the main process's business: it stops the workers
    itself, without a traceback from each of them. A worker whose main process is gone (killed,
    terminal closed) ends itself instead of waiting for work forever."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_vakta_foralder, args=(os.getppid(),), daemon=True).start()
    _starta()


def _vakta_foralder(foralder: int) -> None:
    import time

    while os.getppid() == foralder:
        time.sleep(0.5)
    os._exit(0)


def _starta() -> None:
    """Pay for ``import weasyprint`` and the font configuration once per process."""
    global _FONTER
    from weasyprint.text.fonts import FontConfiguration

    _FONTER = FontConfiguration()


def _rendera(
    namn: str, html: str, projektrot: Path, bas: Path | None, arkiv: bool = False
) -> tuple[str, Any, str | None]:
    from kvalitet.bygg.pdf import skriv_pdf

    if _FONTER is None:
        _starta()
    try:
        return namn, skriv_pdf(html, projektrot, bas, font_config=_FONTER, arkiv=arkiv), None
    except Exception as exc:  # reported for this document; the others go on
        return namn, None, f"PDF:en kunde inte skapas ({type(exc).__name__}: {exc})"


def antal_karnor() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _redo() -> None:
    """Nothing: submitted once so that the workers start (and import WeasyPrint) at once."""


class PdfVerkstad:
    """Renders PDFs: in ``jobb`` worker processes, or in this process when ``jobb`` is 1.

    The workers live as long as the workshop, so a workshop kept open between builds
    (``kvalitet bygg --bevaka``) renders every later document in warm processes."""

    def __init__(self, jobb: int) -> None:
        self.jobb = max(1, jobb)
        self._pool: ProcessPoolExecutor | None = None

    def starta(self, dokument: int | None = None) -> None:
        """Start the workers now, so that their ``import weasyprint`` runs while this process
        is still validating and writing HTML. Never more workers than documents."""
        if self.jobb == 1 or self._pool is not None:
            return
        antal = self.jobb if dokument is None else max(1, min(self.jobb, dokument))
        # "spawn": a worker is a fresh process that inherits neither this process's threads
        # nor its open files (the output folder's lock stays this process's alone)
        self._pool = ProcessPoolExecutor(
            max_workers=antal, initializer=_starta_arbetare, mp_context=get_context("spawn")
        )
        for _ in range(antal):  # with "spawn" a worker is started per waiting task
            self._pool.submit(_redo)

    def __enter__(self) -> PdfVerkstad:
        return self

    def __exit__(self, typ: type[BaseException] | None, *args: object) -> None:
        if self._pool is None:
            return
        if typ is not None:
            # Ctrl-C, a signal or an error: do not wait for documents being rendered
            for process in list((self._pool._processes or {}).values()):
                process.terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)
        else:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def skicka(
        self,
        namn: str,
        html: str,
        projektrot: Path,
        bas: Path | None = None,
        arkiv: bool = False,
    ) -> Future:
        if self.jobb == 1:
            framtid: Future = Future()
            framtid.set_result(_rendera(namn, html, projektrot, bas, arkiv))
            return framtid
        self.starta()
        assert self._pool is not None
        return self._pool.submit(_rendera, namn, html, projektrot, bas, arkiv)
