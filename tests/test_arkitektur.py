"""The house: the layers of kvalitet/ hold (import-linter), and no module grows past ~400 lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
PAKET = ROT / "kvalitet"
GRANS = 400


def test_ingen_modul_over_grans() -> None:
    for modul in PAKET.rglob("*.py"):
        rader = len(modul.read_text(encoding="utf-8").splitlines())
        assert rader <= GRANS, (
            f"{modul.relative_to(ROT)} har {rader} rader (högst {GRANS}): dela den"
        )


def test_inga_tva_testfiler_med_samma_namn() -> None:
    """pytest (rootdir utan __init__.py) samlar inte in två testfiler med samma namn i olika
    mappar: hela körningen stannar med 'import file mismatch'."""
    sett: dict[str, Path] = {}
    for fil in sorted((ROT / "tests").rglob("test_*.py")):
        if "node_modules" in fil.parts:
            continue
        annan = sett.setdefault(fil.name, fil)
        assert annan == fil, (
            f"{fil.relative_to(ROT)} och {annan.relative_to(ROT)} heter likadant: byt namn på den ena"
        )


def test_varje_underpaket_beskriver_sig() -> None:
    for mapp in PAKET.iterdir():
        if mapp.is_dir() and mapp.name != "__pycache__" and mapp.name != "mallar":
            init = mapp / "__init__.py"
            assert init.is_file(), f"{mapp.name}/ saknar __init__.py"
            assert init.read_text(encoding="utf-8").startswith('"""'), (
                f"{mapp.name}/ saknar beskrivning"
            )


def _lint_imports(rot: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
        ],
        cwd=rot,
        capture_output=True,
        text=True,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "PYTHONPATH": str(rot)},
        timeout=120,
    )


def test_lagren_haller() -> None:
    res = _lint_imports(ROT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 kept, 0 broken" in res.stdout


def test_lagren_fangar_en_import_uppat(tmp_path: Path) -> None:
    """A lower layer (kalla) that imports a higher one (bygg) breaks the contract."""
    shutil.copytree(PAKET, tmp_path / "kvalitet", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROT / "pyproject.toml", tmp_path / "pyproject.toml")
    las = tmp_path / "kvalitet" / "kalla" / "las.py"
    las.write_text(
        las.read_text(encoding="utf-8") + "\nfrom kvalitet.bygg import plan  # noqa\n",
        encoding="utf-8",
    )
    res = _lint_imports(tmp_path)
    assert res.returncode != 0
    assert "BROKEN" in res.stdout and "kvalitet.kalla.las -> kvalitet.bygg.plan" in res.stdout


def test_arkitekturen_namner_varje_modul() -> None:
    """docs/arkitektur.md lists every module of the package and every editor script, so that the
    module tree in the docs never falls behind the code."""
    text = (ROT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    moduler = [
        m
        for m in sorted((ROT / "kvalitet").rglob("*.py"))
        if m.name not in ("__init__.py", "__main__.py")
    ]
    skript = sorted((ROT / "kvalitet" / "visa" / "statiskt").glob("*.js"))
    saknas = [str(m.relative_to(ROT)) for m in [*moduler, *skript] if m.name not in text]
    assert not saknas, "docs/arkitektur.md nämner inte: " + ", ".join(saknas)
