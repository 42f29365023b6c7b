"""Bounded work for any accepted file: Markdown, aliases, pictures and table rows."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from kvalitet.cli import kvalitet
from kvalitet.rendera.miljo import markdown_html

RESURS = Path("rapporter") / "2025-26" / "resurscentrum.yaml"
ALIASBOMB = (
    "\n_lang: &lang |\n" + ("  " + "x" * 1000 + "\n") * 100 + "styrkor:\n" + "  - *lang\n" * 200
)
"""A 100 KB text repeated 200 times by aliases: 20 million characters from a 100 KB file."""


@pytest.mark.parametrize(
    "text",
    [("[" * 5000 + "\n") * 6, "![" * 3000, "[a](" * 3000, "1. " * 3000, "> " * 3000],
    ids=["hakparenteser", "bilder", "lankar", "lista", "citat"],
)
def test_markdown_i_begransad_tid(text: str) -> None:
    start = time.process_time()
    html = str(markdown_html(text))
    assert time.process_time() - start < 3  # was 142 s for the first, a crash for the list
    assert html


def test_alias_som_mangfaldigar_lang_text_vagras(projekt: Path, runner: CliRunner) -> None:
    """183 KB that became a 760 MB report: the expanded size is bounded, not only the nodes."""
    fil = projekt / RESURS
    fil.write_text(fil.read_text(encoding="utf-8") + ALIASBOMB, encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert "filen blir för stor när ankarna ('&namn') fylls i" in res.output


def test_for_stor_bild_vagras_vid_kontroll(projekt: Path, runner: CliRunner) -> None:
    bild = projekt / "rapporter" / "bilder" / "jattebild.png"
    Image.new("1", (13000, 13000)).save(bild, optimize=True)
    assert bild.stat().st_size < 2_000_000
    fil = projekt / RESURS
    text = fil.read_text(encoding="utf-8")
    assert "samverkan-organisation.svg" in text
    fil.write_text(text.replace("samverkan-organisation.svg", "jattebild.png"), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert (
        "'../bilder/jattebild.png': bilden är 13000 × 13000 pixlar (169 megapixlar)" in res.output
        or "13000 × 13000" in res.output
    ), res.output


def test_for_lang_tabell_talar_om_rader(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / RESURS
    rader = "".join(f"        - rad: Rad {i}\n          totalt: {i}\n" for i in range(600))
    text = fil.read_text(encoding="utf-8")
    tillagg = (
        "kvalitetsarbete:\n  tabeller:\n    - rubrik: Alla ärenden\n      rader:\n"
        + rader.replace("        ", "      ", -1)
    )
    fil.write_text(text.replace("kvalitetsarbete:\n", tillagg, 1), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert "har 600 rader; högst 500 får plats i en rapport" in res.output
    assert "alias" not in res.output and "ankar" not in res.output


def test_kontrollera_haller_sig_under_minnesgransen(projekt: Path) -> None:
    """docs/sakerhet.md promises under 300 MB for kontrollera, also on the worst files."""
    fil = projekt / RESURS
    fil.write_text(fil.read_text(encoding="utf-8") + ALIASBOMB, encoding="utf-8")
    kod = (
        "import sys\n"
        "from kvalitet.cli import main\n"
        "sys.argv = ['kvalitet', 'kontrollera']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        # VmHWM: the peak of this program's own memory (ru_maxrss would include the test
        # runner's memory, copied into the child before it started Python)
        "print(next(int(r.split()[1]) for r in open('/proc/self/status') if r.startswith('VmHWM')))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", kod], cwd=projekt, capture_output=True, text=True, timeout=120
    )
    toppminne_kb = int(res.stdout.strip().splitlines()[-1])
    assert toppminne_kb < 300 * 1024, toppminne_kb
