"""The golden HTML of every unit of the example project (each period) and of the reference
report, rendered exactly as 'kvalitet bygg' does. Regenerate: python3 tests/uppdatera_golden.py"""

from __future__ import annotations

from pathlib import Path

from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.kalla.oversikt import periodoversikt
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.rendera.miljo import skapa_miljo

ROT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PROJEKT = {"exempel": ROT, "referens-004": ROT / "tests" / "data" / "referens-004"}
"""The projects whose every unit has a golden file: name → project root."""


def perioder(rot: Path) -> list[str]:
    return list(periodoversikt(hitta_projekt(rot)).perioder)


def fall() -> list[tuple[str, str]]:
    """(project name, period) of every golden set."""
    return [(namn, period) for namn, rot in PROJEKT.items() for period in perioder(rot)]


def rendera_period(projekt: str, period: str) -> dict[str, str]:
    """unit id → its HTML, for every unit of the period."""
    proj = hitta_projekt(PROJEKT[projekt])
    lage = las_period(proj, period)
    miljo = skapa_miljo(projektets_mallar(proj, lage))
    ut = {}
    assert lage.enheter, lage.problem
    for kontroll in lage.enheter:
        assert kontroll.rapport is not None, kontroll.problem
        ut[kontroll.id] = html_for_enhet(proj, lage, kontroll, miljo)
    return ut


def golden_mapp(projekt: str, period: str) -> Path:
    return GOLDEN / projekt / period.replace("/", "-")
