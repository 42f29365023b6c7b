"""The preview's own pages: their style, and the start, error and 404 pages' parts."""

from __future__ import annotations

import html as htmllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kvalitet.grund.problem import Problem

STIL = """<style>
body { font-family: "Liberation Sans", Arial, sans-serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { color: #1f4e79; } a { color: #2e75b6; }
table { border-collapse: collapse; width: 100%; min-width: 34rem; }
th, td { border: 1px solid #b7c4d1; padding: .35rem .5rem; text-align: left; } thead th { background: #eaf1f8; }
.rulla { overflow-x: auto; max-width: 100%; } .rulla:focus { outline: 2px solid #1f4e79; }
.fel h2 { font-size: 1.05rem; margin: .2rem 0; }
.fel { border-left: 5px solid #9c1c1c; background: #fbeaea; padding: .6rem 1rem; }
.fel li { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; margin: .3rem 0;
         overflow-wrap: anywhere; }
.varning { color: #6b4e00; } .tips { color: #555; }
.dold { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
</style>"""


def sida(titel: str, innehall: str, skript: str = "") -> str:
    """A whole page: ``innehall`` (headed by its h1) is the page's ``<main>``."""
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{htmllib.escape(titel)}</title>{STIL}</head><body><main>{innehall}</main>"
        f"{skript}</body></html>"
    )


def felruta(problem: list[Problem], rot: Path, extra: str = "") -> str:
    if not problem and not extra:
        return ""
    rader = "".join(f"<li>{htmllib.escape(p.visa(rot))}</li>" for p in sorted(problem))
    if extra:
        rader += f"<li>{htmllib.escape(extra)}</li>"
    return f'<div class="fel" role="alert"><h2>Fel att rätta</h2><ul>{rader}</ul></div>'


def felsida(namn: str, problem: list[Problem], rot: Path, extra: str = "") -> bytes:
    from kvalitet.visa.server import LADDA_OM

    return sida(
        f"Fel i {namn}",
        "<h1>Rapporten kan inte visas</h1>"
        "<p>Rätta felen nedan och spara filen, så visas rapporten igen av sig själv.</p>"
        f"{felruta(problem, rot, extra)}"
        '<p><a href="/">Alla enheter</a></p>',
        LADDA_OM,
    ).encode("utf-8")


def inte_hittad(text: str) -> bytes:
    from kvalitet.visa.server import LADDA_OM

    innehall = (
        f'<h1>Hittades inte</h1><p>{htmllib.escape(text)}</p><p><a href="/">Alla enheter</a></p>'
    )
    return sida("Hittades inte", innehall, LADDA_OM).encode("utf-8")


FILNAMN = {
    "huvudman": "huvudman.yaml",
    "huvudmannens-rapport": "huvudmannens-rapport.yaml",
    "behorigheter": "behörigheter.yaml",
}
"""The link texts of the files edited as text (``textfiler.py``), by their name in the address."""


def filernas_lankar(filer: Sequence[str]) -> str:
    """'Redigera huvudman.yaml · …' for the files a person may edit (none: nothing)."""
    if not filer:
        return ""
    lankar = " · ".join(
        f'<a href="/redigera/{quote(f)}">Redigera {htmllib.escape(FILNAMN.get(f, f))}</a>'
        for f in filer
    )
    return f'<p class="textfiler">{lankar} (som text, med felen på sina rader)</p>'


def startsidans_innehall(lage: Any, rot: Path, filer: Sequence[str] = ()) -> str:
    """The start page: the period's units with status, in a table that scrolls in its own region
    (never the page) on a narrow screen; ``filer``: the links to the huvudman's files."""
    rader = []
    for k in sorted(lage.enheter, key=lambda k: k.rapport.namn if k.rapport else k.id):
        namn = htmllib.escape(k.rapport.namn if k.rapport else k.id)
        lank = htmllib.escape(quote(k.id), quote=True)
        status = (
            htmllib.escape(k.rapport.status.capitalize())
            if k.ok and k.rapport
            else f'<span class="varning">{sum(p.ar_fel for p in k.problem)} fel</span>'
        )
        rader.append(
            f'<tr><th scope="row"><a href="/{lank}.html">{namn}</a></th>'
            f"<td>{htmllib.escape(k.rapport.skolform if k.rapport else '')}</td>"
            f'<td>{status}</td><td><a href="/{lank}.pdf">PDF</a></td>'
            f'<td><a href="/{lank}.docx">Word</a></td>'
            f'<td><a href="/skriv/{lank}">Skriv<span class="dold"> {namn}</span></a></td></tr>'
        )
    felrutor = felruta([p for p in lage.huvudmansproblem if p.ar_fel], rot)
    return (
        f"<h1>Förhandsvisning, {htmllib.escape(lage.period or 'inga rapporter')}</h1>"
        f"{felrutor}"
        '<p class="tips">Sidorna laddas om av sig själva när du sparar en fil i projektet.</p>'
        '<h2 id="enheter">Enheternas rapporter</h2>'
        '<div class="rulla" role="region" tabindex="0" aria-labelledby="enheter">'
        '<table><caption class="dold">Enheternas rapporter</caption><thead><tr>'
        '<th scope="col">Enhet</th><th scope="col">Skolform</th><th scope="col">Status</th>'
        '<th scope="col">PDF</th><th scope="col">Word</th><th scope="col">Formulär</th>'
        "</tr></thead><tbody>"
        + "".join(rader)
        + "</tbody></table></div>"
        + '<p><a href="/skriv/ny">Ny enhet</a> (skapas och öppnas i formuläret)</p>'
        + (
            '<h2>Huvudmannen</h2><p><a href="/sammanstallning.html">Huvudmannens '
            'sammanställning</a> · <a href="/sammanstallning.pdf">som PDF</a> · '
            '<a href="/sammanstallning.docx">som Word</a></p>'
            if lage.enheter
            else ""
        )
        + (
            '<p><a href="/huvudmannens-rapport.html">Huvudmannens rapport</a> · '
            '<a href="/huvudmannens-rapport.pdf">som PDF</a> · '
            '<a href="/huvudmannens-rapport.docx">som Word</a></p>'
            if lage.rapportfil
            else ""
        )
        + filernas_lankar(filer)
    )
