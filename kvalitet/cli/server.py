"""``kvalitet server``: the editor for a whole huvudman, with login (``kvalitet/server/``)."""

from __future__ import annotations

from pathlib import Path

import click

from kvalitet.cli.gemensamt import KONTEXT, kvalitet, oppna_projekt, projekt_arg


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Kör editorn och förhandsvisningen för alla enheter, med kommunens inloggning.",
)
@projekt_arg
@click.option(
    "--konfig",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML-filen med serverns inställningar (se docs/drift.md); miljövariablerna "
    "KVALITET_… går före den.",
)
@click.option(
    "--vard",
    metavar="ADRESS",
    default="127.0.0.1",
    show_default=True,
    help="Adressen servern lyssnar på (bakom en omvänd proxy: 127.0.0.1).",
)
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Porten servern lyssnar på.",
)
def server(projekt: Path, konfig: Path | None, vard: str, port: int) -> None:
    """Kör kvalitet som en webbserver för hela huvudmannen: startsidan, förhandsvisningen,
    formuläret och PDF:erna, för många samtidigt.

    Alla loggar in med kommunens konto (OpenID Connect, t.ex. Microsoft Entra ID).
    Inställningarna (leverantörens adress, klient-id, hemligheter, serverns publika adress)
    står i --konfig-filen eller i miljön; docs/drift.md beskriver dem. Loggen skrivs som
    JSON-rader till standardfel. Stäng med Ctrl-C.
    """
    import uvicorn

    from kvalitet.server.app import Server
    from kvalitet.server.installning import las_installning
    from kvalitet.server.logg import stall_in_loggar

    installning = las_installning(konfig)
    stall_in_loggar()
    app = Server(oppna_projekt(projekt), installning).app()
    click.echo(
        f"kvalitet server lyssnar på http://{vard}:{port}/ (publik adress {installning.adress}/)",
        err=True,
    )
    uvicorn.run(
        app,
        host=vard,
        port=port,
        access_log=False,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        timeout_keep_alive=75,  # an editor saves every few seconds: its connection stays open
        timeout_graceful_shutdown=5,  # open event streams (the reload) do not hold a stop
    )
