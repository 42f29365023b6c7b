"""The ``kvalitet`` command: thin click commands over the library functions, one module per
command; importing them registers them on the group."""

from __future__ import annotations

import os
import sys

import click

from kvalitet.cli import (  # noqa: F401  (registers the commands)
    bygg,
    granskning,
    importera,
    kontrollera,
    ny,
    ovriga,
    server,
)
from kvalitet.cli.gemensamt import kvalitet

__all__ = ["kvalitet", "main"]


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
