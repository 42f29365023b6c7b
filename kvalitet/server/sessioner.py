"""Sessions on the server: the cookie holds only a signed random id (HttpOnly, SameSite=Lax,
Secure unless the server is http://127.0.0.1); what the session holds stays in this process.
Lax lets the browser send the cookie on the identity provider's redirect back; every write is
then guarded by the session's own CSRF token. ``ny`` gives a new id after login (no session
fixation), ``avsluta`` ends it (a copy of the old cookie is worth nothing afterwards)."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any

from itsdangerous import BadSignature, TimestampSigner

KAKA = "kvalitet-session"
MAX_INLOGGADE = 20_000
"""Logged-in sessions kept at once; past it the one used longest ago goes."""
MAX_ANONYMA = 5_000
"""Sessions half-way through a login (state, nonce, PKCE verifier), kept apart: a flood of
started logins pushes out only other started logins, never a logged-in person."""
NY = "kvalitet.ny_session"
SLUT = "kvalitet.slut_session"


class Sessionslager:
    """The sessions of this process by id, each with its last use; idle ones expire. A session
    is logged in when its data has ``anvandare``."""

    def __init__(self, hemlighet: str, sekunder: float) -> None:
        self.signerare = TimestampSigner(hemlighet, salt="kvalitet-session")
        self.sekunder = sekunder
        self._inloggade: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._anonyma: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._las = threading.Lock()

    def hamta(self, kaka: str | None) -> tuple[str | None, dict[str, Any]]:
        """The id and a copy of the data for a cookie; (None, {}) when unknown or too old."""
        if not kaka:
            return None, {}
        try:
            sid = self.signerare.unsign(kaka, max_age=int(self.sekunder)).decode()
        except (BadSignature, UnicodeDecodeError):
            return None, {}
        with self._las:
            post = self._inloggade.get(sid) or self._anonyma.get(sid)
            if post is None or time.monotonic() - post[0] > self.sekunder:
                self._ta_bort(sid)
                return None, {}
            return sid, dict(post[1])

    def spara(self, sid: str | None, data: dict[str, Any]) -> str:
        """Keep ``data`` under ``sid`` (a new id when None); the id."""
        sid = sid or secrets.token_urlsafe(32)
        lager, grans = (
            (self._inloggade, MAX_INLOGGADE)
            if data.get("anvandare")
            else (self._anonyma, MAX_ANONYMA)
        )
        with self._las:
            self._ta_bort(sid)
            lager[sid] = (time.monotonic(), dict(data))
            while len(lager) > grans:
                lager.popitem(last=False)
        return sid

    def ta_bort(self, sid: str | None) -> None:
        if sid:
            with self._las:
                self._ta_bort(sid)

    def _ta_bort(self, sid: str) -> None:
        self._inloggade.pop(sid, None)
        self._anonyma.pop(sid, None)

    def kaka_for(self, sid: str) -> str:
        return self.signerare.sign(sid).decode()

    def antal(self) -> int:
        """Logged-in sessions now."""
        with self._las:
            return len(self._inloggade)


def ny(scope: MutableMapping[str, Any]) -> None:
    """After the response, the session gets a new id (the old one is removed)."""
    scope[NY] = True


def avsluta(scope: MutableMapping[str, Any]) -> None:
    """After the response, the session is removed and the cookie cleared."""
    scope[SLUT] = True


def _kaka_ur(scope: dict[str, Any]) -> str | None:
    kakor: SimpleCookie = SimpleCookie()
    for namn, varde in scope.get("headers", []):
        if namn == b"cookie":
            try:
                kakor.load(varde.decode("latin-1"))
            except CookieError:
                continue
    return kakor[KAKA].value if KAKA in kakor else None


class Sessionsmellanlager:
    """ASGI middleware: ``scope["session"]`` (a dict, as Starlette's ``request.session`` and
    Authlib want it) loaded from the store before the app and kept after it."""

    def __init__(self, app: Any, lager: Sessionslager, sakra: bool) -> None:
        self.app = app
        self.lager = lager
        self.sakra = sakra

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sid, data = self.lager.hamta(_kaka_ur(scope))
        scope["session"] = data

        async def skicka(meddelande: dict[str, Any]) -> None:
            if meddelande["type"] == "http.response.start":
                kaka = self._efter(scope, sid)
                if kaka is not None:
                    meddelande.setdefault("headers", [])
                    meddelande["headers"] = [*meddelande["headers"], (b"set-cookie", kaka)]
            await send(meddelande)

        await self.app(scope, receive, skicka)

    def _efter(self, scope: dict[str, Any], sid: str | None) -> bytes | None:
        data = scope["session"]
        if scope.get(SLUT) or (sid is not None and not data):
            self.lager.ta_bort(sid)
            return self._kaka("", 0) if sid is not None or scope.get(SLUT) else None
        if scope.get(NY):
            self.lager.ta_bort(sid)
            ny_sid = self.lager.spara(None, data)
            return self._kaka(self.lager.kaka_for(ny_sid), int(self.lager.sekunder))
        if sid is None:
            if not data:
                return None
            ny_sid = self.lager.spara(None, data)
            return self._kaka(self.lager.kaka_for(ny_sid), int(self.lager.sekunder))
        self.lager.spara(sid, data)  # also its last use
        return None

    def _kaka(self, varde: str, sekunder: int) -> bytes:
        delar = [f"{KAKA}={varde}", "Path=/", f"Max-Age={sekunder}", "HttpOnly", "SameSite=Lax"]
        if self.sakra:
            delar.append("Secure")
        return "; ".join(delar).encode("latin-1")
