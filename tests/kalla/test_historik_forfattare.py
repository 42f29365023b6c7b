"""Every save can carry its author: the git commit of a save has the logged-in person as author."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kvalitet.kalla.historik import Forfattare, Historik


def _git(rot: Path, *argument: str) -> str:
    return subprocess.run(
        ["git", *argument], cwd=rot, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def forrad(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.name", "Förrådets ägare")
    _git(tmp_path, "config", "user.email", "agare@alvmora.se")
    (tmp_path / "rapporter").mkdir()
    return tmp_path


def test_sparningens_commit_har_personen_som_forfattare(forrad: Path) -> None:
    fil = forrad / "rapporter" / "skolan.yaml"
    fil.write_text("namn: Skolan\n", encoding="utf-8")
    historik = Historik(forrad)
    assert historik.checka_in(fil, "skolan: sparad", Forfattare("Eva Lind", "eva.lind@alvmora.se"))
    assert _git(forrad, "log", "-1", "--format=%an|%ae|%cn|%ce|%s") == (
        "Eva Lind|eva.lind@alvmora.se|Förrådets ägare|agare@alvmora.se|skolan: sparad\n"
    )
    fil.write_text("namn: Skolan 2\n", encoding="utf-8")
    assert historik.checka_in(fil, "skolan: sparad igen")
    assert _git(forrad, "log", "-1", "--format=%an|%ae") == "Förrådets ägare|agare@alvmora.se\n"


@pytest.mark.parametrize(
    "forfattare",
    [
        Forfattare("Eva <Lind>", "eva@alvmora.se"),
        Forfattare("Eva\x07Lind", "eva@alvmora.se"),
        Forfattare("Eva Lind", "inte-en-adress"),
        Forfattare("", "eva@alvmora.se"),
        Forfattare("Eva", "eva@alvmora.se>\nx"),
    ],
)
def test_en_forfattare_som_inte_gar_att_skriva_ger_ingen_falsk(
    forrad: Path, forfattare: Forfattare
) -> None:
    """A name that would break git's author field is not written: the commit is still made,
    with the repository's own identity, and the save is not lost."""
    fil = forrad / "rapporter" / "skolan.yaml"
    fil.write_text("namn: Skolan\n", encoding="utf-8")
    assert Historik(forrad).checka_in(fil, "skolan: sparad", forfattare)
    assert _git(forrad, "log", "-1", "--format=%an|%ae") == "Förrådets ägare|agare@alvmora.se\n"


def test_namnets_mellanrum_rensas() -> None:
    assert Forfattare("  Eva   Lind ", " eva@alvmora.se ").som_git() == "Eva Lind <eva@alvmora.se>"
    assert Forfattare("Eva\nLind", "eva@alvmora.se").som_git() == "Eva Lind <eva@alvmora.se>"
    assert Forfattare("Åsa Öberg-Ärlig", "asa@alvmora.se").som_git() == (
        "Åsa Öberg-Ärlig <asa@alvmora.se>"
    )
