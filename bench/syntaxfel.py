"""How long reporting every syntax error of a file takes: the example unit with 0, 1, 5 and 10
slips, and generated files of 100 kB to 4 MB with 10 slips (each round parses the working copy
again). Prints seconds per file; run with ``python3 bench/syntaxfel.py``."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from kvalitet.kalla.las import las_yaml  # noqa: E402

EXEMPEL = ROT / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"


def med_slarv(text: str, antal: int) -> str:
    """``antal`` keys written 'nyckel:värde' (no space), spread through the text."""
    rader = text.split("\n")
    kandidater = [
        i
        for i, r in enumerate(rader)
        if ": " in r
        and not r.rstrip().endswith(("|", ":"))
        and not r.lstrip().startswith(("#", "-"))
    ]
    steg = max(1, len(kandidater) // max(antal, 1))
    for i in kandidater[::steg][:antal]:
        rader[i] = rader[i].replace(": ", ":", 1)
    return "\n".join(rader)


def mat(text: str, fil: Path, upprepa: int = 3) -> tuple[float, int]:
    fil.write_text(text, encoding="utf-8")
    basta, fel = float("inf"), 0
    for _ in range(upprepa):
        start = time.perf_counter()
        kalla = las_yaml(fil)
        basta = min(basta, time.perf_counter() - start)
        fel = sum(p.ar_fel for p in kalla.problem)
    return basta, fel


def main() -> None:
    exempel = EXEMPEL.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as mapp:
        fil = Path(mapp) / "enhet.yaml"
        print(f"exemplets enhet ({len(exempel.encode()) // 1024} kB):")
        for antal in (0, 1, 5, 10):
            tid, fel = mat(med_slarv(exempel, antal), fil)
            print(f"  {antal:>2} slarv: {tid:.3f} s, {fel} fel")
        for storlek in (100_000, 1_000_000, 4_000_000):
            del_ = exempel.split("\n\n", 1)[1]  # without the top-level keys that repeat
            kopior = max(1, storlek // len(del_.encode()))
            text = exempel + "".join(
                "\n"
                + del_.replace("resultat:", f"resultat{k}:", 1).replace("analys:", f"analys{k}:", 1)
                for k in range(kopior)
            )
            tid, fel = mat(med_slarv(text, 10), fil, upprepa=1)
            print(f"  {len(text.encode()) // 1024:>5} kB, 10 slarv: {tid:.2f} s, {fel} fel")


if __name__ == "__main__":
    main()
