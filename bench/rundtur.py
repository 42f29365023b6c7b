"""Measures one save through the round-trip writer (``kvalitet/kalla/rundtur.py``): the largest
example unit is opened, N new keys are added in the middle of a mapping (as the editor sends the
whole document, with the new keys where the form put them), written back as text. A save's cost
should grow linearly with its size: the time per key stays about the same from 1 000 to 16 000.

    python3 bench/rundtur.py
    python3 bench/rundtur.py --antal 1000 8000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from kvalitet.kalla.rundtur import Rundtur  # noqa: E402

ENHET = ROT / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"


def _med_nya_nycklar(data: dict[str, object], antal: int) -> dict[str, object]:
    """The document with ``antal`` new keys in ``styrtal`` before its existing ones, and as many
    new top-level keys between 'namn' and the rest (the worst case for placing keys)."""
    styrtal = dict(data.get("styrtal") or {})
    nya = {f"9.{i // 100}.{i % 100}": {"utfall": i, "kommentar": f"rad {i}"} for i in range(antal)}
    ut: dict[str, object] = {"namn": data["namn"]}
    ut.update({f"extra_{i}": f"värde {i}" for i in range(antal)})
    ut.update({k: v for k, v in data.items() if k != "namn"})
    ut["styrtal"] = {**nya, **styrtal}
    return ut


def matt(antal: int) -> tuple[float, float]:
    """Seconds for ``uppdatera`` and for ``text`` with ``antal`` new keys (twice: top level and
    in 'styrtal')."""
    text = ENHET.read_text(encoding="utf-8")
    dok = Rundtur(text)
    data = _med_nya_nycklar(dok.som_data(), antal)
    start = time.perf_counter()
    dok.uppdatera(data)
    mitt = time.perf_counter()
    dok.text()
    slut = time.perf_counter()
    return mitt - start, slut - mitt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--antal", type=int, nargs="*", default=[1000, 4000, 8000, 16000])
    args = parser.parse_args()
    print(f"{'nya nycklar':>12} {'uppdatera':>10} {'text':>8} {'totalt':>8} {'µs/nyckel':>10}")
    for antal in args.antal:
        uppdatera, text = matt(antal)
        totalt = uppdatera + text
        per = totalt / (2 * antal) * 1e6
        print(f"{antal:>12} {uppdatera:>9.2f}s {text:>7.2f}s {totalt:>7.2f}s {per:>10.1f}")


if __name__ == "__main__":
    main()
