"""Writes never leave ut/: planted symbolic links in the work folder are refused, not followed."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet


def _utanfor(tmp_path: Path) -> Path:
    mapp = tmp_path.parent / f"{tmp_path.name}-utanfor"
    mapp.mkdir()
    (mapp / "viktig.tmp").write_text("viktigt", encoding="utf-8")
    (mapp / "viktig.txt").write_text("viktigt", encoding="utf-8")
    return mapp


def _bygg(runner: CliRunner) -> str:
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert "Traceback" not in res.output and "internt fel" not in res.output, res.output
    return res.output


def test_planterad_cache_tmp_skriver_inte_over_fil_utanfor(
    projekt: Path, runner: CliRunner, tmp_path: Path
) -> None:
    utanfor = _utanfor(tmp_path)
    (projekt / "ut" / ".kvalitet").mkdir(parents=True)
    os.symlink(utanfor / "viktig.txt", projekt / "ut" / ".kvalitet" / "cache.tmp")
    _bygg(runner)
    assert (utanfor / "viktig.txt").read_text(encoding="utf-8") == "viktigt"
    assert (projekt / "ut" / ".kvalitet" / "cache.json").is_file()


def test_planterad_cache_json_lank_foljs_inte(
    projekt: Path, runner: CliRunner, tmp_path: Path
) -> None:
    utanfor = _utanfor(tmp_path)
    (projekt / "ut" / ".kvalitet").mkdir(parents=True)
    os.symlink(utanfor / "viktig.txt", projekt / "ut" / ".kvalitet" / "cache.json")
    _bygg(runner)
    assert (utanfor / "viktig.txt").read_text(encoding="utf-8") == "viktigt"
    assert not (projekt / "ut" / ".kvalitet" / "cache.json").is_symlink()


def test_planterad_tmp_mapp_vagras_och_inget_tas_bort(
    projekt: Path, runner: CliRunner, tmp_path: Path
) -> None:
    utanfor = _utanfor(tmp_path)
    (projekt / "ut" / ".kvalitet").mkdir(parents=True)
    os.symlink(utanfor, projekt / "ut" / ".kvalitet" / "tmp")
    utdata = _bygg(runner)
    assert "är en symbolisk länk" in utdata and "ta bort länken" in utdata
    assert (utanfor / "viktig.tmp").exists()


def test_planterad_arbetsmapp_vagras(projekt: Path, runner: CliRunner, tmp_path: Path) -> None:
    utanfor = _utanfor(tmp_path)
    (projekt / "ut").mkdir()
    os.symlink(utanfor, projekt / "ut" / ".kvalitet")
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "är en symbolisk länk" in res.output
    assert sorted(p.name for p in utanfor.iterdir()) == ["viktig.tmp", "viktig.txt"]
