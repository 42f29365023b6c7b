"""The huvudman's files and the rights file edited as text on ``kvalitet server``
(``/redigera/…``), logged in through the real provider with the example's
``rapporter/behörigheter.yaml`` (karin: granskare and huvudmannens redaktör; lars:
administratör; helena: rektor; sara: läsare). A save is checked as ``kontrollera`` checks,
written through the one write path, committed with the person as author and written in the
audit log; text that is not YAML, a rights file with errors or one that would lock out the last
administratör is not written but kept as a draft; a file changed since is not written over.
Also Entra ID's groups overage at the login (the provider's user ``manga-grupper``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any

import httpx2
import pytest
from serverhjalp import Tjanst, klient, logga_in, senaste_forfattare, token_ur

HUVUDMAN = "rapporter/2025-26/huvudman.yaml"
BEHORIGHETER = "rapporter/behörigheter.yaml"


@pytest.fixture
def inloggad(tjanst: Tjanst) -> Iterator[Any]:
    klienter: list[httpx2.Client] = []

    def logga(vem: str, namn: str = "huvudman") -> tuple[httpx2.Client, str]:
        k = klient()
        klienter.append(k)
        logga_in(k, tjanst, vem)
        sida = k.get(f"{tjanst.bas}/redigera/{namn}")
        return k, token_ur(sida.text) if sida.status_code == 200 else ""

    yield logga
    for k in klienter:
        k.close()


def _oppna(k: httpx2.Client, tjanst: Tjanst, namn: str) -> dict[str, Any]:
    svar = k.get(f"{tjanst.bas}/redigera/{namn}/data")
    assert svar.status_code == 200, svar.text[:300]
    data: dict[str, Any] = svar.json()
    return data


def _spara(
    k: httpx2.Client, tjanst: Tjanst, namn: str, text: str, version: str, token: str
) -> httpx2.Response:
    svar = k.post(
        f"{tjanst.bas}/redigera/{namn}/spara",
        json={"text": text, "version": version},
        headers={"X-Kvalitet-Token": token},
    )
    assert svar.status_code != 500, svar.text
    return svar


def _las(tjanst: Tjanst, fil: str) -> str:
    return (tjanst.projekt / fil).read_text(encoding="utf-8")


def test_startsidan_lankar_bara_de_filer_personen_far_redigera(tjanst: Tjanst) -> None:
    vantat = {
        "karin": ["/redigera/huvudman", "/redigera/huvudmannens-rapport"],
        "lars": ["/redigera/huvudman", "/redigera/huvudmannens-rapport", "/redigera/behorigheter"],
        "helena": [],
        "sara": [],
    }
    for vem, lankar in vantat.items():
        with closing(klient()) as k:
            start = logga_in(k, tjanst, vem)
        funna = sorted(set(_lankar(start.text)))
        assert funna == sorted(lankar), (vem, funna)


def _lankar(html: str) -> list[str]:
    import re

    return re.findall(r'href="(/redigera/[^"]+)"', html)


def test_redaktoren_sparar_huvudmannafilen_med_sitt_namn(tjanst: Tjanst, inloggad: Any) -> None:
    k, token = inloggad("karin")
    oppnad = _oppna(k, tjanst, "huvudman")
    assert oppnad["fil"] == HUVUDMAN and oppnad["problem"] == []
    assert oppnad["text"] == _las(tjanst, HUVUDMAN)
    ny = oppnad["text"].replace("sista_dag: 2026-06-15", "sista_dag: 2026-06-12")
    assert ny != oppnad["text"]
    svar = _spara(k, tjanst, "huvudman", ny, oppnad["version"], token)
    assert svar.status_code == 200, svar.text
    assert svar.json()["sparad"] is True
    assert _las(tjanst, HUVUDMAN) == ny  # byte for byte: the comments are still there
    assert senaste_forfattare(tjanst.projekt, HUVUDMAN) == ["Karin Ek <karin.ek@alvmora.se>"]
    rader = [r for r in tjanst.revision if r.get("handelse") == "huvudmannens fil sparad"]
    assert rader and rader[-1]["epost"] == "karin.ek@alvmora.se"
    # the form after a reload: the value is there
    assert "sista_dag: 2026-06-12" in _oppna(k, tjanst, "huvudman")["text"]


def test_ett_ogiltigt_falt_sparas_med_felet_pa_sin_rad(tjanst: Tjanst, inloggad: Any) -> None:
    k, token = inloggad("karin")
    oppnad = _oppna(k, tjanst, "huvudman")
    ny = oppnad["text"].replace("delvis_marginal: 10", "delvis_marginal: mycket")
    svar = _spara(k, tjanst, "huvudman", ny, oppnad["version"], token)
    try:
        assert svar.status_code == 200 and svar.json()["sparad"] is True, svar.text
        rad = ny.splitlines().index("  delvis_marginal: mycket") + 1
        fel = [p for p in svar.json()["problem"] if p["grad"] == "fel"]
        assert fel and fel[0]["rad"] == rad, fel
        assert f"{HUVUDMAN}:{rad}:" in fel[0]["text"]
    finally:
        tillbaka = _spara(k, tjanst, "huvudman", oppnad["text"], svar.json()["version"], token)
        assert tillbaka.status_code == 200 and tillbaka.json()["problem"] == []


def test_text_som_inte_ar_yaml_sparas_inte_men_finns_kvar(tjanst: Tjanst, inloggad: Any) -> None:
    k, token = inloggad("karin")
    oppnad = _oppna(k, tjanst, "huvudman")
    fore = _las(tjanst, HUVUDMAN)
    trasig = oppnad["text"] + "\nnamn: [Älvmora\n"
    svar = _spara(k, tjanst, "huvudman", trasig, oppnad["version"], token)
    assert svar.status_code == 400
    kropp = svar.json()
    assert "kan inte läsas som YAML" in kropp["fel"] and kropp["utkast"] in kropp["fel"]
    assert kropp["problem"] and kropp["problem"][0]["rad"] >= len(fore.splitlines())
    assert _las(tjanst, HUVUDMAN) == fore
    assert (tjanst.projekt / kropp["utkast"]).read_text(encoding="utf-8") == trasig


def test_en_fil_som_andrats_sedan_skrivs_inte_over(tjanst: Tjanst, inloggad: Any) -> None:
    k, token = inloggad("karin", "huvudmannens-rapport")
    oppnad = _oppna(k, tjanst, "huvudmannens-rapport")
    fil = tjanst.projekt / "rapporter" / "2025-26" / "huvudmannens-rapport.yaml"
    deras = oppnad["text"] + "\n# Ändrat i git av någon annan.\n"
    fil.write_text(deras, encoding="utf-8")
    mitt = oppnad["text"] + "\n# Min rad.\n"
    svar = _spara(k, tjanst, "huvudmannens-rapport", mitt, oppnad["version"], token)
    assert svar.status_code == 200 and svar.json()["sparad"] is False
    konflikt = svar.json()["konflikt"]
    assert konflikt["text"] == deras and "Min rad" in konflikt["diff"]
    assert fil.read_text(encoding="utf-8") == deras
    assert (tjanst.projekt / konflikt["din_kopia"]).read_text(encoding="utf-8") == mitt


def test_rektor_och_lasare_nekas_och_far_aldrig_500(tjanst: Tjanst, inloggad: Any) -> None:
    fore = _las(tjanst, HUVUDMAN)
    for vem in ("helena", "sara"):
        k, _ = inloggad(vem)
        token = token_ur(k.get(f"{tjanst.bas}/skriv/ny").text)
        for namn in ("huvudman", "huvudmannens-rapport", "behorigheter"):
            sida = k.get(f"{tjanst.bas}/redigera/{namn}")
            assert sida.status_code == 403 and "Bara " in sida.text, (vem, namn)
            assert k.get(f"{tjanst.bas}/redigera/{namn}/data").status_code == 403
            svar = _spara(k, tjanst, namn, "namn: x\n", "", token)
            assert svar.status_code == 403, (vem, namn, svar.text)
    k, token = inloggad("karin")
    assert k.get(f"{tjanst.bas}/redigera/behorigheter").status_code == 403
    assert _spara(k, tjanst, "behorigheter", "kontakt: x\n", "", token).status_code == 403
    assert _las(tjanst, HUVUDMAN) == fore


def test_sparning_utan_ratt_token_eller_fran_annan_sida_nekas(
    tjanst: Tjanst, inloggad: Any
) -> None:
    k, token = inloggad("karin")
    oppnad = _oppna(k, tjanst, "huvudman")
    fore = _las(tjanst, HUVUDMAN)
    ny = oppnad["text"] + "\n# ändrad\n"
    for fel in ("", "fel-token"):
        svar = _spara(k, tjanst, "huvudman", ny, oppnad["version"], fel)
        assert svar.status_code == 403 and "Ladda om" in svar.json()["fel"]
    svar = k.post(
        f"{tjanst.bas}/redigera/huvudman/spara",
        json={"text": ny, "version": oppnad["version"]},
        headers={"X-Kvalitet-Token": token, "Origin": "https://elak.example"},
    )
    assert svar.status_code == 421
    with closing(klient()) as utan:
        svar = utan.post(f"{tjanst.bas}/redigera/huvudman/spara", json={"text": ny})
        assert svar.status_code == 401
        assert utan.get(f"{tjanst.bas}/redigera/huvudman").status_code == 303
    assert _las(tjanst, HUVUDMAN) == fore


def test_behorigheterna_valideras_och_galler_direkt(tjanst: Tjanst, inloggad: Any) -> None:
    k, token = inloggad("lars", "behorigheter")
    oppnad = _oppna(k, tjanst, "behorigheter")
    fore = _las(tjanst, BEHORIGHETER)
    # an unknown role: refused, at its line, the text kept as a draft
    fel = oppnad["text"].replace(
        "roller: läsare\n    enheter: [bjork", "roller: läsar\n    enheter: [bjork"
    )
    svar = _spara(k, tjanst, "behorigheter", fel, oppnad["version"], token)
    assert svar.status_code == 400 and "har fel och sparas inte" in svar.json()["fel"]
    rad = fel.splitlines().index("    roller: läsar") + 1
    assert [p["rad"] for p in svar.json()["problem"] if p["grad"] == "fel"] == [rad]
    # without any administratör: refused with the reason
    utan_admin = oppnad["text"].replace("roller: administratör", "roller: granskare")
    svar = _spara(k, tjanst, "behorigheter", utan_admin, oppnad["version"], token)
    assert svar.status_code == 400 and "sista administratören" in svar.json()["fel"]
    assert _las(tjanst, BEHORIGHETER) == fore
    # olle has no role; given läsare he reads at once, with the change in the audit log
    with closing(klient()) as olle:
        assert logga_in_nekad(olle, tjanst, "olle") == 403
        ny = _lagg_person(oppnad["text"])
        svar = _spara(k, tjanst, "behorigheter", ny, oppnad["version"], token)
        assert svar.status_code == 200 and svar.json()["sparad"] is True, svar.text
        assert olle.get(f"{tjanst.bas}/").status_code == 200
    assert senaste_forfattare(tjanst.projekt, BEHORIGHETER) == ["Lars Holm <lars.holm@alvmora.se>"]
    rader = [r for r in tjanst.revision if r.get("handelse") == "behörigheter ändrade"]
    assert rader and rader[-1]["epost"] == "lars.holm@alvmora.se"
    assert "person:olle.okand@alvmora.se" in rader[-1]["andrade"]
    tillbaka = _spara(k, tjanst, "behorigheter", fore, svar.json()["version"], token)
    assert tillbaka.status_code == 200 and _las(tjanst, BEHORIGHETER) == fore


def _lagg_person(text: str) -> str:
    """The rights file with Olle Okänd as läsare of every unit, before ``grupper:``."""
    post = "  - namn: Olle Okänd\n    epost: olle.okand@alvmora.se\n    roller: läsare\n\n"
    return text.replace("\ngrupper:", "\n" + post + "grupper:", 1)


def logga_in_nekad(k: httpx2.Client, tjanst: Tjanst, vem: str) -> int:
    logga_in(k, tjanst, vem, sida="/halsa")
    return k.get(f"{tjanst.bas}/").status_code


def test_gruppoverskott_ger_en_svensk_sida_och_en_rad_i_revisionsloggen(tjanst: Tjanst) -> None:
    from serverhjalp import folj, fyll_i, till_formularet

    with closing(klient()) as k:
        svar = folj(k, fyll_i(k, till_formularet(k, tjanst), "manga-grupper"))
        assert svar.status_code == 403
        assert "Inloggningen gav inte dina grupper" in svar.text
        assert "Groups assigned to the application" in svar.text and "approller" in svar.text
        # not logged in: the start page sends to the login again
        assert k.get(f"{tjanst.bas}/").status_code == 303
    rader = [r for r in tjanst.revision if r.get("handelse") == "gruppöverskott"]
    assert rader and rader[-1]["sub"] == "manga-grupper"
    assert rader[-1]["epost"] == "karin.ek@alvmora.se"


@pytest.mark.parametrize(
    ("ansprak", "gruppansprak", "overskott"),
    [
        ({"_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {}}}, "groups", True),
        ({"hasgroups": True}, "groups", True),
        ({"groups": ["a"], "_claim_names": {"groups": "src1"}}, "groups", False),
        ({"groups": []}, "groups", False),
        ({}, "groups", False),
        ({"_claim_names": {"groups": "src1"}, "roles": ["kvalitet-granskare"]}, "roles", False),
        ({"_claim_names": {"groups": "src1"}}, "roles", False),
        ({"hasgroups": True}, "roles", False),
    ],
)
def test_gruppoverskott_kanns_igen(
    ansprak: dict[str, Any], gruppansprak: str, overskott: bool
) -> None:
    from kvalitet.server.anvandare import gruppoverskott

    assert gruppoverskott(ansprak, gruppansprak) is overskott
