"""The ``kvalitet`` command: thin click commands over the library functions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kvalitet import __version__
from kvalitet.clisv import installera_svenska
from kvalitet.errors import Problem, visningsnamn

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
def kontrollera(projekt: Path, strikt: bool) -> None:
    """Kontrollera alla rapporter och visa varje problem med fil och rad.

    Varje problem skrivs som 'fil:rad:kolumn: fel|varning: vad (hur man rättar)'.
    Avslutas med kod 0 när inga fel finns (varningar är tillåtna utom med --strikt)
    och 1 när fel finns.
    """
    from kvalitet.build import kontrollera as kontrollera_alla
    from kvalitet.project import hitta_projekt
    from kvalitet.render import kontrollera_mallar, skapa_miljo

    proj = hitta_projekt(projekt)
    resultat = kontrollera_alla(proj)
    problem = [p for r in resultat for p in r.problem]
    problem.extend(kontrollera_mallar(proj.mallar, skapa_miljo(proj.mallar)))
    _skriv_problem(problem)
    antal_fel = sum(p.ar_fel for p in problem)
    antal_varningar = len(problem) - antal_fel
    if not resultat:
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)
    click.echo(
        f"{antal(len(resultat), 'rapport', 'rapporter')} "
        f"{'kontrollerad' if len(resultat) == 1 else 'kontrollerade'}: "
        f"{_summering(antal_fel, antal_varningar)}."
    )
    if antal_fel or (strikt and antal_varningar):
        sys.exit(1)


def _las_format(ctx: click.Context, param: click.Parameter, varde: str) -> tuple[str, ...]:
    from kvalitet.build import FORMAT

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
@click.option(
    "--ut",
    "ut",
    metavar="KATALOG",
    type=click.Path(file_okay=False, path_type=Path),
    help="Var rapporterna skrivs (standard: ut/ i projektet).",
)
@click.option(
    "--format",
    "format_",
    metavar="html,pdf",
    default="html,pdf",
    callback=_las_format,
    help="Vilka format som skapas, kommaseparerat (standard: html,pdf).",
)
@click.option(
    "--enhet",
    "enheter",
    metavar="ID",
    multiple=True,
    help="Bygg bara denna enhet (filnamnet utan .yaml); kan anges flera gånger.",
)
def bygg(
    projekt: Path, ut: Path | None, format_: tuple[str, ...], enheter: tuple[str, ...]
) -> None:
    """Kontrollera och bygg varje enhets rapport till KATALOG/<enhet>.html och .pdf.

    En enhet med fel hoppas över och behåller sin senast byggda rapport; de andra
    byggs ändå. Avslutas med kod 1 om någon enhet inte kunde byggas.
    """
    from kvalitet.build import bygg as bygg_alla
    from kvalitet.build import kontrollera_enhetsval, utkatalog
    from kvalitet.project import hitta_projekt

    proj = hitta_projekt(projekt)
    if enheter and (fel := kontrollera_enhetsval(proj, enheter)):
        raise click.BadParameter(fel, param_hint="'--enhet'")
    katalog = utkatalog(proj, ut)
    if not proj.enhetsfiler():
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)

    def rapportera(res) -> None:  # type: ignore[no-untyped-def]
        if res.ok:
            filer = ", ".join(visningsnamn(f) for f in res.skrivna)
            sidor = f" ({res.sidor} sidor)" if res.sidor else ""
            click.echo(f"✓ {res.id}: {filer}{sidor}")
            for text in res.varningar:
                click.echo(f"  varning vid PDF-bygget: {text}")
        else:
            click.echo(f"✗ {res.id}: {res.fel}")
            _skriv_problem(res.problem, bara_fel=True)

    resultat = bygg_alla(proj, katalog, format_, enheter or None, rapportera)
    misslyckade = [r for r in resultat if not r.ok]
    varningar = sum(not p.ar_fel for r in resultat for p in r.problem)
    rad = (
        f"{len(resultat) - len(misslyckade)} av {antal(len(resultat), 'rapport', 'rapporter')} "
        f"{'byggd' if len(resultat) == 1 else 'byggda'} i {visningsnamn(katalog)}/"
    )
    if varningar:
        rad += f"; {antal(varningar, 'varning', 'varningar')} (visa dem med 'kvalitet kontrollera')"
    click.echo(rad + ".")
    if misslyckade:
        click.echo(
            f"{antal(len(misslyckade), 'rapport', 'rapporter')} kunde inte byggas och behåller "
            "sin senaste version: " + ", ".join(r.id for r in misslyckade)
        )
        sys.exit(1)


def main() -> None:
    """Console entry point: an unexpected error is reported in Swedish, without a traceback
    (set KVALITET_FELSOK=1 to see it)."""
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
