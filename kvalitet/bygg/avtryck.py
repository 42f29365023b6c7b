"""Fingerprints of every input of a build, in named parts, so that a plan can say what changed.

A unit depends on its YAML file, its earlier periods' files (trend), the period's huvudman file,
every template or CSS file, every image or other file under ``rapporter/`` (logotyp, pictures),
kvalitet's version and the output formats. The fingerprints are read from file contents, so
neither a clock nor a copy fools them; computing them reads no YAML and imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from kvalitet import __version__
from kvalitet.kalla import typsnitt
from kvalitet.kalla.las import las_data
from kvalitet.kalla.lokala_filer import lokal_mapp
from kvalitet.kalla.projekt import HUVUDMANNAFIL, Projekt, inbyggda_mallar

_MALLTYPER = {
    ".j2",
    ".html",
    ".css",
    ".svg",
    ".png",
    ".jpg",
    ".jpeg",
    ".ttf",
    ".otf",
    ".woff",
    ".woff2",
}

GLOBALA_DELAR = {
    "version": "kvalitets version",
    "format": "formaten",
    "mallar": "mallarna",
    "huvudman": "huvudmannafilen",
    "filer": "bilderna eller andra filer under rapporter/",
    "typsnitt": "typsnitten på datorn",
}
"""The inputs every unit of a period shares, with the words a plan uses for them."""

ENHETENS_DELAR = {"källfil": "källfilen", "tidigare": "en tidigare periods fil (trenden)"}
"""A unit's own inputs."""


def _hasha_filer(filer: list[Path], bas: Path) -> str:
    hash_ = hashlib.sha256()
    for fil in sorted(filer):
        try:
            data = fil.read_bytes()
        except OSError:
            data = b"<saknas>"
        # os.fsencode: a file name that is not UTF-8 holds surrogates that .encode() refuses
        hash_.update(os.fsencode(fil.relative_to(bas) if fil.is_relative_to(bas) else fil))
        hash_.update(len(data).to_bytes(8, "little"))
        hash_.update(data)
    return hash_.hexdigest()


def mallmappar(projekt: Projekt, period: str | None) -> list[Path]:
    """Every folder templates are read from, without validating the huvudman file."""
    mappar = [inbyggda_mallar(), projekt.mallar]
    hfil = projekt.huvudmannafil(period) if period else None
    if hfil is not None:
        try:
            data, _ = las_data(hfil)
            mapp = (data.get("inställningar") or {}).get("mallmapp")
            # only a folder inside the project is read or hashed; any other value is an error
            # that the check of the huvudman file reports, with its line
            if isinstance(mapp, str) and isinstance(lokal := lokal_mapp(projekt.rot, mapp), Path):
                mappar.append(lokal)
        except AttributeError:  # no mapping: the check of the huvudman file reports it
            pass
    return mappar


def _temats_typsnitt(huvudman: Path | None) -> list[str]:
    if huvudman is None:
        return []
    data, _ = las_data(huvudman)
    try:
        namn = (data.get("tema") or {}).get("typsnitt")
    except AttributeError:
        return []
    return [namn] if isinstance(namn, str) else []


def globala_delar(
    projekt: Projekt, mallmappar: list[Path], period: str | None, format: tuple[str, ...]
) -> dict[str, str]:
    """The fingerprint of each input every unit of the period depends on."""
    mallfiler = [
        f
        for mapp in dict.fromkeys(m.resolve() for m in mallmappar)
        if mapp.is_dir()
        for f in mapp.rglob("*")
        if f.is_file() and not f.is_symlink() and f.suffix.lower() in _MALLTYPER
    ]
    huvudman = projekt.huvudmannafil(period) if period else None
    mallar = set(mallfiler)
    ovriga = [
        f
        for f in projekt.rapporter.rglob("*")
        if f.is_file()
        and f.suffix.lower() not in (".yaml", ".yml")
        and ".kvalitet" not in f.parts
        and f.resolve() not in mallar
    ]
    return {
        "typsnitt": typsnitt.avtryck(_temats_typsnitt(huvudman)),
        "version": __version__,
        "format": f"{','.join(sorted(format))}|{period}",
        "mallar": _hasha_filer(mallfiler, projekt.rot),
        "huvudman": _hasha_filer([huvudman] if huvudman else [], projekt.rot),
        "filer": _hasha_filer(ovriga, projekt.rot),
    }


def enhetens_delar(projekt: Projekt, fil: Path) -> dict[str, str]:
    """The fingerprint of each of a unit's own inputs: its file and its earlier periods."""
    tidigare = [
        f for f in projekt.rapporter.glob(f"*/{fil.name}") if f != fil and f.name != HUVUDMANNAFIL
    ]
    return {
        "källfil": _hasha_filer([fil], projekt.rot),
        "tidigare": _hasha_filer(tidigare, projekt.rot),
    }


def sammanfatta(*delar: Mapping[str, str]) -> str:
    """One fingerprint of named parts (the key a cache entry is compared by)."""
    hash_ = hashlib.sha256()
    for del_ in delar:
        for namn in sorted(del_):
            hash_.update(f"{namn}={del_[namn]};".encode("utf-8", "surrogateescape"))
    return hash_.hexdigest()
