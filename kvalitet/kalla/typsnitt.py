"""The fonts on this computer, as the PDF engine finds them (fontconfig): which file a font
name gives, and whether a theme's font is installed at all."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
import time

STANDARD = ("Liberation Sans", "DejaVu Sans", "DejaVu Sans Mono")
"""The fonts the built-in templates name (rapport.css)."""
RESERV = "Liberation Sans"
"""What a report uses when the theme's font is not installed."""


GILTIG_SEKUNDER = 60.0
"""How long an answer of fontconfig is kept: a font installed meanwhile is seen within a
minute, and a server checking the huvudman's theme on every save does not start ``fc-match``
(~15 ms) every time."""
_SVAR: dict[str, tuple[float, tuple[str, str] | None]] = {}
_SVAR_LAS = threading.Lock()


def _fc_match(namn: str) -> tuple[str, str] | None:
    """(families, file) that fontconfig gives for ``namn``; None without fontconfig. Kept for
    ``GILTIG_SEKUNDER``."""
    nu = time.monotonic()
    with _SVAR_LAS:
        sparat = _SVAR.get(namn)
    if sparat is not None and nu - sparat[0] < GILTIG_SEKUNDER:
        return sparat[1]
    svar = _fraga_fontconfig(namn)
    with _SVAR_LAS:
        if len(_SVAR) > 256:
            _SVAR.clear()
        _SVAR[namn] = (nu, svar)
    return svar


def _fraga_fontconfig(namn: str) -> tuple[str, str] | None:
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        svar = subprocess.run(
            [program, "-f", "%{family}\n%{file}", namn],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    rader = svar.stdout.splitlines()
    return (rader[0], rader[1]) if len(rader) >= 2 else None


def installerat(namn: str) -> bool | None:
    """True when the font is installed under that name; None when this cannot be told."""
    svar = _fc_match(namn)
    if svar is None:
        return None
    familjer = [f.strip().casefold() for f in svar[0].split(",")]
    return namn.strip().casefold() in familjer


def avtryck(namn: list[str]) -> str:
    """A fingerprint of the font files the names give: installing or removing a font that a
    report uses changes it (and with it the page count, so the reports are rebuilt)."""
    hash_ = hashlib.sha256()
    for ett in dict.fromkeys([*namn, *STANDARD]):
        svar = _fc_match(ett)
        hash_.update(ett.encode())
        if svar is not None:
            try:
                info = os.stat(svar[1])
                hash_.update(f"{svar[1]}:{info.st_size}:{int(info.st_mtime)}".encode())
            except OSError:
                hash_.update(svar[1].encode())
    return hash_.hexdigest()
