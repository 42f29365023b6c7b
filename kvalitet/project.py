"""Finds the project (rapporter/, mallar/) and lists its unit sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kvalitet.errors import KvalitetError

RESERVERADE = {"huvudman"}


@dataclass(frozen=True)
class Projekt:
    """A kvalitet project: a folder with ``rapporter/`` and optionally ``mallar/``."""

    rot: Path

    @property
    def rapporter(self) -> Path:
        return self.rot / "rapporter"

    @property
    def mallar(self) -> Path:
        return self.rot / "mallar"

    def enhetsfiler(self) -> list[Path]:
        """Every unit's YAML file under ``rapporter/``, sorted; ``_namn.yaml`` files are skipped."""
        filer = [
            f
            for monster in ("*.yaml", "*.yml")
            for f in self.rapporter.rglob(monster)
            if f.is_file()
            and not f.name.startswith((".", "_"))
            and f.stem not in RESERVERADE
            and not any(d.startswith(".") for d in f.relative_to(self.rapporter).parts[:-1])
        ]
        return sorted(filer, key=lambda f: (f.stem, str(f)))


def hitta_projekt(sokvag: Path) -> Projekt:
    """The project at ``sokvag``; a clear Swedish error if it has no ``rapporter/`` folder."""
    rot = sokvag.resolve()
    if not rot.is_dir():
        raise KvalitetError(
            f"projektmappen '{sokvag}' finns inte (ange en mapp som innehåller 'rapporter/')"
        )
    if not (rot / "rapporter").is_dir():
        raise KvalitetError(
            f"mappen '{sokvag}' har ingen undermapp 'rapporter/' "
            "(gå till projektmappen, eller ange den: 'kvalitet bygg SÖKVÄG')"
        )
    return Projekt(rot)
