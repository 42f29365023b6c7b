"""The one step of the differential check that is kvalitet's own code, number → Swedish text, and
the check's own reading of what a person typed, both against cases written out by hand."""

from __future__ import annotations

import pytest
from differens_format import lika_i_export, talas, tolka, visas

from kvalitet.grund import format as fmt

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("tal", "decimaler", "text"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (47, 0, "47"),
        (999, 0, "999"),
        (1000, 0, f"1{NBSP}000"),
        (1266, 0, f"1{NBSP}266"),
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (90.5, 1, "90,5"),
        (83.0, 1, "83,0"),
        (86.2, 2, "86,20"),
        (0.5, 1, "0,5"),
        (4.25, 2, "4,25"),
        (1234.5, 1, f"1{NBSP}234,5"),
        (-4426, 0, f"\u22124{NBSP}426"),
        (-0.3, 1, "\u22120,3"),
    ],
)
def test_tal(tal: float, decimaler: int, text: str) -> None:
    assert fmt.tal(tal, decimaler) == text


@pytest.mark.parametrize(
    ("tal", "decimaler", "text"),
    [
        (87, 0, f"87{NBSP}%"),
        (100, 0, f"100{NBSP}%"),
        (90.5, 1, f"90,5{NBSP}%"),
        (83.0, 1, f"83,0{NBSP}%"),
        (3.1, 1, f"3,1{NBSP}%"),
    ],
)
def test_procent(tal: float, decimaler: int, text: str) -> None:
    assert fmt.procent(tal, decimaler) == text


@pytest.mark.parametrize(
    ("kalla", "tal", "decimaler", "procenttecken"),
    [
        (47, 47, 0, False),
        ("90,5", 90.5, 1, False),
        ("83,0", 83.0, 1, False),
        ("1 266", 1266, 0, False),
        (f"1{NBSP}266,25", 1266.25, 2, False),
        ("80 %", 80, 0, True),
        ("96,4 %", 96.4, 1, True),
        ("−12", -12, 0, False),
        (6.2, 6.2, 1, False),
        ("7,1 av 10", None, 0, False),
        ("..", None, 0, False),
        ("6 på en 10-gradig skala", None, 0, False),
    ],
)
def test_tolka_kallan(
    kalla: object, tal: float | None, decimaler: int, procenttecken: bool
) -> None:
    t = tolka(kalla)
    assert (t.tal, t.decimaler, t.procenttecken) == (tal, decimaler, procenttecken)


@pytest.mark.parametrize(
    ("kalla", "matt", "visat"),
    [
        ("90,5", "procent", f"90,5{NBSP}%"),
        ("90,5", None, "90,5"),
        ("83,0", "procent", f"83,0{NBSP}%"),
        (1266, "antal", f"1{NBSP}266"),
        (87, "procent", f"87{NBSP}%"),
        ("80 %", "text", f"80{NBSP}%"),
        ("7,1 av 10", "skala", "7,1 av 10"),
        ("6 på en 10-gradig skala", "skala", "6 på en 10-gradig skala"),
    ],
)
def test_visas(kalla: object, matt: str, visat: str) -> None:
    assert visas(kalla, matt) == visat


def test_talas_och_export() -> None:
    assert talas(f"86,4{NBSP}%") == "86,4 procent"
    assert talas("~100") == "~100"
    assert lika_i_export("65,6", "65,6", None)
    assert lika_i_export(65.6, "65,6", None)
    assert lika_i_export("83", "83,0", None)
    assert not lika_i_export("65,5", "65,6", None)
    assert not lika_i_export("..", "65,6", None)
    assert lika_i_export("..", "65,6", "..")
    assert lika_i_export("7,1 av 10", "7,1 av 10", None)
    assert lika_i_export("1266", "1 266", None)
    assert not lika_i_export("65.6", "65,6", None), "CSV med decimalpunkt"
    assert not lika_i_export("1 266", "1 266", None), "CSV med tusentalsavgränsare"
    assert lika_i_export(65.6, "65,6", None, xlsx=True)
    assert not lika_i_export("65,6", "65,6", None, xlsx=True), "XLSX med talet som text"
