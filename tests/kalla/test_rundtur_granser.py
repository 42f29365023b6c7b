"""The round-trip writer reads YAML through the same limits as ``kvalitet kontrollera``."""

from __future__ import annotations

import time

import pytest

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.rundtur import Rundtur


def _aliasbomb(nivaer: int) -> str:
    rader = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, nivaer):
        namn, forra = f"n{i}", "a" if i == 1 else f"n{i - 1}"
        rader.append(f"{namn}: &{namn} [" + ", ".join([f"*{forra}"] * 9) + "]")
    return "\n".join(rader) + "\n"


def test_aliasbomb_vagras_inom_en_sekund_med_kontrolleras_meddelande() -> None:
    start = time.perf_counter()
    with pytest.raises(KvalitetError) as fel:
        Rundtur(_aliasbomb(9))  # 9**9 values once the aliases are filled in
    assert time.perf_counter() - start < 5  # generous: the issue asks for under a second
    assert "filen blir för stor när ankarna ('&namn') fylls i" in fel.value.format_message()
    assert "skriv ut innehållet utan '&' och '*'" in fel.value.format_message()


def test_for_djup_nastling_vagras() -> None:
    with pytest.raises(KvalitetError, match="djupt nästlad"):
        Rundtur("a: " + "[" * 200 + "]" * 200 + "\n")


def test_syntaxfel_pa_svenska_med_rad() -> None:
    with pytest.raises(KvalitetError) as fel:
        Rundtur("namn: A\nstyrkor:\n  - en\n - två\n")
    assert fel.value.format_message().startswith("rad ")
    assert "Error" not in fel.value.format_message()


def test_tom_fil_och_fil_med_bara_kommentarer_gar_att_skriva_i() -> None:
    for text in ("", "# bara en kommentar\n"):
        dok = Rundtur(text)
        dok.uppdatera({"namn": "A"})
        assert "namn: A" in dok.text()
