"""``kvalitet schema``, ``kvalitet visa`` and ``kvalitet skriv``."""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet.cli.gemensamt import (
    KONTEXT,
    kvalitet,
    oppna_projekt,
    projekt_arg,
)
from kvalitet.grund.problem import visningsnamn


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skriv ut JSON-schemat för enhetsfilerna (eller huvudmannafilen).",
)
@projekt_arg
@click.option("--huvudman", is_flag=True, help="Schemat för huvudmannafilen i stället.")
@click.option(
    "--huvudmannens-rapport",
    "huvudmannens_rapport",
    is_flag=True,
    help="Schemat för huvudmannens rapport (huvudmannens-rapport.yaml) i stället.",
)
@click.option(
    "--skriv",
    is_flag=True,
    help="Skriv båda schemana till schema/ i projektet, dit YAML-filernas $schema-rad pekar.",
)
def schema(projekt: Path, huvudman: bool, huvudmannens_rapport: bool, skriv: bool) -> None:
    """Skriv ut JSON-schemat för en enhetsfil (eller med --huvudman för huvudmannafilen, med
    --huvudmannens-rapport för huvudmannens rapport).

    Editorer som VS Code med YAML-tillägget använder schemat för att föreslå fält, visa
    beskrivningar och markera fel medan du skriver. Med --skriv hamnar schemana i
    schema/enhet.schema.json, schema/huvudman.schema.json,
    schema/huvudmannens-rapport.schema.json och schema/rapportmall.schema.json i projektet,
    och enhetsfilens schema för varje rapportmall i schema/rapportmallar/<namn>.enhet.schema.json.
    """
    from kvalitet.modell.schema import schema_text, skriv_scheman

    if skriv:
        from kvalitet.kalla.las import las_yaml
        from kvalitet.kalla.rapportmallar import rapportmallfiler
        from kvalitet.kontroll.rapportmall import validera_rapportmall
        from kvalitet.modell.rapportmallschema import skriv_mallscheman

        proj = oppna_projekt(projekt)
        skrivna = skriv_scheman(proj.rot)
        mallar = {
            namn: validera_rapportmall(las_yaml(fil), namn)[0]
            for namn, fil in rapportmallfiler(proj.rapporter).items()
        }
        skrivna += skriv_mallscheman(proj.rot, mallar)
        for fil in skrivna:
            click.echo(f"Skrev {visningsnamn(fil)}")
        if not skrivna:
            click.echo("Schemana i schema/ är redan aktuella.")
        return
    typ = "huvudmannens-rapport" if huvudmannens_rapport else None
    click.echo(schema_text(huvudman, typ), nl=False)


PORT_FLAGGA = click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Porten på den egna datorn (127.0.0.1); 0 väljer en ledig.",
)
"""The local port of ``kvalitet visa`` and ``kvalitet skriv``."""


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Förhandsvisa rapporterna i webbläsaren medan du skriver.",
)
@projekt_arg
@PORT_FLAGGA
def visa(projekt: Path, port: int) -> None:
    """Starta en förhandsvisning på http://127.0.0.1:PORT/ som bara den egna datorn når.

    Öppna länken som skrivs ut (/__kvalitet/inloggning?nyckel=…): den loggar in webbläsaren och
    gäller en gång, så att ingen annan på datorn kan läsa eller ändra rapporterna.

    Startsidan visar periodens enheter med status. En enhets sida är dess rapport; när du
    sparar en YAML-fil, mall, CSS eller bild i projektet laddas öppna sidor om av sig själva.
    Har filen fel visas felen med fil och rad i stället för rapporten, tills de är rättade.
    Stäng med Ctrl-C.
    """
    from kvalitet.visa.server import kor

    kor(oppna_projekt(projekt), port, click.echo)


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Skriv rapporten i ett formulär i webbläsaren, med förhandsvisningen bredvid.",
)
@click.argument("enhet", required=False)
@click.option(
    "--projekt",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Projektmappen (den som innehåller rapporter/).",
)
@PORT_FLAGGA
@click.option(
    "--utan-webblasare", is_flag=True, help="Öppna inte webbläsaren; skriv bara ut länken."
)
def skriv(projekt: Path, enhet: str | None, port: int, utan_webblasare: bool) -> None:
    """Öppna enhetens rapport i ett formulär i webbläsaren (http://127.0.0.1:PORT/skriv/ENHET).

    Formuläret sparar i enhetens YAML-fil en stund efter att du slutat skriva, med kommentarer
    och allt du inte ändrat kvar. Felen som kvalitet kontrollera hittar visas vid fälten.
    Utan ENHET öppnas sidan där du skapar en ny enhet. Webbläsaren öppnas med en
    inloggningslänk som gäller en gång (den skrivs också ut). Stäng med Ctrl-C.
    """
    import webbrowser
    from urllib.parse import quote

    from kvalitet.visa.server import kor

    sida = f"skriv/{quote(enhet)}" if enhet else "skriv/ny"
    kor(
        oppna_projekt(projekt), port, click.echo, sida, None if utan_webblasare else webbrowser.open
    )
