"""The review over HTTP on ``kvalitet server``: a unit's review as JSON (its state, history,
comments and the buttons the person may press), the review's actions and comments as POSTs
(through ``visa/granska.Granskningar``: its checks, its file, its commit with the person as
author), and the förvaltning's overview (``/oversikt``). Every POST needs the session's token
in ``X-Kvalitet-Token``; every action is a line in the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kvalitet.grund.problem import KvalitetError
from kvalitet.modell.granskning import Granskning
from kvalitet.modell.granskningsflode import OVERGANGAR, mojliga_handlingar
from kvalitet.modell.rattighet import Behorighet, Otillatet
from kvalitet.server.oversiktssida import oversiktssida
from kvalitet.server.revision import revision
from kvalitet.server.sidor import SKYDD
from kvalitet.visa.begaran import las_kropp
from kvalitet.visa.behorighet import Nekad, _lika
from kvalitet.visa.jsonkropp import las_json

if TYPE_CHECKING:
    from kvalitet.server.app import Server

MAX_KROPP = 64 * 1024
"""A comment is at most a few thousand characters: a review POST is never larger."""
FOR_GAMMAL = "Sidan är för gammal eller kommer inte från kvalitet. Ladda om sidan och försök igen."


def granskning_som_data(granskning: Granskning, vem: Behorighet) -> dict[str, Any]:
    """What the editor shows: the state, the history, the comments, the allowed buttons."""
    data = granskning.model_dump(mode="json")
    data["mojliga"] = mojliga_handlingar(granskning, vem)
    data["far_kommentera"] = vem.far_kommentera(granskning.enhet)
    data["handlingar"] = list(OVERGANGAR)
    return data


def _heltal(varde: object) -> int:
    if isinstance(varde, bool) or not isinstance(varde, int):
        raise Nekad("kommentarens nummer ('nummer') ska vara ett heltal; ladda om sidan")
    return varde


class Granskningsvagar:
    """The review's routes of one server."""

    def __init__(self, server: Server) -> None:
        self.server = server

    def vagar(self) -> list[Route]:
        return [
            Route("/oversikt", self.oversikt, methods=["GET"]),
            Route("/granska/{enhet}", self.hamta, methods=["GET"]),
            Route("/granska/{enhet}/{vad}", self.andra, methods=["POST"]),
        ]

    async def hamta(self, request: Request) -> Response:
        inloggad = self.server.behorighet(request)
        if inloggad is None:
            return self.server.inte_inloggad(request)
        _, vem = inloggad
        enhet = str(request.path_params["enhet"])
        if not vem.har_roll or not vem.far_lasa(enhet):
            return self.server.nekad(request, vem)
        try:
            granskning = await run_in_threadpool(self.server.granskningar.las, enhet, vem)
        except Otillatet as exc:
            return _fel(403, exc)
        return JSONResponse(granskning_som_data(granskning, vem), headers=SKYDD)

    async def andra(self, request: Request) -> Response:
        inloggad = self.server.behorighet(request)
        if inloggad is None:
            return self.server.inte_inloggad(request)
        _, vem = inloggad
        enhet, vad = str(request.path_params["enhet"]), str(request.path_params["vad"])
        if not _lika(request.headers.get("x-kvalitet-token"), str(request.session.get("token"))):
            return JSONResponse({"fel": FOR_GAMMAL}, 403, headers=SKYDD)
        if not vem.har_roll or not vem.far_lasa(enhet):
            return self.server.nekad(request, vem)
        try:
            langd = int(request.headers.get("content-length") or 0)
        except ValueError:
            langd = -1
        if langd < 0 or langd > MAX_KROPP:
            return JSONResponse(
                {"fel": "Det som skickades är för stort (högst 64 kB)."}, 413, headers=SKYDD
            )
        try:
            kropp = las_json(await las_kropp(request.receive, langd) if langd else b"")
            granskning = await run_in_threadpool(self._utfor, enhet, vad, kropp, vem)
        except Otillatet as exc:
            return _fel(403, exc)
        except (Nekad, KvalitetError) as exc:
            return _fel(400, exc)
        return JSONResponse(granskning_som_data(granskning, vem), headers=SKYDD)

    def _utfor(self, enhet: str, vad: str, b: dict[str, Any], vem: Behorighet) -> Granskning:
        g = self.server.granskningar
        if vad == "handling":
            handling = str(b.get("handling", ""))
            if handling not in OVERGANGAR:
                raise Nekad(f"'{handling[:40]}' är ingen handling; välj {', '.join(OVERGANGAR)}")
            varfor = b.get("varfor")
            ny = g.handling(enhet, handling, vem, str(varfor) if varfor else None)
            self._logga(handling, enhet, vem, lage=ny.lage, varfor=varfor or None)
            return ny
        if vad == "kommentera":
            sokvag = b.get("sokvag")
            plats = sokvag if isinstance(sokvag, list) else []
            ny = g.kommentera(enhet, plats, str(b.get("text", "")), vem)
            nummer = max(k.nummer for k in ny.kommentarer)
            self._logga("kommentera", enhet, vem, nummer=nummer, sokvag=sokvag)
            return ny
        if vad == "svara":
            nummer = _heltal(b.get("nummer"))
            ny = g.svara(enhet, nummer, str(b.get("text", "")), vem)
            self._logga("svara", enhet, vem, nummer=nummer)
            return ny
        if vad == "los":
            nummer = _heltal(b.get("nummer"))
            ny = g.los(enhet, nummer, vem)
            self._logga("lös", enhet, vem, nummer=nummer)
            return ny
        raise Nekad(f"okänd begäran '{vad[:40]}'; välj handling, kommentera, svara eller los")

    @staticmethod
    def _logga(handelse: str, enhet: str, vem: Behorighet, **falt: Any) -> None:
        revision(handelse, enhet=enhet, sub=vem.person.sub, epost=vem.person.epost, **falt)

    async def oversikt(self, request: Request) -> Response:
        inloggad = self.server.behorighet(request)
        if inloggad is None:
            return self.server.inte_inloggad(request)
        _, vem = inloggad
        if not vem.har_roll:
            return self.server.nekad(request, vem)
        if not vem.ar_granskare:
            return self.server.nekad(
                request, vem, "Översikten är för förvaltningens granskare. Gå till startsidan."
            )
        return await run_in_threadpool(oversiktssida, self.server.projekt, self.server.granskningar)


def _fel(kod: int, exc: Exception) -> Response:
    text = exc.format_message() if isinstance(exc, KvalitetError) else str(exc)
    return JSONResponse({"fel": text[:1].upper() + text[1:]}, kod, headers=SKYDD)
