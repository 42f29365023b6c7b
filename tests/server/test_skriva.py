"""Writing through ``kvalitet server`` as a logged-in person: a save with the session's CSRF
token (``X-Kvalitet-Token``) is written; without it, with a wrong one or another person's, from
a foreign Origin or to a foreign Host it is refused. The example's ``rapporter/behörigheter.yaml``
says who writes which unit (helena: rektor of bjorkbackaskolan; lars: administratör, all; sara:
läsare, none). Never a 500."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import httpx2
from serverhjalp import Tjanst, klient, logga_in, token_ur

ENHET = "bjorkbackaskolan"


def _inloggad(tjanst: Tjanst, vem: str) -> tuple[httpx2.Client, str]:
    k = klient()
    logga_in(k, tjanst, vem)
    sida = k.get(f"{tjanst.bas}/skriv/{ENHET}")
    assert sida.status_code == 200
    return k, token_ur(sida.text)


def _spara(
    k: httpx2.Client, tjanst: Tjanst, enhet: str, token: str | None, **huvuden: str
) -> tuple[httpx2.Response, dict[str, Any]]:
    oppnad = k.get(f"{tjanst.bas}/skriv/{enhet}/data").json()
    data = {**oppnad["data"], "namn": oppnad["data"]["namn"] + " ändrad"}
    rubriker = {"Content-Type": "application/json", **huvuden}
    if token is not None:
        rubriker["X-Kvalitet-Token"] = token
    svar = k.post(
        f"{tjanst.bas}/skriv/{enhet}/spara",
        json={"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
        headers=rubriker,
    )
    assert svar.status_code != 500, svar.text
    return svar, data


def _fil(tjanst: Tjanst, enhet: str) -> bytes:
    return (tjanst.projekt / "rapporter" / "2025-26" / f"{enhet}.yaml").read_bytes()


def test_sparning_med_sessionens_token_skrivs(tjanst: Tjanst) -> None:
    k, token = _inloggad(tjanst, "helena")
    with closing(k):
        svar, data = _spara(k, tjanst, ENHET, token)
    assert svar.status_code == 200, svar.text
    assert svar.json()["sparad"] is True
    assert data["namn"].encode() in _fil(tjanst, ENHET)


def test_sparning_utan_med_fel_eller_helenans_token_nekas(tjanst: Tjanst) -> None:
    k, _token = _inloggad(tjanst, "helena")
    helenan, helenans_token = _inloggad(tjanst, "lars")
    fore = _fil(tjanst, ENHET)
    with closing(k), closing(helenan):
        for fel in (None, "fel-token", helenans_token):
            svar, _ = _spara(k, tjanst, ENHET, fel)
            assert svar.status_code == 403, (fel, svar.text)
            assert "Ladda om sidan" in svar.json()["fel"]
    assert _fil(tjanst, ENHET) == fore


def test_sparning_utan_inloggning_nekas(tjanst: Tjanst) -> None:
    with klient() as k:
        svar = k.post(
            f"{tjanst.bas}/skriv/{ENHET}/spara",
            json={"data": {}, "version": ""},
            headers={"X-Kvalitet-Token": "x"},
        )
    assert svar.status_code == 401 and "inte inloggad" in svar.json()["fel"]


def test_frammande_origin_och_host_nekas(tjanst: Tjanst) -> None:
    k, token = _inloggad(tjanst, "helena")
    fore = _fil(tjanst, ENHET)
    with closing(k):
        svar, _ = _spara(k, tjanst, ENHET, token, Origin="http://angripare.example")
        assert svar.status_code == 421
        svar, _ = _spara(k, tjanst, ENHET, token, Origin="null")
        assert svar.status_code == 421
        vard = k.get(f"{tjanst.bas}/", headers={"Host": "angripare.example"})
        assert vard.status_code == 421 and "sin egen adress" in vard.text
    assert _fil(tjanst, ENHET) == fore


def test_skrivratten_ur_behorighetsfilen(tjanst: Tjanst) -> None:
    """sara reads but writes nothing; helena writes only her unit; lars (administratör) writes all."""
    sara, s_token = _inloggad(tjanst, "sara")
    helena, h_token = _inloggad(tjanst, "helena")
    lars, l_token = _inloggad(tjanst, "lars")
    with closing(sara), closing(helena), closing(lars):
        assert sara.get(f"{tjanst.bas}/skriv/alvmora-gymnasium").status_code == 200
        fore = _fil(tjanst, ENHET)
        svar, _ = _spara(sara, tjanst, ENHET, s_token)
        assert svar.status_code == 403 and "får inte skriva" in svar.json()["fel"]
        assert _fil(tjanst, ENHET) == fore
        # helena may not even read the other unit: its data and a save are both 403
        gymnasiet = _fil(tjanst, "alvmora-gymnasium")
        assert helena.get(f"{tjanst.bas}/skriv/alvmora-gymnasium/data").status_code == 403
        svar = helena.post(
            f"{tjanst.bas}/skriv/alvmora-gymnasium/spara",
            json={"data": {"namn": "x"}, "version": ""},
            headers={"X-Kvalitet-Token": h_token},
        )
        assert svar.status_code == 403 and "får inte läsa" in svar.json()["fel"]
        assert _fil(tjanst, "alvmora-gymnasium") == gymnasiet
        svar, data = _spara(lars, tjanst, "alvmora-gymnasium", l_token)
        assert svar.status_code == 200 and svar.json()["sparad"] is True
        assert data["namn"].encode() in _fil(tjanst, "alvmora-gymnasium")


def test_for_stor_kropp_och_trasig_json(tjanst: Tjanst) -> None:
    k, token = _inloggad(tjanst, "helena")
    rubriker = {"X-Kvalitet-Token": token, "Content-Type": "application/json"}
    with closing(k):
        trasig = k.post(f"{tjanst.bas}/skriv/{ENHET}/spara", content=b"{", headers=rubriker)
        assert trasig.status_code == 400 and "inte JSON" in trasig.json()["fel"]
        stor = k.post(
            f"{tjanst.bas}/skriv/{ENHET}/spara", content=b" " * (12 * 1024 * 1024), headers=rubriker
        )
        assert stor.status_code == 413


def test_bilder_pdf_och_statiska_filer(tjanst: Tjanst) -> None:
    k, _ = _inloggad(tjanst, "helena")
    with closing(k):
        bild = k.get(f"{tjanst.bas}/filer/rapporter/bilder/alvmora-logotyp.svg")
        assert bild.status_code == 200 and "sandbox" in bild.headers["content-security-policy"]
        assert k.get(f"{tjanst.bas}/statiskt/redigera.js").status_code == 200
        assert k.get(f"{tjanst.bas}/filer/../../etc/passwd").status_code == 404
        pdf = k.get(f"{tjanst.bas}/{ENHET}.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        word = k.get(f"{tjanst.bas}/{ENHET}.docx")
        assert word.status_code == 200 and word.content.startswith(b"PK")
        assert word.headers["content-type"].startswith("application/vnd.openxmlformats")
        assert f'href="/{ENHET}.docx">Hämta Word' in k.get(f"{tjanst.bas}/skriv/{ENHET}").text


def test_ny_enhet_kraver_skrivratt(tjanst: Tjanst) -> None:
    k, token = _inloggad(tjanst, "sara")
    with closing(k):
        svar = k.post(
            f"{tjanst.bas}/skriv/ny",
            json={"namn": "Nya skolan", "skolform": "grundskola"},
            headers={"X-Kvalitet-Token": token},
        )
    assert svar.status_code == 403 and "får inte skapa" in svar.json()["fel"]
    assert not (tjanst.projekt / "rapporter" / "2025-26" / "nya-skolan.yaml").exists()


def test_historik_per_text_och_aterstall_pa_servern(tjanst: Tjanst) -> None:
    """The history per text on the server: whoever may read sees it, only whoever may write
    restores, and the restore is a commit with the logged-in person as its author."""
    import json
    import subprocess
    from urllib.parse import quote

    sokvag = quote(json.dumps(["delaktighet", "övriga"]), safe="")
    k, token = _inloggad(tjanst, "helena")
    with closing(k):
        oppnad = k.get(f"{tjanst.bas}/skriv/{ENHET}/data").json()
        data = json.loads(json.dumps(oppnad["data"]))
        data["delaktighet"]["övriga"] = "Elevhälsoteamet och fritidshemmet har bidragit."
        svar = k.post(
            f"{tjanst.bas}/skriv/{ENHET}/spara",
            json={"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
            headers={"X-Kvalitet-Token": token},
        )
        assert svar.status_code == 200 and svar.json()["sparad"], svar.text
        historik = k.get(f"{tjanst.bas}/skriv/{ENHET}/historik/{sokvag}").json()
        assert historik["far_aterstalla"] is True
        senaste, aldre = historik["andringar"][0], historik["andringar"][-1]
        assert senaste["namn"] == "Helena Sandberg" and "fritidshemmet" in senaste["efter"]

    lasare, lasarens_token = _inloggad(tjanst, "sara")
    with closing(lasare):
        sedd = lasare.get(f"{tjanst.bas}/skriv/{ENHET}/historik/{sokvag}")
        assert sedd.status_code == 200 and sedd.json()["far_aterstalla"] is False
        assert sedd.json()["andringar"][0]["commit"] == senaste["commit"]
        nekad = lasare.post(
            f"{tjanst.bas}/skriv/{ENHET}/aterstall",
            json={"sokvag": ["delaktighet", "övriga"], "commit": aldre["commit"]},
            headers={"X-Kvalitet-Token": lasarens_token},
        )
        assert nekad.status_code == 403, nekad.text
    assert b"fritidshemmet har bidragit" in _fil(tjanst, ENHET)

    admin, admintoken = _inloggad(tjanst, "lars")
    with closing(admin):
        svar = admin.post(
            f"{tjanst.bas}/skriv/{ENHET}/aterstall",
            json={"sokvag": ["delaktighet", "övriga"], "commit": aldre["commit"]},
            headers={"X-Kvalitet-Token": admintoken},
        )
        assert svar.status_code == 200 and svar.json()["sparad"], svar.text
    assert b"fritidshemmet har bidragit" not in _fil(tjanst, ENHET)
    logg = subprocess.run(
        ["git", "log", "-1", "--format=%an|%s", "--", f"rapporter/2025-26/{ENHET}.yaml"],
        cwd=tjanst.projekt,
        capture_output=True,
        text=True,
    ).stdout
    assert logg.startswith("Lars Holm|bjorkbackaskolan: återställt delaktighet › övriga"), logg
