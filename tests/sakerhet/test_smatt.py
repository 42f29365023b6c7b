"""Small ones: data: URLs in warnings, line breaks in a unit's name, the fonts in the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.bygg.pdf import _svenska, kort_url
from kvalitet.cli import kvalitet
from kvalitet.kalla import typsnitt


def test_data_url_kortas_i_varningar() -> None:
    bild = "data:image/png;base64," + "A" * 200_000
    text = _svenska(f"Failed to load image at '{bild}': något gick fel")
    assert len(text) < 300 and "data:image/png;base64,…" in text
    assert kort_url("se data:x") == "se data:x"


@pytest.mark.parametrize("namn", ["Ekbacken\nstatus: godkänd", "Ekbacken\r", "   "])
def test_ny_enhet_vagrar_radbrytning_i_namnet(projekt: Path, runner: CliRunner, namn: str) -> None:
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "ekbacken", "--namn", namn, "--skolform", "grundskola"]
    )
    assert res.exit_code == 2
    assert "namnet ska vara en rad text" in res.output
    assert not (projekt / "rapporter" / "2025-26" / "ekbacken.yaml").exists()


def test_saknat_tematypsnitt_ger_varning(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace(
            "typsnitt: Liberation Sans", "typsnitt: Finns Inte Sans"
        )
    )
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0
    assert "typsnittet 'Finns Inte Sans' finns inte på den här datorn" in res.output
    assert "använder Liberation Sans i stället" in res.output


def test_installerat_eller_borttaget_typsnitt_bygger_om(
    projekt: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    assert (
        "Inget har ändrats"
        in runner.invoke(kvalitet, ["bygg", "--plan", "--format", "html"]).output
    )
    riktig = typsnitt._fc_match

    def nytt(namn: str) -> tuple[str, str] | None:
        svar = riktig(namn)
        return (
            (svar[0], "/usr/share/fonts/nytt/LiberationSans-Ny.ttf")
            if svar and namn == "Liberation Sans"
            else svar
        )

    monkeypatch.setattr(typsnitt, "_fc_match", nytt)
    utdata = runner.invoke(kvalitet, ["bygg", "--plan", "--format", "html"]).output
    assert "typsnitten på datorn har ändrats" in utdata
