"""The server's own short pages (login failed, logout, logged out) and their safe redirects."""

from __future__ import annotations

import html as htmllib
from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kvalitet.visa.sidor import FILNAMN

CSP_SIDA = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SKYDD = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def lokal_sida(sida: str) -> str:
    """A path of this server only (never '//host', a scheme or a control character)."""
    if not sida.startswith("/") or sida.startswith(("//", "/\\")) or any(c < " " for c in sida):
        return "/"
    return quote(sida, safe="/.-_~%?=&")


def serversida(kod: int, titel: str, innehall: str) -> Response:
    """A whole short page; ``innehall`` is HTML already escaped."""
    text = (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{htmllib.escape(titel)}</title><style>body {{ font-family: sans-serif; "
        "max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }</style>"
        f"</head><body><main><h1>{htmllib.escape(titel)}</h1>{innehall}</main></body></html>"
    )
    return Response(
        text,
        kod,
        media_type="text/html; charset=utf-8",
        headers={**SKYDD, "Content-Security-Policy": CSP_SIDA},
    )


def utloggningssida(token: str, namn: str) -> Response:
    """The logout page: one button, a POST with the session's CSRF token."""
    return serversida(
        200,
        "Logga ut",
        f"<p>Du är inloggad som {htmllib.escape(namn)}.</p>"
        '<form method="post" action="/logga-ut">'
        f'<input type="hidden" name="token" value="{htmllib.escape(token, quote=True)}">'
        '<button type="submit">Logga ut</button></form><p><a href="/">Tillbaka</a></p>',
    )


def utloggad_sida() -> Response:
    return serversida(200, "Du är utloggad", '<p><a href="/logga-in">Logga in igen</a></p>')


def inloggad_rad(namn: str, granskare: bool = False, filer: list[str] | None = None) -> bytes:
    """The start page's first line on the server: who is logged in, the review overview for a
    granskare, the huvudman's files for their redaktör (and the rights for an administratör),
    and the way out."""
    oversikt = '<a href="/oversikt">Granskningsöversikt</a> · ' if granskare else ""
    lankar = "".join(
        f'<a href="/redigera/{quote(f)}" class="textfil">Redigera {FILNAMN.get(f, f)}</a> · '
        for f in filer or []
    )
    return (
        f'<p class="tips">Inloggad som {htmllib.escape(namn)} · {oversikt}{lankar}'
        '<a href="/logga-ut">Logga ut</a></p>'
    ).encode()


def gruppoverskottssida(namn: str) -> Response:
    """The page for a person whose groups the identity provider left out (Entra ID's groups
    overage): what happened, and what the municipality's IT does about it."""
    return serversida(
        403,
        "Inloggningen gav inte dina grupper",
        f"<p>Du ({htmllib.escape(namn)}) är med i så många grupper att kommunens inloggning "
        "(Microsoft Entra ID) inte skickade med dem, och kvalitet ger roller efter grupperna. "
        "Därför loggades du inte in: du skulle annars få för få eller fel behörigheter.</p>"
        "<p><strong>Säg till kommunens IT</strong> och be dem göra en av två saker i Entra ID "
        "för appen kvalitet (se docs/drift.md, avsnittet om Entra ID):</p><ul>"
        "<li>Under <em>Token configuration → Groups claim</em>: välj <em>Groups assigned to the "
        "application</em> och tilldela appen bara de grupper som står i behörigheterna, eller</li>"
        "<li>använd approller (<em>App roles</em>) i stället för grupper.</li></ul>"
        "<p>Det här har skrivits i kvalitets revisionslogg. "
        '<a href="/logga-in">Logga in igen</a> när IT har ändrat inställningen.</p>',
    )


def pdf_namn(sokvag: str) -> str | None:
    """The document a PDF path asks for (``/<enhet>.pdf``, ``/sammanstallning.pdf``,
    ``/huvudmannens-rapport.pdf``), as ``visa/server.svara_pa_get`` reads it; None otherwise."""
    namn = unquote(sokvag.lstrip("/"))
    if "/" in namn or ".." in namn or not namn.endswith(".pdf") or len(namn) <= len(".pdf"):
        return None
    return namn.removesuffix(".pdf")


def pdf_kon_full(request: Request, sekunder: int) -> Response:
    """503 with ``Retry-After``: every place in the PDF queue is taken (JSON for a script)."""
    text = (
        f"Servern bygger många PDF:er just nu och kön är full. Försök igen om {sekunder} "
        "sekunder. Förhandsvisningen i webbläsaren fungerar som vanligt under tiden."
    )
    huvuden = {**SKYDD, "Retry-After": str(sekunder)}
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"fel": text}, 503, headers=huvuden)
    svar = serversida(503, "Försök igen om en stund", f"<p>{htmllib.escape(text)}</p>")
    svar.headers["Retry-After"] = str(sekunder)
    return svar
