"""Every version the editor replaces is kept: in ``ut/.kvalitet/historik/`` (which "ångra"
reads) and, when the project is a git repository, as a commit of the file.

A version that "ångra" takes back is moved to ``ångrat/`` beside it, so that undoing never
loses a version either."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

from kvalitet.grund.skrivning import skriv_atomiskt

HISTORIKMAPP = Path("ut") / ".kvalitet" / "historik"
_NUMMER = re.compile(r"^(\d{6})-")


class Historik:
    """The earlier versions of the project's files, newest last."""

    def __init__(self, rot: Path, git: bool | None = None) -> None:
        self.rot = rot
        self.mapp = rot / HISTORIKMAPP
        self._las = threading.Lock()
        self.git = _ar_git(rot) if git is None else git

    def _mapp_for(self, fil: Path) -> Path:
        try:
            del_ = fil.resolve().relative_to(self.rot.resolve())
        except ValueError:
            del_ = Path(fil.name)
        return self.mapp / "__".join(del_.parts)

    def versioner(self, fil: Path) -> list[Path]:
        mapp = self._mapp_for(fil)
        if not mapp.is_dir():
            return []
        return sorted(p for p in mapp.iterdir() if p.is_file() and _NUMMER.match(p.name))

    def spara(self, fil: Path, data: bytes, anledning: str = "sparad", undan: bool = False) -> Path:
        """Keep ``data`` (the version about to be replaced) as the newest earlier version; with
        ``undan`` beside the list (in ``ångrat/``), kept but not what "ångra" takes back."""
        with self._las:
            forra = self.versioner(fil)
            nummer = int(_NUMMER.match(forra[-1].name)[1]) + 1 if forra else 1  # type: ignore[index]
            stampel = time.strftime("%Y%m%d-%H%M%S")
            mapp = self._mapp_for(fil) / ("ångrat" if undan else "")
            ny = (
                mapp
                / f"{nummer:06d}-{stampel}-{time.time_ns() % 10**9:09d}-{anledning}{fil.suffix}"
            )
            skriv_atomiskt(ny, data)
            return ny

    def ta_tillbaka(self, fil: Path) -> bytes | None:
        """The newest earlier version, taken off the list (moved to ``ångrat/``); None when
        there is none."""
        with self._las:
            forra = self.versioner(fil)
            if not forra:
                return None
            senaste = forra[-1]
            data = senaste.read_bytes()
            angrat = senaste.parent / "ångrat"
            angrat.mkdir(parents=True, exist_ok=True)
            shutil.move(senaste, angrat / senaste.name)
            return data

    # ------------------------------------------------------------------ git

    def checka_in(self, fil: Path, meddelande: str) -> bool:
        """Commit ``fil`` alone (other staged changes stay staged); False when git is not used
        or the commit could not be made (the history folder still has the version)."""
        if not self.git:
            return False
        with self._las:
            try:
                _git(self.rot, "add", "--", str(fil))
                diff = _git(self.rot, "diff", "--cached", "--quiet", "--", str(fil), kontroll=False)
                if diff.returncode == 0:
                    return True  # nothing new to commit
                _git(self.rot, "commit", "--only", "--no-verify", "-q", "-m", meddelande, "--",
                     str(fil))  # fmt: skip
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
    har_namn = subprocess.run(["git", "config", "user.email"], cwd=rot, capture_output=True,
                              text=True, env=miljo, timeout=10).stdout.strip()  # fmt: skip
    return subprocess.run(
        ["git", *([] if har_namn else identitet), *argument],
        cwd=rot,
        capture_output=True,
        text=True,
        env=miljo,
        timeout=30,
        check=kontroll,
    )
