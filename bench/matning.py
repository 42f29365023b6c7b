"""Measures a whole municipality's build and prints the figures.

    python3 bench/matning.py [--enheter 200] [--jobb N] [--upprepa 2] [--behall KATALOG]

In one run, on a project from bench/generera.py:
1. full build, HTML and PDF (`kvalitet bygg --alla`), with peak memory of the whole process tree;
2. the same HTML files (units and sammanställning) rendered by plain WeasyPrint, one process
   per core, each importing WeasyPrint once (the limit);
3. the ratio between the two (kvalitet's share of plain WeasyPrint's throughput); 1 and 2 take
   turns ``--upprepa`` times and the best time of each is used;
4. HTML-only build;
5. no-op rebuild (nothing changed);
6. the unit's own render time in plain WeasyPrint: in a warm process and in a fresh one
   (``python -m weasyprint``), and the sammanställning's in a warm process;
7. rebuild after editing one unit with a new ``kvalitet bygg``: a text the sammanställning does
   not show, the unit alone (``--enhet``), and a result (the sammanställning is rebuilt too);
8. the same edits in a running ``kvalitet bygg --bevaka``: from saving the file to the unit's
   PDF being written, and to the end of the round.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
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


def kall_weasyprint(html: Path) -> float:
    """One document in a fresh process, as the weasyprint command renders it."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", str(html), os.devnull],
        check=True,
    )
    return time.perf_counter() - start


def andra_text(text: str) -> str:
    """An edit of a text the sammanställning does not show (the unit's description)."""
    rad = next(r for r in text.splitlines() if r.startswith("beskrivning:"))
    i = text.index(rad) + len(rad) + 1
    return (
        text[:i] + "  Ändrad.\n" + text[i:]
        if "  Ändrad.\n" not in text
        else text.replace("  Ändrad.\n", "", 1)
    )


def andra_utfall(text: str) -> str:
    """An edit of the first result: the unit's report and the sammanställning change."""
    import re

    traff = re.search(r"utfall: (\d+),(\d)", text)
    assert traff, "inget utfall att ändra"
    ny = f"utfall: {traff[1]},{(int(traff[2]) + 1) % 10}"
    return text.replace(traff[0], ny, 1)


def bevaka_matning(rot: Path, fil: Path, enhet: str, jobb: int) -> list[tuple[str, float, float]]:
    """Time from saving the file to the unit's PDF being written, and to the end of the
    round (the sammanställning included), in a running ``kvalitet bygg --bevaka``."""
    import queue

    proc = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", "bygg", "--bevaka", "--jobb", str(jobb)],
        cwd=rot, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "CI": "true"},
    )  # fmt: skip
    rader: queue.Queue[tuple[float, str]] = queue.Queue()

    def las() -> None:
        assert proc.stdout is not None
        for rad in proc.stdout:
            rader.put((time.perf_counter(), rad))

    threading.Thread(target=las, daemon=True).start()

    def vanta() -> float:
        while True:
            tid, rad = rader.get(timeout=300)
            if "Väntar på ändringar" in rad:
                return tid

    pdf = rot / "ut" / f"{enhet}.pdf"
    resultat = []
    try:
        vanta()
        andringar = [
            ("första ändringen (uppvärmning)", andra_text),
            ("text som sammanställningen inte visar", andra_text),
            ("samma igen", andra_text),
            ("utfall (sammanställningen byggs om)", andra_utfall),
        ]
        for namn, andra in andringar:
            fore = pdf.stat().st_mtime_ns
            ny = andra(fil.read_text(encoding="utf-8"))
            start = time.perf_counter()
            fil.write_text(ny, encoding="utf-8")
            while pdf.stat().st_mtime_ns == fore:
                time.sleep(0.005)
            pdf_klar = time.perf_counter() - start
            resultat.append((namn, pdf_klar, vanta() - start))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    return resultat


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--enheter", type=int, default=200)
    tolk.add_argument("--jobb", type=int, default=len(os.sched_getaffinity(0)))
    tolk.add_argument("--behall", type=Path, help="skriv projektet hit och behåll det")
    tolk.add_argument(
        "--upprepa", type=int, default=2, help="varv av fullt bygge och ren WeasyPrint (standard 2)"
    )
    args = tolk.parse_args()
    rot = args.behall or Path(tempfile.mkdtemp(prefix="kvalitet-matning-"))
    generera(args.enheter, rot)
    jobb = str(args.jobb)
    mb = 1024 * 1024
    print(f"Projekt: {args.enheter} enheter i {rot}, {args.jobb} kärnor/jobb")

    # kvalitet and plain WeasyPrint take turns, so that a slow spell of the machine does not
    # fall on one of them only; the best time of each is compared
    fulla: list[float] = []
    rena: list[float] = []
    minne = 0
    for _ in range(args.upprepa):
        full, topp, utdata = kor(["bygg", "--alla", "--jobb", jobb], rot)
        fulla.append(full)
        minne = max(minne, topp)
        htmlfiler = sorted(
            f
            for f in (rot / "ut").glob("*.html")
            if f.stem not in ("sammanstallning", "huvudmannens-rapport")
        )
        # the same documents kvalitet built: every unit, the sammanställning and the huvudman's
        # report
        rena.append(
            ren_weasyprint(
                [
                    rot / "ut" / "sammanstallning.html",
                    rot / "ut" / "huvudmannens-rapport.html",
                    *htmlfiler,
                ],
                args.jobb,
            )
        )
    full, ren = min(fulla), min(rena)
    fullt_bygge = utdata
    sidor = sum(
        int(s.split("(")[1].split()[0])
        for s in utdata.splitlines()
        if " sidor)" in s and s.startswith("✓ ") and "sammanst" not in s and "huvudmannens" not in s
    )
    alla_tider = ", ".join(f"{t:.1f}" for t in fulla)
    print(
        f"1. Fullt bygge HTML+PDF:                 {full:7.1f} s  ({len(htmlfiler)} rapporter, {sidor} sidor, plus sammanställningen; varven: {alla_tider} s)"
    )
    print(f"   Högsta minne för hela bygget:          {minne / mb:7.0f} MB")
    alla_tider = ", ".join(f"{t:.1f}" for t in rena)
    print(
        f"2. Samma HTML i ren WeasyPrint ({jobb} proc.): {ren:7.1f} s  (enheterna och sammanställningen; varven: {alla_tider} s)"
    )
    print(
        f"3. Kvot ren WeasyPrint / kvalitet:        {ren / full * 100:7.1f} %  av WeasyPrints genomströmning (bästa mot bästa)"
    )

    htmltid, _, _ = kor(["bygg", "--alla", "--format", "html", "--ut", "ut-html"], rot)
    print(f"4. HTML-bygge:                            {htmltid:7.2f} s")

    noop, _, utdata = kor(["bygg", "--jobb", jobb], rot)
    assert "Byggda: 0" in utdata, utdata
    print(f"5. Bygge utan ändringar:                  {noop:7.2f} s")

    enhet = htmlfiler[len(htmlfiler) // 2].stem
    fil = rot / "rapporter" / "2025-26" / f"{enhet}.yaml"
    egen = en_enhets_tid(rot / "ut" / f"{enhet}.html")
    kall = kall_weasyprint(rot / "ut" / f"{enhet}.html")
    sam = en_enhets_tid(rot / "ut" / "sammanstallning.html")
    print(f"6. Enhetens egen PDF-tid ({enhet}), ren WeasyPrint:")
    print(f"   i en varm process:                     {egen:7.2f} s")
    print(f"   i en ny process (python -m weasyprint): {kall:6.2f} s")
    print(f"   sammanställningens PDF, varm process:  {sam:7.2f} s")
    hm = en_enhets_tid(rot / "ut" / "huvudmannens-rapport.html")
    hm_sidor = next(
        (
            s.split("(")[-1].split()[0]
            for s in fullt_bygge.splitlines()
            if "huvudmannens rapport" in s
        ),
        "?",
    )
    print(f"   huvudmannens rapports PDF, varm process: {hm:5.2f} s  ({hm_sidor} sidor)")

    fil.write_text(andra_text(fil.read_text(encoding="utf-8")), encoding="utf-8")
    text, _, utdata = kor(["bygg", "--jobb", jobb], rot)
    assert "Byggda: 1," in utdata and "sammanställningen: oförändrad" in utdata, utdata
    assert "huvudmannens rapport: oförändrad" in utdata, utdata
    fil.write_text(andra_utfall(fil.read_text(encoding="utf-8")), encoding="utf-8")
    utfall, _, utdata = kor(["bygg", "--jobb", jobb], rot)
    assert "Byggda: 1," in utdata and "✓ sammanställningen" in utdata, utdata
    # the huvudman's report computes its results from the units: it is rebuilt too
    assert "✓ huvudmannens rapport" in utdata, utdata
    fil.write_text(andra_text(fil.read_text(encoding="utf-8")), encoding="utf-8")
    bara, _, _ = kor(["bygg", "--jobb", jobb, "--enhet", enhet], rot)
    print("7. Ombygge efter ändring i en enhet, nytt kommando (kvalitet bygg):")
    print(
        f"   text som sammanställningen inte visar: {text:7.2f} s  -> {text - egen:+.2f} s mot varm, {text - kall:+.2f} s mot ny process"
    )
    print(
        f"   bara enheten (--enhet):                {bara:7.2f} s  -> {bara - egen:+.2f} s mot varm, {bara - kall:+.2f} s mot ny process"
    )
    print(f"   utfall (sammanställningen och huvudmannens rapport byggs om): {utfall:5.2f} s")

    print("8. Ombygge efter ändring i en enhet, kvalitet bygg --bevaka (från att filen sparas):")
    for namn, pdf_klar, varv_klart in bevaka_matning(rot, fil, enhet, args.jobb):
        print(
            f"   {namn:<38}PDF klar {pdf_klar:5.2f} s ({pdf_klar - egen:+.2f} s mot varm), hela varvet {varv_klart:5.2f} s"
        )
    if not args.behall:
        shutil.rmtree(rot, ignore_errors=True)


if __name__ == "__main__":
    main()
