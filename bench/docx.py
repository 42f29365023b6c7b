"""Word-exportens tid: python3 bench/docx.py

Bygger exemplet till HTML i en tillfällig mapp och mäter `skriv_docx` (HTML → DOCX, samma steg
som `kvalitet bygg --format docx`) för varje exempeldokument, och för en genererad rapport på
minst 48 sidor: den största enhetsrapportens avsnitt upprepade tills WeasyPrint gör 48 sidor av
HTML:en. Tiden är bästa av fem körningar i en varm process (python-docx och Pillow redan
importerade); den första körningen, med importerna, skrivs också ut."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
# this file is named docx.py: its folder must not hide the python-docx package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROT / "bench"]
sys.path.insert(0, str(ROT))


def _matt(html: str, mall: Path | None, varv: int = 5) -> tuple[float, float, int, int]:
    """Best wall-clock and best CPU time of ``varv`` exports, the DOCX's size, its headings."""
    from kvalitet.bygg.docx import skriv_docx

    basta = cpu = float("inf")
    for _ in range(varv):
        start, start_cpu = time.perf_counter(), time.process_time()
        word = skriv_docx(html, mall)
        basta = min(basta, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return basta, cpu, len(word.data), len(word.rubriker)


def _sidor(html: str, rot: Path) -> int:
    from kvalitet.bygg.pdf import skriv_pdf

    return skriv_pdf(html, rot).sidor


def _forstora(html: str, ganger: int) -> str:
    """The report with its numbered sections (avsnitt 1–5) repeated ``ganger`` times."""
    start = html.index('<section class="avsnitt niva-1"')
    slut = html.rindex("</main>")
    avsnitt = html[start:slut]
    kopior = [
        re.sub(
            r'(id|href|aria-labelledby)="#?([^"]+)"',
            lambda m, i=i: f'{m.group(1)}="{m.group(2)}-k{i}"',
            avsnitt,
        )
        for i in range(1, ganger)
    ]
    return html[:slut] + "".join(kopior) + html[slut:]


def main() -> None:
    from kvalitet.bygg.utfor import bygg
    from kvalitet.kalla.projekt import hitta_projekt

    with tempfile.TemporaryDirectory() as tmp:
        rot = Path(tmp)
        shutil.copytree(ROT / "rapporter", rot / "rapporter")
        bygge = bygg(hitta_projekt(rot), rot / "ut", format=("html",))
        assert bygge.ok
        mall = rot / "rapporter/mallar/alvmora.docx"
        start = time.perf_counter()
        from kvalitet.bygg.docx import skriv_docx

        skriv_docx((rot / "ut/resurscentrum.html").read_text("utf-8"), mall)
        print(
            f"Första exporten i en ny process (med importerna): {time.perf_counter() - start:.2f} s"
        )
        print()
        print(
            f"{'dokument':28} {'HTML':>8} {'PDF-sidor':>9} {'DOCX':>8} {'rubriker':>8}"
            f" {'export':>8} {'CPU':>8}"
        )
        storst = ("", 0)
        for fil in sorted((rot / "ut").glob("*.html")):
            html = fil.read_text("utf-8")
            tid, cpu, storlek, rubriker = _matt(html, mall)
            sidor = _sidor(html, rot)
            if "avsnitt niva-1" in html and len(html) > storst[1]:
                storst = (fil.stem, len(html))
            print(
                f"{fil.stem:28} {len(html) // 1024:>6} kB {sidor:>9} {storlek // 1024:>6} kB"
                f" {rubriker:>8} {tid:>7.3f} s {cpu:>6.3f} s"
            )
        html = (rot / "ut" / f"{storst[0]}.html").read_text("utf-8")
        ganger = 2
        stor = _forstora(html, ganger)
        while (sidor := _sidor(stor, rot)) < 48:
            ganger += 1
            stor = _forstora(html, ganger)
        tid, cpu, storlek, rubriker = _matt(stor, mall)
        print(
            f"{storst[0] + f' ×{ganger}':28} {len(stor) // 1024:>6} kB {sidor:>9} "
            f"{storlek // 1024:>6} kB {rubriker:>8} {tid:>7.3f} s {cpu:>6.3f} s"
        )
        tid, cpu, _, _ = _matt(stor, None)
        print(
            f"{'  (utan Word-mall)':28} {'':>8} {'':>9} {'':>8} {'':>8} {tid:>7.3f} s {cpu:>6.3f} s"
        )
        print(f"(maskinens belastning: {' / '.join(f'{v:.1f}' for v in os.getloadavg())})")


if __name__ == "__main__":
    main()
