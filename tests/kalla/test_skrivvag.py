"""The one write path for unit files: exchange, history, retry, create, mode, locks, links."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla import filbyte, skrivvag
from kvalitet.kalla.historik import Historik
from kvalitet.kalla.skrivvag import Konflikt, skapa_fil, skriv_enhetsfil


@pytest.fixture
def fil(tmp_path: Path) -> Path:
    (tmp_path / "rapporter").mkdir()
    fil = tmp_path / "rapporter" / "a.yaml"
    fil.write_bytes(b"namn: A\n")
    return fil


def _historik(fil: Path) -> Historik:
    return Historik(fil.parents[1], git=False)


@pytest.fixture(params=["byte", "utan byte"])
def satt(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "utan byte":
        monkeypatch.setattr(filbyte, "byt", lambda a, b: False)
    return str(request.param)


def test_skriver_och_behaller_det_som_stod(fil: Path, satt: str) -> None:
    historik = _historik(fil)
    os.chmod(fil, 0o640)
    s = skriv_enhetsfil(fil, lambda nu: (nu or b"") + b"roll: rektor\n", historik)
    assert s.skrivet and fil.read_bytes() == b"namn: A\nroll: rektor\n"
    assert os.stat(fil).st_mode & 0o777 == 0o640  # the file's own mode is kept
    assert [p.read_bytes() for p in historik.versioner(fil)] == [b"namn: A\n"]
    assert not [p for p in fil.parent.iterdir() if p.name.endswith(".tmp")]


def test_sen_skrivning_i_den_gamla_filen_hamnar_i_historiken(fil: Path, satt: str) -> None:
    """A text editor that opened the file before the save and writes after it: its write
    goes into the replaced inode, which is the history entry."""
    historik = _historik(fil)
    oppen = open(fil, "r+b")  # noqa: SIM115
    try:
        skriv_enhetsfil(fil, lambda nu: b"namn: B\n", historik)
        oppen.seek(0)
        oppen.write(b"namn: Sen\n")
        oppen.flush()
    finally:
        oppen.close()
    assert fil.read_bytes() == b"namn: B\n"
    assert b"namn: Sen\n" in [p.read_bytes() for p in historik.versioner(fil)]


def test_andrad_under_berakningen_raknas_om(fil: Path, satt: str) -> None:
    historik = _historik(fil)
    sett: list[bytes | None] = []

    def berakna(nu: bytes | None) -> bytes:
        sett.append(nu)
        if len(sett) == 1:  # someone saves while we compute
            tmp = fil.with_name("x.tmp")
            tmp.write_bytes(b"namn: Utifran\n")
            os.replace(tmp, fil)
        return (nu or b"") + b"ny: 1\n"

    s = skriv_enhetsfil(fil, berakna, historik)
    assert sett == [b"namn: A\n", b"namn: Utifran\n"]
    assert fil.read_bytes() == b"namn: Utifran\nny: 1\n" and s.fore == b"namn: Utifran\n"


def test_konflikt_och_inget_skriver_inget(fil: Path) -> None:
    historik = _historik(fil)
    s = skriv_enhetsfil(fil, lambda nu: Konflikt("x"), historik)
    assert s.konflikt == Konflikt("x") and not s.skrivet
    assert not skriv_enhetsfil(fil, lambda nu: nu, historik).skrivet
    assert fil.read_bytes() == b"namn: A\n" and historik.versioner(fil) == []


def test_skapa_ersatter_aldrig(fil: Path) -> None:
    rot = fil.parents[1]
    assert not skapa_fil(fil, b"namn: Ny\n", rot)
    assert fil.read_bytes() == b"namn: A\n"
    ny = fil.with_name("b.yaml")
    assert skapa_fil(ny, b"namn: B\n", rot) and ny.read_bytes() == b"namn: B\n"
    assert os.stat(ny).st_mode & 0o777 == 0o644


def test_ny_fil_som_dyker_upp_fragar_igen(fil: Path) -> None:
    ny = fil.with_name("c.yaml")
    svar: list[bytes | None] = []

    def berakna(nu: bytes | None) -> bytes | Konflikt:
        svar.append(nu)
        if nu is None:
            ny.write_bytes(b"namn: Hann fore\n")
            return b"namn: Min\n"
        return Konflikt(nu)

    s = skriv_enhetsfil(ny, berakna, _historik(fil))
    assert s.konflikt is not None and ny.read_bytes() == b"namn: Hann fore\n"


@pytest.mark.parametrize(
    "lank", ["ut", "ut/.kvalitet", "ut/.kvalitet/historik", "ut/.kvalitet/fillas"]
)
def test_lankad_utmapp_vagras(
    fil: Path, tmp_path_factory: pytest.TempPathFactory, lank: str
) -> None:
    rot = fil.parents[1]
    utanfor = tmp_path_factory.mktemp("utanfor")
    (rot / lank).parent.mkdir(parents=True, exist_ok=True)
    (rot / lank).symlink_to(utanfor, target_is_directory=True)
    with pytest.raises(KvalitetError, match="symbolisk länk"):
        skriv_enhetsfil(fil, lambda nu: b"namn: B\n", _historik(fil))
    assert fil.read_bytes() == b"namn: A\n" and not any(utanfor.rglob("*"))


def test_en_fils_las_vantar_inte_pa_en_annan(fil: Path) -> None:
    historik = _historik(fil)
    annan = fil.with_name("b.yaml")
    annan.write_bytes(b"namn: B\n")
    inne, slappt = threading.Event(), threading.Event()

    def langsam(nu: bytes | None) -> bytes:
        inne.set()
        assert slappt.wait(10)
        return b"namn: Langsam\n"

    trad = threading.Thread(target=skriv_enhetsfil, args=(fil, langsam, historik))
    trad.start()
    try:
        assert inne.wait(10)
        borjan = time.monotonic()
        skriv_enhetsfil(annan, lambda nu: b"namn: Snabb\n", historik)
        assert annan.read_bytes() == b"namn: Snabb\n" and time.monotonic() - borjan < 5
    finally:
        slappt.set()
        trad.join()
    assert fil.read_bytes() == b"namn: Langsam\n"


def test_samma_fil_vantar_i_tur_och_ordning(fil: Path) -> None:
    historik = _historik(fil)

    def lagg_till(nu: bytes | None) -> bytes:
        time.sleep(0.002)
        return (nu or b"") + b"- x\n"

    tradar = [
        threading.Thread(target=skriv_enhetsfil, args=(fil, lagg_till, historik)) for _ in range(8)
    ]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert fil.read_bytes().count(b"- x\n") == 8
    assert len(historik.versioner(fil)) == 8


def test_andras_hela_tiden(fil: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(skrivvag, "MAX_FORSOK", 3)
    raknare = iter(range(100))

    def berakna(nu: bytes | None) -> bytes:
        fil.write_bytes(f"namn: {next(raknare)}\n".encode())
        return b"namn: min\n"

    with pytest.raises(KvalitetError, match="ändrades utanför kvalitet"):
        skriv_enhetsfil(fil, berakna, _historik(fil))
    assert fil.read_bytes() != b"namn: min\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 finns bara i Linux")
def test_byte_av_namn_fungerar_i_linux(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"a")
    b.write_bytes(b"b")
    assert filbyte.byt(a, b) and a.read_bytes() == b"b" and b.read_bytes() == b"a"


def test_ingen_skrivning_utan_historikpost(fil: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the replaced version cannot be moved into the history (disk full there), the
    exchange is undone: the file is as it was, and the error names the history folder."""
    import errno

    historik = _historik(fil)
    original = os.rename

    def rename(a: Any, b: Any) -> None:
        if "historik" in str(b):
            raise OSError(errno.ENOSPC, "full")
        original(a, b)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(filbyte.Skrivfel, match=r"ut/\.kvalitet/historik.* disken är full"):
        skriv_enhetsfil(fil, lambda nu: b"namn: B\n", historik)
    assert fil.read_bytes() == b"namn: A\n"
    assert not [p for p in fil.parent.iterdir() if p.name != "a.yaml"]


def test_en_fil_mitt_i_en_skrivning_pa_plats_lases_hel(fil: Path) -> None:
    """A text editor that saves in place empties the file, then writes it; the write path
    reads the whole new version, never the empty or half file in between."""
    hel = "namn: Björkbackaskolan\nskolform: grundskola\n" + "# rad\n" * 2000
    sett: list[bytes | None] = []
    with open(fil, "w", encoding="utf-8") as ut:  # emptied, as an editor's save begins
        ut.write(hel[:10])
        ut.flush()

        def las() -> None:
            sett.append(skrivvag.las_lugn(fil))

        lasare = threading.Thread(target=las)
        lasare.start()
        time.sleep(skrivvag.LUGN_S / 2)  # the rest comes late, as from a slow disk
        ut.write(hel[10:])
    lasare.join()
    assert sett == [hel.encode("utf-8")]


def test_en_tom_fil_som_forblir_tom_lases_som_tom(fil: Path) -> None:
    fil.write_bytes(b"")
    assert skrivvag.las_lugn(fil) == b""  # once it has stood still
    fil.unlink()
    assert skrivvag.las_lugn(fil) is None
