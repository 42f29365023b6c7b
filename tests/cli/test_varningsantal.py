"""'kvalitet kontrollera' and 'kvalitet bygg' count the same warnings for the same project (nr
26.4): kontrollera said 15 where bygg said 11, the huvudman report's four left out."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

PERIOD = Path("rapporter") / "2025-26"


def _antal(utskrift: str, monster: str) -> int:
    traff = re.search(monster, utskrift)
    assert traff, utskrift
    return int(traff.group(1))


def _ersatt(fil: Path, gammalt: str, nytt: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert text.count(gammalt) == 1, gammalt
    fil.write_text(text.replace(gammalt, nytt), encoding="utf-8")


def test_kontrollera_och_bygg_raknar_samma_varningar(projekt: Path, runner: CliRunner) -> None:
    rapport = projekt / PERIOD / "huvudmannens-rapport.yaml"
    # warnings in the huvudman's report: a question left out, a typed result the units
    # contradict; and in a unit
    text = rapport.read_text(encoding="utf-8")
    rapport.write_text(re.sub(r"^    forskning: .*\n", "", text, flags=re.M), encoding="utf-8")
    _ersatt(rapport, "resultat: 86,2", "resultat: 95")
    _ersatt(
        projekt / PERIOD / "forskolan-lingonet.yaml",
        "    forskning: Forskning om transspråkande i förskolan.\n",
        "",
    )

    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert kontroll.exit_code == 0, kontroll.output
    rader = [r for r in kontroll.output.splitlines() if ": varning: " in r]
    assert any(r.startswith(f"{rapport.relative_to(projekt).as_posix()}:") for r in rader)
    kontrollerade = _antal(kontroll.output, r"0 fel och (\d+) varning")

    bygge = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert bygge.exit_code == 0, bygge.output
    byggda = _antal(bygge.output, r"; (\d+) varning(?:ar)? \(visa dem med 'kvalitet kontrollera'\)")

    assert kontrollerade == byggda == len(rader) == 4, (kontroll.output, bygge.output)


def test_samma_antal_for_en_vald_enhet(projekt: Path, runner: CliRunner) -> None:
    """'--enhet' too: the huvudman file's warnings count in both (bygg counted the unit's only)."""
    plan = projekt / PERIOD / "huvudman.yaml"
    _ersatt(plan, "              målvärde: 88\n", "")
    kontroll = runner.invoke(kvalitet, ["kontrollera", "--enhet", "alvmora-gymnasium"])
    assert kontroll.exit_code == 0, kontroll.output
    rader = [r for r in kontroll.output.splitlines() if ": varning: " in r]
    assert any(r.startswith("rapporter/2025-26/huvudman.yaml:") for r in rader), rader
    bygge = runner.invoke(kvalitet, ["bygg", "--enhet", "alvmora-gymnasium", "--format", "html"])
    assert bygge.exit_code == 0, bygge.output
    byggda = _antal(bygge.output, r"; (\d+) varning(?:ar)? \(visa dem med 'kvalitet kontrollera'\)")
    assert byggda == len(rader) == _antal(kontroll.output, r"0 fel och (\d+) varning")
