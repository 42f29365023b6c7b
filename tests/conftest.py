"""Shared fixtures: a copy of the example project in tmp_path, a CLI runner, one built example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROT = Path(__file__).resolve().parent.parent
EXEMPEL = ROT / "rapporter"


def kopiera_exempel(mal: Path) -> Path:
    """Copy the example project's sources (not its output) to ``mal`` and return it."""
    shutil.copytree(EXEMPEL, mal / "rapporter")
    return mal


@pytest.fixture
def projekt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the example project; the working directory is set to it."""
    kopiera_exempel(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def byggt_exempel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once to HTML and PDF (shared by the PDF tests)."""
    from kvalitet.bygg.utfor import bygg
    from kvalitet.kalla.projekt import hitta_projekt

    rot = kopiera_exempel(tmp_path_factory.mktemp("exempel"))
    proj = hitta_projekt(rot)
    bygge = bygg(proj, rot / "ut")
    resultat = bygge.enheter
    assert all(r.ok for r in resultat), [r.fel for r in resultat if not r.ok]
    assert bygge.sammanstallning is not None and bygge.sammanstallning.fel is None
    varningar = [v for r in resultat for v in r.varningar] + bygge.sammanstallning.varningar
    assert not varningar, f"oväntade varningar från WeasyPrint: {varningar}"
    return rot / "ut"
