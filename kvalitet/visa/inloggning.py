"""The login of the local server: a one-time link exchanged for a session cookie (see
``behorighet.Session``), and the short page for a request without it."""

from __future__ import annotations

import html as htmllib
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from kvalitet.visa.behorighet import Session

INLOGGNING = "/__kvalitet/inloggning"
NEKAD = (
    "Öppna länken som kvalitet skriv skrev ut i terminalen (den med /__kvalitet/inloggning). "
    "Länken gäller en gång; har den redan använts i en annan webbläsare, stäng med Ctrl-C och "
    "starta kvalitet skriv eller kvalitet visa igen för en ny länk."
)


def kakans_namn(port: int) -> str:
    """One cookie per port: a browser keeps cookies per host, not per port."""
    return f"kvalitet-{port}"


def inloggningslank(adress: str, session: Session, sida: str = "") -> str:
    """``http://127.0.0.1:PORT/__kvalitet/inloggning?nyckel=…&sida=…`` (``adress`` ends in /)."""
    lank = f"{adress.rstrip('/')}{INLOGGNING}?nyckel={quote(session.nyckel)}"
    return lank + (f"&sida={quote(sida, safe='/')}" if sida else "")


def kaka_ur(huvuden: Any, namn: str) -> str | None:
    kakor: SimpleCookie = SimpleCookie()
    for rad in huvuden.get_all("Cookie") or []:
        try:
            kakor.load(rad)
        except CookieError:
            continue
    return kakor[namn].value if namn in kakor else None


def inloggad(h: Any, session: Session) -> bool:
    return session.ratt_kaka(kaka_ur(h.headers, kakans_namn(h.server.server_address[1])))


def _sida_efter(fraga: dict[str, list[str]]) -> str:
    """The local page to go to: a path of this server only (never '//host' or a scheme)."""
    sida = (fraga.get("sida") or [""])[0]
    if sida.startswith(("/", "\\")) or ":" in sida.split("/", 1)[0] or any(c < " " for c in sida):
        return "/"
    return "/" + quote(sida, safe="/.-_~%")


def logga_in(h: Any, session: Session, sokvag: str) -> None:
    """Exchange the one-time key for the cookie and go on to the page; a used or wrong key is
    refused (unless the browser already has the cookie: then it goes on)."""
    if h.command != "GET":  # a HEAD (a link preview) must not use up the one-time key
        h._svara(405, b"", "text/plain; charset=utf-8")
        return
    fraga = parse_qs(urlsplit(sokvag).query)
    kaka = session.byt_nyckel((fraga.get("nyckel") or [""])[0])
    if kaka is None and not inloggad(h, session):
        h._svara(403, nekad_sida("Länken har redan använts eller är fel."), h.HTML_TYP)
        return
    h.send_response(303)
    h.send_header("Location", _sida_efter(fraga))
    if kaka is not None:
        namn = kakans_namn(h.server.server_address[1])
        h.send_header("Set-Cookie", f"{namn}={kaka}; HttpOnly; SameSite=Strict; Path=/")
    h.send_header("Content-Length", "0")
    h._skyddshuvuden()
    h.end_headers()


def nekad_sida(orsak: str = "Du är inte inloggad i förhandsvisningen.") -> bytes:
    """The short Swedish page for a request without the session cookie."""
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Logga in i kvalitet</title><style>body { font-family: sans-serif; max-width: 40rem;"
        " margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }</style></head>"
        f"<body><main><h1>Logga in i kvalitet</h1><p>{htmllib.escape(orsak)}</p>"
        f"<p>{htmllib.escape(NEKAD)}</p></main></body></html>"
    ).encode()
