"""``kvalitet ny enhet`` follows the unit's rapportmall: the template's parts in its order with its
guidance, the first line at the template's JSON Schema, and a file that validates and builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_data
from kvalitet.modell.rapportmall import Rapportmall

PERIOD = Path("rapporter") / "2025-26"


def _mall(projekt: Path, namn: str) -> Rapportmall:
    data, fel = las_data(projekt / "rapporter" / "mallar" / f"{namn}.rapportmall.yaml")
    assert not fel
    return Rapportmall.model_validate(data)


def _kontrollera(runner: CliRunner, enhet: str) -> tuple[int, list[str]]:
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", enhet])
    return res.exit_code, [r for r in res.output.splitlines() if f"{enhet}.yaml" in r]


def _ny(runner: CliRunner, *flaggor: str) -> str:
    res = runner.invoke(kvalitet, ["ny", "enhet", *flaggor])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize(
    ("namn", "skolform"), [("forskola-avdelning", "förskola"), ("stadierapport", "grundskola")]
)
def test_ny_enhet_skriver_mallens_delar_i_ordning_med_vagledning(
    projekt: Path, runner: CliRunner, namn: str, skolform: str
) -> None:
    _ny(runner, "ekbacken", "--namn", "Ekbacken", "--skolform", skolform, "--rapportmall", namn)
    fil = projekt / PERIOD / "ekbacken.yaml"
    text = fil.read_text(encoding="utf-8")
    forsta = text.splitlines()[0]
    assert forsta == (
        f"# yaml-language-server: $schema=../../schema/rapportmallar/{namn}.enhet.schema.json"
    )
    schemafil = (fil.parent / forsta.split("$schema=")[1]).resolve()
    assert json.loads(schemafil.read_text(encoding="utf-8"))["title"].startswith(
        _mall(projekt, namn).namn
    )
    assert f"\nrapportmall: {namn}\n" in text  # the huvudman's choice would be 'standard'
    mall = _mall(projekt, namn)
    platser = []
    for _, del_ in mall.alla_delar():
        rubrik = f"# {del_.rubrik}" + (" (krävs)" if del_.kravs else "")
        assert rubrik + "\n" in text, rubrik
        platser.append(text.index(rubrik + "\n"))
        for rad in (del_.vagledning or "").strip().splitlines():
            assert f"# {rad.strip()}" in text, rad
        nyckel = (del_.falt or del_.id).rsplit(".", 1)[-1] + ":"
        assert f"\n{' ' * (0 if del_.falt else 2)}{nyckel}" in text, nyckel
    assert platser == sorted(platser)  # the template's order
    for _, del_ in mall.alla_delar():
        for tabell in del_.tabeller:
            kolumner = ", ".join(k.rubrik for k in tabell.kolumner)
            assert f"kolumner: [{kolumner}]" in text or f'"{kolumner}' in text
            for rad in tabell.rader:
                assert f"- rad: {rad}\n" in text
    # the standard's sections are not invented in another template's file
    assert "\nkvalitetsarbete:" not in text and "\nresultat:" not in text

    kod, rader = _kontrollera(runner, "ekbacken")
    assert kod == 0, rader
    assert not any(": fel:" in r for r in rader), rader
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "ekbacken", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "ekbacken.html").read_text(encoding="utf-8")
    assert mall.titel_for(skolform) in html


def test_bedomningsskalans_steg_med_ord_star_i_filen(projekt: Path, runner: CliRunner) -> None:
    _ny(runner, "blabaret", "--namn", "Blåbäret", "--skolform", "förskola",
        "--rapportmall", "forskola-avdelning")  # fmt: skip
    text = (projekt / PERIOD / "blabaret.yaml").read_text(encoding="utf-8")
    assert (
        "# Självvärdering: skriv ett av 'grön' (Vi arbetar så här i hela verksamheten), 'gul' "
        "(Vi har börjat, men inte överallt), 'röd' (Vi har inte kommit i gång) i kolumnen "
        "'Bedömning'." in text
    )
    assert "- rad: Normer och värden\n            värden: [null, null]" in text


def test_standardmallen_ger_dagens_fil(projekt: Path, runner: CliRunner) -> None:
    _ny(runner, "ekbacken", "--namn", "Ekbacken", "--skolform", "grundskola")
    forst = (projekt / PERIOD / "ekbacken.yaml").read_text(encoding="utf-8")
    (projekt / PERIOD / "ekbacken.yaml").unlink()
    _ny(runner, "ekbacken", "--namn", "Ekbacken", "--skolform", "grundskola",
        "--rapportmall", "standard")  # fmt: skip
    sedan = (projekt / PERIOD / "ekbacken.yaml").read_text(encoding="utf-8")
    assert forst == sedan
    assert forst.startswith("# yaml-language-server: $schema=../../schema/enhet.schema.json\n")
    assert "rapportmall:" not in forst
    for rubrik in ("kvalitetsarbete:", "resultat:", "analys:", "utvecklingsområden:"):
        assert rubrik in forst
    kod, rader = _kontrollera(runner, "ekbacken")
    assert kod == 0, rader


def test_huvudmannens_val_per_skolform_galler_utan_flagga(projekt: Path, runner: CliRunner) -> None:
    huvudman = projekt / PERIOD / "huvudman.yaml"
    text = huvudman.read_text(encoding="utf-8")
    assert "\ninställningar:\n" in text and "rapportmallar:" not in text
    huvudman.write_text(
        text.replace(
            "\ninställningar:\n",
            "\ninställningar:\n  rapportmallar:\n    skolformer:\n"
            "      förskola: forskola-avdelning\n",
        ),
        encoding="utf-8",
    )
    _ny(runner, "ekbacken", "--namn", "Ekbacken", "--skolform", "förskola")
    ny = (projekt / PERIOD / "ekbacken.yaml").read_text(encoding="utf-8")
    assert "rapportmallar/forskola-avdelning.enhet.schema.json" in ny.splitlines()[0]
    assert "rapportmall:" not in ny  # the huvudman's choice is enough
    assert "# Förbättringsområden (krävs)\n" in ny
    # a grundskola still gets the standard, and a unit may choose another than the huvudman
    _ny(runner, "lovangen", "--namn", "Lövängen", "--skolform", "förskola",
        "--rapportmall", "standard")  # fmt: skip
    lovangen = (projekt / PERIOD / "lovangen.yaml").read_text(encoding="utf-8")
    assert "\nrapportmall: standard\n" in lovangen
    for enhet in ("ekbacken", "lovangen"):
        kod, rader = _kontrollera(runner, enhet)
        assert kod == 0, rader


def test_okand_rapportmall_vagras_med_forslag(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(
        kvalitet,
        ["ny", "enhet", "ekbacken", "--namn", "Ekbacken", "--skolform", "grundskola",
         "--rapportmall", "stadierapprt"],
    )  # fmt: skip
    assert res.exit_code == 1
    assert "rapportmallen 'stadierapprt' finns inte (menade du 'stadierapport'?)" in res.output
    assert "Traceback" not in res.output
    assert not (projekt / PERIOD / "ekbacken.yaml").exists()
