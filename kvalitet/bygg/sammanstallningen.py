"""The sammanställning's documents: HTML, CSV and XLSX written here, the PDF in a worker."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.bygg.plan import HUVUDMANNENS_RAPPORT, SAMMANSTALLNING, SAMMANSTALLNINGENS_TYPER
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
    rapport: Sammanstallningsresultat | None = None
    """The huvudman's own report, built with the sammanställning when the period has one."""

    @property
    def lyckad(self) -> bool:
        """No errors in the sammanställning nor in the huvudman's report."""
        return self.fel is None and (self.rapport is None or self.rapport.fel is None)


def sammanstallning_for(
    projekt: Projekt, lage: Periodlage, validering: Valideringsminne | None = None
) -> Sammanstallning:
    """The period's sammanställning (kvalitet.sammanstallning), from the units that validate."""
    from kvalitet.kalla.projekt import periodnyckel
    from kvalitet.kontroll.period import las_period
    from kvalitet.sammanstallning.mallar import mallsammanstall
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
    resultat.mallar = mallsammanstall(giltiga, lage.mall_per_enhet, lage.rapportmallar)
    # a file name that is not UTF-8 gives an id with surrogates: shown with U+FFFD
    resultat.felaktiga = sorted(
        k.id.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        for k in lage.enheter
        if not k.ok
    )
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
    rapport_pdf: Future | None = None
    vantande_rapport: Callable[[], Future] | None = None
    """The huvudman's report's PDF, like the sammanställning's."""


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
    from kvalitet.bygg.enhet import arkivformat, word_mall
    from kvalitet.bygg.huvudmannens import utfiler
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
        rendera_rapport = _huvudmannens(projekt, lage, data, miljo, res)
        rapport_html = rendera_rapport("") if rendera_rapport else None
        paborjad.innehall = hashlib.sha256(
            "|".join((*format, f"arkiv={arkiv}")).encode()
            + pdf_html.encode("utf-8")
            + csv
            + (rapport_html or "").encode("utf-8")
        ).hexdigest()
        filer = [ut / f"{SAMMANSTALLNING}.{typ}" for typ in (*format, *SAMMANSTALLNINGENS_TYPER)]
        if rapport_html is not None:
            filer += utfiler(ut, format)
        if (
            cache is not None
            and cache.sammanstallningens_innehall == paborjad.innehall
            and all(f.is_file() for f in filer)
        ):
            res.oforandrad = True
            if res.rapport is not None:
                res.rapport.oforandrad = True
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
            skicka_rapport = (
                partial(
                    paborjad.verkstad.skicka,
                    HUVUDMANNENS_RAPPORT,
                    rapport_html,
                    projekt.rot,
                    arkiv=arkiv,
                )
                if rapport_html is not None
                else None
            )
            if pdf_sist:
                paborjad.vantande_pdf = skicka
                paborjad.vantande_rapport = skicka_rapport
            else:
                paborjad.pdf = skicka()
                paborjad.rapport_pdf = skicka_rapport() if skicka_rapport else None
        if "html" in format:
            html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank=".html")
            skriv_atomiskt(ut / f"{SAMMANSTALLNING}.html", html.encode("utf-8"), tmpmapp)
            res.skrivna.append(ut / f"{SAMMANSTALLNING}.html")
            if rendera_rapport and rapport_html is not None and res.rapport is not None:
                html = rendera_rapport(".html") or ""
                skriv_atomiskt(ut / f"{HUVUDMANNENS_RAPPORT}.html", html.encode("utf-8"), tmpmapp)
                res.rapport.skrivna.append(ut / f"{HUVUDMANNENS_RAPPORT}.html")
        if "docx" in format:
            _skriv_word(ut, tmpmapp, pdf_html, rapport_html, res, word_mall(lage))
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.csv", csv, tmpmapp)
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.xlsx", xlsx_bytes(data), tmpmapp)
        res.skrivna += [ut / f"{SAMMANSTALLNING}.csv", ut / f"{SAMMANSTALLNING}.xlsx"]
    except KvalitetError as exc:
        res.fel = exc.format_message()
    return paborjad


def _skriv_word(
    ut: Path,
    tmpmapp: Path,
    html: str,
    rapport_html: str | None,
    res: Sammanstallningsresultat,
    mall: Path | None,
) -> None:
    """The sammanställning's and the huvudman's report's Word files, from their PDF's HTML."""
    from kvalitet.bygg.docx import skriv_docx

    skriv_atomiskt(ut / f"{SAMMANSTALLNING}.docx", skriv_docx(html, mall).data, tmpmapp)
    res.skrivna.append(ut / f"{SAMMANSTALLNING}.docx")
    if rapport_html is not None and res.rapport is not None and not res.rapport.fel:
        fil = ut / f"{HUVUDMANNENS_RAPPORT}.docx"
        skriv_atomiskt(fil, skriv_docx(rapport_html, mall).data, tmpmapp)
        res.rapport.skrivna.append(fil)


def _huvudmannens(
    projekt: Projekt,
    lage: Periodlage,
    data: Sammanstallning,
    miljo: jinja2.Environment,
    res: Sammanstallningsresultat,
) -> Callable[[str], str | None] | None:
    """The huvudman's report, resolved once, as a function from the link suffix to its HTML;
    None when the period has no report. An error (in the file or a template) is put in
    ``res.rapport.fel`` and gives None: the sammanställning is built all the same."""
    if lage.rapportfil is None:
        return None
    rapport = res.rapport = res.rapport or Sammanstallningsresultat()
    if lage.rapport is None or lage.huvudman is None:
        rapport.fel = "huvudmannens rapport har fel (se ovan, eller kör 'kvalitet kontrollera')"
        return None
    from kvalitet.bygg.huvudmannens import huvudmannens_rendering

    try:
        rendera = huvudmannens_rendering(projekt, lage, data, miljo)
    except KvalitetError as exc:
        rapport.fel = exc.format_message()
        return None

    def html(lank: str) -> str | None:
        try:
            return rendera(lank)
        except KvalitetError as exc:
            rapport.fel = exc.format_message()
            return None

    return html


def slutfor_sammanstallning(
    paborjad: PaborjadSammanstallning, ut: Path, tmpmapp: Path
) -> Sammanstallningsresultat:
    """Wait for the sammanställning's PDF and write it, then the huvudman's report's."""
    res = paborjad.resultat
    if paborjad.vantande_pdf is not None and not res.fel:
        paborjad.pdf = paborjad.vantande_pdf()
        if paborjad.vantande_rapport is not None:
            paborjad.rapport_pdf = paborjad.vantande_rapport()
    _slutfor_rapport(paborjad, ut, tmpmapp)
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


def _slutfor_rapport(paborjad: PaborjadSammanstallning, ut: Path, tmpmapp: Path) -> None:
    rapport = paborjad.resultat.rapport
    if paborjad.rapport_pdf is None or rapport is None or rapport.fel:
        return
    verkstad = paborjad.verkstad
    _, pdf, fel = (
        verkstad.utfall(paborjad.rapport_pdf) if verkstad else paborjad.rapport_pdf.result()
    )
    if fel:
        rapport.fel = fel
        return
    fil = ut / f"{HUVUDMANNENS_RAPPORT}.pdf"
    skriv_atomiskt(fil, pdf.data, tmpmapp)
    rapport.skrivna.insert(1 if rapport.skrivna else 0, fil)
    rapport.sidor = pdf.sidor
    rapport.varningar = pdf.varningar


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
