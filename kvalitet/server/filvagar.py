"""The huvudman's files and the rights file over HTTP on ``kvalitet server``: the text editor
of ``visa/textsidor.py`` (``/redigera/<namn>``, ``…/data``, ``…/spara``) behind the login, the
rights asked on every request (a 403 page or JSON for the others, never a 500), the session's
token in ``X-Kvalitet-Token`` on every save, and each save in the audit log. A saved rights file
is read again at once, so it applies to the next request of everyone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kvalitet.kalla.historik import Forfattare
from kvalitet.server.anvandare import Anvandare
from kvalitet.server.rattigheter import ansprak_for
from kvalitet.server.revision import revision
from kvalitet.server.sidor import SKYDD
from kvalitet.visa.begaran import las_kropp
from kvalitet.visa.behorighet import _lika
from kvalitet.visa.textfiler import BEHORIGHETER, TITLAR, Textfiler
from kvalitet.visa.textsidor import MAX_KROPP, Svar, Textsidor
from kvalitet.visa.textsidor import delar_av as _delar_av

if TYPE_CHECKING:
    from kvalitet.server.app import Server

FOR_GAMMAL = "Sidan är för gammal eller kommer inte från kvalitet. Ladda om sidan och försök igen."


def _svar(svar: Svar) -> Response:
    return Response(
        svar.data,
        svar.kod,
        media_type=svar.typ,
        headers={**SKYDD, "Content-Security-Policy": svar.csp},
    )


class Filvagar:
    """The routes of one server."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.textfiler = Textfiler(server.projekt, server.visning.redigering.historik)

    def vagar(self) -> list[Route]:
        return [
            Route("/redigera/{namn}", self.hamta, methods=["GET"]),
            Route("/redigera/{namn}/data", self.hamta, methods=["GET"]),
            Route("/redigera/{namn}/spara", self.spara, methods=["POST"]),
        ]

    def _sidor(self, request: Request) -> tuple[Anvandare, Textsidor] | Response:
        inloggad = self.server.behorighet(request)
        if inloggad is None:
            return self.server.inte_inloggad(request)
        anvandare, vem = inloggad
        if not vem.har_roll:
            return self.server.nekad(request, vem)
        sidor = Textsidor(self.textfiler, vem, str(request.session.get("token", "")))
        namn = str(request.path_params["namn"])
        nekad = sidor.nekad(namn)
        if nekad is not None:
            return self.server.nekad(request, vem, nekad)
        return anvandare, sidor

    async def hamta(self, request: Request) -> Response:
        svar = self._sidor(request)
        if isinstance(svar, Response):
            return svar
        delar = _delar_av(request.url.path) or []
        return _svar(await run_in_threadpool(svar[1].get, delar))

    async def spara(self, request: Request) -> Response:
        if self.server.behorighet(request) is not None and not _lika(
            request.headers.get("x-kvalitet-token"), str(request.session.get("token"))
        ):
            return JSONResponse({"fel": FOR_GAMMAL}, 403, headers=SKYDD)
        svar = self._sidor(request)
        if isinstance(svar, Response):
            return svar
        anvandare, sidor = svar
        try:
            langd = int(request.headers.get("content-length") or 0)
        except ValueError:
            langd = -1
        if langd < 0 or langd > MAX_KROPP:
            return JSONResponse(
                {"fel": "Det som skickades är för stort (högst 3 MB)."}, 413, headers=SKYDD
            )
        kropp = await las_kropp(request.receive, langd) if langd else b""
        namn = str(request.path_params["namn"])
        person = sidor.vem.person
        forfattare = Forfattare(person.namn or person.epost, person.epost) if person.epost else None
        resultat = await run_in_threadpool(
            sidor.post, [namn, "spara"], kropp, forfattare, ansprak_for(anvandare)
        )
        if resultat.sparad:
            self._logga(namn, anvandare)
        return _svar(resultat)

    def _logga(self, namn: str, anvandare: Anvandare) -> None:
        vem = {"sub": anvandare.sub, "epost": anvandare.epost}
        if namn == BEHORIGHETER:  # read again now: it applies to the next request
            self.server.rattigheter.las_om(**vem)
        else:
            fil = TITLAR[namn]
            revision("huvudmannens fil sparad", fil=fil, **vem)
