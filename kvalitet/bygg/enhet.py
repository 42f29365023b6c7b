"""One unit's report: which units exist, the project's templates, and the HTML of a unit."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.kalla.projekt import Projekt

if TYPE_CHECKING:
    import jinja2

    from kvalitet.kontroll.period import Enhetskontroll, Periodlage


def kontrollera_enhetsval(projekt: Projekt, enheter: Iterable[str]) -> str | None:
    """The first unit id that does not exist, with a suggestion; None when all exist."""
    kanda = [f.stem for f in projekt.enhetsfiler()]
    for enhet in enheter:
        if enhet not in kanda:
            from kvalitet.kontroll.modellfel import menade_du

            forslag = menade_du(enhet, kanda)
            tips = f"menade du '{forslag}'?" if forslag else "kända enheter: " + ", ".join(kanda)
            return f"enheten '{enhet}' finns inte i rapporter/ ({tips})"
    return None


def projektets_mallar(projekt: Projekt, lage: Periodlage) -> Path:
    """The project's own template folder: the huvudman's ``mallmapp``, else ``mallar/``."""
    if lage.huvudman and lage.huvudman.installningar.mallmapp:
        return projekt.rot / lage.huvudman.installningar.mallmapp
    return projekt.mallar


def word_mall(lage: Periodlage) -> Path | None:
    """The huvudman's Word template (``tema.word_mall``, relative to the huvudman file)."""
    tema = lage.huvudman.tema if lage.huvudman is not None else None
    if tema is None or not tema.word_mall or lage.huvudmannafil is None:
        return None
    return (lage.huvudmannafil.parent / tema.word_mall).resolve()


def arkivformat(pdf: str | None, lage: Periodlage) -> bool:
    """Whether the PDFs are PDF/A-2a: ``--pdf arkiv``, else the huvudman's ``pdf: arkiv``."""
    if pdf is None and lage.huvudman is not None:
        pdf = lage.huvudman.installningar.pdf
    return pdf == "arkiv"


def html_for_enhet(
    projekt: Projekt, lage: Periodlage, kontroll: Enhetskontroll, miljo: jinja2.Environment
) -> str:
    """Resolve one validated unit with its period's huvudman file and history, and render it."""
    from kvalitet.berika.vy import las_upp
    from kvalitet.rendera.miljo import rendera_html, valj_mall

    assert kontroll.rapport is not None
    vy = las_upp(
        kontroll.id,
        kontroll.rapport,
        kontroll.fil,
        projekt.rot,
        lage.huvudman,
        lage.huvudmannafil,
        lage.historik.get(kontroll.id, {}),
        lage.rapportmallar.get(lage.mall_per_enhet.get(kontroll.id, ""))
        or lage.rapportmallar.get("standard"),
    )
    mall = valj_mall(miljo, lage.huvudman, kontroll.rapport.skolform)
    return rendera_html(vy, miljo, mall)
