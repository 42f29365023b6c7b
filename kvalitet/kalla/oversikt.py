"""Which unit file belongs to which period, found without validating anything (fast)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kvalitet.grund.problem import Problem, fel
from kvalitet.kalla.las import Kalla, kalltext, las_yaml
from kvalitet.kalla.projekt import Projekt, periodnyckel


def _utanfor(projekt: Projekt, fil: Path) -> Problem | None:
    if fil.resolve().is_relative_to(projekt.rot.resolve()):
        return None
    return fel(
        fil,
        1,
        1,
        "filen är en länk till en fil utanför projektmappen och läses inte",
        "kopiera filen till rapporter/ i stället för att länka",
    )


def _skriven_period(kalla: Kalla) -> str | None:
    if isinstance(kalla.data, dict) and kalla.data.get("period") is not None:
        return kalltext(kalla.data["period"]).strip()
    return None


@dataclass
class Periodoversikt:
    """Which file belongs to which period, read without validating anything."""

    filperiod: dict[Path, str | None]
    perioder: list[str]
    kallor: dict[Path, Kalla]

    def senaste(self) -> str | None:
        return self.perioder[-1] if self.perioder else None

    def filer(self, period: str | None) -> list[Path]:
        """The unit files of ``period``, with files whose period cannot be read."""
        return [f for f, p in self.filperiod.items() if p is None or p == period]


def periodoversikt(projekt: Projekt) -> Periodoversikt:
    """Files in period folders are placed by their folder; only files directly in
    ``rapporter/`` are read to find their period."""
    kallor: dict[Path, Kalla] = {}
    filperiod: dict[Path, str | None] = {}
    for fil in projekt.enhetsfiler():
        mapp = projekt.mappens_period(fil)
        if mapp is None and _utanfor(projekt, fil) is None:
            kallor[fil] = las_yaml(fil)
            mapp = _skriven_period(kallor[fil])
        filperiod[fil] = mapp
    huvudmannafiler = projekt.huvudmannafiler()
    perioder = sorted({p for p in filperiod.values() if p} | set(huvudmannafiler), key=periodnyckel)
    return Periodoversikt(filperiod, perioder, kallor)
