"""Images uploaded in the editor: checked like any image of a report (kind by its first bytes,
size, pixels) and put in the project's image folder, ``rapporter/bilder/``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kvalitet.grund.skrivning import skriv_atomiskt
from kvalitet.visa.behorighet import Nekad, Skrivratt

MAX_BYTE = 10 * 1024 * 1024
"""10 MB: a photo for a report is far smaller; larger is a mistake or an attack."""
SORTER = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
SVG = ".svg"


def _ar_svg(data: bytes) -> bool:
    borjan = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (borjan.startswith((b"<svg", b"<?xml", b"<!--"))) and b"<svg" in data[:65536].lower()


def kontrollera_bild(namn: str, data: bytes) -> str:
    """The file's suffix when ``data`` is an image of the kind its name says; else ``Nekad``."""
    suffix = Path(namn).suffix.lower()
    if not data:
        raise Nekad("filen är tom")
    if len(data) > MAX_BYTE:
        raise Nekad("bilden är större än 10 MB; minska den, t.ex. till 2 000 pixlar bred")
    if suffix == SVG:
        if not _ar_svg(data):
            raise Nekad(f"'{namn}' är ingen SVG-bild")
    elif suffix not in SORTER:
        raise Nekad(f"'{namn}' är ingen bild som kan visas; använd PNG, JPEG, GIF, WebP eller SVG")
    elif not any(data.startswith(m) for m in SORTER[suffix]) or (
        suffix == ".webp" and data[8:12] != b"WEBP"
    ):
        raise Nekad(f"'{namn}' är inte en {suffix.lstrip('.').upper()}-bild, fast namnet säger det")
    from kvalitet.kontroll.korskontroll import bildens_storleksfel

    fd, tmp = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as ut:
            ut.write(data)
        if (fel := bildens_storleksfel(Path(tmp))) is not None:
            raise Nekad(fel)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return suffix


def _filnamn(namn: str, suffix: str) -> str:
    from kvalitet.kontroll.validera import slug

    return f"{slug(Path(namn).stem)[:60]}{suffix}"


def spara_bild(skrivratt: Skrivratt, enhetsfil: Path, namn: str, data: bytes) -> dict[str, str]:
    """Put the image in the image folder (a new name when another image has the name) and
    answer with its path as the unit file writes it (relative to the file)."""
    suffix = kontrollera_bild(namn, data)
    mapp = skrivratt.bildmapp()
    grund = _filnamn(namn, suffix)
    fil = mapp / grund
    n = 1
    while fil.exists() and fil.read_bytes() != data:
        n += 1
        fil = mapp / f"{Path(grund).stem}-{n}{suffix}"
    fil = skrivratt.kontrollera(fil, (*SORTER, SVG))
    if not fil.exists():
        skriv_atomiskt(fil, data)
    relativ = os.path.relpath(fil, enhetsfil.parent).replace(os.sep, "/")
    return {"fil": relativ, "namn": fil.name}
