"""The editor's form in Swedish from the model, problems at their fields in the form's words,
the live styrtal status, and the lenient preview beside the form."""

from __future__ import annotations

import copy
import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.modell.schema import schema
from kvalitet.visa.formular import UPPGIFTER, _modellklass, etikett, formular
from kvalitet.visa.redigera import Redigering
from kvalitet.visa.server import Forhandsvisning

LISTOR = {"lista", "textlista", "block", "ordbok", "styrtal"}


def _falt(nod: Any, var: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every field of the form tree, with where it is (for messages)."""
    if isinstance(nod, dict):
        for f in nod.get("falt", []):
            yield f"{var}.{f['nyckel']}", f
        for nyckel, varde in nod.items():
            yield from _falt(varde, f"{var}/{nyckel}")
    elif isinstance(nod, list):
        for i, varde in enumerate(nod):
            yield from _falt(varde, f"{var}[{i}]")


def _noder(nod: Any) -> Iterator[dict[str, Any]]:
    if isinstance(nod, dict):
        if "sort" in nod:
            yield nod
        for varde in nod.values():
            yield from _noder(varde)
    elif isinstance(nod, list):
        for varde in nod:
            yield from _noder(varde)


def _def(namn: str) -> dict[str, Any]:
    return formular()["defs"][namn]


def _fält(nod: dict[str, Any], nyckel: str) -> dict[str, Any]:
    return next(f for f in nod["falt"] if f["nyckel"] == nyckel)


# ---------------------------------------------------------------- labels from the model


def test_ingen_etikett_ar_en_identifierare() -> None:
    form = formular()
    falt = list(_falt(form))
    assert len(falt) > 100
    for var, f in falt:
        assert "_" not in f["etikett"], var
    for namn, d in [("Enhetsrapport", form["rot"]), *form["defs"].items()]:
        klass = _modellklass(namn)
        titlar = {(i.alias or n): i.title for n, i in klass.model_fields.items()}
        for f in d["falt"]:
            # every field of a unit file has a Swedish title in the model, and the form uses it
            assert titlar[f["nyckel"]], f"{namn}.{f['nyckel']} har ingen titel i modellen"
            assert f["etikett"] == titlar[f["nyckel"]], f"{namn}.{f['nyckel']}"
    assert _fält(form["rot"], "kolada_ou")["etikett"] not in ("Kolada ou", etikett("kolada_ou"))


def test_schemat_har_samma_titlar_som_formularet() -> None:
    data = schema()
    for namn, d in formular()["defs"].items():
        for f in d["falt"]:
            assert data["$defs"][namn]["properties"][f["nyckel"]]["title"] == f["etikett"]
    assert data["$defs"]["Bild"]["properties"]["alt"]["title"] == "Alternativtext"


def test_varje_lista_har_postetikett() -> None:
    for nod in _noder(formular()):
        if nod["sort"] in LISTOR:
            post = nod.get("postetikett")
            assert post and post == post.lower() and "_" not in post, nod
            rubrik = nod.get("postrubrik", "")
            assert rubrik and rubrik[:1] == rubrik[:1].upper() and "_" not in rubrik, nod
        if nod["sort"] in ("ordbok", "styrtal"):
            assert nod.get("nyckeletikett"), nod
        if nod["sort"] == "val":
            assert all(isinstance(a, list) and len(a) == 2 for a in nod["alternativ"]), nod


def test_de_namngivna_etiketterna() -> None:
    rot = formular()["rot"]
    assert _fält(rot, "utvecklingsområden")["nod"]["postetikett"] == "utvecklingsområde"
    assert _fält(rot, "utvecklingsområden")["nod"]["postrubrik"] == "Område"
    assert _fält(rot, "egna_styrtal")["nod"]["postetikett"] == "eget styrtal"
    assert _fält(_def("Bild"), "alt")["etikett"] == "Alternativtext"
    tabeller = _fält(_def("Huvudavsnitt"), "tabeller")["nod"]
    assert (tabeller["postetikett"], tabeller["postrubrik"]) == ("tabell", "Tabell")
    assert tabeller["rubriknyckel"] == "rubrik"  # "Tabell 1: <rubrik>"
    assert _fält(_def("Huvudavsnitt"), "bilder")["nod"]["postetikett"] == "bild"
    assert _fält(_def("Huvudavsnitt"), "styrkor")["nod"]["postetikett"] == "punkt"
    jamforelser = _fält(_def("Styrtalsresultat"), "jämförelser")["nod"]
    assert jamforelser["postetikett"] == "jämförelse"
    assert jamforelser["nyckeletikett"] == "Jämförelsens namn, t.ex. Riket"
    assert _fält(_def("Diagram"), "typ")["nod"] == {
        "sort": "val",
        "alternativ": [["stapel", "Stapeldiagram"]],
    }
    assert _fält(_def("Tabell"), "diagram")["nod"]["sort"] == "val"
    riktning = _fält(_def("EgetStyrtal"), "riktning")["nod"]["alternativ"]
    assert riktning == [["högre", "Högre är bättre"], ["lägre", "Lägre är bättre"]]


def test_innehallet_fore_uppgifterna_om_enheten() -> None:
    rot = formular()["rot"]
    nycklar = [f["nyckel"] for f in rot["falt"]]
    assert nycklar[-len(UPPGIFTER) :] == list(UPPGIFTER)
    assert nycklar.index("utvecklingsområden") < nycklar.index("kolada_ou")
    assert nycklar.index("aktiviteter") < nycklar.index("namn")
    assert all(f.get("grupp") == "uppgifter" for f in rot["falt"] if f["nyckel"] in UPPGIFTER)
    assert rot["grupper"][0]["etikett"] == "Uppgifter om enheten"
    # the schema (and so the files) keep their order
    assert next(iter(schema()["properties"])) == "namn"


# ---------------------------------------------------------------- problems at their fields


def _redigering(projekt: Path) -> Redigering:
    return Redigering(Forhandsvisning(hitta_projekt(projekt)))


def _spara(r: Redigering, andra: Any) -> dict[str, Any]:
    oppnad = r.oppna("bjorkbackaskolan")
    data = copy.deepcopy(oppnad["data"])
    andra(data)
    return r.spara("bjorkbackaskolan", data, oppnad["version"])


def test_tom_rubrik_hamnar_pa_rubriken(projekt: Path) -> None:
    r = _redigering(projekt)
    svar = _spara(r, lambda d: d["utvecklingsområden"][0].pop("rubrik"))
    fel = [p for p in svar["problem"] if p["grad"] == "fel"]
    assert [p["sokvag"] for p in fel] == [["utvecklingsområden", 0, "rubrik"]], fel
    assert fel[0]["falt"] == "Utvecklingsområden › Område 1 › Rubrik"
    assert fel[0]["text"] == "Rubrik saknas"
    assert "rad" in fel[0]  # kept for compatibility

    svar = _spara(r, lambda d: d["utvecklingsområden"][1].__setitem__("rubrik", ""))
    fel = [p for p in svar["problem"] if p["sokvag"] == ["utvecklingsområden", 1, "rubrik"]]
    assert [(p["falt"], p["text"]) for p in fel] == [
        ("Utvecklingsområden › Område 2 › Rubrik", "Rubrik är tom")
    ], svar["problem"]


def test_falt_i_formularets_ord(projekt: Path) -> None:
    r = _redigering(projekt)

    def andra(d: dict[str, Any]) -> None:
        d["resultat"]["objektiva"]["styrkor"] = ["Bra", {"a": 1}]
        d["resultat"]["objektiva"]["bilder"] = [{}]
        d["egna_styrtal"] = [{"id": "9.9", "text": "Eget", "mått": "procentx"}]

    svar = _spara(r, andra)
    per_falt = {p["falt"]: p["text"] for p in svar["problem"] if p["grad"] == "fel"}
    assert per_falt["Resultat › Objektiva resultat › Styrkor › Punkt 2"]
    assert per_falt["Resultat › Objektiva resultat › Bilder › Bild 1 › Bildfil"] == (
        "Bildfil saknas"
    )
    assert per_falt["Resultat › Objektiva resultat › Bilder › Bild 1 › Alternativtext"] == (
        "Alternativtext saknas"
    )
    assert "Egna styrtal › Eget styrtal 1 › Mått" in per_falt
    for p in svar["problem"]:
        assert p["falt"] and "_" not in p["falt"] and "[" not in p["falt"], p
        assert not re.search(r"fältet '|\(rad \d", p["text"]), p


def test_sokvag_i_formularets_ord() -> None:
    from kvalitet.visa.faltord import falt

    data = {
        "utvecklingsområden": [{"rubrik": "Studiero", "insatser": {"kort_sikt": "x"}}],
        "analys": {
            "innehåll": [
                {"text": "Inledning"},
                {"tabell": {"rubrik": "Behörighet", "rader": [{"rad": "a"}, {"rad": "b"}]}},
                {"rubrik": "Egen rubrik", "innehåll": [{"styrkor": ["a", "b"]}]},
            ],
            "tabeller": [{"rubrik": "Frånvaro", "rader": [{"rad": "a"}]}],
        },
        "styrtal": {"1.1.2": {"jämförelser": {"riket": 85}}},
    }
    fall = {
        ("utvecklingsområden", 0, "insatser", "kort_sikt"): (
            "Utvecklingsområden › Område 1: Studiero › Insatser › På kort sikt"
        ),
        ("analys", "innehåll", 1, "tabell", "rader", 1, "flickor"): (
            "Analys › Innehåll i egen ordning › Block 2: Tabell › Rader › Rad 2 › Flickor"
        ),
        ("analys", "innehåll", 2, "innehåll", 0, "styrkor", 1): (
            "Analys › Innehåll i egen ordning › Block 3: Rubrik med egna block › "
            "Innehåll i egen ordning › Block 1: Styrkor › Punkt 2"
        ),
        ("analys", "tabeller", 0, "rubrik"): "Analys › Tabeller › Tabell 1: Frånvaro › Rubrik",
        ("styrtal", "1.1.2", "jämförelser", "riket"): (
            "Huvudmannens styrtal › Styrtal 1.1.2 › Jämförelser › Jämförelse riket"
        ),
        (): "Rapporten",
    }
    for sokvag, vantat in fall.items():
        assert falt(sokvag, data) == vantat


def test_styrtalets_lage_aldrig_uppnatt_for_ogiltigt_varde(projekt: Path) -> None:
    r = _redigering(projekt)
    oppnad = r.oppna("bjorkbackaskolan")
    fore = next(s for s in oppnad["styrtal"] if s["id"] == "1.1.2")
    assert fore["ogiltigt"] is False
    for utfall in (120, -3, True):
        svar = _spara(r, lambda d, u=utfall: d["styrtal"]["1.1.2"].__setitem__("utfall", u))
        lage = next(s for s in svar["styrtal"] if s["id"] == "1.1.2")
        assert lage["symbol"] == "!", lage  # was "✔ uppnått" for 120
        assert lage["ogiltigt"] is True, lage
        assert lage["status"].startswith("Värdet är ogiltigt: "), lage
        assert "uppnått" not in lage["status"].split(":")[0]
    svar = _spara(r, lambda d: d["styrtal"]["1.1.2"].__setitem__("utfall", 80))
    lage = next(s for s in svar["styrtal"] if s["id"] == "1.1.2")
    assert (lage["symbol"], lage["status"]) == ("✔", "uppnått")


# ---------------------------------------------------------------- the lenient preview


def _begaran(bas: str, metod: str, sokvag: str, kropp: Any = None, token: str = "") -> Any:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": token}
    data = json.dumps(kropp).encode() if kropp is not None else None
    anslutning.request(metod, sokvag, body=data, headers=huvud)
    svar = anslutning.getresponse()
    return svar.status, svar.read()


def _spara_http(bas: str, visning: Forhandsvisning, andra: Any) -> None:
    token = visning.redigering.session.token
    kod, text = _begaran(bas, "GET", "/skriv/bjorkbackaskolan/data")
    oppnad = json.loads(text)
    data = oppnad["data"]
    andra(data)
    kropp = {"data": data, "version": oppnad["version"]}
    kod, text = _begaran(bas, "POST", "/skriv/bjorkbackaskolan/spara", kropp, token)
    assert kod == 200, text


def _banderoll(html: str) -> str:
    traff = re.search(r'<div class="kvalitet-forlatande".*?</div>', html, re.S)
    assert traff, "ingen banderoll"
    return re.sub(r"<[^>]+>", " ", traff.group(0))


def test_forhandsvisningen_tal_en_tom_bild(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    _spara_http(
        bas, visning, lambda d: d["resultat"]["objektiva"].setdefault("bilder", []).append({})
    )
    kod, html = _begaran(bas, "GET", "/skriv/bjorkbackaskolan/forhandsvisning")
    text = html.decode()
    assert kod == 200 and "Rapporten kan inte visas" not in text
    assert "Studiero i årskurs 7–9" in text and "Kunskapsresultat i årskurs 9" in text
    banderoll = _banderoll(text)
    assert "Visas inte än" in banderoll
    assert "Resultat › Objektiva resultat › Bilder › Bild 1 – bildfil saknas" in banderoll
    # the plain preview stays strict
    kod, html = _begaran(bas, "GET", "/bjorkbackaskolan.html")
    assert "Rapporten kan inte visas" in html.decode()


def test_forhandsvisningen_tal_utfall_120(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    _spara_http(bas, visning, lambda d: d["styrtal"]["1.1.2"].__setitem__("utfall", 120))
    kod, html = _begaran(bas, "GET", "/skriv/bjorkbackaskolan/forhandsvisning")
    text = html.decode()
    assert kod == 200 and "Rapporten kan inte visas" not in text
    assert "Studiero i årskurs 7–9" in text
    assert "Huvudmannens styrtal › Styrtal 1.1.2 › Utfall" in _banderoll(text)


def test_forhandsvisningen_tal_en_tom_rubrik(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    _spara_http(bas, visning, lambda d: d["utvecklingsområden"][0].__setitem__("rubrik", ""))
    kod, html = _begaran(bas, "GET", "/skriv/bjorkbackaskolan/forhandsvisning")
    text = html.decode()
    assert kod == 200 and "Läsutveckling i förskoleklass till årskurs 3" in text
    assert "Utvecklingsområden › Område 1 – rubrik är tom" in _banderoll(text)


def test_trasig_yaml_visar_felsidan(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\nnamn: [\n", encoding="utf-8")
    kod, html = _begaran(bas, "GET", "/skriv/bjorkbackaskolan/forhandsvisning")
    assert kod == 200 and "Rapporten kan inte visas" in html.decode()


@pytest.mark.parametrize("enhet", ["alvmora-gymnasium", "forskolan-lingonet"])
def test_giltig_enhet_utan_banderoll(redigerare, enhet: str) -> None:  # type: ignore[no-untyped-def]
    bas, _, _ = redigerare
    kod, html = _begaran(bas, "GET", f"/skriv/{enhet}/forhandsvisning")
    assert kod == 200 and "kvalitet-forlatande" not in html.decode()


def test_forlatande_namnger_posterna_som_i_filen(projekt: Path) -> None:
    """A later round's problem (a missing image file, found once the model is valid) is named
    by the item's place in the file, not by its place after an earlier item was left out."""
    from kvalitet.kontroll.period import las_period
    from kvalitet.visa.forlatande import forlatande_enhet

    r = _redigering(projekt)

    def andra(d: dict[str, Any]) -> None:
        d["resultat"]["objektiva"]["bilder"] = [
            {},
            {"fil": "../bilder/samverkan-organisation.svg", "alt": "Organisationen"},
            {"fil": "../bilder/finns-inte.svg", "alt": "Saknas"},
        ]

    _spara(r, andra)
    lage = las_period(r.projekt, None, ["bjorkbackaskolan"])
    delvis = forlatande_enhet(r.projekt, lage, lage.enheter[0])
    assert delvis is not None and delvis.kontroll.rapport is not None
    falt = [f for f, _ in delvis.utelamnat]
    assert "Resultat › Objektiva resultat › Bilder › Bild 1" in falt, delvis.utelamnat
    assert any(f.startswith("Resultat › Objektiva resultat › Bilder › Bild 3") for f in falt), (
        delvis.utelamnat
    )
    bilder = delvis.kontroll.rapport.resultat.objektiva.bilder
    assert [b.alt for b in bilder] == ["Organisationen"]
