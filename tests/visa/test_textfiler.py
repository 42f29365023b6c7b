"""The huvudman's files as text in ``kvalitet skriv`` (the local server, over real HTTP): the
page and its data, a save through the one write path with a git commit, the token, the start
page's links; and the rights file's checks in ``visa/textfiler.py`` (errors at their line, the
last administratör, through a group too)."""

from __future__ import annotations

import http.client
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import kakor

from kvalitet.kalla.historik import Historik
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.modell.rattighet import Behorighet, Identitet
from kvalitet.visa.textfiler import Sparfel, Textfiler

ADMIN = Behorighet(Identitet("Lars Holm", "lars.holm@alvmora.se"), frozenset({"administratör"}))
REDAKTOR = Behorighet(Identitet("Karin Ek"), frozenset({"huvudmannens redaktör"}), laser=None)


def _begar(
    bas: str, metod: str, sokvag: str, kropp: Any = None, token: str = ""
) -> tuple[int, Any]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    huvud = {**kakor(int(port)), "Content-Type": "application/json"}
    if token:
        huvud["X-Kvalitet-Token"] = token
    data = json.dumps(kropp).encode() if kropp is not None else None
    anslutning.request(metod, sokvag, body=data, headers=huvud)
    svar = anslutning.getresponse()
    text = svar.read().decode("utf-8", "replace")
    try:
        return svar.status, json.loads(text)
    except ValueError:
        return svar.status, text


def test_kvalitet_skriv_redigerar_huvudmannafilen(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    for steg in (
        ["init", "-q"],
        ["config", "user.name", "Karin Ek"],
        ["config", "user.email", "karin.ek@alvmora.se"],
        ["add", "-A"],
        ["commit", "-q", "-m", "början"],
    ):
        subprocess.run(["git", *steg], cwd=projekt, check=True, capture_output=True)
    visning.redigering.historik.git = True  # the server started before the repository
    kod, start = _begar(bas, "GET", "/")
    assert kod == 200 and 'href="/redigera/huvudman"' in start
    kod, sida = _begar(bas, "GET", "/redigera/huvudman")
    assert kod == 200 and "textfil.js" in sida and 'id="text"' in sida
    kod, oppnad = _begar(bas, "GET", "/redigera/huvudman/data")
    fil = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    assert kod == 200 and oppnad["text"] == fil.read_text(encoding="utf-8")
    ny = oppnad["text"].replace("namn: Älvmora kommun", "namn: Älvmora kommun (ändrad)")
    kropp = {"text": ny, "version": oppnad["version"]}
    assert _begar(bas, "POST", "/redigera/huvudman/spara", kropp)[0] == 403  # no token
    token = visning.redigering.session.token
    kod, svar = _begar(bas, "POST", "/redigera/huvudman/spara", kropp, token)
    assert kod == 200 and svar["sparad"] is True, svar
    assert fil.read_text(encoding="utf-8") == ny
    logg = subprocess.run(
        ["git", "log", "--format=%s", "-1", "--", str(fil)],
        cwd=projekt,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "huvudman.yaml: sparad i webbläsaren" in logg.stdout
    assert _begar(bas, "GET", "/redigera/okand")[0] == 404
    assert _begar(bas, "POST", "/redigera/huvudman/annat", {}, token)[0] == 404


@pytest.fixture
def textfiler(projekt: Path) -> Textfiler:
    p = hitta_projekt(projekt)
    return Textfiler(p, Historik(p.rot))


def test_behorigheter_med_fel_vagras_pa_sin_rad(textfiler: Textfiler) -> None:
    oppnad = textfiler.oppna("behorigheter", ADMIN)
    fel = oppnad["text"].replace("roller: rektor\n", "roller: rektorr\n", 1)
    with pytest.raises(Sparfel) as exc:
        textfiler.spara("behorigheter", fel, oppnad["version"], ADMIN)
    rad = fel.splitlines().index("    roller: rektorr") + 1
    assert [p["rad"] for p in exc.value.problem if p["grad"] == "fel"] == [rad]
    assert textfiler.projekt.behorighetsfil.read_text(encoding="utf-8") == oppnad["text"]
    utkast = textfiler.projekt.rot / exc.value.utkast
    assert utkast.read_text(encoding="utf-8") == fel


def test_sista_administratoren_kan_inte_tas_bort(textfiler: Textfiler) -> None:
    oppnad = textfiler.oppna("behorigheter", ADMIN)
    utan = oppnad["text"].replace("roller: administratör", "roller: granskare")
    with pytest.raises(Sparfel, match="sista administratören"):
        textfiler.spara("behorigheter", utan, oppnad["version"], ADMIN)
    # an administratör through a group they are in: allowed (they keep the role)
    grupp = utan + "  - grupp: kvalitet-admin\n    roller: administratör\n"
    ansprak = {"sub": "x", "email": "lars.holm@alvmora.se", "groups": ["kvalitet-admin"]}
    with pytest.raises(Sparfel, match="sista administratören"):
        textfiler.spara("behorigheter", grupp, oppnad["version"], ADMIN, ansprak={"sub": "y"})
    svar = textfiler.spara("behorigheter", grupp, oppnad["version"], ADMIN, ansprak=ansprak)
    assert svar["sparad"] is True


def test_redaktoren_far_inte_andra_behorigheterna(textfiler: Textfiler) -> None:
    from kvalitet.visa.behorighet import IngenRatt

    with pytest.raises(IngenRatt):
        textfiler.oppna("behorigheter", REDAKTOR)
    assert textfiler.oppna("huvudmannens-rapport", REDAKTOR)["problem"] == []
