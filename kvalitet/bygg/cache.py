"""Incremental builds: the fingerprints of the last build, kept in the output folder.

A unit is rebuilt only when one of its inputs changed (``kvalitet.bygg.avtryck``); the cache
keeps each input's fingerprint, so that a plan can say which one changed.

The cache lives in ``<ut>/.kvalitet/cache.json`` and is written after each unit's outputs are
in place: a build that dies half-way leaves the units it did not finish out of the cache, and
they are rebuilt next time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet import __version__
from kvalitet.grund.skrivning import skriv_atomiskt

CACHEFIL = "cache.json"


@dataclass
class Cache:
    """The fingerprints of the last successful build of each unit, and of the sammanställning:
    of its inputs (whole and in named parts), and of its content (what it shows), which decides
    whether it is rewritten."""

    fil: Path
    enheter: dict[str, dict[str, object]] = field(default_factory=dict)
    sammanstallning: str | None = None
    sammanstallningens_innehall: str | None = None
    sammanstallningens_delar: dict[str, str] = field(default_factory=dict)

    @classmethod
    def las(cls, ut: Path) -> Cache:
        fil = ut / ".kvalitet" / CACHEFIL
        if fil.is_symlink():  # never read (or later replace) through a planted link
            return cls(fil)
        try:
            data = json.loads(fil.read_text(encoding="utf-8"))
            return cls(
                fil,
                dict(data.get("enheter", {})),
                data.get("sammanstallning"),
                data.get("sammanstallningens_innehall"),
                dict(data.get("sammanstallningens_delar") or {}),
            )
        except (OSError, ValueError, AttributeError, TypeError):
            return cls(fil)

    def aktuell(self, enhets_id: str, fingeravtryck: str, ut: Path) -> bool:
        """True when the unit's inputs are unchanged and its outputs are still there, whole."""
        post = self.enheter.get(enhets_id)
        if not post or post.get("fingeravtryck") != fingeravtryck:
            return False
        return self.utdata_hela(enhets_id, ut)

    def utdata_hela(self, enhets_id: str, ut: Path) -> bool:
        """True when every file the unit's last build wrote is still there, with its size."""
        post = self.enheter.get(enhets_id) or {}
        filer = post.get("filer", {})
        if not isinstance(filer, dict):
            return False
        for namn, storlek in filer.items():
            try:
                if (ut / namn).stat().st_size != storlek:
                    return False
            except OSError:
                return False
        return bool(filer)

    def delar(self, enhets_id: str) -> dict[str, str] | None:
        """The fingerprint of each input at the unit's last build; None when it was never built
        (or by a kvalitet that did not keep the parts)."""
        post = self.enheter.get(enhets_id)
        delar = post.get("delar") if post else None
        return dict(delar) if isinstance(delar, dict) else None

    def notera(
        self,
        enhets_id: str,
        fingeravtryck: str,
        filer: list[Path],
        delar: dict[str, str] | None = None,
    ) -> None:
        self.enheter[enhets_id] = {
            "fingeravtryck": fingeravtryck,
            "filer": {f.name: f.stat().st_size for f in filer},
            "delar": delar or {},
        }
        self.spara()

    def glom(self, enhets_id: str) -> None:
        if self.enheter.pop(enhets_id, None) is not None:
            self.spara()

    def spara(self) -> None:
        """Write atomically through a new temporary file (never an existing path, which could
        be a link to a file outside the output folder)."""
        text = json.dumps(
            {
                "version": __version__,
                "enheter": self.enheter,
                "sammanstallning": self.sammanstallning,
                "sammanstallningens_innehall": self.sammanstallningens_innehall,
                "sammanstallningens_delar": self.sammanstallningens_delar,
            },
            ensure_ascii=False,
        )
        self.fil.parent.mkdir(parents=True, exist_ok=True)
        # a file name that is not UTF-8 holds surrogates: written as '\\udcff', read back the same
        skriv_atomiskt(self.fil, text.encode("utf-8", "backslashreplace"))
