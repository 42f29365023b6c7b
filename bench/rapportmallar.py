"""Measures what the rapportmallar add to every validation of a period (las_period).

    python3 bench/rapportmallar.py [--varv N]

Prints the median time to read and validate the example's rapportmallar, and of a whole
las_period of the example with them (the editor and bygg --bevaka call it after each save)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kalla.rapportmallar import las_rapportmallar
    from kvalitet.kontroll.period import las_period
    from kvalitet.kontroll.rapportmall import validera_rapportmall

    tolk = argparse.ArgumentParser()
    tolk.add_argument("--varv", type=int, default=30)
    varv = tolk.parse_args().varv
    proj = hitta_projekt(Path(__file__).resolve().parent.parent)

    def mallar() -> None:
        for namn, kalla in las_rapportmallar(proj.rapporter).items():
            validera_rapportmall(kalla, namn)

    for namn, steg in (
        ("rapportmallarna (läsa + kontrollera)", mallar),
        ("las_period", lambda: las_period(proj)),
    ):
        steg()
        tider = []
        for _ in range(varv):
            start = time.perf_counter()
            steg()
            tider.append(time.perf_counter() - start)
        print(f"{namn}: median {statistics.median(tider) * 1000:.1f} ms över {varv} varv")


if __name__ == "__main__":
    main()
