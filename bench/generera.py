"""Writes a complete synthetic project with N units that validates and builds.

    python3 bench/generera.py --enheter 200 --ut /tmp/kommun

The units are made from the example project's four reports (grundskola, förskola,
gymnasieskola, central stödverksamhet) with new names, områden and results, so text lengths,
tables, images and styrtal (with history) are realistic. The huvudman file, images and the
project's own templates are copied. Deterministic for a given --frö.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

EXEMPEL = Path(__file__).resolve().parent.parent / "rapporter"
PERIOD = "2025-26"
MALLAR = [
    ("bjorkbackaskolan.yaml", "skola", ["Björkbackaskolan"], 0.45),
    ("forskolan-lingonet.yaml", "forskola", ["Förskolan Lingonet"], 0.35),
    ("alvmora-gymnasium.yaml", "gymnasium", ["Älvmora gymnasium"], 0.12),
    ("resurscentrum.yaml", "stod", ["Resurscentrum"], 0.08),
]
NAMN = ["Ek", "Björk", "Lönn", "Tall", "Gran", "Asp", "Al", "Rönn", "Lind", "Hassel", "Sälg",
        "Vide", "Fura", "Hägg", "Alm", "Ask", "Bok", "Idegran", "Lärk", "Oxel"]  # fmt: skip
ANDELSER = ["backen", "dalen", "hagen", "ängen", "lunden", "viken", "åsen", "bäcken", "holmen",
            "udden", "skogen", "berget"]  # fmt: skip
OMRADEN = ["Område Norr", "Område Söder", "Område Öster", "Område Väster", "Område Centrum"]
UTFALL = re.compile(r"^(\s+utfall: )(\d+)(,\d+)?$", re.MULTILINE)


def generera(antal: int, ut: Path, fro: int = 1) -> list[Path]:
    """Create the project in ``ut`` (which must not exist or be empty) and return the units."""
    slump = random.Random(fro)
    if ut.exists() and any(ut.iterdir()):
        raise SystemExit(f"{ut} finns redan och är inte tom")
    (ut / "rapporter" / PERIOD).mkdir(parents=True)
    for mapp in ("bilder", "egna-mallar"):
        shutil.copytree(EXEMPEL / mapp, ut / "rapporter" / mapp)
    shutil.copy(EXEMPEL / PERIOD / "huvudman.yaml", ut / "rapporter" / PERIOD / "huvudman.yaml")
    # the huvudman's own report: its computed results come from all the generated units
    namn = "huvudmannens-rapport.yaml"
    shutil.copy(EXEMPEL / PERIOD / namn, ut / "rapporter" / PERIOD / namn)
    shutil.copytree(EXEMPEL.parent / "schema", ut / "schema")
    mallar = {fil: (EXEMPEL / PERIOD / fil).read_text(encoding="utf-8") for fil, *_ in MALLAR}
    vikter = [v for *_, v in MALLAR]
    skrivna = []
    for nr in range(antal):
        fil, prefix, gamla, _ = slump.choices(MALLAR, vikter)[0]
        namn = f"{slump.choice(NAMN)}{slump.choice(ANDELSER)}"
        text = mallar[fil]
        for gammalt in gamla:
            text = text.replace(f"namn: {gammalt}", f"namn: {namn.capitalize()} {nr:03d}", 1)
        text = re.sub(r"område: .*", f"område: {slump.choice(OMRADEN)}", text, count=1)
        text = UTFALL.sub(
            lambda m: f"{m[1]}{max(1, min(99, int(m[2]) + slump.randint(-12, 6)))}{m[3] or ''}",
            text,
        )
        text = text.replace(
            "status: klar", f"status: {slump.choice(['utkast', 'klar', 'godkänd'])}"
        )
        enhet = ut / "rapporter" / PERIOD / f"{prefix}-{nr:03d}.yaml"
        enhet.write_text(text, encoding="utf-8")
        skrivna.append(enhet)
    return skrivna


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--enheter", type=int, default=200, help="antal enheter (standard 200)")
    tolk.add_argument("--ut", type=Path, required=True, help="projektmappen som skapas")
    tolk.add_argument("--frö", dest="fro", type=int, default=1, help="slumpfrö")
    args = tolk.parse_args()
    filer = generera(args.enheter, args.ut, args.fro)
    print(f"Skrev {len(filer)} enheter och huvudmannafilen i {args.ut / 'rapporter' / PERIOD}")


if __name__ == "__main__":
    main()
