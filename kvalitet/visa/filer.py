"""The project's files the preview may serve below ``/filer/``: pictures only, never outside."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

BILDTYPER = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""``/filer/`` serves only pictures; an SVG is served in a sandbox (it may contain script)."""


def projektfil(projektrot: Path, sokvag: str) -> Path | None:
    """A file of the project for a URL path below ``/filer/``, or None for anything else:
    ``..`` in any encoding, absolute paths, hidden files, folders, links leading out."""
    delar = unquote(unquote(sokvag)).replace("\\", "/")
    if delar.startswith("/") or ":" in delar or "\x00" in delar:
        return None
    leder = [d for d in delar.split("/") if d not in ("", ".")]
    if any(d == ".." or d.startswith(".") for d in leder):
        return None
    rot = projektrot.resolve()
    fil = rot.joinpath(*leder).resolve() if leder else rot
    if not fil.is_relative_to(rot) or not fil.is_file():
        return None
    return fil
