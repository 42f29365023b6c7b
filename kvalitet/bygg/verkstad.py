"""PDF rendering in worker processes that import WeasyPrint once and keep one font
configuration for every document they render."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
        self._uppdrag: dict[Future, tuple[Any, ...]] = {}
        self._mal: Any = _rendera
        """What a worker runs for a document (a test may put a function that dies here)."""

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
        uppdrag = (namn, html, projektrot, bas, arkiv)
        if self.jobb == 1:
            framtid: Future = Future()
            framtid.set_result(self._mal(*uppdrag))
            return framtid
        self.starta()
        assert self._pool is not None
        framtid = self._pool.submit(self._mal, *uppdrag)  # type: ignore[arg-type]
        self._uppdrag[framtid] = uppdrag
        return framtid

    def utfall(self, framtid: Future) -> tuple[str, Any, str | None]:
        """A submitted document's result: ``(namn, pdf, fel)``.

        A worker that dies (the operating system's out-of-memory killer, ``kill -9``) breaks
        every document it shared the pool with. The pool is then replaced and each of those
        documents is rendered again, alone; the one that kills its worker again fails alone
        with a Swedish message, and the others are built."""
        uppdrag = self._uppdrag.pop(framtid, None)
        try:
            return framtid.result()
        except BrokenProcessPool:
            if uppdrag is None:
                raise
        self._ersatt()
        assert self._pool is not None
        try:
            return self._pool.submit(self._mal, *uppdrag).result()
        except BrokenProcessPool:
            self._ersatt()
            return (
                uppdrag[0],
                None,
                "arbetsprocessen som gjorde PDF:en avslutades oväntat, två gånger (tog minnet "
                "slut? en mycket stor bild eller tabell kan orsaka det; prova att bygga enheten "
                "ensam med --enhet och --jobb 1)",
            )

    def _ersatt(self) -> None:
        """A new pool in place of a broken one."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.starta()
