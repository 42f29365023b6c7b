"""``kvalitet granskning``: the förvaltning's overview of a period, and the reminders."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from kvalitet.cli.gemensamt import (
    KONTEXT,
    PERIOD_FLAGGA,
    kontrollera_period,
    kvalitet,
    oppna_projekt,
    projekt_arg,
)
from kvalitet.grund.format import antal, datum


def _tid(tid: dt.datetime | None) -> str:
    return tid.astimezone().strftime("%Y-%m-%d %H:%M") if tid else ""


@kvalitet.command(
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Visa vilka enheter som har lämnat in, vilka som är sena och öppna kommentarer.",
)
@projekt_arg
@PERIOD_FLAGGA
@click.option(
    "--påminn",
    "paminn",
    is_flag=True,
    help="Skriv dagens påminnelser (till rektorerna för enheter som inte är inlämnade).",
)
@click.option(
    "--skicka",
    is_flag=True,
    help="Skicka påminnelserna med e-post (inställningarna KVALITET_SMTP_* i miljön).",
)
@click.option(
    "--adress",
    metavar="URL",
    help="Serverns adress, för en länk till varje enhet i påminnelsen.",
)
@click.option(
    "--datum",
    "idag",
    metavar="ÅÅÅÅ-MM-DD",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Räkna som om det vore den här dagen (standard: i dag).",
)
def granskning(
    projekt: Path,
    period: str | None,
    paminn: bool,
    skicka: bool,
    adress: str | None,
    idag: dt.datetime | None,
) -> None:
    """Visa granskningens läge för periodens enheter.

    En rad per enhet: läget (utkast, inlämnad, godkänd), när den lämnades in och av vem, om den
    är sen mot sista dagen i huvudmannafilen (inlämning: sista_dag) och hur många kommentarer
    som är öppna. Med --påminn skrivs dagens påminnelser ut (de dagar som inlämning:
    påminnelser anger, och varje dag efter sista dagen); med --skicka skickas de också med
    e-post genom SMTP-servern i KVALITET_SMTP_VARD (se docs/behorigheter.md).
    """
    from kvalitet.grund.problem import KvalitetError
    from kvalitet.kontroll.behorigheter import las_behorigheter
    from kvalitet.sammanstallning.epost import Epostinstallningar, skicka_en_gang
    from kvalitet.sammanstallning.granskningsoversikt import granskningsoversikt
    from kvalitet.sammanstallning.paminnelser import paminnelser

    proj = oppna_projekt(projekt)
    installningar = Epostinstallningar.fran_miljo(os.environ) if skicka else None
    if installningar is not None and not installningar.pa:
        raise KvalitetError(
            "påminnelserna är avstängda: sätt KVALITET_SMTP_VARD och KVALITET_SMTP_AVSANDARE "
            "(och inte KVALITET_PAMINNELSER=av) för att skicka dem"
        )
    dag = idag.date() if idag else dt.date.today()
    oversikt = granskningsoversikt(proj, kontrollera_period(proj, period), dag)
    for rad in oversikt.enheter:
        delar = [f"{rad.namn} ({rad.enhet}): {rad.lage}"]
        if rad.inlamnad:
            delar.append(f"inlämnad {_tid(rad.inlamnad)} av {rad.inlamnad_av}")
        if rad.godkand:
            delar.append(f"godkänd {_tid(rad.godkand)} av {rad.godkand_av}")
        if rad.sen:
            delar.append("SEN")
        if rad.kommentarer:
            delar.append(antal(rad.oppna_kommentarer, "öppen kommentar", "öppna kommentarer"))
        click.echo(", ".join(delar))
    sista = oversikt.sista_dag
    sammanfattning = (
        f"{oversikt.period}: {antal(oversikt.antal('inlämnad'), 'inlämnad', 'inlämnade')}, "
        f"{antal(oversikt.antal('godkänd'), 'godkänd', 'godkända')}, "
        f"{len(oversikt.ej_inlamnade)} utkast av {antal(len(oversikt.enheter), 'enhet', 'enheter')}"
    )
    if sista:
        sammanfattning += (
            f"; sista dag {datum(sista, lang=True)}, {antal(len(oversikt.sena), 'sen', 'sena')}"
        )
    else:
        sammanfattning += "; ingen sista dag (skriv inlämning: sista_dag i huvudman.yaml)"
    click.echo(sammanfattning + ".")
    if not (paminn or skicka):
        return
    fil, problem = las_behorigheter(proj)
    if fil is None:
        raise KvalitetError(
            "påminnelserna går till rektorerna i rapporter/behörigheter.yaml, men "
            + ("filen har fel (kvalitet kontrollera visar dem)" if problem else "filen finns inte")
        )
    brev = paminnelser(oversikt, fil, adress)
    for b in brev:
        click.echo(f"\nTill: {b.till}\nÄmne: {b.amne}\n\n{b.text}")
    if not brev:
        click.echo("Inga påminnelser i dag.")
    if installningar is not None:
        skickade, redan = skicka_en_gang(brev, installningar, proj.rot, dag)
        text = f"Skickade {antal(skickade, 'påminnelse', 'påminnelser')}"
        if redan:
            redan_text = antal(redan, "påminnelse var", "påminnelser var")
            text += f" ({redan_text} redan skickad{'e' if redan > 1 else ''} i dag)"
        click.echo(text + ".")
