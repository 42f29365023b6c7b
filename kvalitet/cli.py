"""The ``kvalitet`` command: thin click commands over the library functions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kvalitet import __version__
from kvalitet.clisv import installera_svenska
from kvalitet.errors import KvalitetError, Problem, visningsnamn

installera_svenska()

KONTEXT = {"help_option_names": ["-h", "--hjälp", "--help"], "max_content_width": 100}


@click.group(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
@click.version_option(__version__, "--version", message="kvalitet %(version)s")
def kvalitet() -> None:
    """Kvalitetsrapporter för systematiskt kvalitetsarbete: från YAML till HTML och PDF.

    Varje enhet skriver sin rapport i en YAML-fil under rapporter/. Kör 'kvalitet
    kontrollera' för att hitta fel och 'kvalitet bygg' för att skapa HTML och PDF.
    """


def _projekt_arg(f):  # type: ignore[no-untyped-def]
    return click.argument(
        "projekt",
        metavar="[PROJEKT]",
        required=False,
        default=".",
        type=click.Path(file_okay=False, path_type=Path),
    )(f)


_PERIOD_FLAGGA = click.option(
    "--period",
    metavar="PERIOD",
    help="Perioden, t.ex. 2025/26 (standard: den senaste perioden i rapporter/).",
)


def _skriv_problem(problem: list[Problem], bara_fel: bool = False) -> None:
    for p in sorted(problem):
        if bara_fel and not p.ar_fel:
            continue
        click.echo(p.visa())


def antal(n: int, en: str, flera: str) -> str:
    """``1 rapport``, ``4 rapporter``."""
    return f"{n} {en if n == 1 else flera}"


def _summering(antal_fel: int, antal_varningar: int) -> str:
    delar = [
        f"{antal_fel} fel",
        f"{antal_varningar} {'varning' if antal_varningar == 1 else 'varningar'}",
    ]
    return " och ".join(delar)


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Kontrollera alla rapporter och visa fel och varningar med fil och rad.",
)
@_projekt_arg
@click.option("--strikt", is_flag=True, help="Räkna varningar som fel (t.ex. inför publicering).")
@_PERIOD_FLAGGA
def kontrollera(projekt: Path, strikt: bool, period: str | None) -> None:
    """Kontrollera alla rapporter och visa varje problem med fil och rad.

    Kontrollerar huvudmannafilen och enheternas rapporter för perioden (standard: den
    senaste), och projektets egna mallar. Varje problem skrivs som
    'fil:rad:kolumn: fel|varning: vad (hur man rättar)'. Avslutas med kod 0 när inga
    fel finns (varningar är tillåtna utom med --strikt) och 1 när fel finns.
    """
    from kvalitet.build import projektets_mallar
    from kvalitet.kontroll import las_period
    from kvalitet.render import kontrollera_mallar, skapa_miljo

    proj = _projekt(projekt)
    lage = las_period(proj, _kontrollera_period(proj, period))
    mallar = projektets_mallar(proj, lage)
    problem = [*lage.problem, *kontrollera_mallar(mallar, skapa_miljo(mallar))]
    _skriv_problem(problem)
    antal_fel = sum(p.ar_fel for p in problem)
    antal_varningar = len(problem) - antal_fel
    if not lage.enheter:
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)
    n = len(lage.enheter)
    click.echo(
        f"{antal(n, 'rapport', 'rapporter')}{' för ' + lage.period if lage.period else ''} "
        f"{'kontrollerad' if n == 1 else 'kontrollerade'}: "
        f"{_summering(antal_fel, antal_varningar)}."
    )
    if antal_fel or (strikt and antal_varningar):
        sys.exit(1)


def _projekt(projekt: Path):  # type: ignore[no-untyped-def]
    from kvalitet.project import hitta_projekt

    return hitta_projekt(projekt)


def _kontrollera_period(proj, period: str | None) -> str | None:  # type: ignore[no-untyped-def]
    """A --period that is no period of the project is a usage error (exit 2)."""
    if period is None:
        return None
    from kvalitet.kontroll import las_period
    from kvalitet.validate import menade_du

    kanda = las_period(proj, None).perioder
    if period not in kanda:
        forslag = menade_du(period, kanda)
        tips = f"menade du '{forslag}'?" if forslag else "perioder: " + (", ".join(kanda) or "inga")
        raise click.BadParameter(
            f"perioden '{period}' finns inte i projektet ({tips})", param_hint="'--period'"
        )
    return period


FORMAT = ("html", "pdf")


def _ut_och_format(hjalp_ut: str, hjalp_format: str):  # type: ignore[no-untyped-def]
    """The --ut KATALOG and --format html,pdf options that bygg and sammanstall share."""

    def dekorera(f):  # type: ignore[no-untyped-def]
        f = click.option(
            "--format",
            "format_",
            metavar="html,pdf",
            default="html,pdf",
            callback=_las_format,
            help=hjalp_format,
        )(f)
        return click.option(
            "--ut",
            "ut",
            metavar="KATALOG",
            type=click.Path(file_okay=False, path_type=Path),
            help=hjalp_ut,
        )(f)

    return dekorera


def _las_format(ctx: click.Context, param: click.Parameter, varde: str) -> tuple[str, ...]:
    valda = tuple(dict.fromkeys(d.strip().lower() for d in varde.split(",") if d.strip()))
    okanda = [d for d in valda if d not in FORMAT]
    if okanda or not valda:
        raise click.BadParameter(
            f"okänt format '{', '.join(okanda) or varde}'; välj html, pdf eller html,pdf"
        )
    return valda


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Bygg varje enhets rapport som HTML och PDF.",
)
@_projekt_arg
@_ut_och_format(
    "Var rapporterna skrivs (standard: ut/ i projektet).",
    "Vilka format som skapas, kommaseparerat (standard: html,pdf).",
)
@click.option(
    "--enhet",
    "enheter",
    metavar="ID",
    multiple=True,
    help="Bygg bara denna enhet (filnamnet utan .yaml); kan anges flera gånger.",
)
@_PERIOD_FLAGGA
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
def bygg(
    projekt: Path,
    ut: Path | None,
    format_: tuple[str, ...],
    enheter: tuple[str, ...],
    period: str | None,
    jobb: int | None,
    alla: bool,
    bevaka: bool,
) -> None:
    """Kontrollera och bygg varje enhets rapport till KATALOG/<enhet>.html och .pdf.

    Bara enheter vars filer, mallar, bilder eller inställningar har ändrats byggs om
    (--alla bygger om allt), och PDF:erna byggs på alla processorkärnor (--jobb).
    En enhet med fel hoppas över och behåller sin senast byggda rapport; de andra
    byggs ändå. Avslutas med kod 1 om någon enhet inte kunde byggas.

    Med --bevaka fortsätter kvalitet efter bygget och bygger om det som ändrats
    varje gång du sparar en fil; PDF-motorn hålls varm, så en ändrad enhet är klar
    på ungefär den tid det tar att skapa just dess PDF.
    """
    from kvalitet.build import kontrollera_enhetsval, utkatalog
    from kvalitet.project import hitta_projekt

    proj = hitta_projekt(projekt)
    period = _kontrollera_period(proj, period)
    if enheter and (fel := kontrollera_enhetsval(proj, enheter)):
        raise click.BadParameter(fel, param_hint="'--enhet'")
    katalog = utkatalog(proj, ut)
    if jobb is None:
        from kvalitet.pool import antal_karnor

        jobb = antal_karnor()
    if not proj.enhetsfiler():
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)

    if bevaka:
        _bygg_och_bevaka(proj, katalog, format_, enheter, period, jobb, alla)
        return
    if not _bygg_och_visa(proj, katalog, format_, enheter, period, jobb, alla).ok:
        sys.exit(1)


def _bygg_och_visa(
    proj,  # type: ignore[no-untyped-def]
    katalog: Path,
    format_: tuple[str, ...],
    enheter: tuple[str, ...],
    period: str | None,
    jobb: int,
    alla: bool,
    minne=None,  # type: ignore[no-untyped-def]
):  # type: ignore[no-untyped-def]
    """One build with its progress, the sammanställning's line and the summary."""
    from kvalitet.build import bygg as bygg_alla

    visning = _Framsteg(jobb)
    try:
        bygge = bygg_alla(
            proj,
            katalog,
            format_,
            enheter or None,
            visning.rapportera,
            period,
            jobb=jobb,
            alla=alla,
            borjar=visning.borjar,
            minne=minne,
        )
    finally:
        visning.avsluta()
    if bygge.sammanstallning is not None:
        _visa_sammanstallning(bygge.sammanstallning)
    _sammanfatta(bygge, katalog)
    return bygge


def _bygg_och_bevaka(
    proj,  # type: ignore[no-untyped-def]
    katalog: Path,
    format_: tuple[str, ...],
    enheter: tuple[str, ...],
    period: str | None,
    jobb: int,
    alla: bool,
) -> None:
    """``bygg --bevaka``: build, then rebuild on every save with warm PDF workers."""
    import time

    from kvalitet.bevaka import bevaka
    from kvalitet.build import Byggminne, bevakade_mappar
    from kvalitet.pool import PdfVerkstad

    forsta = True

    def bygg_en_gang() -> None:
        nonlocal forsta
        start = time.perf_counter()
        try:
            _bygg_och_visa(proj, katalog, format_, enheter, period, jobb, alla and forsta, minne)
        except KvalitetError as exc:
            exc.show()
            return
        finally:
            forsta = False
        sekunder = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        click.echo(f"Klart {time.strftime('%H:%M:%S')} på {sekunder} s.")

    def vantar() -> None:
        nonlocal forvarmd
        if not forvarmd:
            minne.forvarm(proj, period, format_)
            forvarmd = True
        click.echo("Väntar på ändringar; bygger om när du sparar en fil. Avsluta med Ctrl-C.")

    forvarmd = False
    with PdfVerkstad(jobb if "pdf" in format_ else 1) as verkstad:
        minne = Byggminne(verkstad)
        try:
            bevaka(bevakade_mappar(proj, period), bygg_en_gang, vantar)
        except KeyboardInterrupt:
            click.echo("Bevakningen är avslutad.")
            raise SystemExit(0) from None


def _interaktiv() -> bool:
    """A progress bar on a terminal; plain lines in CI, in a pipe or a file."""
    return sys.stdout.isatty() and not os.environ.get("CI")


class _Framsteg:
    """Shows the build as it goes: a rich progress bar on a terminal, plain lines otherwise."""

    def __init__(self, jobb: int) -> None:
        self.jobb = jobb
        self.rad = None
        self.uppgift = None

    def borjar(self, antal_enheter: int) -> None:
        if antal_enheter and _interaktiv():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.rad = Progress(
                TextColumn("Bygger"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("enheter, tid kvar"),
                TimeRemainingColumn(),
                transient=True,
            )
            self.rad.start()
            self.uppgift = self.rad.add_task("bygger", total=antal_enheter)
        elif antal_enheter:
            click.echo(f"Bygger {antal(antal_enheter, 'enhet', 'enheter')} med {self.jobb} jobb.")

    def rapportera(self, res) -> None:  # type: ignore[no-untyped-def]
        if self.rad is not None:
            self.rad.advance(self.uppgift)
            if not res.ok:
                self.rad.console.print(f"✗ {res.id}: {res.fel}", markup=False, highlight=False)
            return
        if res.ok:
            filer = ", ".join(visningsnamn(f) for f in res.skrivna)
            sidor = f" ({res.sidor} sidor)" if res.sidor else ""
            click.echo(f"✓ {res.id}: {filer}{sidor}")
            for text in res.varningar:
                click.echo(f"  varning vid PDF-bygget: {text}")
        else:
            click.echo(f"✗ {res.id}: {res.fel}")
            _skriv_problem(res.problem, bara_fel=True)

    def avsluta(self) -> None:
        if self.rad is not None:
            self.rad.stop()


def _sammanfatta(bygge, katalog: Path) -> None:  # type: ignore[no-untyped-def]
    resultat = bygge.enheter
    byggda = [r for r in resultat if r.ok and not r.oforandrad]
    oforandrade = [r for r in resultat if r.oforandrad]
    misslyckade = [r for r in resultat if not r.ok]
    varningar = sum(not p.ar_fel for r in resultat for p in r.problem)
    if _interaktiv():
        from rich.console import Console
        from rich.table import Table

        tabell = Table(title=f"Bygget i {visningsnamn(katalog)}/", title_justify="left")
        tabell.add_column("Enheter")
        tabell.add_column("Antal", justify="right")
        tabell.add_column("Första felet")
        tabell.add_row("Byggda", str(len(byggda)), "")
        tabell.add_row("Oförändrade", str(len(oforandrade)), "")
        tabell.add_row("Misslyckade", str(len(misslyckade)), "")
        for r in misslyckade:
            tabell.add_row(f"  {r.id}", "", _forsta_fel(r))
        Console().print(tabell)
    else:
        for r in misslyckade:
            click.echo(f"  {r.id}: {_forsta_fel(r)}")
    rad = (
        f"Byggda: {len(byggda)}, oförändrade: {len(oforandrade)}, "
        f"misslyckade: {len(misslyckade)} (i {visningsnamn(katalog)}/)"
    )
    if varningar:
        rad += f"; {antal(varningar, 'varning', 'varningar')} (visa dem med 'kvalitet kontrollera')"
    click.echo(rad + ".")
    if misslyckade:
        click.echo(
            f"{antal(len(misslyckade), 'rapport', 'rapporter')} kunde inte byggas och behåller "
            "sin senaste version: " + ", ".join(r.id for r in misslyckade)
        )


def _forsta_fel(res) -> str:  # type: ignore[no-untyped-def]
    forsta = next((p for p in sorted(res.problem) if p.ar_fel), None)
    return forsta.visa() if forsta else (res.fel or "")


def _visa_sammanstallning(res) -> None:  # type: ignore[no-untyped-def]
    if res.fel:
        click.echo(f"✗ sammanställningen: {res.fel}")
        return
    if res.oforandrad:
        click.echo("= sammanställningen: oförändrad (det som ändrats syns inte i den)")
        return
    sidor = f" ({res.sidor} sidor)" if res.sidor else ""
    click.echo(f"✓ sammanställningen: {', '.join(visningsnamn(f) for f in res.skrivna)}{sidor}")
    for text in res.varningar:
        click.echo(f"  varning vid PDF-bygget: {text}")


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Bygg bara huvudmannens sammanställning (HTML, PDF, CSV, XLSX).",
)
@_projekt_arg
@_ut_och_format(
    "Var sammanställningen skrivs (standard: ut/ i projektet).",
    "HTML, PDF eller båda (standard: html,pdf); CSV och XLSX skrivs alltid.",
)
@_PERIOD_FLAGGA
def sammanstall(
    projekt: Path, ut: Path | None, format_: tuple[str, ...], period: str | None
) -> None:
    """Bygg huvudmannens sammanställning av periodens rapporter till KATALOG/sammanstallning.*.

    Sammanställningen visar rapporteringens status, en matris med varje enhets utfall och
    status per styrtal, spridningen mellan enheterna, enheternas utvecklingsområden och
    slutsatser. sammanstallning.csv och sammanstallning.xlsx har en rad per enhet och
    styrtal för egen analys i Excel.
    """
    from kvalitet.build import bara_sammanstallning, utkatalog

    proj = _projekt(projekt)
    period = _kontrollera_period(proj, period)
    res = bara_sammanstallning(proj, utkatalog(proj, ut), format_, period)
    _visa_sammanstallning(res)
    if res.fel:
        sys.exit(1)


@kvalitet.group(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="enhet|period ...",
    short_help="Skapa en ny enhet eller nästa period.",
)
def ny() -> None:
    """Skapa en ny enhets YAML-fil, eller nästa period för alla enheter och huvudmannen."""


_PROJEKT_FLAGGA = click.option(
    "--projekt",
    "projekt",
    metavar="KATALOG",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    help="Projektmappen (standard: mappen du står i).",
)


def _las_period_arg(ctx: click.Context, param: click.Parameter, varde: str | None) -> str | None:
    if varde is None:
        return None
    from kvalitet.model import _period

    try:
        return _period(varde)
    except ValueError as exc:
        meddelande = exc.message() if hasattr(exc, "message") else str(exc)
        hur = getattr(exc, "context", None) or {}
        raise click.BadParameter(f"{meddelande} ({hur.get('hur', '')})") from None


def _las_id(ctx: click.Context, param: click.Parameter, varde: str) -> str:
    from kvalitet.validate import ENHETS_ID, _slug

    if not ENHETS_ID.match(varde):
        raise click.BadParameter(
            f"'{varde}' får bara innehålla små bokstäver a–z, siffror och bindestreck "
            f"(t.ex. '{_slug(varde)}'); id:t blir filens namn"
        )
    return varde


@ny.command(
    "enhet",
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skapa en ny enhets YAML-fil med alla rubriker och styrtal.",
)
@click.argument("enhets_id", metavar="ID", callback=_las_id)
@click.option("--namn", required=True, metavar="NAMN", help="Enhetens namn, t.ex. 'Ekbacksskolan'.")
@click.option(
    "--skolform",
    required=True,
    type=click.Choice(
        ["förskola", "grundskola", "gymnasieskola", "vuxenutbildning", "fritidshem", "annan"]
    ),
    help="Enhetens skolform.",
)
@click.option(
    "--period",
    metavar="PERIOD",
    callback=_las_period_arg,
    help="Perioden, t.ex. 2025/26 (standard: den senaste perioden).",
)
@_PROJEKT_FLAGGA
def ny_enhet(enhets_id: str, namn: str, skolform: str, period: str | None, projekt: Path) -> None:
    """Skapa rapporter/<period>/ID.yaml för en ny enhet.

    Filen får varje rubrik i standardrapporten, alla huvudmannens styrtal som gäller
    skolformen och kommentarer på svenska om vad som ska skrivas var. Den klarar
    'kvalitet kontrollera' direkt (med varningar för det som inte är ifyllt). Ett id
    som redan finns vägras, och filen lämnas orörd.
    """
    from kvalitet.ny import ny_enhet as skapa

    fil = skapa(_projekt(projekt), enhets_id, namn, skolform, period)
    click.echo(f"Skapade {visningsnamn(fil)}. Fyll i den och kör 'kvalitet kontrollera'.")


@ny.command(
    "period",
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skapa nästa period för alla enheter och huvudmannen.",
)
@click.argument("period", metavar="PERIOD", callback=_las_period_arg)
@_PROJEKT_FLAGGA
def ny_period(period: str, projekt: Path) -> None:
    """Skapa perioden PERIOD (t.ex. 2026/27) utifrån den senaste perioden före den.

    Huvudmannafilen kopieras med kommentarer (ändra målvärdena). Varje enhet får en
    ny fil med samma uppgifter, rubriker, styrtal och aktiviteter men tomma resultat,
    och förra periodens utvecklingsområden att följa upp under
    'tidigare_utvecklingsområden'. Vägrar om någon fil för perioden redan finns.
    """
    from kvalitet.ny import ny_period as skapa

    filer = skapa(_projekt(projekt), period)
    for fil in filer:
        click.echo(f"Skapade {visningsnamn(fil)}")
    click.echo(
        f"Perioden {period} är skapad med {antal(len(filer), 'fil', 'filer')}. "
        "Uppdatera målvärdena i huvudmannafilen."
    )


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skriv ut JSON-schemat för enhetsfilerna (eller huvudmannafilen).",
)
@_projekt_arg
@click.option("--huvudman", is_flag=True, help="Schemat för huvudmannafilen i stället.")
@click.option(
    "--skriv",
    is_flag=True,
    help="Skriv båda schemana till schema/ i projektet, dit YAML-filernas $schema-rad pekar.",
)
def schema(projekt: Path, huvudman: bool, skriv: bool) -> None:
    """Skriv ut JSON-schemat för en enhetsfil (eller med --huvudman för huvudmannafilen).

    Editorer som VS Code med YAML-tillägget använder schemat för att föreslå fält, visa
    beskrivningar och markera fel medan du skriver. Med --skriv hamnar schemana i
    schema/enhet.schema.json och schema/huvudman.schema.json i projektet.
    """
    from kvalitet.schema import schema_text, skriv_scheman

    if skriv:
        proj = _projekt(projekt)
        skrivna = skriv_scheman(proj.rot)
        for fil in skrivna:
            click.echo(f"Skrev {visningsnamn(fil)}")
        if not skrivna:
            click.echo("Schemana i schema/ är redan aktuella.")
        return
    click.echo(schema_text(huvudman), nl=False)


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Förhandsvisa rapporterna i webbläsaren medan du skriver.",
)
@_projekt_arg
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Porten på den egna datorn (127.0.0.1); 0 väljer en ledig.",
)
def visa(projekt: Path, port: int) -> None:
    """Starta en förhandsvisning på http://127.0.0.1:PORT/ som bara den egna datorn når.

    Startsidan visar periodens enheter med status. En enhets sida är dess rapport; när du
    sparar en YAML-fil, mall, CSS eller bild i projektet laddas öppna sidor om av sig själva.
    Har filen fel visas felen med fil och rad i stället för rapporten, tills de är rättade.
    Stäng med Ctrl-C.
    """
    from kvalitet.serve import kor

    kor(_projekt(projekt), port, click.echo)


def _avsluta_vid_signal() -> None:
    """SIGTERM and SIGHUP (a closed terminal) end kvalitet like Ctrl-C does: the PDF workers
    are stopped and no half-written file is left."""
    import signal

    def avbryt(nummer: int, _ram: object) -> None:
        raise KeyboardInterrupt

    for namn in ("SIGTERM", "SIGHUP"):
        nummer = getattr(signal, namn, None)
        if nummer is not None and signal.getsignal(nummer) is signal.SIG_DFL:
            signal.signal(nummer, avbryt)


def main() -> None:
    """Console entry point: an unexpected error is reported in Swedish, without a traceback
    (set KVALITET_FELSOK=1 to see it)."""
    _avsluta_vid_signal()
    try:
        kvalitet(prog_name="kvalitet")
    except KeyboardInterrupt:
        click.echo("Avbrutet.", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("KVALITET_FELSOK"):
            raise
        click.echo(
            f"fel: ett oväntat internt fel inträffade ({type(exc).__name__}: {exc}). "
            "Det är ett fel i kvalitet, inte i dina filer: rapportera det gärna, och kör med "
            "KVALITET_FELSOK=1 för att se detaljerna.",
            err=True,
        )
        sys.exit(3)
