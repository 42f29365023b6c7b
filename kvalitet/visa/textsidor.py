"""The text editor's page and requests (``/redigera/<namn>``, ``…/data``, ``…/spara``) for the
huvudman's files and the rights file (``textfiler.py``), answered as ``Svar`` so that both
``kvalitet skriv`` (``skrivsidor.py``) and ``kvalitet server`` (``server/filvagar.py``) send the
same bytes. The rights are asked here too (``far_redigera``): a page for one who may not edit
the file is a 403, whoever serves it."""

from __future__ import annotations

import html as htmllib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.filbyte import Skrivfel
from kvalitet.kalla.historik import Forfattare
from kvalitet.modell.rattighet import Behorighet
from kvalitet.visa.behorighet import IngenRatt, Nekad
from kvalitet.visa.jsonkropp import las_json
from kvalitet.visa.textfiler import BEHORIGHETER, TITLAR, Sparfel, Textfiler, far_redigera

PREFIX = "/redigera/"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
JSON_TYP = "application/json; charset=utf-8"
HTML_TYP = "text/html; charset=utf-8"
MAX_KROPP = 3 * 1024 * 1024
HJALP = {
    "huvudman": "Verksamhetsplanen (perspektiv, mål, styrtal med målvärden), tema, inlämningens "
    "sista dag och inställningarna för perioden. Se docs/huvudman.md.",
    "huvudmannens-rapport": "Huvudmannens egen rapport: uppföljningen av verksamhetsplanen, "
    "uppdrag, insatser och analysen. Se docs/huvudman.md.",
    BEHORIGHETER: "Vem som har vilken roll. Ändringen gäller direkt när den sparats; en fil med "
    "fel sparas inte, och inte heller en fil som skulle låsa ute den sista administratören. "
    "Se docs/behorigheter.md.",
}


@dataclass(frozen=True)
class Svar:
    kod: int
    data: bytes
    typ: str = JSON_TYP
    csp: str = CSP
    sparad: bool = False
    """A save that wrote the file (for the server's audit log)."""


def json_svar(kod: int, data: Any, sparad: bool = False) -> Svar:
    return Svar(kod, json.dumps(data, ensure_ascii=False).encode("utf-8"), sparad=sparad)


def _mening(exc: Exception) -> str:
    text = exc.format_message() if isinstance(exc, KvalitetError) else str(exc)
    return text[:1].upper() + text[1:]


def textsida(namn: str, fil: str, token: str) -> bytes:
    n = htmllib.escape(namn, quote=True)
    titel = htmllib.escape(TITLAR[namn])
    kropp = f"""
<header class="topp">
  <p class="brodsmula"><a href="/">Startsidan</a></p>
  <h1>{titel}</h1>
  <p>Filen <code>{htmllib.escape(fil)}</code>, som text (YAML). {htmllib.escape(HJALP[namn])}
     Varje sparning kontrolleras som <code>kvalitet kontrollera</code> gör, och den förra
     versionen finns kvar i historiken (och som git-commit med ditt namn).</p>
  <p id="sparstatus" role="status" aria-live="polite"></p>
  <div id="serverfel" class="fel" role="alert" hidden></div>
  <div id="konflikt" hidden tabindex="-1"></div>
</header>
<main class="textfil">
  <form id="textfil" data-namn="{n}" novalidate>
    <p><label for="text">Filens text</label>
       <span id="radinfo" class="tips" aria-live="off">Rad 1, kolumn 1</span></p>
    <textarea id="text" name="text" rows="30" spellcheck="false" autocapitalize="off"
              autocomplete="off" aria-describedby="felrubrik radinfo"></textarea>
    <p><button type="submit" id="spara">Spara</button></p>
  </form>
  <section aria-labelledby="felrubrik">
    <h2 id="felrubrik">Fel och varningar</h2>
    <ul id="textfel"><li>Laddas …</li></ul>
  </section>
</main>"""
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="kvalitet-token" content="{htmllib.escape(token, quote=True)}">'
        f"<title>Redigera: {titel}</title>"
        '<link rel="stylesheet" href="/statiskt/redigera.css">'
        '<script type="module" src="/statiskt/textfil.js"></script></head>'
        f'<body class="textredigerare">{kropp}</body></html>'
    ).encode()


def delar_av(sokvag: str) -> list[str] | None:
    """``/redigera/huvudman/data`` → ``['huvudman', 'data']``; None for another path."""
    if not sokvag.startswith(PREFIX):
        return None
    return [unquote(d) for d in sokvag.removeprefix(PREFIX).split("/")]


class Textsidor:
    """The text editor's answers for one person (``vem``) with their CSRF token."""

    def __init__(self, textfiler: Textfiler, vem: Behorighet, token: str) -> None:
        self.textfiler = textfiler
        self.vem = vem
        self.token = token

    def nekad(self, namn: str) -> str | None:
        """Why this person may not edit ``namn`` (None: they may)."""
        if namn not in TITLAR:
            return None
        if far_redigera(namn, self.vem):
            return None
        if namn == BEHORIGHETER:
            return "Bara en administratör ändrar behörigheterna. Gå till startsidan."
        return (
            "Bara huvudmannens redaktör (eller en administratör) ändrar huvudmannens filer. "
            "Gå till startsidan."
        )

    def get(self, delar: list[str]) -> Svar:
        from kvalitet.visa.sidor import inte_hittad

        namn = delar[0] if delar else ""
        if namn not in TITLAR or len(delar) > 2 or (len(delar) == 2 and delar[1] != "data"):
            return Svar(404, inte_hittad("Sidan finns inte."), HTML_TYP)
        try:
            if len(delar) == 2:
                return json_svar(200, self.textfiler.oppna(namn, self.vem))
            fil = self.textfiler.kontrollerad(namn, self.vem)
        except IngenRatt as exc:
            return json_svar(403, {"fel": _mening(exc)})
        except (Nekad, KvalitetError) as exc:
            return json_svar(400, {"fel": _mening(exc)})
        from kvalitet.grund.problem import visningsnamn

        sida = textsida(namn, visningsnamn(fil, self.textfiler.projekt.rot), self.token)
        return Svar(200, sida, HTML_TYP)

    def post(
        self,
        delar: list[str],
        kropp: bytes,
        forfattare: Forfattare | None = None,
        ansprak: dict[str, Any] | None = None,
    ) -> Svar:
        """``…/spara`` with ``{"text": …, "version": …}`` (the token is checked by the caller)."""
        if len(delar) != 2 or delar[0] not in TITLAR or delar[1] != "spara":
            return json_svar(404, {"fel": "Hittades inte."})
        try:
            b = las_json(kropp)
            svar = self.textfiler.spara(
                delar[0],
                b.get("text"),  # type: ignore[arg-type]
                str(b.get("version", "")),
                self.vem,
                forfattare,
                ansprak,
            )
        except Sparfel as exc:
            return json_svar(
                400, {"fel": _mening(exc), "problem": exc.problem, "utkast": exc.utkast}
            )
        except Skrivfel as exc:
            return json_svar(507 if exc.full else 503, {"fel": _mening(exc)})
        except IngenRatt as exc:
            return json_svar(403, {"fel": _mening(exc)})
        except (Nekad, KvalitetError) as exc:
            return json_svar(400, {"fel": _mening(exc)})
        return json_svar(200, svar, sparad=bool(svar.get("sparad")))
