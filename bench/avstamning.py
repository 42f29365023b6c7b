"""Times the check of the huvudman report's typed results against the units (issue 26, point 4)
next to reading and validating the period, on a generated project.

    python3 bench/avstamning.py [--enheter 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generera import generera

from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.sammanstallning.avstamning import avstam_perioden


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--enheter", type=int, default=200, help="antal enheter (standard 200)")
    args = tolk.parse_args()
    with tempfile.TemporaryDirectory() as mapp:
        rot = Path(mapp) / "kommun"
        generera(args.enheter, rot)
        projekt = hitta_projekt(rot)
        start = time.perf_counter()
        lage = las_period(projekt)
        last = time.perf_counter()
        varningar = avstam_perioden(lage)
        klar = time.perf_counter()
    print(f"{len(lage.enheter)} enheter")
    print(f"läsa och validera perioden: {last - start:.2f} s")
    print(f"avstämningen mot enheterna: {klar - last:.3f} s ({len(varningar)} varningar)")


if __name__ == "__main__":
    main()
