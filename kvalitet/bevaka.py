"""Watching the project's files: the preview's reload (``kvalitet visa``) and the rebuild on
save (``kvalitet bygg --bevaka``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

INTERVALL = 0.25
BEVAKADE = {".yaml", ".yml", ".j2", ".html", ".css", ".png", ".jpg", ".jpeg", ".gif", ".svg",
            ".webp", ".ttf", ".otf", ".woff", ".woff2"}  # fmt: skip


class Bevakare:
    """Polls the project's files; ``version`` grows whenever one is saved, added or removed."""

    def __init__(self, mappar: list[Path], intervall: float = INTERVALL) -> None:
        self.mappar = mappar
        self.intervall = intervall
        self.version = 0
        self._andrad = threading.Condition()
        self._bild = self._ta_bild()
        self._stopp = threading.Event()
        self._trad = threading.Thread(target=self._kor, name="kvalitet-bevakare", daemon=True)

    def _ta_bild(self) -> dict[Path, tuple[int, int]]:
        bild: dict[Path, tuple[int, int]] = {}
        for mapp in self.mappar:
            if not mapp.is_dir():
                continue
            for fil in mapp.rglob("*"):
                if fil.suffix.lower() in BEVAKADE and ".kvalitet" not in fil.parts:
                    try:
                        st = fil.stat()
                    except OSError:
                        continue
                    bild[fil] = (st.st_mtime_ns, st.st_size)
        return bild

    def starta(self) -> None:
        self._trad.start()

    def stoppa(self) -> None:
        self._stopp.set()
        with self._andrad:
            self._andrad.notify_all()

    def _kor(self) -> None:
        while not self._stopp.wait(self.intervall):
            ny = self._ta_bild()
            if ny != self._bild:
                self._bild = ny
                with self._andrad:
                    self.version += 1
                    self._andrad.notify_all()

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
    intervall: float = 0.1,
) -> None:
    """Build once, then again every time a file in ``mappar`` is saved, until ``stopp`` is set
    (or Ctrl-C). Saves close together (an editor writing several files) give one build."""
    stopp = stopp or threading.Event()
    bevakare = Bevakare(mappar, intervall)
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
            while not stopp.is_set():  # let a burst of saves settle
                senare = bevakare.vanta(ny, timeout=intervall * 1.5)
                if senare == ny:
                    break
                ny = senare
            if stopp.is_set():
                break
            version = ny
            bygg_en_gang()
    finally:
        bevakare.stoppa()
