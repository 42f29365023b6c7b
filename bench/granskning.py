"""Measures what the server asks on every request and what the förvaltning asks now and then,
for a project with N units (one rektor each, plus granskare groups):

    python3 bench/granskning.py --enheter 600

Prints: reading and checking rapporter/behörigheter.yaml, claims → Behorighet, the start page's
list, one comment written through the write path, and the overview of the whole period."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generera import generera

from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.behorigheter import (
    Behorighetsminne,
    las_behorigheter,
    projektets_enheter,
)
from kvalitet.kontroll.granskning import Enhetsminne
from kvalitet.modell.rattighet import behorighet_for
from kvalitet.sammanstallning.granskningsoversikt import granskningsoversikt
from kvalitet.visa.granska import Granskningar


def _tid(funktion: Callable[[], object], varv: int) -> tuple[float, float]:
    """(median, max) milliseconds over ``varv`` runs."""
    tider = []
    for _ in range(varv):
        start = time.perf_counter()
        funktion()
        tider.append((time.perf_counter() - start) * 1000)
    return statistics.median(tider), max(tider)


def _behorigheter(enheter: list[str]) -> str:
    rader = ["kontakt: Karin Ek, kvalitetsstrateg, karin.ek@alvmora.se", "personer:"]
    for i, enhet in enumerate(enheter):
        rader += [
            f"  - namn: Rektor {i}",
            f"    epost: rektor{i}@alvmora.se",
            "    roller: rektor",
            f"    enheter: [{enhet}]",
        ]
    rader += [
        "  - namn: Karin Ek",
        "    epost: karin.ek@alvmora.se",
        "    roller: [granskare, huvudmannens redaktör]",
        "grupper:",
        "  - grupp: bou-utvecklingsledare",
        "    roller: granskare",
    ]
    return "\n".join(rader) + "\n"


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--enheter", type=int, default=600)
    tolk.add_argument("--varv", type=int, default=20)
    tolk.add_argument(
        "--git", action="store_true", help="projektet som git-förråd (en commit per skrivning)"
    )
    argument = tolk.parse_args()
    with tempfile.TemporaryDirectory() as mapp:
        rot = Path(mapp)
        generera(argument.enheter, rot)
        projekt = Projekt(rot)
        enheter = projektets_enheter(projekt)
        projekt.behorighetsfil.write_text(_behorigheter(enheter), encoding="utf-8")
        if argument.git:
            import subprocess

            for kommando in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "början"]):
                subprocess.run(
                    ["git", "-c", "user.name=b", "-c", "user.email=b@b", *kommando],
                    cwd=rot,
                    check=True,
                )
        fil, problem = las_behorigheter(projekt)
        assert fil is not None, [p.visa() for p in problem]
        rektor = {"sub": "r", "email": f"rektor{len(enheter) // 2}@alvmora.se", "name": "R"}
        granskare = {"sub": "g", "email": "ny@alvmora.se", "groups": ["bou-utvecklingsledare"]}
        b = behorighet_for(fil, granskare)
        granskningar = Granskningar(projekt)
        behorighetsminne = Behorighetsminne(projekt)
        enhetsminne = Enhetsminne()
        idag = dt.date(2026, 6, 8)
        print(
            f"{len(enheter)} enheter, {len(fil.personer)} personer i behörighetsfilen"
            + (", git" if argument.git else "")
        )
        for namn, funktion in (
            ("enheternas id (rglob)", lambda: projektets_enheter(projekt)),
            ("läsa och kontrollera behörigheter.yaml", lambda: las_behorigheter(projekt)),
            ("claims → Behorighet (rektor)", lambda: behorighet_for(fil, rektor)),
            ("Behorighetsminne, filen oförändrad", lambda: behorighetsminne.behorighet(rektor)),
            ("claims → Behorighet (granskare, grupp)", lambda: behorighet_for(fil, granskare)),
            ("startsidans lista (granskare)", lambda: b.synliga_enheter(enheter)),
            (
                "en kommentar genom skrivvägen",
                lambda: granskningar.kommentera(enheter[0], ["analys"], "Hej", b),
            ),
            (
                "översikten, kall (varje enhetsfil läses)",
                lambda: granskningsoversikt(projekt, idag=idag),
            ),
            (
                "översikten, med serverns Enhetsminne",
                lambda: granskningsoversikt(projekt, idag=idag, minne=enhetsminne),
            ),
        ):
            median, storst = _tid(funktion, argument.varv)
            print(f"{namn:42} median {median:8.2f} ms   max {storst:8.2f} ms")


if __name__ == "__main__":
    main()
