"""Measures the editor's lenient preview (``kvalitet/visa/forlatande.py``): the time to render
``/skriv/<enhet>/forhandsvisning`` for the largest example unit when it is valid, and when it is
half-finished (an empty new image, ``utfall: 120``, an utvecklingsområde without rubrik: three
rounds of leaving out), each after a change of the file (nothing cached). Prints the figures.

    python3 bench/forlatande.py --varv 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from kvalitet.kalla.projekt import hitta_projekt  # noqa: E402
from kvalitet.kalla.rundtur import Rundtur  # noqa: E402
from kvalitet.visa.forlatande import forhandsvisning  # noqa: E402
from kvalitet.visa.server import Forhandsvisning  # noqa: E402


def _ms(varden: list[float]) -> str:
    varden = sorted(varden)
    p90 = varden[min(len(varden) - 1, int(len(varden) * 0.9))]
    return (
        f"median {statistics.median(varden) * 1000:6.1f} ms   p90 {p90 * 1000:6.1f} ms   "
        f"max {varden[-1] * 1000:6.1f} ms"
    )


def _halvfardig(text: str) -> str:
    rundtur = Rundtur(text)
    data = rundtur.som_data()
    data["resultat"]["objektiva"].setdefault("bilder", []).append({})
    data["styrtal"]["1.1.2"]["utfall"] = 120
    data["utvecklingsområden"][0]["rubrik"] = ""
    rundtur.uppdatera(data)
    return rundtur.text()


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--varv", type=int, default=20, help="antal mätningar (standard 20)")
    varv = tolk.parse_args().varv
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROT / "rapporter", Path(tmp) / "rapporter")
        fil = Path(tmp) / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
        giltig = fil.read_text(encoding="utf-8")
        halv = _halvfardig(giltig)
        visning = Forhandsvisning(hitta_projekt(Path(tmp)))
        forhandsvisning(visning, "bjorkbackaskolan")  # warm: templates, fonts
        for namn, text in (("giltig", giltig), ("halvfärdig", halv)):
            tider = []
            for i in range(varv):
                fil.write_text(text + f"\n# ändring {i}\n", encoding="utf-8")
                start = time.perf_counter()
                html, _ = forhandsvisning(visning, "bjorkbackaskolan")
                tider.append(time.perf_counter() - start)
                banderoll = b"kvalitet-forlatande" in html
                assert banderoll == (namn == "halvfärdig"), namn
            print(f"{namn:11} {_ms(tider)}")


if __name__ == "__main__":
    main()
