"""A request as the editor's handlers read it (``command``, ``path``, ``headers``, ``rfile``,
``server.server_address``) and the answer they give (``_svara``, or ``send_response`` and
``send_header``), in the shape of ``http.server``'s handler: the bridge that lets the ASGI
applications (``visa/lokal.py`` for ``kvalitet visa``/``skriv``, ``server/app.py`` for
``kvalitet server``) call the same request handling (``server.svara_pa_get``, ``skrivsidor``)."""

from __future__ import annotations

import io
from email.message import Message
from types import SimpleNamespace
from typing import Any

from starlette.responses import Response

from kvalitet.visa.server import CSP, HTML
from kvalitet.visa.skrivsidor import MAX_JSON

MAX_KROPP = 11 * 1024 * 1024
"""The largest body read at all (an image is at most 10 MB; the editor checks its own limits)."""


class Begaran:
    """One request in, one answer out (status, headers, body, the same safety headers)."""

    HTML_TYP = HTML

    def __init__(
        self,
        metod: str,
        sokvag: str,
        huvuden: list[tuple[str, str]],
        kropp: bytes = b"",
        adress: tuple[str, int] = ("127.0.0.1", 0),
    ) -> None:
        self.command = metod
        self.path = sokvag
        self.headers = Message()
        for namn, varde in huvuden:
            self.headers[namn] = varde
        self.rfile = io.BytesIO(kropp)
        self.server = SimpleNamespace(server_address=adress)
        self.svar: Response | None = None
        self.rad_overst = b""
        """HTML put first in the ``<main>`` of a whole page (who is logged in, Logga ut)."""
        self.i_huvudet = b""
        """HTML put last in the ``<head>`` of a whole page (the server's review script)."""
        self._kod = 0
        self._huvuden: list[tuple[str, str]] = []

    # ------------------------------------------------------------------ http.server's shape

    def _svara(self, kod: int, data: bytes, typ: str, csp: str = CSP) -> None:
        if self.rad_overst and typ == HTML and b"<main>" in data:
            data = data.replace(b"<main>", b"<main>" + self.rad_overst, 1)
        if self.i_huvudet and typ == HTML and b"</head>" in data:
            data = data.replace(b"</head>", self.i_huvudet + b"</head>", 1)
        self.svar = Response(
            b"" if self.command == "HEAD" else data,
            kod,
            headers={"Content-Type": typ, **skyddshuvuden(csp)},
        )

    def send_response(self, kod: int) -> None:
        self._kod, self._huvuden = kod, []

    def send_header(self, namn: str, varde: str) -> None:
        if namn.lower() != "content-length":
            self._huvuden.append((namn, varde))

    def _skyddshuvuden(self, csp: str = CSP) -> None:
        self._huvuden.extend(skyddshuvuden(csp).items())

    def end_headers(self) -> None:
        self.svar = Response(b"", self._kod)
        for namn, varde in self._huvuden:
            self.svar.headers.append(namn, varde)

    # ------------------------------------------------------------------ the answer

    def resultat(self) -> Response:
        if self.svar is None:  # a handler that answered nothing: a bug, said in Swedish
            return Response("Sidan gav inget svar.", 500, media_type="text/plain; charset=utf-8")
        return self.svar


def skyddshuvuden(csp: str = CSP) -> dict[str, str]:
    return {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
    }


def kroppens_langd(huvuden: Any, sokvag: str) -> int | None:
    """The body's declared length when it is to be read; None when the editor answers without
    reading it (no valid length, or more than its limit: it says 413 before the body comes)."""
    try:
        langd = int(huvuden.get("content-length") or 0)
    except ValueError:
        return None
    grans = MAX_KROPP if sokvag.endswith("/bild") else MAX_JSON
    return langd if 0 <= langd <= grans else None


async def las_kropp(receive: Any, langd: int) -> bytes:
    """At most ``langd`` bytes of the body (what the client declared)."""
    delar, storlek = [], 0
    while storlek < langd:
        meddelande = await receive()
        if meddelande["type"] != "http.request":
            break
        bit = meddelande.get("body", b"")
        delar.append(bit)
        storlek += len(bit)
        if not meddelande.get("more_body", False):
            break
    return b"".join(delar)[:langd]
