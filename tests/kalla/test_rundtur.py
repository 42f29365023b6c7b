"""Writing a person's YAML back: unchanged files byte for byte, a change touches only its lines."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from kvalitet.kalla.rundtur import Rundtur

ROT = Path(__file__).resolve().parents[2]
EXEMPEL = sorted((ROT / "rapporter").rglob("*.yaml"))


def _andrade(fore: str, efter: str) -> list[str]:
    return [
        r
        for r in difflib.unified_diff(fore.splitlines(), efter.splitlines(), lineterm="", n=0)
        if r[:1] in "+-" and not r.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("fil", EXEMPEL, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_oforandrad_fil_skrivs_byte_for_byte(fil: Path) -> None:
    text = fil.read_text(encoding="utf-8")
    dok = Rundtur(text)
    assert dok.text() == text
    dok.uppdatera(dok.som_data())  # the same data back from a form: nothing changes
    assert dok.text() == text


def test_ett_falt_andrar_bara_sin_rad_och_kommentarer_blir_kvar() -> None:
    fil = ROT / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    dok = Rundtur(text)
    data = dok.som_data()
    data["område"] = "Område Väst"
    dok.uppdatera(data)
    assert _andrade(text, dok.text()) == ["-område: Område Norr", "+område: Område Väst"]
    assert "# Exempel: en fiktiv grundskola" in dok.text()


def test_satt_behaller_stil_och_flerradig_text_blir_block() -> None:
    text = 'namn: "Ekbacken"  # skolans namn\nbeskrivning: |\n  En rad.\nperiod: 2025/26\ndatum: 2026-06-01\n'
    dok = Rundtur(text)
    dok.satt(("namn",), "Ekbacksskolan")
    dok.satt(("beskrivning",), "Första raden.\nAndra raden: med kolon.")
    dok.satt(("datum",), "2026-06-15")
    forsta, resten = dok.text().split("\n", 1)
    # the quotes and the comment stay (the comment moves right as the value grew)
    assert forsta.startswith('namn: "Ekbacksskolan" ') and forsta.endswith(" # skolans namn")
    assert resten == (
        "beskrivning: |\n  Första raden.\n  Andra raden: med kolon.\n"
        "period: 2025/26\ndatum: 2026-06-15\n"
    )


def test_lista_och_ny_nyckel_pa_ratt_plats() -> None:
    text = "namn: A\nstyrkor:\n  - en\n  - två\nperiod: 2025/26\n"
    dok = Rundtur(text)
    data = dok.som_data()
    data["styrkor"].append("tre")
    data = {"namn": "A", "skolform": "grundskola", **{k: v for k, v in data.items() if k != "namn"}}
    dok.uppdatera(data)
    assert dok.text() == (
        "namn: A\nskolform: grundskola\nstyrkor:\n  - en\n  - två\n  - tre\nperiod: 2025/26\n"
    )
    dok.ta_bort(("styrkor", 0))
    dok.satt(("utfall", "värde"), 12)
    assert dok.text().endswith(
        "styrkor:\n  - två\n  - tre\nperiod: 2025/26\nutfall:\n  värde: 12\n"
    )


def test_kommentar_och_radslut_och_bom() -> None:
    dok = Rundtur("\ufeffa: 1\r\nb: 2\r\n")
    dok.satt(("b",), 3)
    dok.kommentera(("b",), "källa: skolverket.csv rad 4")
    assert dok.text() == "\ufeffa: 1\r\nb: 3  # källa: skolverket.csv rad 4\r\n"


def test_indrag_utan_extra_steg_for_listor() -> None:
    text = "a:\n- x\n- y\nb:\n  c: 1\n"
    dok = Rundtur(text)
    assert dok.text() == text
    dok.satt(("a", 2), "z")
    assert dok.text() == "a:\n- x\n- y\n- z\nb:\n  c: 1\n"
