"""The output folder: where it may be, its lock for one build, and its work folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import Projekt

ARBETSMAPP = ".kvalitet"


def utkatalog(projekt: Projekt, ut: Path | None) -> Path:
    """The output folder; it must not be, or lie inside, the sources."""
    katalog = (ut if ut is not None else projekt.rot / "ut").resolve()
    skyddade = {
        projekt.rot.resolve(): "projektmappen",
        projekt.rapporter.resolve(): "rapporter/",
        projekt.mallar.resolve(): "mallar/",
    }
    for skyddad, namn in skyddade.items():
        if katalog == skyddad or (namn != "projektmappen" and katalog.is_relative_to(skyddad)):
            raise KvalitetError(
                f"utkatalogen '{katalog}' är {namn} eller ligger i den; resultatet skulle blandas "
                "med källfilerna (välj en egen mapp, t.ex. '--ut ut')"
            )
    return katalog


def forbered_ut(projekt: Projekt, ut: Path) -> None:
    """Create the output folder; the project's own ``ut/`` gets a .gitignore."""
    ny_katalog = not ut.exists()
    ut.mkdir(parents=True, exist_ok=True)
    if ny_katalog and ut == (projekt.rot / "ut").resolve():
        (ut / ".gitignore").write_text("# Byggda rapporter; skapas av kvalitet bygg.\n*\n")


def inte_lank(sokvag: Path) -> None:
    """Refuse a symbolic link where kvalitet writes or deletes its own files: a planted link
    would make a build overwrite or delete a file outside the output folder."""
    if sokvag.is_symlink():
        raise KvalitetError(
            f"'{sokvag}' är en symbolisk länk; kvalitet skriver och tar bort filer i utkatalogens "
            f"arbetsmapp och följer aldrig länkar där (ta bort länken, t.ex. med "
            f"'rm \"{sokvag}\"', eller bygg till en annan mapp med --ut)"
        )


@contextmanager
def byggas(ut: Path) -> Iterator[Path]:
    """Hold the output folder's lock for one build; yields the folder for temporary files.

    A second build on the same folder is refused with a clear message. The lock is released by
    the operating system if the process dies, and temporary files left by a killed build are
    removed here before the next build starts."""
    arbete = ut / ARBETSMAPP
    tmpmapp = arbete / "tmp"
    for mapp in (arbete, tmpmapp):
        inte_lank(mapp)
        mapp.mkdir(exist_ok=True)
    inte_lank(arbete / "las")
    fd = os.open(arbete / "las", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        if not _las(fd):
            raise KvalitetError(
                f"en annan 'kvalitet bygg' skriver redan till {ut} (vänta tills den är klar, "
                "eller bygg till en annan mapp med --ut)"
            )
        for gammal in tmpmapp.glob("*.tmp"):
            gammal.unlink(missing_ok=True)
        yield tmpmapp
    finally:
        os.close(fd)


def _las(fd: int) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False if someone else holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
