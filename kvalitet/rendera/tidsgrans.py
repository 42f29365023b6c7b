"""A render that runs too long is stopped: a watchdog raises ``Mallgrans`` in the rendering
thread (the build's main thread, or a request thread of ``kvalitet visa``)."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from kvalitet.rendera import sandlada
from kvalitet.rendera.sandlada import Mallgrans


class _Tidsslut(Mallgrans):
    def __init__(self) -> None:
        super().__init__(
            "tid",
            f"mallen tar för lång tid att fylla i (gränsen är {sandlada.MAX_SEKUNDER:g} sekunder; "
            "en loop i en loop över range() kan orsaka det)",
        )


@contextmanager
def tidsgrans(sekunder: float | None = None) -> Iterator[None]:
    """Stop the code inside after ``sekunder`` (``sandlada.MAX_SEKUNDER``) with a ``Mallgrans``.

    The exception is raised between two Python instructions of the rendering thread, so a
    template's endless loop is stopped wherever it is."""
    trad = threading.get_ident()
    las = threading.Lock()
    klar = False

    def avbryt() -> None:
        with las:
            if not klar:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(trad), ctypes.py_object(_Tidsslut)
                )

    vakt = threading.Timer(sandlada.MAX_SEKUNDER if sekunder is None else sekunder, avbryt)
    vakt.daemon = True
    vakt.start()
    try:
        yield
    finally:
        with las:
            klar = True
        vakt.cancel()
