"""Measures ``kvalitet importera`` on a generated municipality: N units and a Skolverket-shaped
export with a row per unit (decimal comma, banner lines, symbols for small groups), plus rows
for schools the project does not have. Prints the time of a dry run, of --skriv, and of a
second --skriv (which changes nothing), and the summary the command printed.

    python3 bench/importera.py --enheter 300
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generera import generera

KARTA = """källor:
  - fil: statistik/export.csv
    format: skolverket
    enhet: Enhets-id
    nyckel: id
    styrtal:
      "2.1.1":
        utfall: Andel (%) behöriga till yrkesprogram
        flickor: Andel (%) behöriga till yrkesprogram, flickor
        pojkar: Andel (%) behöriga till yrkesprogram, pojkar
        antal: Antal elever
"""


def kor(rot: Path, *argument: str) -> tuple[float, str]:
    start = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "kvalitet", "importera", "--karta", "statistik/karta.yaml", *argument],
        cwd=rot, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if res.returncode != 0:
        raise SystemExit(res.stdout + res.stderr)
    return time.perf_counter() - start, res.stdout


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    tolk.add_argument("--enheter", type=int, default=300)
    argument = tolk.parse_args()
    slump = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="kvalitet-import-") as tmp:
        rot = Path(tmp)
        enheter = generera(argument.enheter, rot)
        (rot / "statistik").mkdir()
        rader = ["Statistik från Skolverket", "Behörighet till gymnasieskolan, årskurs 9",
                 "Valt läsår: 2025/26", "",
                 "Skola;Enhets-id;Antal elever;Andel (%) behöriga till yrkesprogram;"
                 "Andel (%) behöriga till yrkesprogram, flickor;"
                 "Andel (%) behöriga till yrkesprogram, pojkar;"]  # fmt: skip
        for fil in enheter:
            antal = slump.randint(6, 120)
            if antal < 10:
                varden = ["..", "..", ".."]
            else:
                varden = [f"{slump.uniform(60, 99):.1f}".replace(".", ","), "~100" if slump.random() < 0.1 else f"{slump.uniform(55, 99):.1f}".replace(".", ","), ".."]  # fmt: skip
            rader.append(f"{fil.stem};{fil.stem};{antal};{';'.join(varden)};")
        rader += [f"Annan skola {i};annan-{i};30;80,0;81,0;79,0;" for i in range(5)]
        (rot / "statistik" / "export.csv").write_text("\r\n".join(rader), encoding="utf-8")
        (rot / "statistik" / "karta.yaml").write_text(KARTA, encoding="utf-8")
        torr, utdata = kor(rot)
        skriv, _ = kor(rot, "--skriv", "--skriv-over")
        igen, andra = kor(rot, "--skriv", "--skriv-over")
        sammanfattning = [
            r
            for r in utdata.splitlines()
            if not r.startswith(("---", "+++", "@@", " ", "+", "-", "rapporter/"))
        ]
        print(f"Projekt: {len(enheter)} enheter, export med {len(enheter) + 5} rader")
        print(f"Torrkörning (diff per enhet):   {torr:.2f} s")
        print(f"--skriv --skriv-over:           {skriv:.2f} s")
        print(
            f"samma igen (ändrar inget):      {igen:.2f} s   -> {andra.splitlines()[0] if andra else ''}"
        )
        print("Sammanfattningen från torrkörningen:")
        for rad in sammanfattning[:12]:
            print("  " + rad)


if __name__ == "__main__":
    main()
