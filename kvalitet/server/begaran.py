"""A request as the editor's handlers read it (``command``, ``headers``, ``rfile``) and the
answer they give through ``_svara``: the bridge that lets ``kvalitet server`` call the same
request handling as the local server (``visa/server.py``, ``visa/skrivsidor.py``)."""

from __future__ import annotations

import io
from email.message import Message

from starlette.requests import Request
from starlette.responses import Response

from kvalitet.visa.server import CSP, HTML


class Begaran:
    """One request in, one answer out (status, type, body, the same safety headers)."""

    HTML_TYP = HTML

    def __init__(self, metod: str, huvuden: list[tuple[str, str]], kropp: bytes = b"") -> None:
        self.command = metod
        self.headers = Message()
        for namn, varde in huvuden:
            self.headers[namn] = varde
        self.rfile = io.BytesIO(kropp)
        self.svar: Response | None = None
        self.rad_overst = b""
        """HTML put first in the ``<main>`` of a whole page (who is logged in, Logga ut)."""

    @classmethod
    async def av(cls, request: Request, kropp: bytes = b"") -> Begaran:
        return cls(request.method, list(request.headers.items()), kropp)

    def _svara(self, kod: int, data: bytes, typ: str, csp: str = CSP) -> None:
        if self.rad_overst and typ == HTML and b"<main>" in data:
            data = data.replace(b"<main>", b"<main>" + self.rad_overst, 1)
        self.svar = Response(
            b"" if self.command == "HEAD" else data,
            kod,
            headers={
                "Content-Type": typ,
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
                "Content-Security-Policy": csp,
                "Referrer-Policy": "no-referrer",
            },
        )

    def resultat(self) -> Response:
        if self.svar is None:  # a handler that answered nothing: a bug, said in Swedish
            return Response("Sidan gav inget svar.", 500, media_type="text/plain; charset=utf-8")
        return self.svar
