"""The build plan: what is stale and why, made from a snapshot; ``kvalitet bygg --plan``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.bygg.plan import las_ogonblick, planera
from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import hitta_projekt

ENHETER = ["alvmora-gymnasium", "bjorkbackaskolan", "forskolan-lingonet", "resurscentrum"]


def _plan(projekt: Path, runner: CliRunner, *flaggor: str) -> str:
    res = runner.invoke(kvalitet, ["bygg", "--plan", "--format", "html", *flaggor])
    assert res.exit_code == 0, res.output
    return res.output


def _rad(utdata: str, namn: str) -> str:
    return next(r for r in utdata.splitlines() if f" {namn}" in r)


def test_plan_utan_tidigare_bygge_skriver_ingenting(projekt: Path, runner: CliRunner) -> None:
    utdata = _plan(projekt, runner)
    for enhet in ENHETER:
        assert _rad(utdata, enhet).split()[0] == "byggs"
        assert "inte byggd förut" in _rad(utdata, enhet)
    assert "byggs       sammanställningen" in utdata
    assert "Byggs: 6 av 6 rapporter och sammanställningen och huvudmannens rapport." in utdata
    assert not (projekt / "ut").exists()


def test_plan_sager_vilken_fil_som_andrats(projekt: Path, runner: CliRunner) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    fore = sorted((projekt / "ut").rglob("*"))
    utdata = _plan(projekt, runner)
    assert "Inget har ändrats sedan förra bygget; ingenting byggs." in utdata
    assert all(_rad(utdata, e).split()[0] == "oförändrad" for e in ENHETER)

    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\n# en rad till\n", encoding="utf-8")
    utdata = _plan(projekt, runner)
    assert _rad(utdata, "resurscentrum").endswith("källfilen har ändrats")
    assert _rad(utdata, "bjorkbackaskolan").split()[0] == "oförändrad"
    assert "enheter som har ändrats: resurscentrum" in _rad(utdata, "sammanställningen")
    assert sorted((projekt / "ut").rglob("*")) == fore  # --plan builds nothing

    huvudman = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    huvudman.write_text(huvudman.read_text(encoding="utf-8") + "\n# ny\n", encoding="utf-8")
    utdata = _plan(projekt, runner)
    for enhet in ENHETER:
        assert "huvudmannafilen har ändrats" in _rad(utdata, enhet)
    assert "huvudmannafilen har ändrats" in _rad(utdata, "sammanställningen")


def test_plan_ser_borttagen_utfil_och_mall(projekt: Path, runner: CliRunner) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    (projekt / "ut" / "bjorkbackaskolan.html").unlink()
    utdata = _plan(projekt, runner)
    assert "en utfil saknas" in _rad(utdata, "bjorkbackaskolan")
    assert _rad(utdata, "resurscentrum").split()[0] == "oförändrad"
    mall = projekt / "rapporter" / "egna-mallar" / "delar" / "omslag.html.j2"
    mall.write_text(mall.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    utdata = _plan(projekt, runner)
    assert _rad(utdata, "resurscentrum").endswith("mallarna har ändrats")


def test_plan_for_vald_enhet_och_alla(projekt: Path, runner: CliRunner) -> None:
    utdata = _plan(projekt, runner, "--enhet", "resurscentrum", "--alla")
    assert "--alla: allt byggs om" in _rad(utdata, "resurscentrum")
    assert "bjorkbackaskolan" not in utdata and "sammanställningen" not in utdata
    assert "Byggs: 1 av 1 rapport." in utdata


def test_planen_ar_en_ren_funktion_av_ogonblicket(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    ogonblick = las_ogonblick(proj, projekt / "ut", None, ("html", "pdf"))
    forsta = planera(ogonblick, jobb=2)
    assert planera(ogonblick, jobb=2) == forsta
    with pytest.raises(dataclasses.FrozenInstanceError):
        forsta.period = "2024/25"  # type: ignore[misc]
    # many units and two workers: the sammanställning, the longest document, goes first
    assert forsta.sammanstallning_forst
    assert not planera(ogonblick, jobb=8).sammanstallning_forst
    assert [d.namn for d in planera(ogonblick, ["resurscentrum"]).enheter] == ["resurscentrum"]
    assert planera(ogonblick, ["resurscentrum"]).sammanstallning is None
