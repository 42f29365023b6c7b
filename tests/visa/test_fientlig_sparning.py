"""The save endpoint under hostile input (issue 24 point 9): lone surrogates, bad and deep
JSON, too large bodies, two files with one id, and one slow save never holding up another
unit's save."""

from __future__ import annotations

import copy
import http.client
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import kakor

from kvalitet.visa.jsonkropp import djup

ENHET = "bjorkbackaskolan"


def _post(bas: str, token: str, sokvag: str, kropp: bytes, timeout: float = 60) -> tuple[int, Any]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=timeout)
    huvud = {**kakor(int(port)), "Content-Type": "application/json", "X-Kvalitet-Token": token}
    anslutning.request("POST", sokvag, body=kropp, headers=huvud)
    svar = anslutning.getresponse()
    text = svar.read()
    try:
        return svar.status, json.loads(text)
    except ValueError:
        return svar.status, text.decode("utf-8", "replace")


def _get(bas: str, sokvag: str) -> tuple[int, Any]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    anslutning.request("GET", sokvag, headers=kakor(int(port)))
    svar = anslutning.getresponse()
    text = svar.read()
    try:
        return svar.status, json.loads(text)
    except ValueError:
        return svar.status, text.decode("utf-8", "replace")


def _oppna(bas: str, enhet: str = ENHET) -> dict[str, Any]:
    kod, svar = _get(bas, f"/skriv/{enhet}/data")
    assert kod == 200, svar
    return svar  # type: ignore[no-any-return]


def _fil(projekt: Path, enhet: str = ENHET) -> Path:
    return projekt / "rapporter" / "2025-26" / f"{enhet}.yaml"


@pytest.mark.parametrize(
    ("var", "falt"),
    [
        (("namn",), "namn"),
        (("ansvarig", "namn"), "ansvarig → namn"),
        (("sammanfattning",), "sammanfattning"),
    ],
)
def test_ensam_surrogat_ger_400_med_faltet(redigerare, var: tuple[str, ...], falt: str) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    fore = _fil(projekt).read_bytes()
    oppnad = _oppna(bas)
    data = copy.deepcopy(oppnad["data"])
    nod = data
    for steg in var[:-1]:
        nod = nod[steg]
    nod[var[-1]] = "Resurs\ud800centrum"
    kropp = json.dumps({"data": data, "version": oppnad["version"], "bas": oppnad["data"]})
    assert "\\ud800" in kropp
    kod, svar = _post(bas, token, f"/skriv/{ENHET}/spara", kropp.encode())
    assert kod == 400, svar
    assert svar["fel"].startswith(f"Fältet '{falt}' innehåller") and "surrogat" in svar["fel"]
    assert _fil(projekt).read_bytes() == fore


def test_ensam_surrogat_i_nyckel_status_och_ny_enhet(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    oppnad = _oppna(bas)
    data = copy.deepcopy(oppnad["data"])
    data["ny\udfff"] = "x"
    for sokvag, kropp in (
        (f"/skriv/{ENHET}/spara", {"data": data, "version": oppnad["version"]}),
        (f"/skriv/{ENHET}/status", {"status": "klar\ud800", "version": oppnad["version"]}),
        ("/skriv/ny", {"namn": "Skola\ud83d", "skolform": "grundskola"}),
        ("/skriv/markdown", {"text": "a\ud800"}),
    ):
        kod, svar = _post(bas, token, sokvag, json.dumps(kropp).encode())
        assert kod == 400 and "surrogat" in svar["fel"], (sokvag, kod, svar)
    assert not (projekt / "rapporter" / "2025-26" / "skola.yaml").exists()


@pytest.mark.parametrize(
    "kropp",
    [
        b"{",
        b'{"data": }',
        b"\xff\xfe{}",
        b"[1, 2]",
        b'{"data": {"utfall": NaN}, "version": "x"}',
        b'{"data": ' + b"[" * 10000 + b"]" * 10000 + b', "version": "x"}',
        b'{"data": ' + b'{"a":' * 10000 + b"1" + b"}" * 10000 + b"}",
    ],
    ids=["avbruten", "fel", "inte-utf8", "lista", "nan", "djup-lista", "djup-mappning"],
)
def test_trasig_eller_djup_json_ger_400(redigerare, kropp: bytes) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    fore = _fil(projekt).read_bytes()
    kod, svar = _post(bas, visning.redigering.session.token, f"/skriv/{ENHET}/spara", kropp)
    assert kod == 400, svar
    assert isinstance(svar, dict) and "oväntat" not in svar["fel"] and "Error" not in svar["fel"]
    assert _fil(projekt).read_bytes() == fore


def test_djup_raknas_utanfor_strangar() -> None:
    assert djup(b'{"a": "[[[[{{{{", "b": [[1]]}') == 3
    assert djup(b'{"a": "\\"[[[", "b": {}}') == 2


def test_for_stor_kropp_ger_413(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    anslutning.putrequest("POST", f"/skriv/{ENHET}/spara")
    for namn, varde in (
        ("Content-Type", "application/json"),
        ("X-Kvalitet-Token", visning.redigering.session.token),
        ("Content-Length", str(5 * 1024 * 1024 + 1)),
        *kakor(int(port)).items(),
    ):
        anslutning.putheader(namn, varde)
    anslutning.endheaders()  # the body is never sent: the answer comes before it is read
    svar = anslutning.getresponse()
    assert svar.status == 413 and "för stort" in json.loads(svar.read())["fel"]


def test_tva_filer_med_samma_id_vagras(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    oppnad = _oppna(bas)
    kopia = projekt / "rapporter" / "2025-26" / "kopior" / f"{ENHET}.yaml"
    kopia.parent.mkdir()
    kopia.write_bytes(_fil(projekt).read_bytes())
    fore = _fil(projekt).read_bytes()
    for sokvag in (f"/skriv/{ENHET}", f"/skriv/{ENHET}/data"):
        kod, svar = _get(bas, sokvag)
        assert kod in (404, 409) and "finns i flera filer" in str(svar), (sokvag, kod)
    data = copy.deepcopy(oppnad["data"])
    data["område"] = "Område Söder"
    kod, svar = _post(
        bas,
        visning.redigering.session.token,
        f"/skriv/{ENHET}/spara",
        json.dumps({"data": data, "version": oppnad["version"]}).encode(),
    )
    assert kod == 400 and "finns i flera filer" in svar["fel"]
    assert "rapporter/2025-26/kopior/bjorkbackaskolan.yaml" in svar["fel"]
    assert _fil(projekt).read_bytes() == fore and kopia.read_bytes() == fore


def test_en_langsam_sparning_later_inte_en_annan_enhet_vanta(  # type: ignore[no-untyped-def]
    redigerare, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kvalitet.kalla.rundtur import Rundtur

    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    inne, slapp = threading.Event(), threading.Event()
    original = Rundtur.uppdatera

    def uppdatera(self: Rundtur, data: Any) -> None:
        if isinstance(data, dict) and data.get("område") == "Långsamt":
            inne.set()
            slapp.wait(30)
        original(self, data)

    monkeypatch.setattr(Rundtur, "uppdatera", uppdatera)
    a, b = _oppna(bas), _oppna(bas, "alvmora-gymnasium")
    data_a = {**copy.deepcopy(a["data"]), "område": "Långsamt"}
    data_b = {**copy.deepcopy(b["data"]), "område": "Snabbt"}
    svar_a: list[Any] = []
    trad = threading.Thread(
        target=lambda: svar_a.append(
            _post(
                bas,
                token,
                f"/skriv/{ENHET}/spara",
                json.dumps({"data": data_a, "version": a["version"]}).encode(),
            )
        )
    )
    trad.start()
    try:
        assert inne.wait(30)
        borjan = time.monotonic()
        kod, svar = _post(
            bas,
            token,
            "/skriv/alvmora-gymnasium/spara",
            json.dumps({"data": data_b, "version": b["version"]}).encode(),
            timeout=20,
        )
        assert kod == 200 and svar["sparad"] is True
        assert time.monotonic() - borjan < 15 and not slapp.is_set()
    finally:
        slapp.set()
        trad.join()
    assert svar_a[0][0] == 200 and svar_a[0][1]["sparad"] is True
    assert "område: Långsamt" in _fil(projekt).read_text(encoding="utf-8")


def test_lankad_kvalitetsmapp_vagras_for_sparning_och_angra(  # type: ignore[no-untyped-def]
    redigerare, tmp_path_factory: pytest.TempPathFactory
) -> None:
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    oppnad = _oppna(bas)
    utanfor = tmp_path_factory.mktemp("utanfor")
    (projekt / "ut").mkdir(exist_ok=True)
    (projekt / "ut" / ".kvalitet").symlink_to(utanfor, target_is_directory=True)
    fore = _fil(projekt).read_bytes()
    data = {**copy.deepcopy(oppnad["data"]), "område": "Område Söder"}
    for sokvag, kropp in (
        (f"/skriv/{ENHET}/spara", {"data": data, "version": oppnad["version"]}),
        (f"/skriv/{ENHET}/angra", {"version": oppnad["version"]}),
    ):
        kod, svar = _post(bas, token, sokvag, json.dumps(kropp).encode())
        assert kod == 400 and "symbolisk länk" in svar["fel"], (sokvag, svar)
    assert _fil(projekt).read_bytes() == fore and not any(utanfor.rglob("*"))
