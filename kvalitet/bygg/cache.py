"""Incremental builds: fingerprints of every input, kept in the output folder.

A unit is rebuilt only when one of its inputs changed: its YAML file, its earlier periods'
files (trend), the period's huvudman file, any template or CSS file, any image or other file
under ``rapporter/`` (logotyp, pictures), kvalitet's version or the output formats. The
fingerprints are read from file contents, so neither a clock nor a copy fools them; checking
them reads no YAML and imports nothing heavy, so a build where nothing changed is fast.

The cache lives in ``<ut>/.kvalitet/cache.json`` and is written after each unit's outputs are
in place: a build that dies half-way leaves the units it did not finish out of the cache, and
they are rebuilt next time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet import __version__
from kvalitet.kalla.projekt import HUVUDMANNAFIL, Projekt

CACHEFIL = "cache.json"
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


def _hasha_filer(hash_: hashlib._Hash, filer: list[Path], bas: Path) -> None:
    for fil in sorted(filer):
        try:
            data = fil.read_bytes()
        except OSError:
            data = b"<saknas>"
        hash_.update(str(fil.relative_to(bas) if fil.is_relative_to(bas) else fil).encode())
        hash_.update(len(data).to_bytes(8, "little"))
        hash_.update(data)


def globalt_fingeravtryck(
    projekt: Projekt, mallmappar: list[Path], period: str | None, format: tuple[str, ...]
) -> str:
    """What every unit of the period depends on."""
    hash_ = hashlib.sha256(f"{__version__}|{','.join(sorted(format))}|{period}".encode())
    mallfiler = [
        f
        for mapp in dict.fromkeys(m.resolve() for m in mallmappar)
        if mapp.is_dir()
        for f in mapp.rglob("*")
        if f.is_file() and f.suffix.lower() in _MALLTYPER
    ]
    _hasha_filer(hash_, mallfiler, projekt.rot)
    huvudman = projekt.huvudmannafil(period) if period else None
    ovriga = [
        f
        for f in projekt.rapporter.rglob("*")
        if f.is_file() and f.suffix.lower() not in (".yaml", ".yml") and ".kvalitet" not in f.parts
    ]
    _hasha_filer(hash_, [*([huvudman] if huvudman else []), *ovriga], projekt.rot)
    return hash_.hexdigest()


def enhetens_fingeravtryck(projekt: Projekt, globalt: str, fil: Path) -> str:
    """A unit's own inputs on top of the global ones: its file and its earlier periods."""
    hash_ = hashlib.sha256(globalt.encode())
    tidigare = [
        f for f in projekt.rapporter.glob(f"*/{fil.name}") if f != fil and f.name != HUVUDMANNAFIL
    ]
    _hasha_filer(hash_, [fil, *tidigare], projekt.rot)
    return hash_.hexdigest()


@dataclass
class Cache:
    """The fingerprints of the last successful build of each unit, and of the sammanställning:
    of its inputs, and of its content (what it shows), which decides whether it is rewritten."""

    fil: Path
    enheter: dict[str, dict[str, object]] = field(default_factory=dict)
    sammanstallning: str | None = None
    sammanstallningens_innehall: str | None = None

    @classmethod
    def las(cls, ut: Path) -> Cache:
        fil = ut / ".kvalitet" / CACHEFIL
        try:
            data = json.loads(fil.read_text(encoding="utf-8"))
            return cls(
                fil,
                dict(data.get("enheter", {})),
                data.get("sammanstallning"),
                data.get("sammanstallningens_innehall"),
            )
        except (OSError, ValueError, AttributeError):
            return cls(fil)

    def aktuell(self, enhets_id: str, fingeravtryck: str, ut: Path) -> bool:
        """True when the unit's inputs are unchanged and its outputs are still there, whole."""
        post = self.enheter.get(enhets_id)
        if not post or post.get("fingeravtryck") != fingeravtryck:
            return False
        filer = post.get("filer", {})
        assert isinstance(filer, dict)
        for namn, storlek in filer.items():
            try:
                if (ut / namn).stat().st_size != storlek:
                    return False
            except OSError:
                return False
        return bool(filer)

    def notera(self, enhets_id: str, fingeravtryck: str, filer: list[Path]) -> None:
        self.enheter[enhets_id] = {
            "fingeravtryck": fingeravtryck,
            "filer": {f.name: f.stat().st_size for f in filer},
        }
        self.spara()

    def glom(self, enhets_id: str) -> None:
        if self.enheter.pop(enhets_id, None) is not None:
            self.spara()

    def spara(self) -> None:
        self.fil.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.fil.with_suffix(".tmp")
        tmp.write_text(
            json.dumps(
                {
                    "version": __version__,
                    "enheter": self.enheter,
                    "sammanstallning": self.sammanstallning,
                    "sammanstallningens_innehall": self.sammanstallningens_innehall,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        os.replace(tmp, self.fil)
