"""``kvalitet bygg`` (also ``--bevaka``) and ``kvalitet sammanstall``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from kvalitet.cli.framsteg import (
    Framsteg,
    sammanfatta,
)
from kvalitet.cli.gemensamt import (
    KONTEXT,
    PDF_FLAGGA,
    PERIOD_FLAGGA,
    kontrollera_period,
    kvalitet,
    oppna_projekt,
    projekt_arg,
    ut_och_format,
)
from kvalitet.grund.problem import KvalitetError, visningsnamn


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Bygg varje enhets rapport som HTML och PDF.",
)
@projekt_arg
@ut_och_format(
    "Var rapporterna skrivs (standard: ut/ i projektet).",
    "Vilka format som skapas, kommaseparerat: html, pdf, docx (Word) (standard: html,pdf).",
)
@click.option(
    "--enhet",
    "enheter",
    metavar="ID",
    multiple=True,
    help="Bygg bara denna enhet (filnamnet utan .yaml); kan anges flera gånger.",
)
@PERIOD_FLAGGA
@PDF_FLAGGA
@click.option(
    "--jobb",
    metavar="N",
    type=click.IntRange(1, 256),
    default=None,
    help="Antal PDF:er som byggs samtidigt (standard: antalet processorkärnor).",
)
@click.option("--alla", is_flag=True, help="Bygg om allt, även det som inte har ändrats.")
@click.option(
    "--bevaka",
    is_flag=True,
    help="Fortsätt efter bygget och bygg om varje gång du sparar en fil (avsluta med Ctrl-C).",
)
@click.option(
    "--plan",
    "visa_plan",
    is_flag=True,
    help="Visa vad som skulle byggas och varför, utan att bygga något.",
)
def bygg(
    projekt: Path,
    ut: Path | None,
    format_: tuple[str, ...],
    enheter: tuple[str, ...],
    period: str | None,
    pdf: str | None,
    jobb: int | None,
    alla: bool,
    bevaka: bool,
    visa_plan: bool,
) -> None:
    """Kontrollera och bygg varje enhets rapport till KATALOG/<enhet>.html och .pdf.

    Bara enheter vars filer, mallar, bilder eller inställningar har ändrats byggs om
    (--alla bygger om allt), och PDF:erna byggs på alla processorkärnor (--jobb).
    En enhet med fel hoppas över och behåller sin senast byggda rapport; de andra
    byggs ändå. Avslutas med kod 1 om någon enhet inte kunde byggas.

    Med --bevaka fortsätter kvalitet efter bygget och bygger om det som ändrats
    varje gång du sparar en fil; PDF-motorn hålls varm, så en ändrad enhet är klar
    på ungefär den tid det tar att skapa just dess PDF.

    Med --plan skrivs i stället vad som skulle byggas och varför (vilken fil,
    mall eller inställning som har ändrats); ingenting byggs eller skrivs.
    """
    from kvalitet.bygg.enhet import kontrollera_enhetsval
    from kvalitet.bygg.utkatalog import utkatalog
    from kvalitet.kalla.projekt import hitta_projekt

    proj = hitta_projekt(projekt)
    period = kontrollera_period(proj, period)
    if enheter and (fel := kontrollera_enhetsval(proj, enheter)):
        raise click.BadParameter(fel, param_hint="'--enhet'")
    katalog = utkatalog(proj, ut)
    if jobb is None:
        from kvalitet.bygg.verkstad import antal_karnor

        jobb = antal_karnor()
    if not proj.enhetsfiler() and not any(
        proj.huvudmannarapport(p) for p in proj.huvudmannafiler()
    ):
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)

    val = Byggval(proj, katalog, format_, enheter, period, jobb, alla, pdf)
    if visa_plan:
        _visa_plan(val)
        return
    if bevaka:
        _bygg_och_bevaka(val)
        return
    if not _bygg_och_visa(val).ok:
        sys.exit(1)


@dataclass(frozen=True)
class Byggval:
    """What the user asked ``kvalitet bygg`` for."""

    proj: Any
    katalog: Path
    format: tuple[str, ...]
    enheter: tuple[str, ...]
    period: str | None
    jobb: int
    alla: bool
    pdf: str | None = None


def _visa_plan(val: Byggval) -> None:
    """``bygg --plan``: the plan in Swedish; nothing is built, written or locked."""
    from kvalitet.bygg.plan import beskriv, las_ogonblick, planera

    ogonblick = las_ogonblick(val.proj, val.katalog, val.period, val.format, val.pdf)
    arbetare = val.jobb if "pdf" in val.format else 1
    plan = planera(ogonblick, val.enheter or None, val.alla, None, arbetare)
    for rad in beskriv(plan, visningsnamn(val.katalog) + "/"):
        click.echo(rad)


def _bygg_och_visa(val: Byggval, minne: Any = None) -> Any:
    """One build with its progress, the sammanställning's line and the summary."""
    from kvalitet.bygg.utfor import bygg as bygg_alla

    visning = Framsteg(val.jobb)
    try:
        bygge = bygg_alla(
            val.proj,
            val.katalog,
            val.format,
            val.enheter or None,
            visning.rapportera,
            val.period,
            jobb=val.jobb,
            alla=val.alla,
            borjar=visning.borjar,
            minne=minne,
            pdf=val.pdf,
        )
    finally:
        visning.avsluta()
    if bygge.sammanstallning is not None:
        _visa_sammanstallning(bygge.sammanstallning)
    sammanfatta(bygge, val.katalog)
    return bygge


def _bygg_och_bevaka(val: Byggval) -> None:
    """``bygg --bevaka``: build, then rebuild on every save with warm PDF workers."""
    from kvalitet.bygg.minne import Byggminne, bevakade_mappar
    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.visa.bevakning import bevaka

    with PdfVerkstad(val.jobb if "pdf" in val.format else 1) as verkstad:
        bevakning = _Bevakning(val, Byggminne(verkstad))
        try:
            bevaka(bevakade_mappar(val.proj, val.period), bevakning.bygg_en_gang, bevakning.vantar)
        except KeyboardInterrupt:
            click.echo("Bevakningen är avslutad.")
            raise SystemExit(0) from None


class _Bevakning:
    """One ``bygg --bevaka``: the first build (``--alla`` applies to it only), then one build per
    save; the workers, validation and templates are warmed while it waits for the first save."""

    def __init__(self, val: Byggval, minne: Any) -> None:
        self.val = val
        self.minne = minne
        self.forvarmd = False

    def bygg_en_gang(self) -> None:
        import time

        start = time.perf_counter()
        val, self.val = self.val, replace(self.val, alla=False)
        try:
            _bygg_och_visa(val, self.minne)
        except KvalitetError as exc:
            exc.show()
            return
        sekunder = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        click.echo(f"Klart {time.strftime('%H:%M:%S')} på {sekunder} s.")

    def vantar(self) -> None:
        if not self.forvarmd:
            self.minne.forvarm(self.val.proj, self.val.period, self.val.format)
            self.forvarmd = True
        click.echo("Väntar på ändringar; bygger om när du sparar en fil. Avsluta med Ctrl-C.")


def _visa_sammanstallning(res, namn: str = "sammanställningen") -> None:  # type: ignore[no-untyped-def]
    if res.fel:
        click.echo(f"✗ {namn}: {res.fel}")
    elif res.oforandrad:
        click.echo(f"= {namn}: oförändrad (det som ändrats syns inte i den)")
    else:
        sidor = f" ({res.sidor} sidor)" if res.sidor else ""
        click.echo(f"✓ {namn}: {', '.join(visningsnamn(f) for f in res.skrivna)}{sidor}")
        for text in res.varningar:
            click.echo(f"  varning vid PDF-bygget: {text}")
    if res.rapport is not None:
        _visa_sammanstallning(res.rapport, "huvudmannens rapport")


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Bygg bara huvudmannens sammanställning (HTML, PDF, CSV, XLSX).",
)
@projekt_arg
@ut_och_format(
    "Var sammanställningen skrivs (standard: ut/ i projektet).",
    "HTML, PDF, docx (Word), kommaseparerat (standard: html,pdf); CSV och XLSX skrivs alltid.",
)
@PERIOD_FLAGGA
@PDF_FLAGGA
def sammanstall(
    projekt: Path, ut: Path | None, format_: tuple[str, ...], period: str | None, pdf: str | None
) -> None:
    """Bygg huvudmannens sammanställning av periodens rapporter till KATALOG/sammanstallning.*.

    Sammanställningen visar rapporteringens status, en matris med varje enhets utfall och
    status per styrtal, spridningen mellan enheterna, enheternas utvecklingsområden och
    slutsatser. sammanstallning.csv och sammanstallning.xlsx har en rad per enhet och
    styrtal för egen analys i Excel.
    """
    from kvalitet.bygg.utfor import bara_sammanstallning
    from kvalitet.bygg.utkatalog import utkatalog

    proj = oppna_projekt(projekt)
    period = kontrollera_period(proj, period)
    res = bara_sammanstallning(proj, utkatalog(proj, ut), format_, period, pdf)
    _visa_sammanstallning(res)
    if not res.lyckad:
        sys.exit(1)
