"""The save protocol over real HTTP (``/skriv/<id>/spara``, ``status``, ``angra``): two pages,
outside writes, three-way merge, conflicts per field, undo through the same check."""

from __future__ import annotations

import copy
import http.client
import json
from pathlib import Path
from typing import Any

from conftest import kakor

ENHET = "bjorkbackaskolan"


class Sida:
    """One browser tab: its version, its base and its document."""

    def __init__(self, bas: str, token: str) -> None:
        self.url, self.token = bas, token
        svar = self.begaran("GET", f"/skriv/{ENHET}/data")[1]
        self.version, self.bas = svar["version"], svar["data"]
        self.data = copy.deepcopy(svar["data"])
        self.svar = svar

    def begaran(self, metod: str, sokvag: str, kropp: Any = None) -> tuple[int, dict[str, Any]]:
        ip, port = self.url.removeprefix("http://").split(":")
        anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
        data = None if kropp is None else json.dumps(kropp).encode()
        huvud = {
            **kakor(int(port)),
            "Content-Type": "application/json",
            "X-Kvalitet-Token": self.token,
        }
        anslutning.request(metod, sokvag, body=data, headers=huvud)
        svar = anslutning.getresponse()
        return svar.status, json.loads(svar.read())

    def spara(self, **extra: Any) -> dict[str, Any]:
        kropp = {"data": self.data, "version": self.version, "bas": self.bas, **extra}
        kod, svar = self.begaran("POST", f"/skriv/{ENHET}/spara", kropp)
        assert kod == 200, svar
        if svar.get("sparad") is not False or "konflikt" not in svar:
            self.bas = svar.get("data", self.data)  # older servers did not answer the data
            self.version, self.data = svar["version"], copy.deepcopy(self.bas)
        return svar


def _fil(projekt: Path) -> Path:
    return projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml"


def test_data_har_andrad(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    sida = Sida(bas, visning.redigering.session.token)
    assert sida.svar["andrad"][:2] == "20" and "T" in sida.svar["andrad"]
    assert sida.svar["andrad"][-6] in "+-"


def test_tva_flikar_olika_falt_bada_behalls(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    a, b = Sida(bas, token), Sida(bas, token)
    a.data["ansvarig"]["namn"] = "Kim Rektorsson"
    assert a.spara()["sparad"] is True
    b.data["område"] = "Område Söder"
    svar = b.spara()
    assert svar["sparad"] is True and ["ansvarig", "namn"] in svar["sammanfogat"]
    assert svar["data"]["ansvarig"]["namn"] == "Kim Rektorsson"
    text = _fil(projekt).read_text(encoding="utf-8")
    assert "namn: Kim Rektorsson" in text and "område: Område Söder" in text


def test_utifran_kommentarer_och_format_behalls_vid_sammanfogning(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    sida = Sida(bas, visning.redigering.session.token)
    fil = _fil(projekt)
    text = fil.read_text(encoding="utf-8")
    text = text.replace("  roll: rektor\n", "  roll: rektor  # skrivet i VS Code\n")
    text = text.replace("namn: Helena Sandberg", "namn: 'Helena Sandberg-Ek'")
    fil.write_text(text, encoding="utf-8")
    sida.data["område"] = "Område Väst"
    svar = sida.spara()
    assert svar["sparad"] is True and svar["sammanfogat"] == [["ansvarig", "namn"]]
    efter = fil.read_text(encoding="utf-8")
    assert efter == text.replace("område: Område Norr", "område: Område Väst")


def test_samma_falt_ger_konflikt_per_falt_och_skriver_inget(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    a, b = Sida(bas, token), Sida(bas, token)
    a.data["område"] = "Område A"
    a.data["namn"] = "Björkbackaskolan F–9"
    a.spara()
    fore = _fil(projekt).read_bytes()
    b.data["område"] = "Område B"
    b.data["ansvarig"]["roll"] = "biträdande rektor"
    svar = b.spara()
    assert svar["sparad"] is False and _fil(projekt).read_bytes() == fore
    k = svar["konflikt"]
    assert k["falt"] == [
        {"sokvag": ["område"], "bas": "Område Norr", "min": "Område B", "deras": "Område A"}
    ]
    assert k["deras"]["område"] == "Område A" and k["sammanfogat"]["område"] == "Område A"
    assert k["sammanfogat"]["ansvarig"]["roll"] == "biträdande rektor"  # mine kept
    assert k["sammanfogat"]["namn"] == "Björkbackaskolan F–9"  # theirs taken
    assert "Område B" in (projekt / k["din_kopia"]).read_text(encoding="utf-8")
    # the person combines both texts; the client saves the merge on the file's version
    b.data = copy.deepcopy(k["sammanfogat"])
    b.data["område"] = "Område A och B"
    b.version, b.bas = k["version"], k["deras"]
    svar = b.spara()
    assert svar["sparad"] is True and svar["sammanfogat"] == []
    text = _fil(projekt).read_text(encoding="utf-8")
    assert "område: Område A och B" in text and "roll: biträdande rektor" in text
    assert "namn: Björkbackaskolan F–9" in text


def test_aldre_sida_utan_bas_far_konflikt(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    a, b = Sida(bas, token), Sida(bas, token)
    a.data["område"] = "Område A"
    a.spara()
    b.data["ansvarig"]["roll"] = "förstelärare"
    kod, svar = b.begaran("POST", f"/skriv/{ENHET}/spara", {"data": b.data, "version": b.version})
    assert kod == 200 and svar["sparad"] is False
    assert {"sokvag": ["område"], "bas": None, "min": "Område Norr", "deras": "Område A"} in svar[
        "konflikt"
    ]["falt"]
    assert "roll: förstelärare" not in _fil(projekt).read_text(encoding="utf-8")


def test_status_sammanfogas(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    a, b = Sida(bas, token), Sida(bas, token)
    a.data["område"] = "Område A"
    a.spara()
    kod, svar = b.begaran(
        "POST",
        f"/skriv/{ENHET}/status",
        {"status": "utkast", "version": b.version, "bas": b.bas},
    )
    assert kod == 200 and svar["sparad"] is True and svar["status"] == "utkast"
    text = _fil(projekt).read_text(encoding="utf-8")
    assert "status: utkast" in text and "område: Område A" in text


def test_angra_den_egna_sparningen(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    fil = _fil(projekt)
    original = fil.read_bytes()
    sida = Sida(bas, visning.redigering.session.token)
    sida.data["område"] = "Område Ett"
    sida.spara()
    sida.data["område"] = "Område Två"
    sida.spara()
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {"version": sida.version})
    assert kod == 200 and svar["angrad"] is True and svar["data"]["område"] == "Område Ett"
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {"version": svar["version"]})
    assert kod == 200 and fil.read_bytes() == original
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {"version": svar["version"]})
    assert kod == 400 and "ingen sparning" in svar["fel"]
    assert fil.read_bytes() == original


def test_angra_efter_utifran_andring_behaller_den(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    fil = _fil(projekt)
    sida = Sida(bas, visning.redigering.session.token)
    sida.data["område"] = "Område Ett"
    sida.spara()
    fil.write_text(fil.read_text(encoding="utf-8").replace("roll: rektor", "roll: utifrån"))
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {"version": sida.version})
    assert kod == 200 and svar.get("sparad") is True, svar
    text = fil.read_text(encoding="utf-8")
    assert "roll: utifrån" in text and "område: Område Norr" in text


def test_angra_efter_konflikt_skriver_inte_over_utifran(redigerare) -> None:  # type: ignore[no-untyped-def]
    """Issue 24: "Ångra senaste sparning" after a conflict wrote the rejected copy over the
    outside change."""
    bas, projekt, visning = redigerare
    fil = _fil(projekt)
    sida = Sida(bas, visning.redigering.session.token)
    sida.data["område"] = "Område Ett"
    sida.spara()
    utifran = fil.read_text(encoding="utf-8").replace("område: Område Ett", "område: Utifrån")
    fil.write_text(utifran, encoding="utf-8")
    sida.data["område"] = "Område Min"
    svar = sida.spara()
    assert svar["sparad"] is False and "konflikt" in svar
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {"version": sida.version})
    text = fil.read_text(encoding="utf-8")
    assert "område: Utifrån" in text or ("konflikt" in svar and text == utifran), (kod, svar)
    assert "Område Min" not in text
    # an older page sends no version: nothing of its own to undo, the file stays
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/angra", {})
    assert fil.read_text(encoding="utf-8") == utifran


def test_en_tom_fil_mitt_i_en_utifran_skrivning_ger_503_och_skriver_inget(redigerare) -> None:  # type: ignore[no-untyped-def]
    """A text editor that has emptied the file and not yet written it: the save is answered
    503 (the page tries again), nothing is written, and the retry after the editor's write
    merges both."""
    bas, projekt, visning = redigerare
    sida = Sida(bas, visning.redigering.session.token)
    fil = _fil(projekt)
    hel = fil.read_text(encoding="utf-8")
    fil.write_bytes(b"")
    sida.data["område"] = "Område Söder"
    kropp = {"data": sida.data, "version": sida.version, "bas": sida.bas}
    kod, svar = sida.begaran("POST", f"/skriv/{ENHET}/spara", kropp)
    assert kod == 503, svar
    assert svar["fel"].startswith("Enhetens fil är tom just nu") and "finns kvar" in svar["fel"]
    assert fil.read_bytes() == b""
    fil.write_text(hel.replace("  namn: Helena Sandberg", "  namn: Utifrån"), encoding="utf-8")
    svar = sida.spara()
    assert svar["sparad"] is True and svar["data"]["ansvarig"]["namn"] == "Utifrån"
    assert "Område Söder" in fil.read_text(encoding="utf-8")
