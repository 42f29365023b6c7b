"""Images uploaded in the editor: checked like any image of a report (kind by its first bytes,
size, pixels) and put in the project's image folder, ``rapporter/bilder/``."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from kvalitet.kalla.filbyte import ar_skrivfel, las_om_finns, skrivfel
from kvalitet.kalla.skrivvag import skapa_fil
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
        return suffix
    if suffix not in SORTER:
        raise Nekad(f"'{namn}' är ingen bild som kan visas; använd PNG, JPEG, GIF, WebP eller SVG")
    if not any(data.startswith(m) for m in SORTER[suffix]) or (
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


def _samma_bild(fil: Path, data: bytes) -> bool:
    try:
        return las_om_finns(fil) == data
    except OSError:  # became a link or unreadable meanwhile: not the same image
        return False


def spara_bild(skrivratt: Skrivratt, enhetsfil: Path, namn: str, data: bytes) -> dict[str, str]:
    """Put the image in the image folder (a new name when another file has the name) and
    answer with its path as the unit file writes it (relative to the file). The name check
    never reads through a link (a link or anything but a plain file just takes the next name),
    and the file is created only if no file has the name meanwhile."""
    suffix = kontrollera_bild(namn, data)
    mapp = skrivratt.bildmapp()
    rot = skrivratt.projekt.rot
    try:
        mapp.mkdir(exist_ok=True)
    except OSError as exc:
        if not ar_skrivfel(exc):
            raise
        raise skrivfel(exc, mapp, rot) from None
    grund = _filnamn(namn, suffix)
    for n in range(1, 1000):
        fil = mapp / (grund if n == 1 else f"{Path(grund).stem}-{n}{suffix}")
        try:
            lage = os.lstat(fil)
        except FileNotFoundError:
            fil = skrivratt.kontrollera(fil, (*SORTER, SVG))
            if skapa_fil(fil, data, rot):
                break
            continue
        samma = stat.S_ISREG(lage.st_mode) and lage.st_size == len(data)
        if samma and _samma_bild(fil, data):  # the same image again: never through a link
            fil = skrivratt.kontrollera(fil, (*SORTER, SVG))
            break
    else:
        raise Nekad(f"bildmappen har redan 999 bilder som heter '{grund}'; byt namn på bilden")
    relativ = os.path.relpath(fil, enhetsfil.parent).replace(os.sep, "/")
    return {"fil": relativ, "namn": fil.name}
