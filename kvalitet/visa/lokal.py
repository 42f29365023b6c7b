"""``kvalitet visa`` and ``kvalitet skriv`` on the same ASGI stack as ``kvalitet server``
(Starlette's answers, uvicorn), for one person on 127.0.0.1: the one-time login link and its
cookie (``inloggning.py``), only this computer's loopback names as Host, a write only from the
page's own Origin, and then the same request handling (``server.svara_pa_get``,
``skrivsidor``) through ``begaran.Begaran``."""

from __future__ import annotations

import asyncio
import html as htmllib
import json
import socket
import threading
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from kvalitet.visa.begaran import Begaran, kroppens_langd, las_kropp, skyddshuvuden
from kvalitet.visa.inloggning import INLOGGNING, NEKAD, inloggad, logga_in, nekad_sida
from kvalitet.visa.server import HANDELSER, HTML, VARD, Forhandsvisning, svara_pa_get

TEXT = "text/plain; charset=utf-8"


def _text(kod: int, text: str) -> Response:
    return Response(text.encode("utf-8"), kod, headers={"Content-Type": TEXT, **skyddshuvuden()})


class LokalApp:
    """The ASGI application of one preview (``visning``) listening on ``port``."""

    def __init__(self, visning: Forhandsvisning, port: int) -> None:
        self.visning = visning
        self.port = port

    def _ratt_vard(self, h: Begaran) -> bool:
        """Only the names of this computer's loopback address: a page on another site that
        points its own name at 127.0.0.1 (DNS rebinding) gets nothing."""
        vard = (h.headers.get("Host") or "").strip().lower()
        return vard in {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":  # no lifespan: the caller starts and stops the watcher
            return
        try:
            svar = await self._svar(scope, receive)
        except Exception as exc:  # never a traceback in the browser or the terminal
            data = self.visning._sida(
                "Internt fel",
                f"<h1>Ett oväntat fel i kvalitet</h1><p>{htmllib.escape(type(exc).__name__)}: "
                f"{htmllib.escape(str(exc))}</p>",
            ).encode("utf-8")
            svar = Response(data, 500, headers={"Content-Type": HTML, **skyddshuvuden()})
        await svar(scope, receive, send)

    async def _svar(self, scope: dict[str, Any], receive: Any) -> Response:
        ratt = scope.get("raw_path") or scope["path"].encode("utf-8")
        fraga = scope.get("query_string", b"")
        hela = ratt.decode("latin-1") + (f"?{fraga.decode('latin-1')}" if fraga else "")
        sokvag = urlsplit(hela).path
        huvuden = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        metod = scope["method"]
        h = Begaran(metod, hela, huvuden, adress=(VARD, self.port))
        if metod == "POST":
            return await self._post(h, sokvag, receive)
        if metod not in ("GET", "HEAD"):
            return _text(501, "Metoden stöds inte.")
        if not self._ratt_vard(h):
            return _text(
                421,
                "Förhandsvisningen svarar bara på sin egen adress, "
                f"http://{VARD}:{self.port}/ (eller localhost:{self.port}).",
            )
        session = self.visning.redigering.session
        if sokvag == INLOGGNING:
            logga_in(h, session, hela)
            return h.resultat()
        if not inloggad(h, session):
            return Response(nekad_sida(), 401, headers={"Content-Type": HTML, **skyddshuvuden()})
        if sokvag == HANDELSER:
            return self._handelser()
        await run_in_threadpool(svara_pa_get, self.visning, self.visning.skrivsidor, h, sokvag)
        return h.resultat()

    async def _post(self, h: Begaran, sokvag: str, receive: Any) -> Response:
        """Only the editor's writes (``skrivsidor.py``): right host, and its token."""
        ursprung = h.headers.get("Origin")
        if not self._ratt_vard(h) or ursprung not in (None, f"http://{h.headers['Host']}"):
            return _text(421, "Fel adress.")
        if not inloggad(h, self.visning.redigering.session):
            nekad = json.dumps({"fel": NEKAD}, ensure_ascii=False).encode("utf-8")
            return Response(
                nekad,
                401,
                headers={"Content-Type": "application/json; charset=utf-8", **skyddshuvuden()},
            )
        langd = kroppens_langd(h.headers, sokvag)
        if langd:  # else the editor answers from the headers, without waiting for a body
            h.rfile.write(await las_kropp(receive, langd))
            h.rfile.seek(0)
        await run_in_threadpool(self.visning.skrivsidor.post, h, sokvag)
        return h.resultat()

    def _handelser(self) -> Response:
        bevakare = self.visning.bevakare
        return StreamingResponse(
            handelser(bevakare),
            headers={"Content-Type": "text/event-stream; charset=utf-8", **skyddshuvuden()},
        )


async def handelser(bevakare: Any, steg: float = 0.1) -> AsyncIterator[bytes]:
    """The reload's server-sent events: the version now, then each new one, looked for every
    ``steg`` seconds (no thread waits: a server with many open pages uses a longer step)."""
    version = bevakare.version
    yield f"event: version\ndata: {version}\n\n".encode()
    tyst = 0.0
    while not bevakare.stoppad:
        await asyncio.sleep(steg)
        tyst += steg
        if bevakare.version != version:
            version, tyst = bevakare.version, 0.0
            yield f"event: version\ndata: {version}\n\n".encode()
        elif tyst >= 15:
            tyst = 0.0
            yield b": inget nytt\n\n"


class Lokalserver:
    """uvicorn on a socket bound at once to 127.0.0.1 (``port`` 0: a free one), in the shape of
    ``http.server``'s server: ``server_address``, ``serve_forever``, ``shutdown``,
    ``server_close``."""

    def __init__(self, visning: Forhandsvisning, port: int) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.socket.bind((VARD, port))
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.server_address: tuple[str, int] = self.socket.getsockname()
        app = LokalApp(visning, self.server_address[1])
        self._uvicorn = uvicorn.Server(
            uvicorn.Config(
                app,
                lifespan="off",
                log_level="warning",
                access_log=False,
                timeout_graceful_shutdown=1,  # an open page's event stream does not hold a stop
            )
        )
        self._klar = threading.Event()

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        try:
            self._uvicorn.run(sockets=[self.socket])
        finally:
            self._klar.set()

    def shutdown(self) -> None:
        self._uvicorn.should_exit = True
        self._klar.wait(10)

    def server_close(self) -> None:
        self.socket.close()
