"""Swedish number and date formats."""

from __future__ import annotations

import datetime as dt

from kvalitet.grund import format as fmt
from kvalitet.modell.falt import _cell

NBSP = "\u00a0"


def test_tal_med_hart_mellanslag_och_akta_minus() -> None:
    assert fmt.tal(1266) == f"1{NBSP}266"
    assert fmt.tal(-4426) == f"\u22124{NBSP}426"
    assert fmt.tal(96.4) == "96,4"
    assert fmt.tal(1234567.5) == f"1{NBSP}234{NBSP}567,5"


def test_procent() -> None:
    assert fmt.procent(96.4) == f"96,4{NBSP}%"
    assert fmt.procent("..") == ".."
    assert "96.4" not in fmt.procent(96.4)


def test_decimaler_som_de_skrevs() -> None:
    assert fmt.tal(_cell("83,0")) == "83,0"
    assert fmt.procent(_cell("86,20")) == f"86,20{NBSP}%"
    assert fmt.tal(_cell("1 266")) == f"1{NBSP}266"


def test_svenska_tal_i_text_blir_tal() -> None:
    assert _cell("96,4 %") == 96.4
    assert _cell("−12") == -12
    assert _cell("6 på en 10-gradig skala") == "6 på en 10-gradig skala"
    assert _cell("..") == ".."


def test_datum() -> None:
    assert fmt.datum(dt.date(2021, 6, 20)) == "2021-06-20"
    assert fmt.datum(dt.date(2021, 6, 20), lang=True) == "20 juni 2021"
    assert fmt.tkr(1266) == f"1{NBSP}266{NBSP}tkr"
