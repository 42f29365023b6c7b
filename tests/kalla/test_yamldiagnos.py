"""The beginner's YAML slips, answered on the line where they were made, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

FIL = "rapporter/2025-26/bjorkbackaskolan.yaml"

FALL = [
    # (namn, gammal text, ny text, rad i filen där felet ska anges (relativt slarvet), nyckelord)
    ("kolon utan mellanslag", "område: Område Norr", "område:Område Norr", 0,
     ["mellanslag efter kolonet", "'område: Område Norr'"]),
    ("kolon utan mellanslag i underfält", "  namn: Helena Sandberg", "  namn:Helena Sandberg", 0,
     ["mellanslag efter kolonet", "'namn: Helena Sandberg'"]),
    ("text på två rader utan |", "område: Område Norr\n", "område: Område Norr och\nNorra staden\n", 0,
     ["fortsätter på nästa rad", "'|'", "dra in"]),
    ("text under | utan indrag", "sammanfattning: |\n  Läsåret", "sammanfattning: |\nLäsåret", 1,
     ["raderna under 'sammanfattning: |' måste dras in"]),
    ("kommentar utdragen under styrtal", "    kommentar: Tryggheten har ökat", "  kommentar: Tryggheten har ökat", 0,
     ["'kommentar' hör till styrtal 1.1.1", "dra in 'kommentar' lika långt som 'utfall'"]),
    ("kolon i listpunkt", "          - Tryggheten är hög och har ökat.", "          - Viktigast: tryggheten är hög", 0,
     ["texten innehåller ': '", "citattecken", '"Viktigast: tryggheten är hög"']),
    ("Words citattecken", "          - Tryggheten är hög och har ökat.", "          - ”Två skäl: tryggheten är hög”", 0,
     ["typografiska citattecken", 'raka citattecken "']),
    ("[] kvar med punkter under", "        slutsatser:\n          - Tryggheten är hög", "        slutsatser: []\n          - Tryggheten är hög", 0,
     ["ta bort [] efter 'slutsatser:'"]),
    ("streck utan mellanslag", "          - Studieron upplevs", "          -Studieron upplevs", 0,
     ["mellanslag efter '-'", "'- Studieron upplevs"]),
    ("fältnamn ett steg fel", "område: Område Norr", " område: Område Norr", 0,
     ["indraget 1 mellanslag", "0 mellanslag"]),
    ("värde på nästa rad utan indrag", "område: Område Norr", "område:\nOmråde Norr", 1,
     ["står på nästa rad utan indrag", "'område: Område Norr'"]),
    ("hårt mellanslag", "område: Område Norr", "område:\u00a0Område Norr", 0,
     ["hårt mellanslag", "'område: Område Norr'"]),
    ("hårt mellanslag i indrag", "  namn: Helena Sandberg", "\u00a0 namn: Helena Sandberg", 0,
     ["hårt mellanslag"]),
    ("likhetstecken", "område: Område Norr", "område = Område Norr", 0,
     ["'='", "kolon", "'område: Område Norr'"]),
    ("{} följt av block", "ansvarig:\n  namn: Helena Sandberg", "ansvarig: {}\n  namn: Helena Sandberg", 0,
     ["ta bort {} efter 'ansvarig:'"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("namn", "gammal", "ny", "forskjutning", "nyckelord"), FALL, ids=[f[0] for f in FALL]
)
def test_slarv_ger_ratt_rad_och_rad(
    projekt: Path,
    runner: CliRunner,
    namn: str,
    gammal: str,
    ny: str,
    forskjutning: int,
    nyckelord: list[str],
) -> None:
    fil = projekt / FIL
    text = fil.read_text(encoding="utf-8")
    assert gammal in text, namn
    rad = text[: text.index(gammal)].count("\n") + 1 + forskjutning
    fil.write_text(text.replace(gammal, ny, 1), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert "Traceback" not in res.output
    forsta = next(
        r
        for r in res.output.splitlines()
        if r.startswith(f"{FIL}:") and ("fel:" in r or "mellanslag efter '-'" in r)
    )
    assert forsta.startswith(f"{FIL}:{rad}:"), (namn, forsta)
    for ord in nyckelord:
        assert ord in forsta, (namn, ord, forsta)


def test_platshallare_i_ny_enhet_ger_varning_och_fel_med_strikt(
    projekt: Path, runner: CliRunner
) -> None:
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "ekbacken", "--namn", "Ekbacksskolan", "--skolform", "grundskola"]
    )
    assert res.exit_code == 0, res.output
    kontroll = runner.invoke(kvalitet, ["kontrollera", "--enhet", "ekbacken"])
    assert "varning: 'ansvarig.namn' är en platshållare" in kontroll.output
    strikt = runner.invoke(kvalitet, ["kontrollera", "--enhet", "ekbacken", "--strikt"])
    assert strikt.exit_code == 1
