"""The editor's hostile catalogue (Host, CSRF, paths, bodies, uploads) re-run against
``kvalitet server`` with a logged-in person who may write every unit: all refused with a
Swedish answer, the file untouched, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing

import httpx2
import pytest
from serverhjalp import Tjanst, klient, logga_in, token_ur

ENHET = "bjorkbackaskolan"


@pytest.fixture(scope="module")
def inloggad(tjanst: Tjanst) -> Iterator[tuple[httpx2.Client, str]]:
    k = klient()
    with closing(k):
        logga_in(k, tjanst, "lars")
        yield k, token_ur(k.get(f"{tjanst.bas}/skriv/{ENHET}").text)


def _fil(tjanst: Tjanst) -> bytes:
    return (tjanst.projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml").read_bytes()


def _post(
    k: httpx2.Client, tjanst: Tjanst, sokvag: str, kropp: bytes, **huvuden: str
) -> httpx2.Response:
    svar = k.post(f"{tjanst.bas}{sokvag}", content=kropp, headers=huvuden)
    assert svar.status_code != 500, svar.text
    return svar


@pytest.mark.parametrize(
    ("kropp", "text"),
    [
        (b'{"data": {"namn": "\\ud800"}, "version": "x"}', "surrogathalva"),
        (b"{", "inte JSON"),
        (b"[" * 200 + b"]" * 200, "nästlat djupare"),
        (b'{"data": NaN}', "inte är ett tal"),
        ('{"data": "\xff"}'.encode("latin-1"), "inte UTF-8"),
        (b"[]", "inget JSON-objekt"),
    ],
)
def test_trasiga_kroppar_ger_400_pa_svenska(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str], kropp: bytes, text: str
) -> None:
    k, token = inloggad
    fore = _fil(tjanst)
    svar = _post(
        k,
        tjanst,
        f"/skriv/{ENHET}/spara",
        kropp,
        **{"X-Kvalitet-Token": token, "Content-Type": "application/json"},
    )
    assert svar.status_code == 400 and text in svar.json()["fel"], svar.text
    assert _fil(tjanst) == fore


def test_formular_fran_annan_sida_utan_token_nekas(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str]
) -> None:
    """A cross-site form can send the Lax cookie on no POST, and never the token header."""
    k, _ = inloggad
    fore = _fil(tjanst)
    for typ in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        svar = _post(k, tjanst, f"/skriv/{ENHET}/spara", b'{"data": {}}', **{"Content-Type": typ})
        assert svar.status_code == 403
    assert _fil(tjanst) == fore


@pytest.mark.parametrize(
    "sokvag",
    [
        "/filer/..%2f..%2f..%2fetc%2fpasswd",
        "/filer/%2e%2e/%2e%2e/etc/passwd",
        "/filer/%252e%252e/%252e%252e/etc/passwd",
        "/filer/rapporter/2025-26/bjorkbackaskolan.yaml",
        "/filer/.git/config",
        "/statiskt/..%2f..%2fserver.py",
        "/statiskt/nope.js",
        "/skriv/..%2f..%2fetc%2fpasswd/data",
        "/skriv/%00/data",
        "/..%2f..%2fetc%2fpasswd.html",
        "/" + "a" * 5000 + ".html",
    ],
)
def test_sokvagar_utanfor_ger_inget(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str], sokvag: str
) -> None:
    k, _ = inloggad
    svar = k.get(f"{tjanst.bas}{sokvag}")
    assert svar.status_code in (400, 404, 409), (sokvag, svar.status_code)
    assert "root:" not in svar.text and "[core]" not in svar.text


@pytest.mark.parametrize(
    "sokvag", ["/skriv/..%2f..%2fetc%2fpasswd/spara", "/skriv/ingen-sadan/spara", "/annat"]
)
def test_skrivningar_till_fel_stalle_nekas(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str], sokvag: str
) -> None:
    k, token = inloggad
    kropp = json.dumps({"data": {"namn": "x"}, "version": "x"}).encode()
    svar = _post(
        k, tjanst, sokvag, kropp, **{"X-Kvalitet-Token": token, "Content-Type": "application/json"}
    )
    assert svar.status_code in (400, 404) and svar.json()["fel"]


def test_uppladdning_som_inte_ar_en_bild_nekas(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str]
) -> None:
    k, token = inloggad
    bilder = tjanst.projekt / "rapporter" / "bilder"
    fore = sorted(p.name for p in bilder.iterdir())
    for namn, kropp in (
        ("text.txt", b"hej"),
        ("../../ut.png", b"\x89PNG\r\n\x1a\n" + b"x" * 20),
        ("exe.png", b"MZ\x90\x00"),
    ):
        svar = _post(
            k,
            tjanst,
            f"/skriv/{ENHET}/bild",
            kropp,
            **{"X-Kvalitet-Token": token, "X-Filnamn": namn, "Content-Type": "image/png"},
        )
        assert svar.status_code == 400, (namn, svar.text)
    assert sorted(p.name for p in bilder.iterdir()) == fore


@pytest.mark.parametrize(
    "vard", ["localhost:{port}", "127.0.0.1", "127.0.0.1:{port}.angripare.example", "[::1]:{port}"]
)
def test_andra_namn_pa_servern_ger_421(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str], vard: str
) -> None:
    k, _ = inloggad
    port = tjanst.bas.rsplit(":", 1)[1]
    svar = k.get(f"{tjanst.bas}/", headers={"Host": vard.format(port=port)})
    assert svar.status_code == 421


@pytest.mark.parametrize("metod", ["PUT", "DELETE", "PATCH"])
def test_andra_metoder_ger_405(
    tjanst: Tjanst, inloggad: tuple[httpx2.Client, str], metod: str
) -> None:
    k, _ = inloggad
    assert k.request(metod, f"{tjanst.bas}/skriv/{ENHET}/spara").status_code == 405
