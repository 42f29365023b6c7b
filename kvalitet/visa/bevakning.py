"""Watching the project's files: the preview's reload (``kvalitet visa``) and the rebuild on
save (``kvalitet bygg --bevaka``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

BEVAKADE = {".yaml", ".yml", ".j2", ".html", ".css", ".png", ".jpg", ".jpeg", ".gif", ".svg",
            ".webp", ".ttf", ".otf", ".woff", ".woff2"}  # fmt: skip
LUGN_MS = 50
"""How long the files must be quiet before a change is reported: an editor that writes a
file in several steps, or saves several files at once, gives one change."""


def _bevakad(_andring: object, sokvag: str) -> bool:
    fil = Path(sokvag)
    return fil.suffix.lower() in BEVAKADE and ".kvalitet" not in fil.parts


class Bevakare:
    """Follows the project's files through the operating system's notifications (watchfiles:
    inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows); ``version`` grows
    whenever one is saved, added or removed. On a network drive the notifications may not
    come: ``WATCHFILES_FORCE_POLLING=1`` makes watchfiles look for changes itself."""

    def __init__(self, mappar: list[Path]) -> None:
        self.mappar = mappar
        self.version = 0
        self._andrad = threading.Condition()
        self._stopp = threading.Event()
        self._igang = threading.Event()
        self._trad = threading.Thread(target=self._kor, name="kvalitet-bevakare", daemon=True)

    def starta(self) -> None:
        self._trad.start()
        self._igang.wait(5)

    def stoppa(self) -> None:
        self._stopp.set()
        with self._andrad:
            self._andrad.notify_all()

    def _kor(self) -> None:
        import watchfiles

        mappar = [m for m in self.mappar if m.is_dir()]
        if not mappar:
            self._igang.set()
            return
        # yield_on_timeout: an empty round every 100 ms tells that the watch is in place
        for andringar in watchfiles.watch(
            *mappar,
            watch_filter=_bevakad,
            step=LUGN_MS,
            stop_event=self._stopp,
            raise_interrupt=False,
            yield_on_timeout=True,
            rust_timeout=100,
        ):
            self._igang.set()
            if andringar:
                with self._andrad:
                    self.version += 1
                    self._andrad.notify_all()
        self._igang.set()

    def vanta(self, version: int, timeout: float) -> int:
        """Wait until the version differs from ``version`` (or the timeout); return it."""
        with self._andrad:
            self._andrad.wait_for(
                lambda: self.version != version or self._stopp.is_set(), timeout=timeout
            )
            return self.version

    @property
    def stoppad(self) -> bool:
        return self._stopp.is_set()


def bevaka(
    mappar: list[Path],
    bygg_en_gang: Callable[[], None],
    vantar: Callable[[], None] | None = None,
    stopp: threading.Event | None = None,
) -> None:
    """Build once, then again every time a file in ``mappar`` is saved, until ``stopp`` is set
    (or Ctrl-C). Saves close together (an editor writing several files) give one build, and a
    save during a build gives one more build after it."""
    stopp = stopp or threading.Event()
    bevakare = Bevakare(mappar)
    bevakare.starta()
    try:
        version = bevakare.version
        bygg_en_gang()
        while not stopp.is_set():
            if vantar:
                vantar()
            ny = version
            while ny == version and not stopp.is_set():
                ny = bevakare.vanta(version, timeout=0.5)
            if stopp.is_set():
                break
            version = ny
            bygg_en_gang()
    finally:
        bevakare.stoppa()
