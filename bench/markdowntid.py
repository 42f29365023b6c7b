"""Times the Markdown filter (rendera.miljo.markdown_html) on pathological texts of about
150 kB each (issue 25, point 3). Each pattern runs in its own process with a time limit.

    python3 bench/markdowntid.py [--grans 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

STORLEK = 150_000


def monster(storlek: int) -> dict[str, str]:
    """The pathological texts, each about ``storlek`` characters."""
    STORLEK = storlek
    return {
        "<a  ×6000 ×8 rader": "\n".join(["<a " * (STORLEK // 24)] * 8),
        "[ upprepat": "[" * STORLEK,
        "[a]( upprepat": "[a](" * (STORLEK // 4),
        "* och _": "*a _b " * (STORLEK // 6),
        "** utan slut": "**a " * (STORLEK // 4),
        "` upprepat": "`a" * (STORLEK // 2),
        "![ upprepat": "![" * (STORLEK // 2),
        "< + bokstäver": "<abc" * (STORLEK // 4),
        "> citat nästlat": ">" * 5000 + " a\n" + "> a\n" * 30_000,
        "http:// upprepat": "http://" * (STORLEK // 7),
        "<http:// upprepat": "<http://a" * (STORLEK // 9),
        "&# upprepat": "&#" * (STORLEK // 2),
        "\\ upprepat": "\\" * STORLEK,
        "tabell av |": ("|" * 50 + "\n") * (STORLEK // 51),
        "listmarkörer": "- " * (STORLEK // 2),
        "nästlade listor": "".join(" " * (2 * i) + "- a\n" for i in range(400)),
        "<!-- upprepat": "<!--" * (STORLEK // 4),
        "<a href= upprepat": '<a href="' * (STORLEK // 9),
    }


def main() -> None:
    tolk = argparse.ArgumentParser()
    tolk.add_argument("--grans", type=float, default=20.0, help="sekunder per mönster")
    tolk.add_argument("--storlek", type=int, default=STORLEK, help="tecken per mönster")
    argument = tolk.parse_args()
    grans = argument.grans
    for namn, text in monster(argument.storlek).items():
        kod = (
            "import sys, time, resource\n"
            "from kvalitet.rendera.miljo import markdown_html\n"
            "t = sys.stdin.read()\n"
            "s = time.perf_counter(); markdown_html(t, 2); d = time.perf_counter() - s\n"
            "m = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
            "print(f'{d:.2f} s, {m} MB')\n"
        )
        try:
            res = subprocess.run(
                [sys.executable, "-c", kod],
                input=text,
                capture_output=True,
                text=True,
                timeout=grans,
                check=False,
            )
            utfall = res.stdout.strip() or res.stderr.strip().splitlines()[-1]
        except subprocess.TimeoutExpired:
            utfall = f"över {grans:.0f} s (avbruten)"
        print(f"{namn:24} {len(text):>8} tecken: {utfall}", flush=True)


if __name__ == "__main__":
    main()
