"""Login through the real OIDC provider, end to end over HTTP against ``kvalitet server``, and
everything that must be refused: a replayed state, a forged, foreign or expired ID token, a
session cookie from before the login, a session after logout. Never a 500."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from serverhjalp import Tjanst, folj, fyll_i, klient, logga_in, till_formularet, token_ur

KAKA = "kvalitet-session"


def _inte_inloggad(tjanst: Tjanst, kaka: str | None) -> bool:
    with klient() as k:
        if kaka is not None:
            k.cookies.set(KAKA, kaka, domain="127.0.0.1")
        svar = k.get(f"{tjanst.bas}/")
    assert svar.status_code != 500
    return svar.status_code == 303 and svar.headers["location"].startswith("/logga-in")


def test_halsa_svarar_json_utan_inloggning(tjanst: Tjanst) -> None:
    with klient() as k:
        svar = k.get(f"{tjanst.bas}/halsa")
    assert svar.status_code == 200
    assert svar.headers["content-type"].startswith("application/json")
    assert svar.json()["status"] == "ok"


def test_inloggning_hela_vagen_startsidan_och_editorn(tjanst: Tjanst) -> None:
    with klient() as k:
        forst = k.get(f"{tjanst.bas}/skriv/bjorkbackaskolan")
        assert forst.status_code == 303
        assert forst.headers["location"] == "/logga-in?sida=%2Fskriv%2Fbjorkbackaskolan"
        # to the provider: the code flow with PKCE (S256), a state and a nonce
        till_idp = k.get(f"{tjanst.bas}/logga-in", params={"sida": "/"})
        assert till_idp.status_code == 302
        fraga = parse_qs(urlsplit(till_idp.headers["location"]).query)
        assert till_idp.headers["location"].startswith(f"{tjanst.idp}/auth?")
        assert fraga["response_type"] == ["code"] and fraga["code_challenge_method"] == ["S256"]
        assert len(fraga["code_challenge"][0]) >= 43 and fraga["state"] and fraga["nonce"]
        start = logga_in(k, tjanst, "helena")
        assert "Förhandsvisning" in start.text and "bjorkbackaskolan" in start.text
        kaka = next(c for c in k.cookies.jar if c.name == KAKA)
        assert kaka.has_nonstandard_attr("HttpOnly")
        editorn = k.get(f"{tjanst.bas}/skriv/bjorkbackaskolan")
        assert editorn.status_code == 200 and token_ur(editorn.text)
        data = k.get(f"{tjanst.bas}/skriv/bjorkbackaskolan/data")
        assert data.status_code == 200 and data.json()["enhet"] == "bjorkbackaskolan"
        assert k.get(f"{tjanst.bas}/bjorkbackaskolan.html").status_code == 200


def test_kakan_ar_httponly_och_samesite_lax(tjanst: Tjanst) -> None:
    with klient() as k:
        svar = k.get(f"{tjanst.bas}/logga-in")
    rad = svar.headers["set-cookie"]
    assert rad.startswith(f"{KAKA}=") and "HttpOnly" in rad and "SameSite=Lax" in rad
    assert "Secure" not in rad  # sakra_kakor = false: only for http://127.0.0.1 (the tests)


def test_aterspelat_state_nekas(tjanst: Tjanst) -> None:
    with klient() as k:
        formular = till_formularet(k, tjanst)
        tillbaka = folj(k, fyll_i(k, formular, "helena"), stopp=f"{tjanst.bas}/inloggad")
        aterkomst = str(tillbaka.url.join(tillbaka.headers["location"]))
        forsta = k.get(aterkomst)
        assert forsta.status_code == 303
        igen = k.get(aterkomst)  # the same code and state once more, in the same browser
        assert igen.status_code == 400 and "Inloggningen kunde inte slutföras" in igen.text
    with klient() as annan:  # and from another browser
        svar = annan.get(aterkomst)
        assert svar.status_code == 400
        assert _inte_inloggad(tjanst, None)


@pytest.mark.parametrize(
    "vem", ["fel-nyckel", "fel-publik", "utgangen", "fel-nonce", "fel-utfardare"]
)
def test_forfalskat_främmande_eller_utganget_id_token_nekas(tjanst: Tjanst, vem: str) -> None:
    """The provider's test users whose token endpoint answers a token signed with another key,
    issued for another client (aud), expired an hour ago, with another nonce than the one sent,
    or from another issuer: no session."""
    with klient() as k:
        svar = folj(k, fyll_i(k, till_formularet(k, tjanst), vem))
        assert svar.status_code == 400, svar.text[:300]
        assert "Inloggningen kunde inte slutföras" in svar.text
        hem = k.get(f"{tjanst.bas}/")
        assert hem.status_code == 303 and hem.headers["location"].startswith("/logga-in")
    nekade = [r for r in tjanst.loggrader() if "inloggning nekad" in str(r.get("meddelande"))]
    assert nekade


def test_sessionsfixering_kakan_fran_fore_inloggningen_galler_inte_efter(tjanst: Tjanst) -> None:
    with klient() as k:
        formular = till_formularet(k, tjanst)
        fore = k.cookies.get(KAKA)
        assert fore
        folj(k, fyll_i(k, formular, "helena"))
        efter = k.cookies.get(KAKA)
        assert efter and efter != fore
        assert k.get(f"{tjanst.bas}/").status_code == 200
    assert _inte_inloggad(tjanst, fore)  # the attacker's copy of the cookie from before
    assert not _inte_inloggad(tjanst, efter)


def test_utloggning_avslutar_sessionen_och_gar_till_leverantoren(tjanst: Tjanst) -> None:
    with klient() as k:
        logga_in(k, tjanst, "helena")
        kaka = k.cookies.get(KAKA)
        sida = k.get(f"{tjanst.bas}/logga-ut")
        assert sida.status_code == 200 and 'action="/logga-ut"' in sida.text
        token = sida.text.split('name="token" value="')[1].split('"')[0]
        utan = k.post(f"{tjanst.bas}/logga-ut", data={"token": "fel"})
        assert utan.status_code == 403
        assert not _inte_inloggad(tjanst, kaka)
        ut = k.post(f"{tjanst.bas}/logga-ut", data={"token": token})
        assert ut.status_code == 303
        mal = urlsplit(ut.headers["location"])
        assert f"{mal.scheme}://{mal.netloc}{mal.path}" == f"{tjanst.idp}/session/end"
        fraga = parse_qs(mal.query)
        assert fraga["post_logout_redirect_uri"] == [f"{tjanst.bas}/utloggad"]
        assert fraga["id_token_hint"][0].count(".") == 2
        utloggad = [r for r in tjanst.revision if r.get("handelse") == "utloggad"]
        assert utloggad and utloggad[-1]["epost"] == "helena.sandberg@alvmora.se"  # audit log
        assert _inte_inloggad(tjanst, kaka)  # the session is gone, also for a copy of the cookie
        assert k.get(f"{tjanst.bas}/").status_code == 303
        # the provider's own logout: its confirmation form, then back to kvalitet
        bekrafta = folj(k, k.get(ut.headers["location"]))
        assert bekrafta.status_code == 200, bekrafta.text[:300]
        handling = bekrafta.text.split('action="')[1].split('"')[0]
        falt = dict(
            (d.split('name="')[1].split('"')[0], d.split('value="')[1].split('"')[0])
            for d in bekrafta.text.split("<input")[1:]
            if 'name="' in d and 'value="' in d
        )
        slut = folj(k, k.post(str(bekrafta.url.join(handling)), data={**falt, "logout": "yes"}))
        assert str(slut.url) == f"{tjanst.bas}/utloggad" and slut.status_code == 200


def test_inget_svar_var_500(tjanst: Tjanst) -> None:
    with klient() as k:
        for sokvag in [
            "/inloggad",
            "/inloggad?state=x&code=y",
            "/logga-ut",
            "/utloggad",
            "/%ff",
            "/%C3%A5%0d%0aX:%20y",
            "/skriv/x?a=1&b=%0a",
        ]:
            assert k.get(f"{tjanst.bas}{sokvag}").status_code < 500, sokvag
    assert all(r.get("status") != 500 for r in tjanst.loggrader())


def test_atkomstloggen_ar_json_rader(tjanst: Tjanst) -> None:
    with klient() as k:
        k.get(f"{tjanst.bas}/halsa?loggprov")
    rader: list[dict[str, object]] = []
    for _ in range(50):  # the line is written just after the answer is sent
        rader = [r for r in tjanst.loggrader() if r.get("logg") == "kvalitet.server.atkomst"]
        if rader and rader[-1]["sokvag"] == "/halsa":
            break
        time.sleep(0.1)
    assert rader and {"metod", "sokvag", "status", "ms", "anvandare", "tid"} <= set(rader[-1])
    assert rader[-1]["sokvag"] == "/halsa" and rader[-1]["status"] == 200


def test_startsidan_visar_vem_som_ar_inloggad_och_loggar_ut(tjanst: Tjanst) -> None:
    with klient() as k:
        start = logga_in(k, tjanst, "helena")
    assert "Inloggad som Helena Sandberg" in start.text and 'href="/logga-ut"' in start.text


def test_sidan_med_a_och_fraga_kommer_tillbaka_efter_inloggningen(tjanst: Tjanst) -> None:
    with klient() as k:
        forst = k.get(f"{tjanst.bas}/%C3%A5?a=1&b=2")
        assert forst.status_code == 303
        slut = folj(
            k,
            fyll_i(k, folj(k, k.get(str(forst.url.join(forst.headers["location"])))), "helena"),
            stopp=f"{tjanst.bas}/inloggad",
        )
        hem = k.get(str(slut.url.join(slut.headers["location"])))
        assert hem.status_code == 303 and hem.headers["location"] == "/%C3%A5?a=1&b=2"


def test_sidan_efter_inloggningen_ar_alltid_en_egen_sida(tjanst: Tjanst) -> None:
    """``sida`` is never another site ('//host', a scheme): an open redirect is refused."""
    for sida in ["//angripare.example/", "https://angripare.example/", "/\\angripare.example"]:
        with klient() as k:
            till_idp = k.get(f"{tjanst.bas}/logga-in", params={"sida": sida})
            assert till_idp.status_code == 302
            slut = folj(k, fyll_i(k, folj(k, till_idp), "helena"), stopp=f"{tjanst.bas}/inloggad")
            hem = k.get(str(slut.url.join(slut.headers["location"])))
            assert hem.status_code == 303 and hem.headers["location"] == "/", sida


def test_handelserna_for_omladdningen_stroms(tjanst: Tjanst) -> None:
    with klient() as k:
        assert k.get(f"{tjanst.bas}/__kvalitet/handelser").status_code == 401
        logga_in(k, tjanst, "sara")
        with k.stream("GET", f"{tjanst.bas}/__kvalitet/handelser") as strom:
            assert strom.status_code == 200
            assert strom.headers["content-type"].startswith("text/event-stream")
            forsta = next(strom.iter_text())
    assert forsta.startswith("event: version\ndata: ")
