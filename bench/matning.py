"""Measures a whole municipality's build and prints the figures.

    python3 bench/matning.py [--enheter 200] [--jobb N] [--behall KATALOG]

In one run, on a project from bench/generera.py:
1. full build, HTML and PDF (`kvalitet bygg --alla`), with peak memory of the whole process tree;
2. the same HTML files (units and sammanställning) rendered by plain WeasyPrint, one process
   per core, each importing WeasyPrint once (the limit);
3. the ratio between the two (kvalitet's share of plain WeasyPrint's throughput);
4. HTML-only build;
5. no-op rebuild (nothing changed);
6. rebuild after editing one unit (that unit and the sammanställning), and that unit alone,
   next to the unit's own render time in a warm WeasyPrint process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generera import generera


def _rss_trad(rot: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    barn: dict[int, list[int]] = {}
    for post in os.listdir("/proc"):
        if not post.isdigit():
            continue
        try:
            with open(f"/proc/{post}/stat") as f:
                falt = f.read().rsplit(")", 1)[1].split()
            barn.setdefault(int(falt[1]), []).append(int(post))
        except OSError:
            continue
    summa, att_besoka = 0, [rot]
    while att_besoka:
        pid = att_besoka.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                summa += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        att_besoka += barn.get(pid, [])
    return summa


def kor(argument: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run kvalitet; wall time, peak memory of the process tree, output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", *argument],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "CI": "true"},
    )
    topp = 0
    klar = threading.Event()

    def mat() -> None:
        nonlocal topp
        while not klar.is_set():
            topp = max(topp, _rss_trad(proc.pid))
            klar.wait(0.1)

    matare = threading.Thread(target=mat, daemon=True)
    matare.start()
    utdata, _ = proc.communicate()
    klar.set()
    matare.join()
    tid = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kvalitet {' '.join(argument)} misslyckades:\n{utdata[-2000:]}")
    return tid, topp, utdata


_FONTER = None


def _starta_ren() -> None:
    global _FONTER
    from weasyprint.text.fonts import FontConfiguration

    _FONTER = FontConfiguration()


def _ren_weasyprint(fil: str) -> None:
    from weasyprint import HTML

    HTML(filename=fil).write_pdf(pdf_variant="pdf/ua-1", font_config=_FONTER)


def ren_weasyprint(htmlfiler: list[Path], jobb: int) -> float:
    """Plain WeasyPrint, one process per core, each importing it once: the limit."""
    start = time.perf_counter()
    with Pool(jobb, initializer=_starta_ren) as pool:
        pool.map(_ren_weasyprint, [str(f) for f in htmlfiler], chunksize=1)
    return time.perf_counter() - start


def en_enhets_tid(html: Path) -> float:
    """One document's render time in a warm WeasyPrint process."""
    from weasyprint import HTML

    HTML(filename=str(html)).write_pdf(pdf_variant="pdf/ua-1")
    start = time.perf_counter()
    HTML(filename=str(html)).write_pdf(pdf_variant="pdf/ua-1")
    return time.perf_counter() - start


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--enheter", type=int, default=200)
    tolk.add_argument("--jobb", type=int, default=len(os.sched_getaffinity(0)))
    tolk.add_argument("--behall", type=Path, help="skriv projektet hit och behåll det")
    args = tolk.parse_args()
    rot = args.behall or Path(tempfile.mkdtemp(prefix="kvalitet-matning-"))
    generera(args.enheter, rot)
    jobb = str(args.jobb)
    mb = 1024 * 1024
    print(f"Projekt: {args.enheter} enheter i {rot}, {args.jobb} kärnor/jobb")

    full, minne, utdata = kor(["bygg", "--alla", "--jobb", jobb], rot)
    htmlfiler = sorted(f for f in (rot / "ut").glob("*.html") if f.stem != "sammanstallning")
    sidor = sum(
        int(s.split("(")[1].split()[0])
        for s in utdata.splitlines()
        if " sidor)" in s and s.startswith("✓ ") and "sammanst" not in s
    )
    print(
        f"1. Fullt bygge HTML+PDF:                 {full:7.1f} s  ({len(htmlfiler)} rapporter, {sidor} sidor, plus sammanställningen)"
    )
    print(f"   Högsta minne för hela bygget:          {minne / mb:7.0f} MB")

    # the same documents kvalitet built: every unit and the sammanställning
    ren = ren_weasyprint([rot / "ut" / "sammanstallning.html", *htmlfiler], args.jobb)
    print(
        f"2. Samma HTML i ren WeasyPrint ({jobb} proc.): {ren:7.1f} s  (enheterna och sammanställningen)"
    )
    print(
        f"3. Kvot ren WeasyPrint / kvalitet:        {ren / full * 100:7.1f} %  av WeasyPrints genomströmning"
    )

    htmltid, _, _ = kor(["bygg", "--alla", "--format", "html", "--ut", "ut-html"], rot)
    print(f"4. HTML-bygge:                            {htmltid:7.2f} s")

    noop, _, utdata = kor(["bygg", "--jobb", jobb], rot)
    assert "Byggda: 0" in utdata, utdata
    print(f"5. Bygge utan ändringar:                  {noop:7.2f} s")

    enhet = htmlfiler[len(htmlfiler) // 2].stem
    fil = rot / "rapporter" / "2025-26" / f"{enhet}.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("Kvalitetsrapport", "Kvalitetsrapport ")
        + "\n# ändrad\n",
        encoding="utf-8",
    )
    en, _, utdata = kor(["bygg", "--jobb", jobb], rot)
    assert "Byggda: 1," in utdata, utdata
    fil.write_text(fil.read_text(encoding="utf-8") + "# ändrad igen\n", encoding="utf-8")
    bara, _, _ = kor(["bygg", "--jobb", jobb, "--enhet", enhet], rot)
    egen = en_enhets_tid(rot / "ut" / f"{enhet}.html")
    print(f"6. Ombygge efter ändring i en enhet:      {en:7.2f} s  (enheten och sammanställningen)")
    print(f"   samma, bara enheten (--enhet):         {bara:7.2f} s")
    print(
        f"   enhetens egen PDF-tid i varm process:  {egen:7.2f} s  -> marginal {bara - egen:+.2f} s"
    )
    if not args.behall:
        shutil.rmtree(rot, ignore_errors=True)


if __name__ == "__main__":
    main()
