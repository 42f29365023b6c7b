"""The sammanställning's documents: HTML, CSV and XLSX written here, the PDF in a worker."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.bygg.plan import SAMMANSTALLNING, SAMMANSTALLNINGENS_TYPER
from kvalitet.grund.problem import KvalitetError
from kvalitet.grund.skrivning import skriv_atomiskt
from kvalitet.kalla.projekt import Projekt

if TYPE_CHECKING:
    import jinja2

    from kvalitet.bygg.cache import Cache
    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.kontroll.period import Periodlage, Valideringsminne
    from kvalitet.modell import Enhetsrapport
    from kvalitet.sammanstallning.sammanstall import Sammanstallning


@dataclass
class Sammanstallningsresultat:
    skrivna: list[Path] = field(default_factory=list)
    sidor: int | None = None
    fel: str | None = None
    varningar: list[str] = field(default_factory=list)
    oforandrad: bool = False


def sammanstallning_for(
    projekt: Projekt, lage: Periodlage, validering: Valideringsminne | None = None
) -> Sammanstallning:
    """The period's sammanställning (kvalitet.sammanstallning), from the units that validate."""
    from kvalitet.kalla.projekt import periodnyckel
    from kvalitet.kontroll.period import las_period
    from kvalitet.sammanstallning.sammanstall import sammanstall

    assert lage.period is not None
    tidigare = [p for p in lage.perioder if periodnyckel(p) < periodnyckel(lage.period)]
    forra_period = tidigare[-1] if tidigare else None
    forra: dict[str, Enhetsrapport] = {}
    if forra_period:
        forra = {
            k.id: k.rapport
            for k in las_period(projekt, forra_period, minne=validering).enheter
            if k.rapport
        }
    giltiga = [(k.id, k.rapport) for k in lage.enheter if k.ok and k.rapport is not None]
    resultat = sammanstall(lage.period, lage.huvudman, giltiga, forra, forra_period)
    resultat.felaktiga = sorted(k.id for k in lage.enheter if not k.ok)
    return resultat


@dataclass
class PaborjadSammanstallning:
    """A sammanställning whose HTML, CSV and XLSX are written and whose PDF is on its way."""

    resultat: Sammanstallningsresultat
    pdf: Future | None = None
    verkstad: PdfVerkstad | None = None
    innehall: str | None = None
    vantande_pdf: Callable[[], Future] | None = None
    """The PDF, handed to the workshop only when the units' PDFs are done (``--bevaka``)."""


def starta_sammanstallning(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    miljo: jinja2.Environment,
    verkstad: PdfVerkstad | None = None,
    cache: Cache | None = None,
    validering: Valideringsminne | None = None,
    pdf_sist: bool = False,
    pdf: str | None = None,
) -> PaborjadSammanstallning:
    """Write the HTML, CSV and XLSX and hand the PDF to the workshop, so that it renders while
    the units' PDFs do (it is the longest document: it is sent first).

    With a ``cache``, nothing is written when the sammanställning's content is the same as in
    the last build (a unit changed in a way the sammanställning does not show, e.g. a comment
    or a text it does not quote): its PDF is the slowest document to render."""
    from kvalitet.bygg.enhet import arkivformat
    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.rendera.miljo import rendera_sammanstallning
    from kvalitet.sammanstallning.export import csv_bytes, xlsx_bytes

    paborjad = PaborjadSammanstallning(Sammanstallningsresultat())
    res = paborjad.resultat
    if not lage.huvudman_ok:
        res.fel = "huvudmannafilen har fel"
        return paborjad
    try:
        data = sammanstallning_for(projekt, lage, validering)
        pdf_html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank="")
        csv = csv_bytes(data)
        arkiv = arkivformat(pdf, lage)
        paborjad.innehall = hashlib.sha256(
            "|".join((*format, f"arkiv={arkiv}")).encode() + pdf_html.encode("utf-8") + csv
        ).hexdigest()
        filer = [ut / f"{SAMMANSTALLNING}.{typ}" for typ in (*format, *SAMMANSTALLNINGENS_TYPER)]
        if (
            cache is not None
            and cache.sammanstallningens_innehall == paborjad.innehall
            and all(f.is_file() for f in filer)
        ):
            res.oforandrad = True
            return paborjad
        if "pdf" in format:
            paborjad.verkstad = verkstad or PdfVerkstad(1)
            skicka = partial(
                paborjad.verkstad.skicka,
                SAMMANSTALLNING,
                pdf_html,
                projekt.rot,
                arkiv=arkiv,
            )
            if pdf_sist:
                paborjad.vantande_pdf = skicka
            else:
                paborjad.pdf = skicka()
        if "html" in format:
            html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank=".html")
            skriv_atomiskt(ut / f"{SAMMANSTALLNING}.html", html.encode("utf-8"), tmpmapp)
            res.skrivna.append(ut / f"{SAMMANSTALLNING}.html")
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.csv", csv, tmpmapp)
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.xlsx", xlsx_bytes(data), tmpmapp)
        res.skrivna += [ut / f"{SAMMANSTALLNING}.csv", ut / f"{SAMMANSTALLNING}.xlsx"]
    except KvalitetError as exc:
        res.fel = exc.format_message()
    return paborjad


def slutfor_sammanstallning(
    paborjad: PaborjadSammanstallning, ut: Path, tmpmapp: Path
) -> Sammanstallningsresultat:
    """Wait for the sammanställning's PDF and write it."""
    res = paborjad.resultat
    if paborjad.vantande_pdf is not None and not res.fel:
        paborjad.pdf = paborjad.vantande_pdf()
    if paborjad.pdf is None or res.fel:
        return res
    _, pdf, fel = (
        paborjad.verkstad.utfall(paborjad.pdf) if paborjad.verkstad else paborjad.pdf.result()
    )
    if fel:
        res.fel = fel
        return res
    skriv_atomiskt(ut / f"{SAMMANSTALLNING}.pdf", pdf.data, tmpmapp)
    res.skrivna.insert(
        1 if res.skrivna and res.skrivna[0].suffix == ".html" else 0, ut / f"{SAMMANSTALLNING}.pdf"
    )
    res.sidor = pdf.sidor
    res.varningar = pdf.varningar
    return res


def bygg_sammanstallning(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    miljo: jinja2.Environment,
    verkstad: PdfVerkstad | None = None,
    pdf: str | None = None,
) -> Sammanstallningsresultat:
    """Write KATALOG/sammanstallning.html, .pdf, .csv and .xlsx for the period."""
    return slutfor_sammanstallning(
        starta_sammanstallning(projekt, lage, ut, tmpmapp, format, miljo, verkstad, pdf=pdf),
        ut,
        tmpmapp,
    )
