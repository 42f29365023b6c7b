"""``kvalitet kontrollera``: check every file of a period and print located problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kvalitet.cli.gemensamt import (
    KONTEXT,
    PERIOD_FLAGGA,
    kontrollera_period,
    kvalitet,
    oppna_projekt,
    projekt_arg,
    skriv_problem,
    summering,
)
from kvalitet.grund.format import antal
from kvalitet.grund.problem import visningsnamn

if TYPE_CHECKING:
    from kvalitet.kontroll.period import Periodlage


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Kontrollera alla rapporter och visa fel och varningar med fil och rad.",
)
@projekt_arg
@click.option("--strikt", is_flag=True, help="Räkna varningar som fel (t.ex. inför publicering).")
@click.option(
    "--enhet",
    "enheter",
    metavar="ID",
    multiple=True,
    help="Kontrollera bara denna enhet (filnamnet utan .yaml); kan anges flera gånger.",
)
@PERIOD_FLAGGA
def kontrollera(projekt: Path, strikt: bool, enheter: tuple[str, ...], period: str | None) -> None:
    """Kontrollera alla rapporter och visa varje problem med fil och rad.

    Kontrollerar huvudmannafilen, huvudmannens rapport (huvudmannens-rapport.yaml) och
    enheternas rapporter för perioden (standard: den senaste), och projektets egna mallar. Varje problem skrivs som
    'fil:rad:kolumn: fel|varning: vad (hur man rättar)'. Varje värde som röjandekontrollen
    döljer förklaras på sin rad som 'upplysning' (räknas inte som varning). Avslutas med kod 0 när inga
    fel finns (varningar är tillåtna utom med --strikt) och 1 när fel finns.
    """
    from kvalitet.bygg.enhet import kontrollera_enhetsval, projektets_mallar
    from kvalitet.kontroll.behorigheter import las_behorigheter
    from kvalitet.kontroll.granskning import kontrollera_granskningar
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import kontrollera_mallar, skapa_miljo
    from kvalitet.sammanstallning.avstamning import avstam_perioden

    proj = oppna_projekt(projekt)
    if enheter and (okand := kontrollera_enhetsval(proj, enheter)):
        raise click.BadParameter(okand, param_hint="'--enhet'")
    lage = las_period(proj, kontrollera_period(proj, period), enheter or None)
    lage.rapportproblem += avstam_perioden(lage)
    mallar = projektets_mallar(proj, lage)
    problem = [
        *lage.problem,
        *kontrollera_mallar(mallar, skapa_miljo(mallar)),
        *las_behorigheter(proj)[1],
        *kontrollera_granskningar(proj, lage.period),
    ]
    skriv_problem(problem)
    skriv_maskeringar(lage)
    antal_fel = sum(p.ar_fel for p in problem)
    antal_varningar = len(problem) - antal_fel
    dommas = antal_varningar
    if enheter:  # --strikt judges the chosen units' own warnings
        egna = {id(p) for k in lage.enheter for p in k.problem}
        dommas = sum(not p.ar_fel and id(p) in egna for p in problem)
    if not lage.enheter and not lage.rapportfil:
        click.echo(f"Inga rapporter hittades i {visningsnamn(proj.rapporter)}/.")
        sys.exit(1)
    n = len(lage.enheter)
    vad = (
        f"{antal(n, 'rapport', 'rapporter')} och huvudmannens rapport"
        if n and lage.rapportfil
        else "Huvudmannens rapport"
        if lage.rapportfil
        else antal(n, "rapport", "rapporter")
    )
    ental = n + bool(lage.rapportfil) == 1
    click.echo(
        f"{vad}{' för ' + lage.period if lage.period else ''} "
        f"{'kontrollerad' if ental else 'kontrollerade'}: "
        f"{summering(antal_fel, antal_varningar)}."
    )
    if antal_fel or (strikt and dommas):
        sys.exit(1)


def skriv_maskeringar(lage: Periodlage) -> None:
    """Each value röjandekontrollen hides, at its line and with why: a note, not a warning
    (the report is right; the note says what the reader will see instead of the number)."""
    from kvalitet.kalla.las import las_yaml
    from kvalitet.kontroll.maskering import maskeringsnoter

    for k in sorted(lage.enheter, key=lambda k: k.fil):
        if k.rapport is None:
            continue
        namn = visningsnamn(k.fil)
        for rad, kol, text in maskeringsnoter(las_yaml(k.fil), k.rapport, lage.huvudman):
            click.echo(f"{namn}:{rad}:{kol}: upplysning: {text}")
