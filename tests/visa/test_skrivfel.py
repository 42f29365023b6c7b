"""Writes that cannot happen (disk full, read-only, no permission): the editor's save, new
unit and upload answer in Swedish naming the folder and the cause, no history entry is left,
``importera --skriv`` exits 1 (issue 25 point 8). And an upload's name check never reads
through a link."""

from __future__ import annotations

import copy
import errno
import http.client
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

ENHET = "bjorkbackaskolan"


def _begaran(
    bas: str, token: str, sokvag: str, kropp: Any = None, bild: bytes | None = None, namn: str = ""
) -> tuple[int, dict[str, Any]]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    if bild is not None:
        huvud = {"X-Kvalitet-Token": token, "X-Filnamn": namn, "Content-Type": "image/png"}
        anslutning.request("POST", sokvag, body=bild, headers=huvud)
    elif kropp is None:
        anslutning.request("GET", sokvag)
    else:
        huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": token}
        anslutning.request("POST", sokvag, body=json.dumps(kropp).encode(), headers=huvud)
    svar = anslutning.getresponse()
    return svar.status, json.loads(svar.read())


def _disken(monkeypatch: pytest.MonkeyPatch, fel: int) -> None:
    """Every write into a file under rapporter/ fails with ``fel`` when it is flushed to the
    disk (``fsync``, where a full disk shows), as a full or read-only disk."""
    original = os.fsync

    def skriv(fd: Any) -> None:
        fd = fd if isinstance(fd, int) else fd.fileno()
        try:
            namn = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            namn = ""
        if f"{os.sep}rapporter{os.sep}" in namn:
            raise OSError(fel, os.strerror(fel))
        original(fd)

    monkeypatch.setattr(os, "fsync", skriv)


def _png() -> bytes:
    from PIL import Image

    ut = io.BytesIO()
    Image.new("L", (10, 10)).save(ut, "PNG")
    return ut.getvalue()


def _historikfiler(projekt: Path) -> list[Path]:
    mapp = projekt / "ut" / ".kvalitet" / "historik"
    return sorted(p for p in mapp.rglob("*") if p.is_file()) if mapp.exists() else []


@pytest.mark.parametrize(
    ("fel", "kod", "orsak"),
    [(errno.ENOSPC, 507, "disken är full"), (errno.EROFS, 503, "disken är skrivskyddad")],
)
def test_sparning_ny_enhet_och_bild_pa_full_disk(  # type: ignore[no-untyped-def]
    redigerare, monkeypatch: pytest.MonkeyPatch, fel: int, kod: int, orsak: str
) -> None:
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    fil = projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml"
    fore = fil.read_bytes()
    _, oppnad = _begaran(bas, token, f"/skriv/{ENHET}/data")
    data = copy.deepcopy(oppnad["data"])
    data["område"] = "Område Söder"
    historik = _historikfiler(projekt)
    _disken(monkeypatch, fel)

    svar_kod, svar = _begaran(
        bas,
        token,
        f"/skriv/{ENHET}/spara",
        {"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
    )
    assert svar_kod == kod, svar
    assert svar["fel"].startswith(f"Mappen rapporter/2025-26 går inte att skriva i: {orsak}")
    assert "OSError" not in svar["fel"] and "oväntat" not in svar["fel"]
    assert fil.read_bytes() == fore and _historikfiler(projekt) == historik
    assert not [p for p in fil.parent.iterdir() if p.name.endswith(".tmp")]

    svar_kod, svar = _begaran(
        bas, token, "/skriv/ny", {"namn": "Nyskolan", "skolform": "grundskola"}
    )
    assert svar_kod == kod, svar
    assert svar["fel"].startswith(f"Mappen rapporter/2025-26 går inte att skriva i: {orsak}")
    assert not (fil.parent / "nyskolan.yaml").exists()

    svar_kod, svar = _begaran(bas, token, f"/skriv/{ENHET}/bild", bild=_png(), namn="gard.png")
    assert svar_kod == kod, svar
    assert svar["fel"].startswith(f"Mappen rapporter/bilder går inte att skriva i: {orsak}")
    assert not (projekt / "rapporter" / "bilder" / "gard.png").exists()


def test_importera_pa_full_disk(projekt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    data = Path(__file__).resolve().parents[1] / "data" / "importera"
    shutil.copytree(data, projekt / "statistik")
    karta = projekt / "statistik" / "karta.yaml"
    karta.write_text(karta.read_text(encoding="utf-8").replace("  - fil: ", "  - fil: statistik/"))
    fil = projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("    utfall: 86,2\n", "", 1), encoding="utf-8")
    _disken(monkeypatch, errno.ENOSPC)
    res = CliRunner().invoke(
        kvalitet,
        [
            "importera",
            "--karta",
            "statistik/karta.yaml",
            "statistik/skolverket-behorighet-2025-26.csv",
            "--skriv",
        ],
    )
    assert res.exit_code == 1, res.output
    assert "mappen rapporter/2025-26 går inte att skriva i: disken är full" in res.output
    assert "Traceback" not in res.output and "oväntat" not in res.output
    assert _historikfiler(projekt) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root skriver i skrivskyddade mappar")
def test_skrivskyddad_mapp_pa_riktigt(redigerare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    mapp = projekt / "rapporter" / "2025-26"
    _, oppnad = _begaran(bas, token, f"/skriv/{ENHET}/data")
    data = copy.deepcopy(oppnad["data"])
    data["område"] = "Område Söder"
    mapp.chmod(0o555)
    try:
        kod, svar = _begaran(
            bas, token, f"/skriv/{ENHET}/spara", {"data": data, "version": oppnad["version"]}
        )
    finally:
        mapp.chmod(0o755)
    assert kod == 503, svar
    assert svar["fel"].startswith(
        "Mappen rapporter/2025-26 går inte att skriva i: du saknar behörighet"
    )
    assert _historikfiler(projekt) == []


def test_bildnamnet_kontrolleras_aldrig_genom_en_lank(  # type: ignore[no-untyped-def]
    redigerare, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whether an upload equals a file outside must not show: the answer is the same whatever
    the link points to, and nothing is read or written through it."""
    bas, projekt, visning = redigerare
    token = visning.redigering.session.token
    bild = _png()
    utanfor = tmp_path_factory.mktemp("utanfor")
    bilder = projekt / "rapporter" / "bilder"
    bilder.mkdir(exist_ok=True)
    svar = []
    for innehall in (bild, b"annat"):
        (utanfor / "hemlig.png").write_bytes(innehall)
        lank = bilder / "gard.png"
        lank.unlink(missing_ok=True)
        lank.symlink_to(utanfor / "hemlig.png")
        for p in bilder.glob("gard-*.png"):
            p.unlink()
        svar.append(_begaran(bas, token, f"/skriv/{ENHET}/bild", bild=bild, namn="gard.png"))
        assert (utanfor / "hemlig.png").read_bytes() == innehall
    assert svar[0] == svar[1] and svar[0][0] == 200 and svar[0][1]["namn"] == "gard-2.png"
