"""The editor's saving without a browser: round trip, conflicts, undo, status, the token, which
files may be written, and uploaded images."""

from __future__ import annotations

import copy
import difflib
import http.client
import io
import json
import subprocess
from pathlib import Path

import pytest

from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.visa.behorighet import Nekad, Skrivratt
from kvalitet.visa.bilder import kontrollera_bild
from kvalitet.visa.redigera import Redigering
from kvalitet.visa.server import Forhandsvisning

ROT = Path(__file__).resolve().parents[2]
EXEMPEL = sorted(
    f
    for mapp in ("2025-26", "2024-25")
    for f in (ROT / "rapporter" / mapp).glob("*.yaml")
    if f.name != "huvudman.yaml"
)


def _redigering(projekt: Path) -> Redigering:
    return Redigering(Forhandsvisning(hitta_projekt(projekt)))


def _genom_json(data: object) -> object:
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("exempel", EXEMPEL, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_oppna_och_spara_utan_andring_ar_byte_for_byte(tmp_path: Path, exempel: Path) -> None:
    from kvalitet.kalla.rundtur import Rundtur

    original = exempel.read_bytes()
    rundtur = Rundtur(original.decode("utf-8"))
    rundtur.uppdatera(_genom_json(rundtur.som_data()))  # what the browser sends back
    assert rundtur.text().encode("utf-8") == original


def test_spara_utan_andring_skriver_inget(projekt: Path) -> None:
    r = _redigering(projekt)
    for enhet in ("bjorkbackaskolan", "alvmora-gymnasium", "forskolan-lingonet"):
        fil = r.enhetsfil(enhet)
        fore = fil.read_bytes()
        oppnad = r.oppna(enhet)
        svar = r.spara(enhet, _genom_json(oppnad["data"]), oppnad["version"])
        assert svar["sparad"] is False and fil.read_bytes() == fore


def test_ett_falt_andrat_ror_bara_dess_rader(projekt: Path) -> None:
    r = _redigering(projekt)
    fil = r.enhetsfil("bjorkbackaskolan")
    fore = fil.read_text(encoding="utf-8")
    oppnad = r.oppna("bjorkbackaskolan")
    data = copy.deepcopy(oppnad["data"])
    data["ansvarig"]["namn"] = "Kim Rektorsson"
    svar = r.spara("bjorkbackaskolan", data, oppnad["version"])
    efter = fil.read_text(encoding="utf-8")
    andrade = [
        rad
        for rad in difflib.unified_diff(fore.splitlines(), efter.splitlines(), lineterm="", n=0)
        if rad[:1] in "+-" and not rad.startswith(("+++", "---"))
    ]
    assert andrade == ["-  namn: Helena Sandberg", "+  namn: Kim Rektorsson"], andrade
    kommentarer = [rad for rad in fore.splitlines() if rad.lstrip().startswith("#")]
    assert kommentarer and all(k in efter.splitlines() for k in kommentarer)
    assert svar["sparad"] is True


def test_andring_pa_disken_skrivs_aldrig_over(projekt: Path) -> None:
    r = _redigering(projekt)
    fil = r.enhetsfil("bjorkbackaskolan")
    oppnad = r.oppna("bjorkbackaskolan")
    # someone edits the file in VS Code while the form is open
    deras = fil.read_text(encoding="utf-8").replace("Helena Sandberg", "Helena Sandberg-Ek")
    fil.write_text(deras, encoding="utf-8")
    mina = copy.deepcopy(oppnad["data"])
    mina["område"] = "Område Söder"
    svar = r.spara("bjorkbackaskolan", mina, oppnad["version"])
    assert "konflikt" in svar and svar["sparad"] is False
    assert fil.read_text(encoding="utf-8") == deras  # theirs untouched
    kopia = projekt / svar["konflikt"]["din_kopia"]
    assert "Område Söder" in kopia.read_text(encoding="utf-8")  # mine kept
    assert "Område Söder" in svar["konflikt"]["diff"] and "Sandberg-Ek" in svar["konflikt"]["diff"]

    # "behåll min version": written over theirs, which is kept in the history
    svar = r.spara("bjorkbackaskolan", mina, svar["konflikt"]["version"])
    assert svar["sparad"] is True
    text = fil.read_text(encoding="utf-8")
    assert "Område Söder" in text and "Sandberg-Ek" not in text
    forra = r.historik.versioner(fil)
    assert forra and "Sandberg-Ek" in forra[-1].read_text(encoding="utf-8")


def test_angra_tar_tillbaka_och_tappar_inget(projekt: Path) -> None:
    r = _redigering(projekt)
    fil = r.enhetsfil("forskolan-lingonet")
    original = fil.read_bytes()
    oppnad = r.oppna("forskolan-lingonet")
    data = copy.deepcopy(oppnad["data"])
    data["namn"] = "Förskolan Lingonet och Blåbäret"
    r.spara("forskolan-lingonet", data, oppnad["version"])
    assert fil.read_bytes() != original
    svar = r.angra("forskolan-lingonet")
    assert fil.read_bytes() == original and svar["angrad"] is True
    # the version undone is kept in the history
    assert any("Blåbäret" in p.read_text(encoding="utf-8") for p in r.historik.versioner(fil))
    with pytest.raises(Nekad):
        r.angra("forskolan-lingonet")


def test_godkand_ar_last_tills_den_oppnas_igen(projekt: Path) -> None:
    r = _redigering(projekt)
    oppnad = r.oppna("resurscentrum")
    assert oppnad["status"] == "godkänd"
    data = copy.deepcopy(oppnad["data"])
    data["namn"] = "Ändrat av misstag"
    with pytest.raises(Nekad, match="godkänd"):
        r.spara("resurscentrum", data, oppnad["version"])
    svar = r.satt_status("resurscentrum", "klar", oppnad["version"])
    assert svar["status"] == "klar"
    assert "status: klar" in r.enhetsfil("resurscentrum").read_text(encoding="utf-8")


def test_git_forrad_far_en_commit_per_sparning(projekt: Path) -> None:
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=projekt, capture_output=True, text=True,
                              check=True).stdout  # fmt: skip

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "rapporter")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    r = _redigering(projekt)
    assert r.historik.git
    oppnad = r.oppna("bjorkbackaskolan")
    data = copy.deepcopy(oppnad["data"])
    data["område"] = "Område Väst"
    r.spara("bjorkbackaskolan", data, oppnad["version"])
    logg = git("log", "--oneline")
    assert len(logg.splitlines()) == 2 and "sparad i webbläsaren" in logg
    assert "Område Norr" in git("show", "HEAD~1:rapporter/2025-26/bjorkbackaskolan.yaml")


@pytest.mark.parametrize(
    "sokvag",
    [
        "../utanfor.yaml",
        "rapporter/../pyproject.yaml",
        "/etc/passwd",
        "rapporter/x.txt",
        "rapporter/bilder/x.html",
    ],
)
def test_bara_filer_under_rapporter(projekt: Path, sokvag: str) -> None:
    with pytest.raises(Nekad):
        Skrivratt(hitta_projekt(projekt)).kontrollera(Path(sokvag))


def test_inga_lankar(projekt: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    utanfor = tmp_path_factory.mktemp("utanfor") / "x.yaml"
    utanfor.write_text("namn: X\n")
    (projekt / "rapporter" / "2025-26" / "lank.yaml").symlink_to(utanfor)
    with pytest.raises(Nekad, match="länk"):
        Skrivratt(hitta_projekt(projekt)).kontrollera(Path("rapporter/2025-26/lank.yaml"))
    ratt = Skrivratt(hitta_projekt(projekt), frozenset({"bjorkbackaskolan"}))
    with pytest.raises(Nekad):
        ratt.enhetsfil("resurscentrum", projekt / "rapporter" / "2025-26" / "resurscentrum.yaml")


def _png(bredd: int = 10, hojd: int = 10) -> bytes:
    from PIL import Image

    ut = io.BytesIO()
    Image.new("L", (bredd, hojd)).save(ut, "PNG")
    return ut.getvalue()


def test_bilder_kontrolleras() -> None:
    assert kontrollera_bild("a.png", _png()) == ".png"
    with pytest.raises(Nekad, match="inte en PNG"):
        kontrollera_bild("a.png", b"<html><script>alert(1)</script>")
    with pytest.raises(Nekad, match="ingen bild"):
        kontrollera_bild("a.html", _png())
    with pytest.raises(Nekad, match="10 MB"):
        kontrollera_bild("a.png", _png() + b"\0" * (10 * 1024 * 1024))
    with pytest.raises(Nekad, match="megapixlar"):
        kontrollera_bild("a.png", _png(8000, 6000))


def _post(bas: str, sokvag: str, kropp: bytes, huvud: dict[str, str]) -> tuple[int, dict]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=30)
    anslutning.request("POST", sokvag, body=kropp, headers=huvud)
    svar = anslutning.getresponse()
    data = svar.read()
    try:
        return svar.status, json.loads(data)
    except ValueError:
        return svar.status, {"text": data.decode()}


def test_skrivning_kraver_token_och_ratt_vard(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    fore = fil.read_bytes()
    oppnad = visning.redigering.oppna("bjorkbackaskolan")
    data = copy.deepcopy(oppnad["data"])
    data["namn"] = "Kapad"
    kropp = json.dumps({"data": data, "version": oppnad["version"]}).encode()
    json_typ = {"Content-Type": "application/json"}
    port = bas.rsplit(":", 1)[1]
    for huvud in (
        json_typ,
        {**json_typ, "X-Kvalitet-Token": "fel"},
        {**json_typ, "X-Kvalitet-Token": visning.redigering.session.token, "Host": "angripare.example"},
        {**json_typ, "X-Kvalitet-Token": visning.redigering.session.token, "Origin": "http://angripare.example"},
    ):  # fmt: skip
        kod, svar = _post(bas, "/skriv/bjorkbackaskolan/spara", kropp, huvud)
        assert kod in (403, 421), (huvud, kod, svar)
        assert "Access-Control-Allow-Origin" not in json.dumps(svar)
    assert fil.read_bytes() == fore
    kod, svar = _post(
        bas,
        "/skriv/bjorkbackaskolan/spara",
        kropp,
        {
            **json_typ,
            "X-Kvalitet-Token": visning.redigering.session.token,
            "Origin": f"http://127.0.0.1:{port}",
        },
    )
    assert kod == 200 and svar["sparad"] is True
    assert "namn: Kapad" in fil.read_text(encoding="utf-8")
