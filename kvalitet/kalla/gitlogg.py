"""A file's versions as git has them: who committed each (the author of the save), when, and the
file's bytes at that commit. Read by the history per text (``visa/delhistorik.py``); the commits
themselves are made by ``historik.Historik.checka_in``."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_VERSIONER = 300
"""How many of a file's newest commits the history reads (older ones are left out, and said)."""
_COMMIT = re.compile(r"^[0-9a-f]{7,64}$")
_FALT = "\x1f"
_POST = "\x1e"


@dataclass(frozen=True)
class Filversion:
    """One commit of a file: its id, the author (the person who saved), when (ISO 8601)."""

    commit: str
    namn: str
    epost: str
    tid: str
    meddelande: str


def ar_commit(varde: object) -> bool:
    """True for a commit id as git writes it (hex, 7–64 characters), never an option or a ref."""
    return isinstance(varde, str) and bool(_COMMIT.match(varde))


def _kor(rot: Path, *argument: str) -> subprocess.CompletedProcess[bytes]:
    miljo = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *argument],
        cwd=rot,
        capture_output=True,
        env=miljo,
        timeout=30,
        check=False,
    )


def _relativ(rot: Path, fil: Path) -> str:
    return fil.resolve().relative_to(rot.resolve()).as_posix()


def filversioner(rot: Path, fil: Path, max_antal: int = MAX_VERSIONER) -> list[Filversion]:
    """The file's commits, newest first (at most ``max_antal``); [] when git has none or fails."""
    format_ = _FALT.join(["%H", "%an", "%ae", "%aI", "%s"]) + _POST
    try:
        svar = _kor(
            rot, "log", f"--max-count={max_antal}", f"--format={format_}", "--", _relativ(rot, fil)
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    if svar.returncode != 0:
        return []
    versioner = []
    for post in svar.stdout.decode("utf-8", "replace").split(_POST):
        delar = post.strip("\n").split(_FALT)
        if len(delar) == 5 and ar_commit(delar[0]):
            versioner.append(Filversion(*delar))
    return versioner


def filer_vid(rot: Path, commits: list[str], fil: Path) -> dict[str, bytes | None]:
    """The file's bytes at each of ``commits`` (None where it was not there), read by one
    ``git cat-file --batch``; a commit that is no id gets None without asking git."""
    ut: dict[str, bytes | None] = dict.fromkeys(commits)
    giltiga = [c for c in dict.fromkeys(commits) if ar_commit(c)]
    if not giltiga:
        return ut
    try:
        prefix = _kor(rot, "rev-parse", "--show-prefix").stdout.decode("utf-8").strip()
        sokvag = prefix + _relativ(rot, fil)
        fraga = "".join(f"{c}:{sokvag}\n" for c in giltiga).encode("utf-8")
        miljo = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
        svar = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=rot,
            input=fraga,
            capture_output=True,
            env=miljo,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError, UnicodeDecodeError):
        return ut
    data, plats = svar.stdout, 0
    for commit in giltiga:
        slut = data.find(b"\n", plats)
        if slut < 0:
            break
        huvud = data[plats:slut].split()
        plats = slut + 1
        if len(huvud) == 3 and huvud[1] == b"blob":
            storlek = int(huvud[2])
            ut[commit] = data[plats : plats + storlek]
            plats += storlek + 1
    return ut


def fil_vid(rot: Path, commit: str, fil: Path) -> bytes | None:
    """The file's bytes at ``commit``; None when it was not there (or ``commit`` is no id)."""
    return filer_vid(rot, [commit], fil)[commit]
