"""Measures the one write path for unit files (``kalla/skrivvag.py``) against a plain atomic
write, and the three-way merge (``kalla/sammanfoga.py``) of the largest example unit.

    python3 bench/skrivvag.py --varv 200

Prints the median and p90 of: a plain atomic write (temporary file, rename); a write through
the write path (lock, read, exchange, history entry); and a merge of two edits of different
fields (base, mine, theirs) of the largest unit's data.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from kvalitet.grund.skrivning import skriv_atomiskt  # noqa: E402
from kvalitet.kalla.historik import Historik  # noqa: E402
from kvalitet.kalla.rundtur import Rundtur  # noqa: E402
from kvalitet.kalla.sammanfoga import sammanfoga  # noqa: E402
from kvalitet.kalla.skrivvag import skriv_enhetsfil  # noqa: E402


def _ms(varden: list[float]) -> str:
    varden = sorted(varden)
    p90 = varden[min(len(varden) - 1, int(len(varden) * 0.9))]
    return f"median {statistics.median(varden) * 1000:7.2f} ms   p90 {p90 * 1000:7.2f} ms"


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--varv", type=int, default=200, help="antal skrivningar (standard 200)")
    varv = tolk.parse_args().varv
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROT / "rapporter", Path(tmp) / "rapporter")
        filer = [f for f in (Path(tmp) / "rapporter" / "2025-26").glob("*.yaml")]
        fil = max((f for f in filer if f.name != "huvudman.yaml"), key=lambda f: f.stat().st_size)
        data = fil.read_bytes()
        historik = Historik(Path(tmp), git=False)
        vanlig, vag = [], []
        for i in range(varv):
            ny = data + f"# {i}\n".encode()
            start = time.perf_counter()
            skriv_atomiskt(fil, ny)
            vanlig.append(time.perf_counter() - start)
            ny = data + f"# {i} igen\n".encode()
            start = time.perf_counter()
            skriv_enhetsfil(fil, lambda nu, ny=ny: ny, historik)
            vag.append(time.perf_counter() - start)
        bas = Rundtur(data.decode("utf-8")).som_data()
        min_, deras = copy.deepcopy(bas), copy.deepcopy(bas)
        min_["område"] = "Område Söder"
        deras["sammanfattning"] = "Ändrad utifrån"
        tider = []
        for _ in range(max(20, varv // 10)):
            start = time.perf_counter()
            resultat = sammanfoga(bas, min_, deras)
            tider.append(time.perf_counter() - start)
        assert not resultat.konflikter
        print(f"Största exempelenheten: {fil.name} ({len(data)} byte), {varv} skrivningar")
        print(f"  atomisk skrivning (tillfällig fil, rename):   {_ms(vanlig)}")
        print(f"  skrivvägen (lås, läs, byte, historikpost):     {_ms(vag)}")
        print(f"  trevägssammanfogning, två olika fält:          {_ms(tider)}")
        print(f"  historikposter: {len(historik.versioner(fil))}")


if __name__ == "__main__":
    main()
