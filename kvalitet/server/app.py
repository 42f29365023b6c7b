"""``kvalitet server``: the Starlette application. The same start page, preview, editor,
pictures and PDFs as ``kvalitet visa``/``skriv`` (through ``visa/server.svara_pa_get`` and
``visa/skrivsidor.Skrivsidor``: no second editor), for many people at once, each logged in
through the municipality's identity provider (``oidc.py``) with a session of their own."""

from __future__ import annotations

import copy
import html as htmllib
import time
from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from kvalitet.kalla.projekt import Projekt
from kvalitet.modell.rattighet import Behorighet
from kvalitet.server.anvandare import Anvandare, Anvandarsession
from kvalitet.server.filvagar import Filvagar
from kvalitet.server.granskningsvagar import Granskningsvagar
from kvalitet.server.installning import Installning
from kvalitet.server.logg import logga_begaran
from kvalitet.server.oidc import INLOGGAD, UTLOGGAD, Inloggning
from kvalitet.server.pdfko import Full, Pdfko, standard_samtidiga
from kvalitet.server.push import SchemalagdPush
from kvalitet.server.rattigheter import Rattigheter, far_lasa_sokvag
from kvalitet.server.revision import stall_in_revisionslogg
from kvalitet.server.sessioner import Sessionslager, Sessionsmellanlager
from kvalitet.server.sidor import (
    CSP_SIDA,
    SKYDD,
    inloggad_rad,
    pdf_kon_full,
    pdf_namn,
    serversida,
    utloggad_sida,
    utloggningssida,
)
from kvalitet.visa.begaran import Begaran, kroppens_langd, las_kropp
from kvalitet.visa.behorighet import Skrivratt, _lika
from kvalitet.visa.granska import Granskningar
from kvalitet.visa.lokal import handelser
from kvalitet.visa.server import HANDELSER, HTML, Forhandsvisning, svara_pa_get
from kvalitet.visa.skrivsidor import Skrivsidor
from kvalitet.visa.textfiler import redigerbara

HSTS = (b"strict-transport-security", b"max-age=31536000")
CSP = b"content-security-policy"
GRANSKNINGSSKRIPT = b'<script type="module" src="/statiskt/granskning.js"></script>'
"""The editor page on the server also shows the review (state, buttons, comments)."""
STATUS_PA_SERVERN = (
    "På servern flyttas rapportens läge med granskningens knappar ovanför formuläret (Lämna in, "
    "Godkänn …), så att det står i granskningens historik och revisionsloggen. Ladda om sidan."
)
INTE_INLOGGAD = "Du är inte inloggad (eller sessionen har gått ut). Ladda om sidan och logga in."


def _anvandare(request: Request) -> Anvandare | None:
    data = request.session.get("anvandare")
    return Anvandare.ur_data(data) if isinstance(data, dict) else None


class Server:
    """The application's parts: the project's preview, the login, the sessions."""

    def __init__(self, projekt: Projekt, installning: Installning) -> None:
        self.projekt = projekt
        self.installning = installning
        self.visning = Forhandsvisning(projekt)
        self.inloggning = Inloggning(installning)
        self.sessioner = Sessionslager(
            installning.sessionshemlighet, installning.session_timmar * 3600
        )
        self.rattigheter = Rattigheter(projekt, installning.skrivratt)
        self.granskningar = Granskningar(projekt, self.visning.redigering.historik)
        self.granskning = Granskningsvagar(self)
        self.filer = Filvagar(self)
        self.pdfko = Pdfko(
            projekt.rot, installning.pdf_samtidiga or standard_samtidiga(), installning.pdf_ko
        )
        stall_in_revisionslogg(installning.revisionslogg)
        self.push = SchemalagdPush(
            projekt.rot,
            installning.push,
            installning.push_intervall * 60,
            self.visning.redigering.historik.git,
        )

    def behorighet(self, request: Request) -> tuple[Anvandare, Behorighet] | None:
        """Who is logged in and what they may do now (the rights file read on every request,
        parsed again only when it changed); None when nobody is logged in."""
        anvandare = _anvandare(request)
        if anvandare is None:
            return None
        return anvandare, self.rattigheter.for_anvandare(anvandare)

    def skrivsidor(
        self, request: Request, anvandare: Anvandare, behorighet: Behorighet, skriva: bool
    ) -> Skrivsidor:
        """The editor for this person: the shared editor with their token, their rights and,
        for a write, only their units (the round-trip cache, lock and history stay shared). A
        GET only reads (``sida`` has checked ``far_lasa``), so it gets the reading rights."""
        redigering = copy.copy(self.visning.redigering)
        token = str(request.session.get("token", ""))
        redigering.session = Anvandarsession(token, anvandare, behorighet)
        if skriva:
            redigering.skrivratt = Skrivratt.for_behorighet(self.projekt, behorighet)
        else:
            redigering.skrivratt = Skrivratt(self.projekt)
        return Skrivsidor(redigering)

    # ------------------------------------------------------------------ routes

    async def halsa(self, request: Request) -> Response:
        ko = self.pdfko
        pdf = {"pagar": ko.pagar, "vantar": ko.vantar, "samtidiga": ko.samtidiga, "ko": ko.ko}
        return JSONResponse(
            {"status": "ok", "sessioner": self.sessioner.antal(), "pdf": pdf}, headers=SKYDD
        )

    async def logga_ut_sida(self, request: Request) -> Response:
        anvandare = _anvandare(request)
        if anvandare is None:
            return utloggad_sida()
        return utloggningssida(str(request.session.get("token", "")), anvandare.namn)

    async def logga_ut(self, request: Request) -> Response:
        kropp = await las_kropp(request.receive, 4096)  # a form with one field
        token = (parse_qs(kropp.decode("utf-8", "replace")).get("token") or [""])[0]
        token = token or request.headers.get("x-kvalitet-token", "")
        if _anvandare(request) is None:
            return RedirectResponse(UTLOGGAD, status_code=303)
        if not _lika(token, str(request.session.get("token", ""))):
            return serversida(
                403, "Logga ut", "<p>Sidan är för gammal. Ladda om och försök igen.</p>"
            )
        return await self.inloggning.logga_ut(request)

    async def handelser(self, request: Request) -> Response:
        if _anvandare(request) is None:
            return JSONResponse({"fel": INTE_INLOGGAD}, 401)
        return StreamingResponse(
            handelser(self.visning.bevakare, steg=0.5),
            media_type="text/event-stream; charset=utf-8",
            headers=SKYDD,
        )

    def inte_inloggad(self, request: Request) -> Response:
        sokvag = request.url.path
        if (
            request.method == "POST"
            or sokvag.startswith("/granska/")
            or (sokvag.startswith("/skriv/") and sokvag.endswith("/data"))
        ):
            return JSONResponse({"fel": INTE_INLOGGAD}, 401, headers=SKYDD)
        fraga = f"?{request.url.query}" if request.url.query else ""
        sida = urlencode({"sida": quote(sokvag) + fraga})
        return RedirectResponse(f"/logga-in?{sida}", status_code=303)

    def nekad(self, request: Request, behorighet: Behorighet, text: str | None = None) -> Response:
        """403: a person with no role gets whom to ask; otherwise what they may not read."""
        if text is None and not behorighet.har_roll:
            text = behorighet.utan_roll_text()
        text = text or "Du får inte läsa den här rapporten. Gå till startsidan för dina enheter."
        sokvag = request.url.path
        if (
            request.method == "POST"
            or sokvag.endswith(("/data", ".json"))
            or (sokvag.startswith("/granska/"))
        ):
            return JSONResponse({"fel": text}, 403, headers=SKYDD)
        return serversida(
            403,
            "Ingen behörighet",
            f"<p>{htmllib.escape(text)}</p>"
            '<p><a href="/">Startsidan</a> · <a href="/logga-ut">Logga ut</a></p>',
        )

    async def sida(self, request: Request) -> Response:
        """Every other GET and POST: the editor's and the preview's, once logged in, for those
        with a role, on the units they may read."""
        inloggad = self.behorighet(request)
        if inloggad is None:
            return self.inte_inloggad(request)
        anvandare, behorighet = inloggad
        sokvag = request.url.path
        if not sokvag.startswith("/statiskt/"):
            if not behorighet.har_roll:
                return self.nekad(request, behorighet)
            if not far_lasa_sokvag(behorighet, sokvag):
                return self.nekad(request, behorighet)
        if request.method == "POST" and sokvag.startswith("/skriv/") and sokvag.endswith("/status"):
            return JSONResponse({"fel": STATUS_PA_SERVERN}, 400, headers=SKYDD)
        skrivsidor = self.skrivsidor(request, anvandare, behorighet, request.method == "POST")
        ratt = request.scope.get("raw_path") or sokvag.encode("utf-8")
        h = Begaran(request.method, ratt.decode("latin-1"), list(request.headers.items()))
        sokvag = h.path  # as sent (the editor decodes each part of it itself)
        if request.method == "POST":
            langd = kroppens_langd(request.headers, sokvag)
            if langd:  # else the editor answers from the headers, without waiting for a body
                h.rfile.write(await las_kropp(request.receive, langd))
                h.rfile.seek(0)
            await run_in_threadpool(skrivsidor.post, h, sokvag)
        else:
            if sokvag in ("/", "/index.html"):
                h.rad_overst = inloggad_rad(
                    anvandare.namn, behorighet.ar_granskare, redigerbara(behorighet)
                )
                data = await run_in_threadpool(self.visning.startsida, behorighet.far_lasa)
                h._svara(200, data.encode("utf-8"), HTML)
                return h.resultat()
            if sokvag.startswith("/skriv/") and sokvag.count("/") == 2:
                h.i_huvudet = GRANSKNINGSSKRIPT
            if (pdf := pdf_namn(sokvag)) is not None:
                return await self.pdf(request, h, pdf)
            await run_in_threadpool(svara_pa_get, self.visning, skrivsidor, h, sokvag)
        return h.resultat()

    async def pdf(self, request: Request, h: Begaran, namn: str) -> Response:
        """A PDF through the bounded pool; a full queue: 503 with ``Retry-After`` at once."""
        try:
            data, typ = await self.pdfko.bygg(namn)
        except Full as full:
            return pdf_kon_full(request, full.sekunder)
        h._svara(404 if typ == "404" else 200, data, HTML if typ == "404" else typ)
        return h.resultat()

    # ------------------------------------------------------------------ the app

    def app(self) -> Any:
        @asynccontextmanager
        async def livstid(_app: Starlette) -> AsyncIterator[None]:
            self.visning.bevakare.starta()
            self.push.starta()
            try:
                yield
            finally:
                await self.push.stoppa()
                self.visning.bevakare.stoppa()
                self.pdfko.stang()

        vagar = [
            Route("/halsa", self.halsa),
            Route("/logga-in", self.inloggning.logga_in),
            Route(INLOGGAD, self.inloggning.inloggad),
            Route("/logga-ut", self.logga_ut_sida, methods=["GET"]),
            Route("/logga-ut", self.logga_ut, methods=["POST"]),
            Route(UTLOGGAD, lambda r: utloggad_sida()),
            Route(HANDELSER, self.handelser),
            *self.granskning.vagar(),
            *self.filer.vagar(),
            Route("/{sokvag:path}", self.sida, methods=["GET", "POST"]),
        ]
        starlette = Starlette(routes=vagar, lifespan=livstid)
        sessioner = Sessionsmellanlager(starlette, self.sessioner, self.installning.sakra_kakor)
        return Skydd(sessioner, self.installning)


class Skydd:
    """Outermost: only the configured Host; a write only from the server's own Origin; one
    JSON line per request; an unexpected error is a Swedish 500 page, never a traceback."""

    def __init__(self, app: Any, installning: Installning) -> None:
        self.app = app
        self.installning = installning

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        borjan = time.monotonic()
        kod = [0]

        hsts = self.installning.adress.startswith("https://")

        async def skicka(meddelande: MutableMapping[str, Any]) -> None:
            if meddelande["type"] == "http.response.start":
                kod[0] = meddelande["status"]
                huvuden = list(meddelande.get("headers", []))
                if not any(namn.lower() == CSP for namn, _ in huvuden):  # JSON, redirects …
                    huvuden.append((CSP, CSP_SIDA.encode("latin-1")))
                if hsts:  # the browser comes back over https only, for a year
                    huvuden.append(HSTS)
                meddelande["headers"] = huvuden
            await send(meddelande)

        huvuden = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        fel = self._fel_adress(scope, huvuden)
        try:
            if fel is not None:
                await _text(fel, 421)(scope, receive, skicka)
            else:
                await self.app(scope, receive, skicka)
        except Exception as exc:
            import logging

            logging.getLogger("kvalitet.server").exception("oväntat fel: %s", type(exc).__name__)
            if kod[0] == 0:
                await _text(
                    "Ett oväntat fel i kvalitet. Försök igen; händer det igen, "
                    "säg till kommunens IT (felet står i serverns logg).",
                    500,
                )(scope, receive, skicka)
        anvandare = (scope.get("session") or {}).get("anvandare") or {}
        logga_begaran(
            {
                "metod": scope["method"],
                "sokvag": scope["path"],
                "status": kod[0],
                "ms": round((time.monotonic() - borjan) * 1000, 1),
                "anvandare": anvandare.get("sub"),
                "klient": (scope.get("client") or ("", 0))[0],
            }
        )

    def _fel_adress(self, scope: dict[str, Any], huvuden: dict[str, str]) -> str | None:
        if scope["path"] == "/halsa":  # the health check of a load balancer may use any name
            return None
        if huvuden.get("host", "").strip().lower() != self.installning.vard:
            return f"Servern svarar bara på sin egen adress, {self.installning.adress}/."
        ursprung = huvuden.get("origin")
        if scope["method"] not in ("GET", "HEAD") and ursprung not in (
            None,
            self.installning.ursprung,
        ):
            return "En ändring får bara komma från kvalitets egna sidor."
        return None


def _text(text: str, kod: int) -> Response:
    return Response(text, kod, media_type="text/plain; charset=utf-8", headers=SKYDD)
