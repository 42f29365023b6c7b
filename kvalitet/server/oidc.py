"""Login with OpenID Connect through Authlib: the code flow with PKCE (S256), state and nonce
checked by Authlib, the ID token's signature (the provider's JWKS), issuer, audience and expiry
verified; then a new session id. Logout ends the local session and, when the provider offers
an ``end_session_endpoint``, goes on to it (RP-initiated logout)."""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.starlette_client import OAuth
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kvalitet.server import sessioner
from kvalitet.server.anvandare import anvandare_ur_ansprak, gruppoverskott
from kvalitet.server.inloggningsgrans import Inloggningsgrans
from kvalitet.server.installning import Installning
from kvalitet.server.revision import revision
from kvalitet.server.sidor import gruppoverskottssida, lokal_sida, serversida

LOGG = logging.getLogger("kvalitet.server")
INLOGGAD = "/inloggad"
UTLOGGAD = "/utloggad"


class Inloggning:
    """The provider's client and the login routes' answers."""

    def __init__(self, installning: Installning) -> None:
        self.installning = installning
        self.grans = Inloggningsgrans(
            installning.inloggningar_per_adress, installning.inloggningar_per_konto
        )
        self.oauth = OAuth()
        self.oauth.register(
            "idp",
            client_id=installning.klient_id,
            client_secret=installning.klient_hemlighet,
            server_metadata_url=f"{installning.utfardare}/.well-known/openid-configuration",
            client_kwargs={
                "scope": installning.omfang,
                "code_challenge_method": "S256",
                "timeout": 20,  # a provider slow under load (many logins at 8:00) is waited for
            },
        )

    @property
    def idp(self) -> Any:
        return self.oauth.create_client("idp")

    async def logga_in(self, request: Request) -> Response:
        """To the provider; ``sida`` is the local page to come back to."""
        if vanta := self.grans.adress(_klient(request)):
            return _for_manga(vanta, request, "adress")
        request.session["sida"] = lokal_sida(request.query_params.get("sida", "/"))
        try:
            svar: Response = await self.idp.authorize_redirect(
                request, self.installning.url(INLOGGAD)
            )
        except Exception as exc:  # the provider cannot be reached: say so, never a traceback
            LOGG.warning("inloggning: leverantören svarar inte: %s: %s", type(exc).__name__, exc)
            return _fel(503, "Kommunens inloggning svarar inte just nu. Försök igen om en stund.")
        return svar

    async def inloggad(self, request: Request) -> Response:
        """The provider's redirect back: the token, verified, then a new session."""
        if vanta := self.grans.adress(_klient(request)):
            return _for_manga(vanta, request, "adress")
        try:
            token = await self.idp.authorize_access_token(request)
        except Exception as exc:  # every failed check (state, nonce, signature, aud, exp) refuses
            LOGG.warning("inloggning nekad: %s: %s", type(exc).__name__, exc)
            return _fel(
                400,
                "Inloggningen kunde inte slutföras (svaret från inloggningstjänsten var inte "
                "giltigt eller redan använt). Börja om från startsidan.",
            )
        ansprak = token.get("userinfo")
        if not ansprak or not ansprak.get("sub"):
            LOGG.warning("inloggning nekad: inget ID-token i svaret")
            return _fel(400, "Inloggningstjänsten skickade inget ID-token. Börja om.")
        if vanta := self.grans.konto(str(ansprak["sub"])):
            return _for_manga(vanta, request, f"konto {ansprak['sub']}")
        anvandare = anvandare_ur_ansprak(ansprak, self.installning.gruppansprak)
        if gruppoverskott(ansprak, self.installning.gruppansprak):
            request.session.clear()
            LOGG.warning("inloggning nekad: gruppöverskott för %s", anvandare.sub)
            revision(
                "gruppöverskott", sub=anvandare.sub, epost=anvandare.epost, namn=anvandare.namn
            )
            return gruppoverskottssida(anvandare.namn)
        sida = lokal_sida(str(request.session.get("sida", "/")))
        request.session.clear()
        request.session.update(
            anvandare=anvandare.som_data(),
            token=secrets.token_urlsafe(32),
            id_token=token.get("id_token", ""),
        )
        sessioner.ny(request.scope)
        LOGG.info("inloggad: %s (%s)", anvandare.sub, anvandare.epost)
        revision("inloggad", sub=anvandare.sub, epost=anvandare.epost, namn=anvandare.namn)
        return RedirectResponse(sida, status_code=303)

    async def logga_ut(self, request: Request) -> Response:
        """End the local session, then the provider's (when it has an end_session_endpoint)."""
        id_token = str(request.session.get("id_token", ""))
        vem = request.session.get("anvandare") or {}
        revision("utloggad", sub=vem.get("sub"), epost=vem.get("epost"))
        request.session.clear()
        sessioner.avsluta(request.scope)
        try:
            metadata = await self.idp.load_server_metadata()
        except Exception:
            metadata = {}
        slut = metadata.get("end_session_endpoint")
        if not slut:
            return RedirectResponse(UTLOGGAD, status_code=303)
        fraga = {
            "client_id": self.installning.klient_id,
            "post_logout_redirect_uri": self.installning.url(UTLOGGAD),
        }
        if id_token:
            fraga["id_token_hint"] = id_token
        return RedirectResponse(f"{slut}?{urlencode(fraga)}", status_code=303)


def _fel(kod: int, text: str) -> Response:
    return serversida(
        kod,
        "Inloggningen misslyckades",
        f'<p>{text}</p><p><a href="/logga-in">Logga in igen</a></p>',
    )


def _klient(request: Request) -> str:
    """The client's address (behind the reverse proxy: from X-Forwarded-For, through uvicorn)."""
    return request.client.host if request.client else ""


def _for_manga(sekunder: int, request: Request, vems: str) -> Response:
    """429 with ``Retry-After``: too many login attempts from the address or for the account."""
    LOGG.warning("inloggning nekad: för många försök (%s, %s)", vems, _klient(request))
    svar = serversida(
        429,
        "För många inloggningsförsök",
        f"<p>Det har kommit för många inloggningsförsök på kort tid. Vänta {sekunder} "
        f"sekunder och försök igen.</p>"
        "<p>Händer det igen fast du bara har loggat in en gång, säg till kommunens IT.</p>"
        '<p><a href="/logga-in">Logga in igen</a></p>',
    )
    svar.headers["Retry-After"] = str(sekunder)
    return svar
