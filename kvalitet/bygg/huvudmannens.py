"""The huvudman's own report (``huvudmannens-rapport.yaml``) rendered beside the sammanställning:
it shows the same units, and is rebuilt whenever the sammanställning is."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.bygg.plan import HUVUDMANNENS_RAPPORT
from kvalitet.kalla.las import las_yaml
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.validera import validera_huvudman
from kvalitet.modell import Huvudmannafil

if TYPE_CHECKING:
    import jinja2

    from kvalitet.kontroll.period import Periodlage
    from kvalitet.sammanstallning.sammanstall import Sammanstallning


def andra_planer(projekt: Projekt, period: str) -> dict[str, Huvudmannafil]:
    """The huvudman files of the project's other periods that validate (their målvärden)."""
    ut: dict[str, Huvudmannafil] = {}
    for p, fil in projekt.huvudmannafiler().items():
        if p == period:
            continue
        modell, _ = validera_huvudman(las_yaml(fil), projekt.rot, p)
        if modell is not None:
            ut[p] = modell
    return ut


def huvudmannens_rendering(
    projekt: Projekt,
    lage: Periodlage,
    data: Sammanstallning,
    miljo: jinja2.Environment,
    planer: dict[str, Huvudmannafil] | None = None,
) -> Callable[[str], str]:
    """The huvudman's report resolved once (other periods' plans read and validated once), as a
    function from the link suffix (``""`` for the PDF, ``".html"``) to its HTML. ``lage`` must
    hold a validated report and huvudman file."""
    from kvalitet.rendera.miljo import rendera_huvudmannarapport
    from kvalitet.sammanstallning.huvudmannens_rapport import las_upp_huvudmannarapport

    assert lage.rapport is not None and lage.huvudman is not None and lage.rapportfil is not None
    assert lage.period is not None
    vy = las_upp_huvudmannarapport(
        lage.rapport,
        lage.huvudman,
        lage.rapportfil,
        lage.huvudmannafil,
        projekt.rot,
        data,
        {k.id: k.rapport for k in lage.enheter if k.ok and k.rapport is not None},
        planer if planer is not None else andra_planer(projekt, lage.period),
    )
    return partial(rendera_huvudmannarapport, vy, data, miljo)


def utfiler(ut: Path, format: tuple[str, ...]) -> list[Path]:
    return [ut / f"{HUVUDMANNENS_RAPPORT}.{typ}" for typ in format]
