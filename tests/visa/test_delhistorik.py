"""History per text over HTTP against ``kvalitet skriv``'s server, in a real git repository in
tmp_path: the commits in which one part changed (and only those), who and when, a word diff,
and "Återställ" as a new commit by the ordinary save that touches only that part."""

from __future__ import annotations

import copy
import http.client
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import kakor

from kvalitet.visa.delvarde import SAKNAS, del_ur, ordvis, satt_del, som_text

ENHET = "bjorkbackaskolan"
FIL = "rapporter/2025-26/bjorkbackaskolan.yaml"
AVSNITT = ["kvalitetsarbete", "avsnitt", 1]
TEXT = [*AVSNITT, "text"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


def _git(rot: Path, *argument: str) -> str:
    return subprocess.run(
        ["git", *argument], cwd=rot, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def git_projekt(projekt: Path) -> Path:
    _git(projekt, "init", "-q")
    _git(projekt, "config", "user.name", "Helena Sandberg")
    _git(projekt, "config", "user.email", "helena.sandberg@alvmora.se")
    _git(projekt, "add", "-A")
    _git(projekt, "commit", "-q", "-m", "början")
    return projekt


def _begar(
    bas: str, metod: str, sokvag: str, kropp: Any = None, token: str = ""
) -> tuple[int, Any]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    huvud = dict(kakor(int(port)))
    data = None
    if metod == "POST":
        huvud |= {"Content-Type": "application/json", "X-Kvalitet-Token": token}
        data = json.dumps(kropp).encode("utf-8")
    anslutning.request(metod, sokvag, body=data, headers=huvud)
    svar = anslutning.getresponse()
    text = svar.read()
    try:
        return svar.status, json.loads(text)
    except ValueError:
        return svar.status, text.decode("utf-8", "replace")


def _historik(bas: str, sokvag: list[Any]) -> tuple[int, Any]:
    return _begar(bas, "GET", f"/skriv/{ENHET}/historik/{quote(json.dumps(sokvag), safe='')}")


def _spara(bas: str, token: str, andra: Any) -> dict[str, Any]:
    kod, oppnad = _begar(bas, "GET", f"/skriv/{ENHET}/data")
    assert kod == 200, oppnad
    data = copy.deepcopy(oppnad["data"])
    andra(data)
    kod, svar = _begar(
        bas,
        "POST",
        f"/skriv/{ENHET}/spara",
        {"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
        token,
    )
    assert kod == 200 and svar["sparad"], svar
    return svar  # type: ignore[no-any-return]


def test_historik_diff_och_aterstall_genom_http(git_projekt: Path, redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    fil = projekt / FIL
    original = del_ur(_begar(bas, "GET", f"/skriv/{ENHET}/data")[1]["data"], TEXT)

    def satt(varde: str) -> Any:
        return lambda d: satt_del(d, TEXT, varde)

    _spara(bas, token, satt("Fritidshemmets personal deltog i analysarbetet hela läsåret.\n"))
    _spara(bas, token, lambda d: satt_del(d, ["område"], "Område Väst"))  # another part
    _spara(bas, token, satt("Fritidshemmets personal deltog i analysarbetet under våren.\n"))

    kod, svar = _historik(bas, AVSNITT)
    assert kod == 200, svar
    assert svar["git"] is True and svar["far_aterstalla"] is True
    andringar = svar["andringar"]
    # the two saves of the avsnitt and the first commit, not the save of 'område'
    assert [a["meddelande"] for a in andringar] == [
        f"{ENHET}: sparad i webbläsaren (kvalitet skriv)",
        f"{ENHET}: sparad i webbläsaren (kvalitet skriv)",
        "början",
    ]
    assert len(_git(projekt, "log", "--format=%H", "--", FIL).split()) == 4
    assert andringar[0]["nuvarande"] is True and not andringar[1]["nuvarande"]
    assert andringar[0]["namn"] == "Helena Sandberg"
    assert andringar[0]["tid"][:4] == _git(projekt, "log", "-1", "--format=%aI")[:4]
    assert "under våren" in andringar[0]["efter"] and "hela läsåret" in andringar[0]["fore"]
    diff = andringar[0]["diff"]
    assert {"typ": "bort", "text": "hela läsåret."} in diff
    assert {"typ": "ny", "text": "under våren."} in diff
    fore = "".join(d["text"] for d in diff if d["typ"] != "ny")
    assert fore.split() == andringar[0]["fore"].split()
    assert "".join(d["text"] for d in diff if d["typ"] != "bort") == andringar[0]["efter"]
    assert (
        andringar[2]["fore"] == ""
        and "rubrik: Samverkan med fritidshemmet" in andringar[2]["efter"]
    )

    # Återställ the first version: a new commit, only the avsnitt's lines differ
    fore_aterstall = fil.read_text(encoding="utf-8")
    kod, svar = _begar(
        bas,
        "POST",
        f"/skriv/{ENHET}/aterstall",
        {"sokvag": AVSNITT, "commit": andringar[2]["commit"]},
        token,
    )
    assert kod == 200 and svar["sparad"], svar
    assert del_ur(svar["data"], TEXT) == original
    assert svar["data"]["område"] == "Område Väst"
    efter = fil.read_text(encoding="utf-8")
    assert original.splitlines()[0] in efter and "under våren" not in efter
    andrade = [
        r
        for r in _git(projekt, "diff", "-U0", "HEAD~1", "HEAD", "--", FIL).splitlines()
        if r[:1] in "+-" and not r.startswith(("+++", "---"))
    ]
    assert andrade == [
        "-        Fritidshemmets personal deltog i analysarbetet under våren.",
        *(f"+        {rad}" for rad in original.splitlines()),
    ]
    assert fore_aterstall != efter
    logg = _git(projekt, "log", "-1", "--format=%an|%s")
    assert logg.startswith("Helena Sandberg|bjorkbackaskolan: återställt kvalitetsarbete")
    kod, svar = _historik(bas, AVSNITT)
    assert len(svar["andringar"]) == 4 and svar["andringar"][0]["nuvarande"]
    assert svar["andringar"][0]["efter"] == svar["andringar"][3]["efter"]


def test_felaktiga_begaran_far_svenska_svar(git_projekt: Path, redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    kod, svar = _begar(bas, "GET", f"/skriv/{ENHET}/historik/inte-json")
    assert kod == 400 and "Sökvägen till texten" in svar["fel"]
    kod, svar = _historik(bas, [])
    assert kod == 400 and "Sökvägen" in svar["fel"]
    kod, svar = _begar(bas, "GET", f"/skriv/finns-inte/historik/{quote(json.dumps(['namn']))}")
    assert kod == 404 and "finns inte" in svar["fel"]
    for kropp, vantat in [
        ({"sokvag": AVSNITT, "commit": "--output=/tmp/x"}, "inns inte i filens historik"),
        ({"sokvag": AVSNITT, "commit": "0" * 40}, "inns inte i filens historik"),
        ({"sokvag": ["status"], "commit": "0" * 40}, "status"),
        ({"sokvag": "kvalitetsarbete", "commit": "0" * 40}, "Sökvägen"),
    ]:
        kod, svar = _begar(bas, "POST", f"/skriv/{ENHET}/aterstall", kropp, token)
        assert kod == 400 and vantat in svar["fel"], (kropp, svar)
    # a part that is not in the version asked for
    forsta = _git(projekt, "log", "--format=%H").split()[-1]
    kod, svar = _begar(
        bas,
        "POST",
        f"/skriv/{ENHET}/aterstall",
        {"sokvag": ["kvalitetsarbete", "avsnitt", 7], "commit": forsta},
        token,
    )
    assert kod == 400 and "anns inte i den versionen" in svar["fel"]
    kod, svar = _begar(bas, "POST", f"/skriv/{ENHET}/aterstall", {"sokvag": AVSNITT}, "fel")
    assert kod == 403


def test_utan_git_en_svensk_forklaring(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, _, visning = redigerare
    kod, svar = _historik(bas, AVSNITT)
    assert kod == 200 and svar["git"] is False and svar["andringar"] == []
    assert "inte ett git-förråd" in svar["forklaring"] and "git init" in svar["forklaring"]
    kod, svar = _begar(
        bas,
        "POST",
        f"/skriv/{ENHET}/aterstall",
        {"sokvag": AVSNITT, "commit": "a" * 40},
        visning.redigering.session.token,
    )
    assert kod == 400 and "inte ett git-förråd" in svar["fel"]


def test_ordvis_diff_och_text() -> None:
    assert ordvis("Tryggheten har ökat.", "Tryggheten har ökat tydligt.") == [
        {"typ": "lika", "text": "Tryggheten har "},
        {"typ": "bort", "text": "ökat."},
        {"typ": "ny", "text": "ökat tydligt."},
    ]
    assert ordvis("", "Ny text") == [{"typ": "ny", "text": "Ny text"}]
    # a line break is no change; a new paragraph is
    assert ordvis("Två rader\nav text", "Två rader av text") == [
        {"typ": "lika", "text": "Två rader av text"}
    ]
    assert [d["typ"] for d in ordvis("Ett stycke. Två", "Ett stycke.\n\nTvå")] == [
        "lika",
        "bort",
        "ny",
        "lika",
    ]
    assert som_text(SAKNAS) == "" and som_text(None) == ""
    assert som_text({"rubrik": "Studiero", "punkter": ["a", "b"]}) == (
        "rubrik: Studiero\npunkter:\n  - a\n  - b"
    )
    assert som_text({"text": "rad 1\nrad 2\n"}) == "text:\n  rad 1\n  rad 2"


def test_en_version_med_alias_som_fyller_miljoner_har_ingen_del() -> None:
    from kvalitet.visa.delvarde import del_i_version, las_version

    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):  # 10**9 values once the aliases are filled in
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join([f'*{chr(96 + i)}'] * 10)}]")
    data = las_version("\n".join(bomb).encode("utf-8"))
    assert del_i_version(data, ["i"]) is SAKNAS
    assert del_i_version(data, ["a"]) == ["x"] * 10
    assert las_version(b"a: [") is None and las_version(b"\xff") is None
    assert del_i_version(las_version(b"styrtal:\n  1.1: {utfall: 3}\ndatum: 2026-06-26\n"),
                         ["styrtal", "1.1"]) == {"utfall": 3}  # fmt: skip
