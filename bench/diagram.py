"""Measures kvalitet's own SVG charts against matplotlib for a report with 10 charts.

    python3 bench/diagram.py [--ut KATALOG]

Prints, for each: import time, time to draw 10 charts, SVG size, WeasyPrint time and PDF size
for one A4 document with the 10 charts; writes both PDFs and a PNG of their first page (needs
pdftoppm) to KATALOG (default /tmp/kvalitet-diagram) so they can be compared by eye.
matplotlib is not a dependency of kvalitet: install it only to run this comparison.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PERIODER = ["2022/23", "2023/24", "2024/25", "2025/26"]
DATA = [
    (f"Styrtal {i}.1: andel elever", [70 + i, 72 + i, 75 + i, 78 + i], 80 + i) for i in range(10)
]


def egna() -> tuple[float, float, list[str]]:
    start = time.perf_counter()
    from kvalitet.berika.diagram import Serie, stapeldiagram

    importtid = time.perf_counter() - start
    start = time.perf_counter()
    svg = [
        str(stapeldiagram(f"d{i}", titel, PERIODER, [Serie("Alla", varden)], "procent", mal))
        for i, (titel, varden, mal) in enumerate(DATA)
    ]
    return importtid, time.perf_counter() - start, svg


def matplotlib_svg() -> tuple[float, float, list[str]]:
    start = time.perf_counter()
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["font.family"] = "Liberation Sans"
    importtid = time.perf_counter() - start
    start = time.perf_counter()
    svg = []
    for titel, varden, mal in DATA:
        fig, ax = plt.subplots(figsize=(3.6, 2.2))
        staplar = ax.bar(PERIODER, varden, color="#1f4e79")
        ax.bar_label(staplar, labels=[f"{v} %".replace(".", ",") for v in varden], fontsize=7)
        ax.axhline(mal, color="#9c1c1c", linestyle="--", linewidth=1)
        ax.set_ylim(0, 100)
        ax.set_title(titel, fontsize=8)
        ax.tick_params(labelsize=7)
        buffert = io.StringIO()
        fig.savefig(buffert, format="svg", bbox_inches="tight")
        plt.close(fig)
        svg.append(buffert.getvalue().split("?>", 1)[-1])
    return importtid, time.perf_counter() - start, svg


def pdf(svg: list[str], fil: Path) -> tuple[float, int]:
    from weasyprint import HTML

    html = (
        '<html lang="sv"><head><title>Diagram</title><style>@page { size: A4; margin: 15mm }'
        "svg { width: 48%; height: auto; margin: 1% } </style></head><body>"
        + "".join(svg)
        + "</body></html>"
    )
    start = time.perf_counter()
    data = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    tid = time.perf_counter() - start
    fil.write_bytes(data)
    return tid, len(data)


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--ut", type=Path, default=Path("/tmp/kvalitet-diagram"))
    ut = tolk.parse_args().ut
    ut.mkdir(parents=True, exist_ok=True)
    import weasyprint  # noqa: F401  (import outside the measurements)

    resultat = {"kvalitet (egen SVG)": egna()}
    try:
        resultat["matplotlib"] = matplotlib_svg()
    except ImportError:
        print("matplotlib saknas: pip install matplotlib för att jämföra")
    print(f"{'':22}{'import':>10}{'10 diagram':>12}{'SVG':>10}{'WeasyPrint':>12}{'PDF':>10}")
    for namn, (importtid, ritning, svg) in resultat.items():
        fil = ut / ("egen.pdf" if namn.startswith("kvalitet") else "matplotlib.pdf")
        pdftid, pdfstorlek = pdf(svg, fil)
        storlek = sum(len(s.encode()) for s in svg)
        print(
            f"{namn:22}{importtid * 1000:>8.0f} ms{ritning * 1000:>9.1f} ms"
            f"{storlek / 1024:>7.0f} kB{pdftid * 1000:>9.0f} ms{pdfstorlek / 1024:>7.0f} kB"
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                str(fil),
                str(fil.with_suffix("")),
            ],
            check=False,
        )
    print(f"PDF och PNG i {ut}")


if __name__ == "__main__":
    main()
