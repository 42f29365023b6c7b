"""Run every independent accessibility checker on the example's PDFs and HTML.

    python3 -m skript.granska [--ut KATALOG] [--json FIL] [--forslag FIL]
    python3 -m skript.granska --levande

Builds the example project (``rapporter/``) to a temporary folder, once as standard PDF/UA-1
and once with ``--pdf arkiv`` (PDF/A-2a), unless ``--ut`` names a folder that is already built.
With ``--levande``: starts ``kvalitet visa`` and ``kvalitet skriv`` on a copy of the example and
checks their live pages instead (``levande.py``: axe with the best-practice rules, vnu, the width).
Every finding that ``kanda.toml`` does not excuse, exactly and with a reason, is new: the exit
code is then 1, as it is when an excused finding no longer occurs (remove it from the list).
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
from .kanda import Fynd, forslag, jamfor, las_kanda

ROT = Path(__file__).resolve().parents[2]
VERKTYG = ("pdfua", "outloud", "vnu", "axe", "sidan")


def bygg_exemplet(ut: Path, *flaggor: str) -> None:
    sokvag = os.pathsep.join(filter(None, [str(ROT), os.environ.get("PYTHONPATH")]))
    svar = subprocess.run(
        [sys.executable, "-m", "kvalitet", "bygg", str(ROT), "--ut", str(ut), "--alla", *flaggor],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=sokvag),
        check=False,
    )
    if svar.returncode != 0:
        raise RuntimeError(f"bygget misslyckades:\n{svar.stdout}\n{svar.stderr}")


def granska(kataloger: dict[str, Path]) -> tuple[list[Fynd], dict[str, float], set[str]]:
    """All findings for the PDFs and HTML files in ``kataloger`` (label → built folder), the
    time of each checker, and the names of everything checked."""
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
    granskade = {*pdfer, *html, *(f"{n}@{b}" for n in html for b in verktyg.BREDDER)}
    return fynd, tider, granskade


def _exemplet(ut: Path | None) -> tuple[list[Fynd], dict[str, float], set[str]]:
    with tempfile.TemporaryDirectory(prefix="granska-") as tmp:
        if ut:
            return granska({"": ut})
        kataloger = {"": Path(tmp) / "standard", "arkiv": Path(tmp) / "arkiv"}
        start = time.perf_counter()
        bygg_exemplet(kataloger[""])
        bygg_exemplet(kataloger["arkiv"], "--pdf", "arkiv")
        print(f"Exemplet byggt (standard och --pdf arkiv) på {time.perf_counter() - start:.1f} s.")
        return granska(kataloger)


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(
        prog="python3 -m skript.granska", description=(__doc__ or "").split("\n")[0]
    )
    tolk.add_argument("--ut", type=Path, help="en redan byggd utkatalog (annars byggs exemplet)")
    tolk.add_argument(
        "--levande",
        action="store_true",
        help="granska kvalitet visa:s och kvalitet skriv:s sidor i stället för exemplets filer",
    )
    tolk.add_argument("--json", type=Path, help="skriv alla fynd som JSON hit")
    tolk.add_argument(
        "--forslag",
        type=Path,
        help="skriv de nya fynden som poster till kanda.toml hit (utan skäl)",
    )
    tolk.add_argument("--visa-kanda", action="store_true", help="lista också kända fynd")
    arg = tolk.parse_args(argv)

    try:
        kanda = las_kanda()
        print("Granskare:", ", ".join(f"{k} {v}" for k, v in verktyg.versioner().items()))
        if arg.levande:
            from .levande import main_levande

            fynd, tider, granskade = main_levande()
        else:
            fynd, tider, granskade = _exemplet(arg.ut)
    except (verktyg.VerktygSaknas, RuntimeError, ValueError) as fel:
        print(f"fel: {fel}", file=sys.stderr)
        return 2

    utfall = jamfor(fynd, kanda, granskade)
    print("Tider:", ", ".join(f"{k} {v:.1f} s" for k, v in tider.items()))
    per_verktyg = Counter(f.verktyg for f in fynd)
    nya_per = Counter(f.verktyg for f in utfall.nya)
    for namn in VERKTYG:
        kanda_antal = per_verktyg[namn] - nya_per[namn]
        print(
            f"  {namn:8} {per_verktyg[namn]:4} fynd, {kanda_antal:4} kända, {nya_per[namn]:3} nya"
        )
    if arg.visa_kanda:
        for f, k in utfall.kanda:
            print(f"känt: {f.rad()}\n      skäl: {k.skal}")
    if arg.json:
        text = json.dumps([f.__dict__ for f in fynd], ensure_ascii=False, indent=1)
        arg.json.write_text(text, encoding="utf-8")
    if arg.forslag:
        arg.forslag.write_text(forslag(utfall.nya), encoding="utf-8")
    if utfall.oanvanda:
        print(
            f"\n{len(utfall.oanvanda)} kända fynd finns inte längre "
            "(ta bort dem ur skript/granska/kanda.toml, så att de inte kan dölja ett nytt):"
        )
        for rad in utfall.oanvanda:
            print(f"  {rad}")
    if utfall.nya:
        print(
            f"\n{len(utfall.nya)} nya fynd (rätta dem, eller lägg in dem med skäl i "
            "skript/granska/kanda.toml; --forslag FIL skriver posterna):"
        )
        for rad, antal in Counter(f.rad() for f in utfall.nya).items():
            print(f"  {rad}" + (f"  (×{antal})" if antal > 1 else ""))
    if utfall.nya or utfall.oanvanda:
        return 1
    print("Inga nya fynd, och varje känt fynd finns kvar.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
