"""Finds the project (rapporter/, mallar/), its periods, huvudman files and unit sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kvalitet.grund.problem import KvalitetError

HUVUDMANNAFIL = "huvudman.yaml"
HUVUDMANNARAPPORT = "huvudmannens-rapport.yaml"
"""The huvudman's own report for a period, beside its huvudman file; never a unit."""
BEHORIGHETSFIL = "behörigheter.yaml"
"""Who may do what: ``rapporter/behörigheter.yaml``, for the whole project; never a unit."""
GRANSKNINGSMAPP = "granskning"
"""The review files of a period: ``rapporter/<period>/granskning/<enhet>.yaml``; never units."""
_PERIODMAPP = re.compile(r"^(\d{4})-(\d{2})$|^(\d{4})$")


def period_fran_mapp(namn: str) -> str | None:
    """``2025-26`` → ``2025/26``, ``2026`` → ``2026``; None for other folder names."""
    traff = _PERIODMAPP.match(namn)
    if not traff:
        return None
    return f"{traff[1]}/{traff[2]}" if traff[1] else traff[3]


def mapp_for_period(period: str) -> str:
    """``2025/26`` → ``2025-26``."""
    return period.replace("/", "-")


def periodnyckel(period: str) -> tuple[int, int]:
    """Sort key: läsår 2025/26 and kalenderår 2025 by their first year."""
    return int(period[:4]), len(period)


def nasta_period(period: str) -> str:
    """``2025/26`` → ``2026/27``, ``2026`` → ``2027``."""
    start = int(period[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}" if "/" in period else str(start)


@dataclass(frozen=True)
class Projekt:
    """A kvalitet project: a folder with ``rapporter/`` and optionally ``mallar/``.

    Each period has a folder ``rapporter/2025-26/`` (or ``rapporter/2026`` for a calendar year)
    with the huvudman's file ``huvudman.yaml`` and one YAML file per unit. Files directly in
    ``rapporter/`` also work; their period is the one written in the file.
    """

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
            and f.name not in (HUVUDMANNAFIL, HUVUDMANNARAPPORT, BEHORIGHETSFIL)
            and not f.name.endswith(".rapportmall.yaml")  # kalla/rapportmallar.py
            and not f.name.startswith((".", "_"))
            and not any(
                d.startswith(".") or d == GRANSKNINGSMAPP
                for d in f.relative_to(self.rapporter).parts[:-1]
            )
        ]
        return sorted(filer, key=lambda f: (f.stem, str(f)))

    def mappens_period(self, fil: Path) -> str | None:
        """The period a file belongs to by its folder, or None when it lies outside one."""
        for mapp in fil.parents:
            if mapp == self.rapporter:
                return None
            if (period := period_fran_mapp(mapp.name)) is not None:
                return period
        return None

    def huvudmannafiler(self) -> dict[str, Path]:
        """Period → huvudman file, for every period folder that has one."""
        ut: dict[str, Path] = {}
        for fil in sorted(self.rapporter.glob(f"*/{HUVUDMANNAFIL}")):
            if (period := period_fran_mapp(fil.parent.name)) is not None:
                ut[period] = fil
        return ut

    def huvudmannafil(self, period: str) -> Path | None:
        """The huvudman file of a period: ``rapporter/<period>/huvudman.yaml``, else the common
        ``rapporter/huvudman.yaml``, else None."""
        egen = self.huvudmannafiler().get(period)
        if egen:
            return egen
        gemensam = self.rapporter / HUVUDMANNAFIL
        return gemensam if gemensam.is_file() else None

    def huvudmannarapport(self, period: str) -> Path | None:
        """The huvudman's own report of a period, ``rapporter/<period>/huvudmannens-rapport.yaml``,
        or None when the period has none."""
        fil = self.periodmapp(period) / HUVUDMANNARAPPORT
        return fil if fil.is_file() else None

    def periodmapp(self, period: str) -> Path:
        return self.rapporter / mapp_for_period(period)

    @property
    def behorighetsfil(self) -> Path:
        return self.rapporter / BEHORIGHETSFIL

    def granskningsfil(self, period: str, enhets_id: str) -> Path:
        """Where the review of a unit for a period is kept (the file may not exist yet)."""
        return self.periodmapp(period) / GRANSKNINGSMAPP / f"{enhets_id}.yaml"


def inbyggda_mallar() -> Path:
    """The built-in templates: ``mallar/`` beside the package in a checkout, or inside the wheel."""
    paket = Path(__file__).resolve().parents[1]
    for kandidat in (paket / "mallar", paket.parent / "mallar"):
        if (kandidat / "rapport.html.j2").is_file():
            return kandidat
    raise KvalitetError("kvalitets inbyggda mallar saknas (installera om paketet)")


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
