"""Issue 26.1: the README's sample output ("En kort tur") is what the commands print today.

The test reads the block from README.md, runs each ``$ kvalitet …`` line in a fresh copy of the
example project, in order, and compares the output line by line. Only what truly varies between
machines and runs is normalised:

- ``med N jobb``: the number of PDF workers is the machine's core count (``--jobb`` unset);
- the order of the ``✓`` lines of one build: they are printed as each document is done, and the
  workers finish in an order that depends on the machine's load.

Everything else (file and line of each warning, the counts, the file names, the page counts)
must match: page counts depend on the fonts, which ``skript/installera-system.sh`` fixes (the
PDF tests rely on them too). After a change of what the commands print, update the README."""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
README = ROT / "README.md"


def turen(text: str) -> list[tuple[str, list[str]]]:
    """The commands of "En kort tur" and the lines each is shown to print."""
    del_ = text.split("## En kort tur", 1)[1]
    traff = re.search(r"```text\n(.*?)```", del_, flags=re.S)
    assert traff, "README.md: 'En kort tur' har inget ```text-block"
    steg: list[tuple[str, list[str]]] = []
    for rad in traff.group(1).splitlines():
        if rad.startswith("$ "):
            steg.append((rad[2:].strip(), []))
        elif rad.strip():
            assert steg, f"README.md: utskrift före första kommandot: {rad!r}"
            steg[-1][1].append(rad.rstrip())
    return steg


def normalisera(rader: list[str]) -> list[str]:
    """The job count as N, and each run of ✓ lines in sorted order (see the module docstring)."""
    ut: list[str] = []
    bock: list[str] = []
    for rad in [*rader, ""]:
        if rad.startswith("✓ "):
            bock.append(rad)
            continue
        ut += sorted(bock)
        bock = []
        if rad:
            ut.append(re.sub(r"^(Bygger .* med )\d+ jobb\.$", r"\1N jobb.", rad))
    return ut


def test_normaliseringen_ror_bara_jobben_och_bockarnas_ordning() -> None:
    assert normalisera(["Bygger 4 enheter med 7 jobb.", "✓ b: x", "✓ a: y", "Byggda: 2"]) == [
        "Bygger 4 enheter med N jobb.",
        "✓ a: y",
        "✓ b: x",
        "Byggda: 2",
    ]
    # a page count, a line number or a count is never normalised away
    assert normalisera(["✓ a: ut/a.pdf (6 sidor)"]) != normalisera(["✓ a: ut/a.pdf (7 sidor)"])
    assert normalisera(["a.yaml:2:1: varning"]) != normalisera(["a.yaml:3:1: varning"])


def test_turen_laser_readme() -> None:
    steg = turen(README.read_text(encoding="utf-8"))
    assert [k for k, _ in steg][:2] == ["kvalitet kontrollera", "kvalitet bygg"]
    assert all(utskrift for _, utskrift in steg)


def test_readmes_tur_stammer_med_kommandona(projekt: Path) -> None:
    miljo = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROT), os.environ.get("PYTHONPATH")])),
    )
    skillnader = []
    for kommando, vantat in turen(README.read_text(encoding="utf-8")):
        delar = shlex.split(kommando)
        assert delar[0] == "kvalitet", f"README.md: okänt kommando i turen: {kommando}"
        svar = subprocess.run(
            [sys.executable, "-m", "kvalitet", *delar[1:]],
            cwd=projekt,
            env=miljo,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        fick = [r.rstrip() for r in (svar.stdout + svar.stderr).splitlines() if r.strip()]
        if normalisera(fick) != normalisera(vantat):
            diff = difflib.unified_diff(
                normalisera(vantat), normalisera(fick), "README.md", "i dag", lineterm=""
            )
            skillnader.append(f"$ {kommando} (slutkod {svar.returncode})\n" + "\n".join(diff))
    assert not skillnader, (
        "README.md:s 'En kort tur' stämmer inte med vad kommandona skriver i dag; "
        "uppdatera texten i README.md:\n" + "\n\n".join(skillnader)
    )
