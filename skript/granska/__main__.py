"""Run every independent accessibility checker on the example's PDFs and HTML.

    python3 -m skript.granska [--ut KATALOG] [--json FIL]

Builds the example project (``rapporter/``) to a temporary folder, once as standard PDF/UA-1
and once with ``--pdf arkiv`` (PDF/A-2a), unless ``--ut`` names a folder that is already built.
Every finding that ``kanda.toml`` does not explain with a reason is new: the exit code is then 1.
Exit code 2: a checker is missing or the build failed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from . import verktyg
from .kanda import Fynd, jamfor, las_kanda

ROT = Path(__file__).resolve().parents[2]


def bygg_exemplet(ut: Path, *flaggor: str) -> None:
    miljo = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROT), os.environ.get("PYTHONPATH")])))  # fmt: skip
    svar = subprocess.run(
        [sys.executable, "-m", "kvalitet", "bygg", str(ROT), "--ut", str(ut), "--alla", *flaggor],
        capture_output=True, text=True, env=miljo, check=False,
    )  # fmt: skip
    if svar.returncode != 0:
        raise RuntimeError(f"bygget misslyckades:\n{svar.stdout}\n{svar.stderr}")


def granska(kataloger: dict[str, Path]) -> tuple[list[Fynd], dict[str, float]]:
    """All findings for the PDFs and HTML files in ``kataloger`` (label → built folder)."""
    fynd: list[Fynd] = []
    tider: dict[str, float] = {}
    pdfer = {
        (f"{etikett}/{p.name}" if etikett else p.name): p
        for etikett, katalog in kataloger.items()
        for p in sorted(katalog.glob("*.pdf"))
    }
    forsta = next(iter(kataloger.values()))
    html = {p.name: p for p in sorted(forsta.glob("*.html"))}
    if not pdfer or not html:
        raise RuntimeError(f"inga PDF- eller HTML-filer i {forsta}")

    start = time.perf_counter()
    for namn, pdf in pdfer.items():
        fynd += verktyg.pdfua(pdf, namn)
    tider["pdfua"] = time.perf_counter() - start
    start = time.perf_counter()
    fynd += verktyg.outloud(pdfer)
    tider["outloud"] = time.perf_counter() - start
    start = time.perf_counter()
    fynd += verktyg.vnu(html)
    tider["vnu"] = time.perf_counter() - start
    start = time.perf_counter()
    fynd += verktyg.axe(html)[0]
    tider["axe"] = time.perf_counter() - start
    return fynd, tider


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(prog="python3 -m skript.granska", description=__doc__.split("\n")[0])  # fmt: skip
    tolk.add_argument("--ut", type=Path, help="en redan byggd utkatalog (annars byggs exemplet)")
    tolk.add_argument("--json", type=Path, help="skriv alla fynd som JSON hit")
    tolk.add_argument("--visa-kanda", action="store_true", help="lista också kända fynd")
    arg = tolk.parse_args(argv)

    try:
        kanda = las_kanda()
        print("Granskare:", ", ".join(f"{k} {v}" for k, v in verktyg.versioner().items()))
        with tempfile.TemporaryDirectory(prefix="granska-") as tmp:
            if arg.ut:
                kataloger = {"": arg.ut}
            else:
                kataloger = {"": Path(tmp) / "standard", "arkiv": Path(tmp) / "arkiv"}
                start = time.perf_counter()
                bygg_exemplet(kataloger[""])
                bygg_exemplet(kataloger["arkiv"], "--pdf", "arkiv")
                print(f"Exemplet byggt (standard och --pdf arkiv) på {time.perf_counter() - start:.1f} s.")  # fmt: skip
            fynd, tider = granska(kataloger)
    except (verktyg.VerktygSaknas, RuntimeError, ValueError) as fel:
        print(f"fel: {fel}", file=sys.stderr)
        return 2

    utfall = jamfor(fynd, kanda)
    print("Tider:", ", ".join(f"{k} {v:.1f} s" for k, v in tider.items()))
    per_verktyg = Counter(f.verktyg for f in fynd)
    nya_per = Counter(f.verktyg for f in utfall.nya)
    for namn in ("pdfua", "outloud", "vnu", "axe"):
        print(f"  {namn:8} {per_verktyg[namn]:4} fynd, {per_verktyg[namn] - nya_per[namn]:4} kända, {nya_per[namn]:3} nya")  # fmt: skip
    if arg.visa_kanda:
        for f, k in utfall.kanda:
            print(f"känt: {f.rad()}\n      skäl: {k.skal}")
    for k in utfall.oanvanda:
        print(f"obs: känd post matchar inget längre ({k.verktyg} {k.regel} {k.innehaller!r}); ta bort den ur kanda.toml")  # fmt: skip
    if arg.json:
        arg.json.write_text(
            json.dumps([f.__dict__ for f in fynd], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    if utfall.nya:
        print(f"\n{len(utfall.nya)} nya fynd (rätta dem, eller lägg in dem med skäl i skript/granska/kanda.toml):")  # fmt: skip
        for rad, antal in Counter(f.rad() for f in utfall.nya).items():
            print(f"  {rad}" + (f"  (×{antal})" if antal > 1 else ""))
        return 1
    print("Inga nya fynd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
