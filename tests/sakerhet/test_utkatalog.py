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


def test_samma_enhet_i_tva_filer_byggs_inte(projekt: Path, runner: CliRunner) -> None:
    """A copy in a subfolder (sorted first) used to replace the real report."""
    period = projekt / "rapporter" / "2025-26"
    (period / "a-kopia").mkdir()
    kopia = period / "a-kopia" / "resurscentrum.yaml"
    text = (period / "resurscentrum.yaml").read_text(encoding="utf-8")
    kopia.write_text(text.replace("namn: Resurscentrum", "namn: FEL ENHET"), encoding="utf-8")
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    for fil in (
        "rapporter/2025-26/resurscentrum.yaml",
        "rapporter/2025-26/a-kopia/resurscentrum.yaml",
    ):
        assert f"{fil}:1:1: fel: enheten 'resurscentrum' finns i flera filer" in res.output
    assert not (projekt / "ut" / "resurscentrum.html").exists()
    assert (projekt / "ut" / "bjorkbackaskolan.html").exists()
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert kontroll.exit_code == 1 and kontroll.output.count("finns i flera filer") == 2
