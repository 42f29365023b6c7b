"""Login through the real OIDC provider, end to end over HTTP against ``kvalitet server``."""

from __future__ import annotations

from serverhjalp import Tjanst, klient, logga_in, token_ur


def test_halsa_svarar_json_utan_inloggning(tjanst: Tjanst) -> None:
    with klient() as k:
        svar = k.get(f"{tjanst.bas}/halsa")
    assert svar.status_code == 200
    assert svar.json()["status"] == "ok"


def test_inloggning_hela_vagen_startsidan_och_editorn(tjanst: Tjanst) -> None:
    with klient() as k:
        forst = k.get(f"{tjanst.bas}/")
        assert forst.status_code == 303 and forst.headers["location"].startswith("/logga-in")
        start = logga_in(k, tjanst, "anna")
        assert "Förhandsvisning" in start.text and "bjorkbackaskolan" in start.text
        editorn = k.get(f"{tjanst.bas}/skriv/bjorkbackaskolan")
        assert editorn.status_code == 200
        assert token_ur(editorn.text)
