"""``kvalitet importera word``: last year's Word report into a unit's file, with the loss
report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kvalitet.cli.gemensamt import KONTEXT, PERIOD_FLAGGA, kontrollera_period, oppna_projekt
from kvalitet.grund.format import antal
from kvalitet.grund.ordforrad import SKOLFORMER
from kvalitet.grund.problem import visningsnamn

SPARADE = {
    "godkänn": "godkänn",
    "godkann": "godkänn",
    "förkasta": "förkasta",
    "forkasta": "förkasta",
}


def _sparade(ctx: click.Context, param: click.Parameter, varde: str | None) -> str | None:
    if varde is None:
        return None
    if varde.lower() not in SPARADE:
        raise click.BadParameter(
            f"'{varde}' är inget val; skriv 'godkänn' (texten med ändringarna) eller 'förkasta' "
            "(texten före dem)"
        )
    return SPARADE[varde.lower()]


@click.command(
    "word",
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Läs in en Word-rapport (.docx) i en enhets fil, med förlustrapport.",
)
@click.argument("fil", metavar="FIL.docx", type=click.Path(path_type=Path))
@click.option(
    "--enhet",
    "enhet",
    metavar="ID",
    required=True,
    help="Enhetens id (filnamnet utan .yaml), t.ex. bjorkbackaskolan.",
)
@click.option(
    "--mall",
    "mall",
    metavar="RAPPORTMALL",
    default=None,
    help="Rapportmallen vars delar rubrikerna matchas mot (standard: enhetens).",
)
@click.option(
    "--skriv", is_flag=True, help="Skriv enhetsfilen och bilderna (annars visas de bara)."
)
@click.option(
    "--skriv-over",
    "skriv_over",
    is_flag=True,
    help="Ersätt delar som redan har innehåll i enhetsfilen.",
)
@click.option(
    "--spårade",
    "--sparade",
    "sparade",
    metavar="godkänn|förkasta",
    default=None,
    callback=_sparade,
    help="Spårade ändringar i filen: 'godkänn' eller 'förkasta' dem (krävs när filen har sådana).",
)
@click.option(
    "--namn",
    "namn",
    metavar="NAMN",
    default=None,
    help="Enhetens namn, när enheten är ny (standard: Word-filens titel).",
)
@click.option(
    "--skolform",
    "skolform",
    type=click.Choice(SKOLFORMER),
    default=None,
    help="Skolformen, när enheten är ny (standard: omslagets 'Skolform:').",
)
@click.option(
    "--projekt",
    "projekt",
    metavar="MAPP",
    type=click.Path(path_type=Path),
    default=Path("."),
    help="Projektmappen (standard: den aktuella mappen).",
)
@PERIOD_FLAGGA
def word(
    fil: Path,
    enhet: str,
    mall: str | None,
    skriv: bool,
    skriv_over: bool,
    sparade: str | None,
    namn: str | None,
    skolform: str | None,
    projekt: Path,
    period: str | None,
) -> None:
    """Läs in en Word-rapport (.docx) i en enhets fil.

    Rubrikerna blir rapportens delar (matchade mot rapportmallens delar på rubriktext, annars
    egna rubriker), stycken och listor blir text med fetstil, kursiv och länkar, en rubrik
    eller lista 'Slutsats' blir en Slutsats-ruta, tabeller blir tabeller (Flickor/Pojkar/Totalt
    blir grupperna, 'Antal'-rader antal elever), bilder sparas i rapporter/bilder/ med sin
    alternativtext, och fotnoter stannar vid sin text.

    Förlustrapporten visas alltid: ord i Word-filen mot ord i enheten, allt som inte följde med
    och var det stod, och vad som gissades. Utan --skriv visas vad som skulle skrivas (en diff);
    delar som redan har innehåll i enhetsfilen behålls utan --skriv-over. kvalitet hämtar
    aldrig något från nätet.
    """
    from kvalitet.importera.word_kor import importera_word

    proj = oppna_projekt(projekt)
    kontrollera_period(proj, period)
    if not fil.is_file():
        raise click.BadParameter(f"filen '{fil}' finns inte", param_hint="'FIL.docx'")
    ut = importera_word(
        proj,
        fil,
        enhet,
        mall=mall,
        period=period,
        skriv=skriv,
        skriv_over=skriv_over,
        sparade=sparade,
        namn=namn,
        skolform=skolform,
    )
    if ut.diff:
        click.echo(ut.diff, nl=False)
    click.echo(ut.rapport.text(fil.name, visningsnamn(ut.enhetsfil)))
    for nyckel in ut.behallna:
        click.echo(
            f"{visningsnamn(ut.enhetsfil)}: '{nyckel}' har redan innehåll och behölls "
            "(--skriv-over ersätter det)"
        )
    for p in sorted(ut.problem):
        if p.ar_fel:
            click.echo(p.visa(proj.rot), err=True)
    varningar = sum(1 for p in ut.problem if not p.ar_fel)
    if varningar:
        click.echo(
            f"Enheten har {antal(varningar, 'varning', 'varningar')} (t.ex. delar som ännu "
            "saknas); 'kvalitet kontrollera' visar dem."
        )
    fel = [p for p in ut.problem if p.ar_fel]
    if fel:
        click.echo(
            f"Enheten validerar inte ({len(fel)} fel ovan)" + ("; inget skrevs." if skriv else "."),
            err=True,
        )
        sys.exit(1)
    if ut.skrivet:
        bilder = f" och {len(ut.bilder)} bild(er) i rapporter/bilder/" if ut.bilder else ""
        click.echo(f"Skrev {visningsnamn(ut.enhetsfil)}{bilder}.")
    elif ut.efter == ut.fore:
        click.echo("Ingenting att ändra.")
    else:
        click.echo("Ingenting skrevs. Kör med --skriv för att skriva enhetsfilen.")
