"""Measures the history per text (``kvalitet/visa/delhistorik.py``): the example copied into a
temporary git repository, the largest unit saved N times through the editor (every third save
changes the avsnitt asked about, the others another field, as autosave does), then the history
of that avsnitt fetched cold (every version read once) and warm (the parts cached by content),
and one "Återställ". Prints seconds and the number of changes found.

    python3 bench/historik.py
    python3 bench/historik.py --sparningar 50 300
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from kvalitet.kalla.projekt import hitta_projekt  # noqa: E402
from kvalitet.visa.delhistorik import _DELAR, Delhistorik  # noqa: E402
from kvalitet.visa.server import Forhandsvisning  # noqa: E402

ENHET = "bjorkbackaskolan"
AVSNITT = ["kvalitetsarbete", "avsnitt", 1]


def _git(rot: Path, *argument: str) -> None:
    subprocess.run(["git", *argument], cwd=rot, check=True, capture_output=True)


def matt(sparningar: int) -> None:
    with tempfile.TemporaryDirectory() as mapp:
        rot = Path(mapp)
        shutil.copytree(ROT / "rapporter", rot / "rapporter")
        _git(rot, "init", "-q")
        _git(rot, "config", "user.name", "Bänk")
        _git(rot, "config", "user.email", "bank@alvmora.se")
        _git(rot, "add", "-A")
        _git(rot, "commit", "-qm", "början")
        redigering = Forhandsvisning(hitta_projekt(rot)).redigering
        borjan = time.perf_counter()
        for i in range(sparningar):
            oppnad = redigering.oppna(ENHET)
            data = copy.deepcopy(oppnad["data"])
            if i % 3 == 0:
                data["kvalitetsarbete"]["avsnitt"][1]["text"] = f"Version {i} av texten.\n"
            else:
                data["delaktighet"]["övriga"] = f"Ändring {i}."
            redigering.spara(ENHET, data, oppnad["version"], oppnad["data"])
        sparat = time.perf_counter() - borjan
        historik = Delhistorik(redigering)
        _DELAR.clear()
        borjan = time.perf_counter()
        svar = historik.historik(ENHET, AVSNITT)
        kall = time.perf_counter() - borjan
        borjan = time.perf_counter()
        historik.historik(ENHET, AVSNITT)
        varm = time.perf_counter() - borjan
        aldst = svar["andringar"][-1]["commit"]
        borjan = time.perf_counter()
        historik.aterstall(ENHET, AVSNITT, aldst)
        aterstall = time.perf_counter() - borjan
        print(
            f"{sparningar:5d} sparningar ({sparat:6.1f} s): {len(svar['andringar']):4d} ändringar "
            f"av avsnittet; historiken kall {kall:6.2f} s, varm {varm:6.2f} s; "
            f"återställ {aterstall:5.2f} s"
        )


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    tolk.add_argument("--sparningar", type=int, nargs="+", default=[30, 150])
    for antal in tolk.parse_args().sparningar:
        matt(antal)


if __name__ == "__main__":
    main()
