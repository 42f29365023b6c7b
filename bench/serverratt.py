"""Times what the server's rights check costs per request (issue 27: rights checked on every
request): ``Rattigheter.for_anvandare`` with the rights file unchanged (a stat and the match)
and right after the file changed (parsed again), for a file with N people.

    python3 bench/serverratt.py [--personer 600] [--varv 5000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kvalitet.kalla.projekt import Projekt
from kvalitet.server.anvandare import Anvandare
from kvalitet.server.rattigheter import Rattigheter, far_lasa_sokvag

ROT = Path(__file__).resolve().parents[1]


def _fil(personer: int) -> str:
    rader = ["kontakt: Karin Ek, karin.ek@alvmora.se", "personer:"]
    for i in range(personer):
        rader += [
            f"  - namn: Person {i}",
            f"    epost: person{i}@alvmora.se",
            "    roller: rektor",
            "    enheter: [bjorkbackaskolan]",
        ]
    rader += ["grupper:", "  - grupp: bou-utvecklingsledare", "    roller: granskare"]
    return "\n".join(rader) + "\n"


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--personer", type=int, default=600)
    tolk.add_argument("--varv", type=int, default=5000)
    a = tolk.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rot = Path(tmp)
        shutil.copytree(ROT / "rapporter", rot / "rapporter")
        fil = rot / "rapporter" / "behörigheter.yaml"
        fil.write_text(_fil(a.personer), encoding="utf-8")
        ratt = Rattigheter(Projekt(rot), {})
        vem = Anvandare("x", "Sista", f"person{a.personer - 1}@alvmora.se", ())
        ratt.for_anvandare(vem)
        tider = []
        for _ in range(a.varv):
            borjan = time.perf_counter()
            b = ratt.for_anvandare(vem)
            far_lasa_sokvag(b, "/skriv/bjorkbackaskolan/data")
            tider.append(time.perf_counter() - borjan)
        omlasning = []
        for i in range(20):
            fil.write_text(_fil(a.personer) + f"# {i}\n", encoding="utf-8")
            borjan = time.perf_counter()
            ratt.for_anvandare(vem)
            omlasning.append(time.perf_counter() - borjan)
    tider.sort()
    print(f"behörighetsfil med {a.personer} personer, {a.varv} begäran")
    print(
        f"  oförändrad fil: p50 {statistics.median(tider) * 1e6:.0f} µs, "
        f"p99 {tider[int(len(tider) * 0.99)] * 1e6:.0f} µs per begäran"
    )
    print(f"  ändrad fil (läses om): p50 {statistics.median(omlasning) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
