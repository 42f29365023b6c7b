"""Issue 25.9 and 25.7 over real HTTP to a running editor server: a local process without the
login link's cookie reads and writes nothing, the one-time link works once, and a new unit
cannot smuggle lines into its file or take a reserved file name (editor and CLI)."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import inloggningslank, kakhuvud

from kvalitet.cli import kvalitet


def _begaran(
    bas: str,
    metod: str,
    sokvag: str,
    kropp: bytes | None = None,
    huvud: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=30)
    anslutning.request(
        metod, sokvag, body=kropp, headers={"Host": f"127.0.0.1:{port}", **(huvud or {})}
    )
    svar = anslutning.getresponse()
    data = svar.read() if "event-stream" not in (svar.getheader("Content-Type") or "") else b""
    return svar.status, {k.lower(): v for k, v in svar.getheaders()}, data


def test_lokal_process_utan_lanken_far_varken_token_eller_skriva(redigerare: Any) -> None:
    """The case as written: GET /skriv/ny with Host: 127.0.0.1:PORT gave the token in a meta."""
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    for sokvag in ("/skriv/ny", "/", "/bjorkbackaskolan.html", "/skriv/bjorkbackaskolan",
                   "/skriv/bjorkbackaskolan/data", "/skriv/formular.json",
                   "/skriv/bjorkbackaskolan/formular.json", "/statiskt/redigera.js",
                   "/filer/rapporter/bilder/alvmora-logotyp.svg", "/__kvalitet/handelser",
                   "/sammanstallning.html"):  # fmt: skip
        kod, _, data = _begaran(bas, "GET", sokvag)
        assert kod == 401, (sokvag, kod)
        assert token.encode() not in data and b"Bj\xc3\xb6rkbacka" not in data, sokvag
        if sokvag != "/__kvalitet/handelser":
            text = data.decode("utf-8")
            assert "Öppna länken som kvalitet skriv skrev ut i terminalen" in text, sokvag
            assert "<main>" in text
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    fore = fil.read_bytes()
    oppnad = visning.redigering.oppna("bjorkbackaskolan")
    kropp = json.dumps({"data": {**oppnad["data"], "namn": "Kapad"}, "version": oppnad["version"]})
    huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": token}
    kod, _, data = _begaran(bas, "POST", "/skriv/bjorkbackaskolan/spara", kropp.encode(), huvud)
    assert kod == 401 and "Öppna länken" in json.loads(data)["fel"]
    kod, _, _ = _begaran(bas, "POST", "/skriv/ny", b'{"namn": "X", "skolform": "annan"}', huvud)
    assert kod == 401 and fil.read_bytes() == fore
    assert not (projekt / "rapporter" / "2025-26" / "x.yaml").exists()
    # a cookie that is not the session's is no better
    fel_kaka = {"Cookie": f"kvalitet-{bas.rsplit(':', 1)[1]}=gissad"}
    assert _begaran(bas, "GET", "/skriv/ny", huvud=fel_kaka)[0] == 401


def test_engangslanken_ger_kakan_en_gang(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    lank = inloggningslank(visning, sida="skriv/bjorkbackaskolan")
    sokvag = lank.removeprefix(bas)
    assert _begaran(bas, "HEAD", sokvag)[0] == 405  # a link preview does not use up the link
    kod, huvud, _ = _begaran(bas, "GET", sokvag)
    assert kod == 303 and huvud["location"] == "/skriv/bjorkbackaskolan"
    kaka = huvud["set-cookie"]
    assert "HttpOnly" in kaka and "SameSite=Strict" in kaka and "Path=/" in kaka
    namn, varde = kaka.split(";", 1)[0].split("=", 1)
    assert varde == visning.redigering.session.kaka
    # the same link again, without the cookie: refused
    kod, huvud, data = _begaran(bas, "GET", sokvag)
    assert kod == 403 and "set-cookie" not in huvud and "redan använts" in data.decode()
    # with the cookie: every page, and the writes with the token from the page
    med = {"Cookie": f"{namn}={varde}"}
    kod, _, data = _begaran(bas, "GET", "/skriv/ny", huvud=med)
    assert kod == 200 and visning.redigering.session.token.encode() in data
    kropp = json.dumps({"namn": "Lövängsskolan", "skolform": "grundskola"}).encode()
    post = {**med, "Content-Type": "application/json"}
    kod, _, data = _begaran(bas, "POST", "/skriv/ny", kropp, post)
    assert kod == 403  # the cookie alone does not write: the page's token is needed too
    post["X-Kvalitet-Token"] = visning.redigering.session.token
    kod, _, data = _begaran(bas, "POST", "/skriv/ny", kropp, post)
    assert kod == 200, data
    assert (projekt / "rapporter" / "2025-26" / "lovangsskolan.yaml").is_file()


@pytest.mark.parametrize(
    "sida", ["//angripare.example/", "\\\\angripare.example", "http://a.example"]
)
def test_inloggningen_leder_bara_till_egna_sidor(redigerare: Any, sida: str) -> None:
    bas, _, visning = redigerare
    kod, huvud, _ = _begaran(bas, "GET", inloggningslank(visning, sida=sida).removeprefix(bas))
    assert kod == 303 and huvud["location"] == "/"


def test_lanken_loggar_in_en_riktig_webblasare(redigerare: Any, webblasare: Any) -> None:
    from playwright.sync_api import expect

    bas, _, visning = redigerare
    sammanhang = webblasare.utan_inloggning().new_context()
    sida = sammanhang.new_page()
    sida.goto(bas + "/skriv/bjorkbackaskolan")
    assert "Öppna länken som kvalitet skriv skrev ut" in sida.content()
    sida.goto(inloggningslank(visning, sida="skriv/bjorkbackaskolan"))
    assert sida.url == bas + "/skriv/bjorkbackaskolan"
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)
    assert sida.evaluate("document.cookie") == ""  # HttpOnly: no script reads it
    annan = webblasare.utan_inloggning().new_context().new_page()
    annan.goto(inloggningslank(visning, sida="skriv/bjorkbackaskolan"))
    assert "redan använts" in annan.content()
    sammanhang.close()


def test_kor_skriver_ut_och_oppnar_inloggningslanken(projekt: Path) -> None:
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.visa.server import kor

    utskrift: list[str] = []
    oppnade: list[str] = []

    def oppna(lank: str) -> None:
        oppnade.append(lank)
        raise KeyboardInterrupt  # stop at once, as Ctrl-C

    kor(hitta_projekt(projekt), 0, utskrift.append, "skriv/ny", oppna)
    assert len(oppnade) == 1 and "/__kvalitet/inloggning?nyckel=" in oppnade[0]
    assert oppnade[0].endswith("&sida=skriv/ny") and oppnade[0] in utskrift[0]


# ------------------------------------------------------------------ 25.7 new units


def _ny(bas: str, visning: Any, namn: str, skolform: str) -> tuple[int, dict[str, Any]]:
    huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": visning.redigering.session.token,
             **kakhuvud(visning)}  # fmt: skip
    kropp = json.dumps({"namn": namn, "skolform": skolform}).encode()
    kod, _, data = _begaran(bas, "POST", "/skriv/ny", kropp, huvud)
    return kod, json.loads(data)


def test_ny_enhet_smugglar_inga_rader(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    mapp = projekt / "rapporter" / "2025-26"
    fore = sorted(f.name for f in mapp.iterdir())
    kod, svar = _ny(bas, visning, "Smugglarskolan", "grundskola\nstatus: godkänd\nperiod: 1999")
    assert kod == 400 and "skolformen" in svar["fel"].lower() and "grundskola" in svar["fel"], svar
    for namn in ("x" * 500, "Ek\x00backa", "Ek\x1bbacka"):
        kod, svar = _ny(bas, visning, namn, "grundskola")
        assert kod == 400 and "namn" in svar["fel"], (namn, svar)
    assert sorted(f.name for f in mapp.iterdir()) == fore
    # a line break in the name: the form makes it one line (a space), and nothing more is written
    kod, svar = _ny(bas, visning, "Ekbacka\nstatus: godkänd\u2028period: 1999", "grundskola")
    assert kod == 200, svar
    rader = (mapp / f"{svar['enhet']}.yaml").read_text(encoding="utf-8").splitlines()
    assert [r for r in rader if r.startswith(("status:", "period:"))] == [
        "period: 2025/26",
        "status: utkast  # utkast, klar eller godkänd",
    ]


def test_ny_enhet_far_inte_heta_som_huvudmannens_rapport(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    mapp = projekt / "rapporter" / "2025-26"
    (mapp / "huvudmannens-rapport.yaml").unlink()  # so only the reservation can refuse it
    for namn in ("Huvudmannens rapport", "Huvudman", "Behörigheter", "Sammanställning", "Index"):
        kod, svar = _ny(bas, visning, namn, "grundskola")
        assert kod == 400 and "reserverad" in svar["fel"], (namn, svar)
    assert not (mapp / "huvudmannens-rapport.yaml").exists()


@pytest.mark.parametrize("enhets_id", ["huvudmannens-rapport", "huvudman", "behorigheter"])
def test_ny_enhet_i_cli_vagrar_reserverade_namn(projekt: Path, runner: Any, enhets_id: str) -> None:
    mapp = projekt / "rapporter" / "2025-26"
    (mapp / "huvudmannens-rapport.yaml").unlink()
    fore = sorted(f.name for f in mapp.iterdir())
    res = runner.invoke(
        kvalitet,
        ["ny", "enhet", enhets_id, "--namn", "Huvudmannens rapport", "--skolform", "grundskola"],
    )
    assert res.exit_code != 0 and "reserverat" in res.output, res.output
    assert "Traceback" not in res.output
    assert sorted(f.name for f in mapp.iterdir()) == fore


def test_ny_enhet_i_koden_kontrollerar_varje_falt(projekt: Path) -> None:
    from kvalitet.grund.problem import KvalitetError
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.ny.skapa import ny_enhet

    proj = hitta_projekt(projekt)
    for enhets_id, namn, skolform in (
        ("ok", "Ok", "grundskola\nstatus: godkänd"),
        ("ok", "Ok\nstatus: godkänd", "grundskola"),
        ("huvudmannens-rapport", "Huvudmannens rapport", "grundskola"),
        ("ok\nx", "Ok", "grundskola"),
    ):
        with pytest.raises(KvalitetError):
            ny_enhet(proj, enhets_id, namn, skolform, None)
    assert not (projekt / "rapporter" / "2025-26" / "ok.yaml").exists()
