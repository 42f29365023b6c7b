"""Every version a writer of a unit file replaces is kept: in ``ut/.kvalitet/historik/`` and,
when the project is a git repository, as a commit of the file.

The replaced file itself (its inode) is moved into the history by the write path
(``kalla/skrivvag.py``), so even a late write into it by a text editor lands there. Beside the
versions, ``innehall/`` keeps a copy of the versions the editor's saves came from and produced
(named by their SHA-256) and ``sparningar.json`` which version each save produced from which:
that is what "ångra" reads."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.filbyte import ar_skrivfel, ersatt, skrivfel

UTMAPP = Path("ut")
KVALITETMAPP = UTMAPP / ".kvalitet"
HISTORIKMAPP = KVALITETMAPP / "historik"
_NUMMER = re.compile(r"^(\d{6})-")
MAX_SPARNINGAR = 200
"""How many saves per file "ångra" remembers (each is two small copies of the file)."""


_OTILLATET_I_NAMN = re.compile(r"[<>\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class Forfattare:
    """Who made a save, for ``git commit --author``: the logged-in person's name and e-mail."""

    namn: str
    epost: str

    def som_git(self) -> str | None:
        """'Eva Lind <eva.lind@alvmora.se>'; None when a part is empty or would break the
        field (angle brackets, line breaks, control characters): then the commit has no
        author of its own rather than a wrong one."""
        namn = " ".join(self.namn.split())
        epost = self.epost.strip()
        if not namn or not epost or "@" not in epost or " " in epost:
            return None
        if _OTILLATET_I_NAMN.search(namn) or _OTILLATET_I_NAMN.search(epost):
            return None
        return f"{namn} <{epost}>"


def inte_lankad(rot: Path, *mappar: Path) -> None:
    """Refuse a symlinked ``ut/``, ``ut/.kvalitet`` or folder below it, as ``bygg`` refuses a
    symlinked output folder: a planted link would make the history write outside the project."""
    for mapp in (UTMAPP, KVALITETMAPP, *mappar):
        sokvag = rot / mapp
        if sokvag.is_symlink():
            raise KvalitetError(
                f"'{mapp}' är en symbolisk länk; kvalitet sparar historik och lås där och följer "
                f"aldrig länkar (ta bort länken, t.ex. med 'rm \"{sokvag}\"', så skapas mappen "
                "på nytt)"
            )


def skapa_mapp(rot: Path, mapp: Path) -> Path:
    """``rot/mapp`` (relative, below ``ut/.kvalitet``) created, never through a link; a new
    ``ut/`` gets the same .gitignore as ``kvalitet bygg`` gives it."""
    inte_lankad(rot, *[mapp, *mapp.parents][:-1])
    ut = rot / UTMAPP
    try:
        if not ut.exists():
            ut.mkdir(parents=True, exist_ok=True)
            (ut / ".gitignore").write_text("# Byggda rapporter; skapas av kvalitet bygg.\n*\n")
        (rot / mapp).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if not ar_skrivfel(exc):
            raise
        raise skrivfel(exc, rot / mapp, rot) from None
    inte_lankad(rot, *[mapp, *mapp.parents][:-1])
    return rot / mapp


class Historik:
    """The earlier versions of the project's files, newest last."""

    def __init__(self, rot: Path, git: bool | None = None) -> None:
        self.rot = rot
        self.mapp = rot / HISTORIKMAPP
        self._las = threading.Lock()
        self._fillas: dict[str, threading.Lock] = {}
        self._git_las = threading.Lock()
        self.git = _ar_git(rot) if git is None else git

    def _las_for(self, fil: Path) -> threading.Lock:
        """The lock of one file's history: the server's saves of different units (each with
        a few fsyncs here) never wait for each other."""
        with self._las:
            return self._fillas.setdefault(str(fil), threading.Lock())

    def _relativ(self, fil: Path) -> Path:
        try:
            return fil.resolve().relative_to(self.rot.resolve())
        except ValueError:
            return Path(fil.name)

    def _mapp_for(self, fil: Path) -> Path:
        """The history folder of ``fil`` (not created); never read through a link either."""
        namn = "__".join(self._relativ(fil).parts)
        inte_lankad(self.rot, HISTORIKMAPP, HISTORIKMAPP / namn)
        return self.mapp / namn

    def filmapp(self, fil: Path) -> Path:
        """The history folder of ``fil``, created (never through a link)."""
        return skapa_mapp(self.rot, HISTORIKMAPP / "__".join(self._relativ(fil).parts))

    def versioner(self, fil: Path) -> list[Path]:
        mapp = self._mapp_for(fil)
        if not mapp.is_dir():
            return []
        return sorted(p for p in mapp.iterdir() if p.is_file() and _NUMMER.match(p.name))

    def _nytt_namn(self, fil: Path, anledning: str) -> Path:
        forra = self.versioner(fil)
        nummer = int(_NUMMER.match(forra[-1].name)[1]) + 1 if forra else 1  # type: ignore[index]
        stampel = time.strftime("%Y%m%d-%H%M%S")
        namn = f"{nummer:06d}-{stampel}-{time.time_ns() % 10**9:09d}-{anledning}{fil.suffix}"
        return self.filmapp(fil) / namn

    def spara(self, fil: Path, data: bytes, anledning: str = "sparad") -> Path:
        """Keep ``data`` as the newest earlier version of ``fil`` (a copy)."""
        with self._las_for(fil):
            ny = self._nytt_namn(fil, anledning)
            try:
                ersatt(ny, data)
            except OSError as exc:
                if not ar_skrivfel(exc):
                    raise
                raise skrivfel(exc, ny.parent, self.rot) from None
            return ny

    def lanka(self, fil: Path, anledning: str) -> Path:
        """A hard link to the file now named ``fil`` as the newest earlier version (where the
        system cannot exchange two names): a write still going into it lands there too."""
        with self._las_for(fil):
            ny = self._nytt_namn(fil, anledning)
            os.link(fil, ny)
            return ny

    def behall(self, fil: Path, gammal: Path, anledning: str) -> Path:
        """Move the file ``gammal`` (the version just swapped out of ``fil``) into the history:
        the same inode, so a write still going into it lands in the history too."""
        with self._las_for(fil):
            ny = self._nytt_namn(fil, anledning)
            try:
                try:
                    os.rename(gammal, ny)
                except OSError as exc:
                    if exc.errno != errno.EXDEV:
                        raise
                    shutil.copy2(gammal, ny)
                    os.unlink(gammal)
            except OSError as exc:
                if not ar_skrivfel(exc):
                    raise
                raise skrivfel(exc, ny.parent, self.rot) from None
            return ny

    # ------------------------------------------------------------------ what "ångra" reads

    def kom_ihag(self, fil: Path, fore: bytes, efter: bytes) -> None:
        """Remember that a save turned ``fore`` into ``efter`` (both kept by their SHA-256).
        The save is done whatever happens here: a failure only means it cannot be undone
        from the form (both versions are in the history anyway)."""
        try:
            self._kom_ihag(fil, fore, efter)
        except (OSError, KvalitetError) as exc:
            logging.getLogger(__name__).warning("ångra kommer inte ihåg sparningen: %s", exc)

    def _kom_ihag(self, fil: Path, fore: bytes, efter: bytes) -> None:
        import hashlib

        with self._las_for(fil):
            mapp = self.filmapp(fil)
            innehall = mapp / "innehall"
            innehall.mkdir(exist_ok=True)
            inte_lankad(self.rot, innehall.relative_to(self.rot))
            versioner = []
            for data in (fore, efter):
                version = hashlib.sha256(data).hexdigest()
                kopia = innehall / f"{version}{fil.suffix}"
                if not kopia.is_file():
                    ersatt(kopia, data)
                versioner.append(version)
            sparningar = self._sparningar(mapp)
            sparningar.pop(versioner[1], None)
            sparningar[versioner[1]] = versioner[0]
            while len(sparningar) > MAX_SPARNINGAR:
                sparningar.pop(next(iter(sparningar)))
            ersatt(mapp / "sparningar.json", json.dumps(sparningar, indent=0).encode("utf-8"))

    @staticmethod
    def _sparningar(mapp: Path) -> dict[str, str]:
        try:
            data = json.loads((mapp / "sparningar.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def fore_sparning(self, fil: Path, version: str) -> tuple[bytes, bytes] | None:
        """(the version before, the version produced) of the save that produced ``version``;
        None when no save this history remembers produced it."""
        mapp = self._mapp_for(fil)
        fore = self._sparningar(mapp).get(version)
        if fore is None:
            return None
        try:
            return (
                (mapp / "innehall" / f"{fore}{fil.suffix}").read_bytes(),
                (mapp / "innehall" / f"{version}{fil.suffix}").read_bytes(),
            )
        except OSError:
            return None

    # ------------------------------------------------------------------ git

    def checka_in(self, fil: Path, meddelande: str, forfattare: Forfattare | None = None) -> bool:
        """Commit ``fil`` alone (other staged changes stay staged), with ``forfattare`` as the
        commit's author when given (the committer stays the repository's own, or kvalitet);
        False when git is not used or the commit could not be made (the history folder still
        has the version)."""
        if not self.git:
            return False
        forfattarfalt = forfattare.som_git() if forfattare is not None else None
        if forfattare is not None and forfattarfalt is None:
            logging.getLogger(__name__).warning(
                "författaren %r kan inte skrivas i git; sparningen checkas in utan egen författare",
                forfattare,
            )
        with self._git_las:
            try:
                _git(self.rot, "add", "--", str(fil))
                diff = _git(self.rot, "diff", "--cached", "--quiet", "--", str(fil), kontroll=False)
                if diff.returncode == 0:
                    return True  # nothing new to commit
                _git(
                    self.rot,
                    "commit",
                    "--only",
                    "--no-verify",
                    "-q",
                    *([f"--author={forfattarfalt}"] if forfattarfalt else []),
                    "-m",
                    meddelande,
                    "--",
                    str(fil),
                )
                return True
            except (OSError, subprocess.SubprocessError):
                return False


def _ar_git(rot: Path) -> bool:
    if shutil.which("git") is None:
        return False
    try:
        svar = _git(rot, "rev-parse", "--show-toplevel", kontroll=False)
    except (OSError, subprocess.SubprocessError):
        return False
    if svar.returncode != 0:
        return False
    topp = Path(svar.stdout.strip()).resolve()
    return rot.resolve() == topp or rot.resolve().is_relative_to(topp)


def _git(rot: Path, *argument: str, kontroll: bool = True) -> subprocess.CompletedProcess[str]:
    miljo = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    identitet = ["-c", "user.name=kvalitet", "-c", "user.email=kvalitet@localhost"]
    har_namn = subprocess.run(
        ["git", "config", "user.email"],
        cwd=rot,
        capture_output=True,
        text=True,
        env=miljo,
        timeout=10,
    ).stdout.strip()
    return subprocess.run(
        ["git", *([] if har_namn else identitet), *argument],
        cwd=rot,
        capture_output=True,
        text=True,
        env=miljo,
        timeout=30,
        check=kontroll,
    )
