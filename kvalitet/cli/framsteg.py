"""Progress and the closing summary of a build in the terminal (rich)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from kvalitet.cli.gemensamt import skriv_problem
from kvalitet.grund.format import antal
from kvalitet.grund.problem import visningsnamn


def interaktiv() -> bool:
    """A progress bar on a terminal; plain lines in CI, in a pipe or a file."""
    return sys.stdout.isatty() and not os.environ.get("CI")


class Framsteg:
    """Shows the build as it goes: a rich progress bar on a terminal, plain lines otherwise."""

    def __init__(self, jobb: int) -> None:
        self.jobb = jobb
        self.rad: Any = None
        self.uppgift = None

    def borjar(self, antal_enheter: int) -> None:
        if antal_enheter and interaktiv():
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
            skriv_problem(res.problem, bara_fel=True)

    def avsluta(self) -> None:
        if self.rad is not None:
            self.rad.stop()


def sammanfatta(bygge, katalog: Path) -> None:  # type: ignore[no-untyped-def]
    resultat = bygge.enheter
    byggda = [r for r in resultat if r.ok and not r.oforandrad]
    oforandrade = [r for r in resultat if r.oforandrad]
    misslyckade = [r for r in resultat if not r.ok]
    # the whole period's warnings when the build read it, as 'kvalitet kontrollera' counts them
    problem = (
        bygge.problem if bygge.problem is not None else [p for r in resultat for p in r.problem]
    )
    varningar = sum(not p.ar_fel for p in problem)
    if interaktiv():
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
            tabell.add_row(f"  {r.id}", "", forsta_fel(r))
        Console().print(tabell)
    else:
        for r in misslyckade:
            click.echo(f"  {r.id}: {forsta_fel(r)}")
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


def forsta_fel(res) -> str:  # type: ignore[no-untyped-def]
    forsta = next((p for p in sorted(res.problem) if p.ar_fel), None)
    return forsta.visa() if forsta else (res.fel or "")
