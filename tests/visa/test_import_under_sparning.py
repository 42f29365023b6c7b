"""``kvalitet importera --skriv`` while the editor saves the same unit: neither change is lost
(issue 24 point 3: the import wrote what it had read earlier, the editor's change was gone)."""

from __future__ import annotations

import copy
import http.client
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

DATA = Path(__file__).resolve().parents[1] / "data" / "importera"
BJORK = Path("rapporter") / "2025-26" / "bjorkbackaskolan.yaml"
TOM_2_1_1 = "  2.1.1:\n    utfall: 86,2\n    flickor: 90,5\n    pojkar: 80,8\n    antal: {flickor: 21, pojkar: 26, totalt: 47}\n"


def _forbered(projekt: Path) -> None:
    (projekt / "statistik").mkdir()
    for fil in DATA.iterdir():
        shutil.copy(fil, projekt / "statistik" / fil.name)
    karta = projekt / "statistik" / "karta.yaml"
    karta.write_text(karta.read_text(encoding="utf-8").replace("  - fil: ", "  - fil: statistik/"))
    fil = projekt / BJORK
    text = fil.read_text(encoding="utf-8")
    assert TOM_2_1_1 in text
    fil.write_text(text.replace(TOM_2_1_1, "  2.1.1:\n"), encoding="utf-8")


def _spara(bas: str, token: str, andra: Any) -> dict[str, Any]:
    ip, port = bas.removeprefix("http://").split(":")

    def begaran(metod: str, sokvag: str, kropp: Any = None) -> dict[str, Any]:
        anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
        data = None if kropp is None else json.dumps(kropp).encode()
        huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": token}
        anslutning.request(metod, sokvag, body=data, headers=huvud)
        return json.loads(anslutning.getresponse().read())

    oppnad = begaran("GET", "/skriv/bjorkbackaskolan/data")
    data = copy.deepcopy(oppnad["data"])
    andra(data)
    return begaran(
        "POST",
        "/skriv/bjorkbackaskolan/spara",
        {"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
    )


def _kor_med_sparning_mellan(
    monkeypatch: pytest.MonkeyPatch, bas: str, token: str, andra: Any
) -> Any:
    """Run the import in this process; right after it has read the unit's file, the editor
    saves the unit (what a slow import on a large project meets)."""
    import kvalitet.importera.kor as kor

    original = kor.tillampa

    def tillampa_och_spara(fil: Path, *a: Any, **k: Any) -> Any:
        andring = original(fil, *a, **k)
        if fil.name == "bjorkbackaskolan.yaml":
            svar = _spara(bas, token, andra)
            assert svar.get("sparad") is True, svar
        return andring

    monkeypatch.setattr(kor, "tillampa", tillampa_och_spara)
    return CliRunner().invoke(
        kvalitet,
        [
            "importera",
            "--karta",
            "statistik/karta.yaml",
            "statistik/skolverket-behorighet-2025-26.csv",
            "--skriv",
        ],
    )


def test_import_under_sparning_tappar_inget(redigerare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    _forbered(projekt)

    def andra(data: dict[str, Any]) -> None:
        data["område"] = "Område Söder"

    res = _kor_med_sparning_mellan(monkeypatch, bas, visning.redigering.session.token, andra)
    assert res.exit_code == 0, res.output
    text = (projekt / BJORK).read_text(encoding="utf-8")
    assert "område: Område Söder" in text  # the editor's change
    assert "utfall: 88,1" in text[text.index("  2.1.1:") :]  # the import's


def test_import_som_krockar_hoppar_over_enheten(
    redigerare, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, visning = redigerare
    _forbered(projekt)

    def andra(data: dict[str, Any]) -> None:
        data["styrtal"]["2.1.1"] = {"utfall": "87,0"}

    res = _kor_med_sparning_mellan(monkeypatch, bas, visning.redigering.session.token, andra)
    assert res.exit_code == 1, res.output
    assert (
        "rapporter/2025-26/bjorkbackaskolan.yaml: fel: filen ändrades medan importen pågick"
        in res.output
    )
    assert "styrtal 2.1.1 utfall" in res.output and "Traceback" not in res.output
    text = (projekt / BJORK).read_text(encoding="utf-8")
    assert "utfall: 87,0" in text  # the editor's value is kept, nothing of the import over it


def test_import_i_egen_process_under_sparningar(redigerare) -> None:  # type: ignore[no-untyped-def]
    """The real thing: a separate process (its flock excludes the server's) while saves run."""
    bas, projekt, visning = redigerare
    _forbered(projekt)
    token = visning.redigering.session.token
    stopp = threading.Event()
    omraden: list[str] = []

    def spara_hela_tiden() -> None:
        n = 0
        while not stopp.is_set() and n < 40:
            n += 1
            namn = f"Område {n}"

            def andra(data: dict[str, Any], namn: str = namn) -> None:
                data["område"] = namn

            if _spara(bas, token, andra).get("sparad"):
                omraden.append(namn)

    trad = threading.Thread(target=spara_hela_tiden)
    trad.start()
    try:
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "kvalitet",
                "importera",
                "--karta",
                "statistik/karta.yaml",
                "statistik/skolverket-behorighet-2025-26.csv",
                "--skriv",
            ],
            cwd=projekt,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        stopp.set()
        trad.join()
    assert res.returncode == 0, res.stdout + res.stderr
    text = (projekt / BJORK).read_text(encoding="utf-8")
    assert "utfall: 88,1" in text[text.index("  2.1.1:") :]
    assert omraden and f"område: {omraden[-1]}" in text
