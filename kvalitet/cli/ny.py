"""``kvalitet ny enhet`` and ``kvalitet ny period``: scaffolding."""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet.cli.gemensamt import (
    KONTEXT,
    kvalitet,
    oppna_projekt,
)
from kvalitet.grund.format import antal
from kvalitet.grund.ordforrad import SKOLFORMER
from kvalitet.grund.problem import visningsnamn


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
    from kvalitet.modell.falt import _period

    try:
        return _period(varde)
    except ValueError as exc:
        meddelande = exc.message() if hasattr(exc, "message") else str(exc)
        hur = getattr(exc, "context", None) or {}
        raise click.BadParameter(f"{meddelande} ({hur.get('hur', '')})") from None


def _las_id(ctx: click.Context, param: click.Parameter, varde: str) -> str:
    from kvalitet.kontroll.validera import ENHETS_ID, slug
    from kvalitet.ny.giltig import RESERVERADE_ID

    if varde in RESERVERADE_ID:
        raise click.BadParameter(
            f"'{varde}' är reserverat: filen {varde}.yaml är {RESERVERADE_ID[varde]}; "
            f"välj ett annat id, t.ex. '{varde}-enheten'"
        )
    if not ENHETS_ID.fullmatch(varde):
        raise click.BadParameter(
            f"'{varde}' får bara innehålla små bokstäver a–z, siffror och bindestreck "
            f"(t.ex. '{slug(varde)}'); id:t blir filens namn"
        )
    return varde


def _las_namn(ctx: click.Context, param: click.Parameter, varde: str) -> str:
    """A unit's name is one line of text: a line break would write new fields into the file."""
    if any(tecken in varde for tecken in "\n\r\x00\u2028\u2029") or not varde.strip():
        raise click.BadParameter(
            "namnet ska vara en rad text, utan radbrytningar, t.ex. --namn 'Ekbacksskolan'"
        )
    return varde.strip()


@ny.command(
    "enhet",
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skapa en ny enhets YAML-fil med alla rubriker och styrtal.",
)
@click.argument("enhets_id", metavar="ID", callback=_las_id)
@click.option(
    "--namn",
    required=True,
    metavar="NAMN",
    callback=_las_namn,
    help="Enhetens namn, t.ex. 'Ekbacksskolan'.",
)
@click.option(
    "--skolform",
    required=True,
    type=click.Choice(SKOLFORMER),
    help="Enhetens skolform.",
)
@click.option(
    "--period",
    metavar="PERIOD",
    callback=_las_period_arg,
    help="Perioden, t.ex. 2025/26 (standard: den senaste perioden).",
)
@click.option(
    "--rapportmall",
    metavar="NAMN",
    help="Rapportmallen enheten följer, t.ex. forskola-avdelning (standard: huvudmannens val "
    "för enheten eller skolformen, annars standard).",
)
@_PROJEKT_FLAGGA
def ny_enhet(
    enhets_id: str,
    namn: str,
    skolform: str,
    period: str | None,
    rapportmall: str | None,
    projekt: Path,
) -> None:
    """Skapa rapporter/<period>/ID.yaml för en ny enhet.

    Filen får rapportmallens delar i mallens ordning med mallens vägledning som
    kommentarer (standardmallen: varje rubrik i standardrapporten), alla huvudmannens
    styrtal som gäller skolformen, och första raden pekar på mallens JSON-schema. Den klarar
    'kvalitet kontrollera' direkt (med varningar för det som inte är ifyllt). Ett id
    som redan finns vägras, och filen lämnas orörd.
    """
    from kvalitet.ny.skapa import ny_enhet as skapa

    fil = skapa(oppna_projekt(projekt), enhets_id, namn, skolform, period, rapportmall)
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
    from kvalitet.ny.skapa import ny_period as skapa

    filer = skapa(oppna_projekt(projekt), period)
    for fil in filer:
        click.echo(f"Skapade {visningsnamn(fil)}")
    click.echo(
        f"Perioden {period} är skapad med {antal(len(filer), 'fil', 'filer')}. "
        "Uppdatera målvärdena i huvudmannafilen."
    )
