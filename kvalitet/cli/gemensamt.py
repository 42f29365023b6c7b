"""What the commands share: the command group, project and period options, problem output."""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet import __version__
from kvalitet.cli.svenska import installera_svenska
from kvalitet.grund.problem import Problem

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


def projekt_arg(f):  # type: ignore[no-untyped-def]
    return click.argument(
        "projekt",
        metavar="[PROJEKT]",
        required=False,
        default=".",
        type=click.Path(file_okay=False, path_type=Path),
    )(f)


PERIOD_FLAGGA = click.option(
    "--period",
    metavar="PERIOD",
    help="Perioden, t.ex. 2025/26 (standard: den senaste perioden i rapporter/).",
)

PDF_FLAGGA = click.option(
    "--pdf",
    "pdf",
    type=click.Choice(["standard", "arkiv"]),
    default=None,
    help="'arkiv' skriver PDF/A-2a för e-arkiv (fortfarande PDF/UA-1); standard: huvudmannens "
    "inställning 'pdf', annars PDF/UA-1.",
)


def skriv_problem(problem: list[Problem], bara_fel: bool = False) -> None:
    for p in sorted(problem):
        if bara_fel and not p.ar_fel:
            continue
        click.echo(p.visa())


def summering(antal_fel: int, antal_varningar: int) -> str:
    delar = [
        f"{antal_fel} fel",
        f"{antal_varningar} {'varning' if antal_varningar == 1 else 'varningar'}",
    ]
    return " och ".join(delar)


def oppna_projekt(projekt: Path):  # type: ignore[no-untyped-def]
    from kvalitet.kalla.projekt import hitta_projekt

    return hitta_projekt(projekt)


def kontrollera_period(proj, period: str | None) -> str | None:  # type: ignore[no-untyped-def]
    """A --period that is no period of the project is a usage error (exit 2)."""
    if period is None:
        return None
    from kvalitet.kontroll.modellfel import menade_du
    from kvalitet.kontroll.period import las_period

    kanda = las_period(proj, None).perioder
    if period not in kanda:
        forslag = menade_du(period, kanda)
        tips = f"menade du '{forslag}'?" if forslag else "perioder: " + (", ".join(kanda) or "inga")
        raise click.BadParameter(
            f"perioden '{period}' finns inte i projektet ({tips})", param_hint="'--period'"
        )
    return period


FORMAT = ("html", "pdf", "docx")


def ut_och_format(hjalp_ut: str, hjalp_format: str):  # type: ignore[no-untyped-def]
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
            f"okänt format '{', '.join(okanda) or varde}'; välj html, pdf, docx eller "
            "flera med komma, t.ex. html,pdf,docx"
        )
    return valda
