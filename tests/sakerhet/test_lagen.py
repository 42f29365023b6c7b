"""Issue 25.10: no process-wide state around writes (each file gets its mode by itself, the
umask is never changed), and no test writes outside its own tmp folder."""

from __future__ import annotations

import ast
import os
import stat
import threading
from pathlib import Path

import pytest

from kvalitet.grund.skrivning import skriv_atomiskt

TESTER = Path(__file__).resolve().parents[1]
SYSTEMETS = ("/usr/", "/bin/", "/dev/null", "/proc/", "/etc/", "/sys/")
"""Absolute paths a test may name (read-only places of the system), never write."""


def test_skrivning_andrar_aldrig_processens_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The threaded preview server writes from several threads: a umask set to 0 for a moment
    gives a file another thread creates meanwhile the mode 0o666 (writable by every user)."""
    anrop: list[int] = []
    riktig = os.umask

    def spion(varde: int) -> int:
        anrop.append(varde)
        return riktig(varde)

    forra = riktig(0o027)
    try:
        monkeypatch.setattr(os, "umask", spion)
        ny = tmp_path / "ny.yaml"
        skriv_atomiskt(ny, b"namn: x\n")
        assert stat.S_IMODE(ny.stat().st_mode) == 0o640  # 0o666 less the umask 0o027
        befintlig = tmp_path / "befintlig.yaml"
        befintlig.write_bytes(b"a\n")
        befintlig.chmod(0o600)
        skriv_atomiskt(befintlig, b"b\n")
        assert stat.S_IMODE(befintlig.stat().st_mode) == 0o600  # keeps its own mode
        assert befintlig.read_bytes() == b"b\n"
    finally:
        monkeypatch.undo()
        riktig(forra)
    assert anrop == [], f"skriv_atomiskt ändrade processens umask: {anrop}"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["befintlig.yaml", "ny.yaml"]


def test_samtidiga_skrivningar_ger_ratt_lage(tmp_path: Path) -> None:
    forra = os.umask(0o022)
    try:
        fel: list[str] = []

        def skriv(i: int) -> None:
            for j in range(20):
                fil = tmp_path / f"{i}-{j}.yaml"
                skriv_atomiskt(fil, b"x\n")
                if stat.S_IMODE(fil.stat().st_mode) != 0o644:
                    fel.append(f"{fil.name}: {oct(fil.stat().st_mode)}")

        tradar = [threading.Thread(target=skriv, args=(i,)) for i in range(4)]
        for t in tradar:
            t.start()
        for t in tradar:
            t.join()
    finally:
        os.umask(forra)
    assert not fel


def _absoluta_skrivvagar(fil: Path) -> list[str]:
    """String literals that name an absolute path outside the system's read-only places, given
    to ``Path(...)`` or as a ``path=`` argument (a screenshot, a download, a file to write)."""
    funna = []
    for nod in ast.walk(ast.parse(fil.read_text(encoding="utf-8"))):
        if not isinstance(nod, ast.Call):
            continue
        namn = getattr(nod.func, "id", None) or getattr(nod.func, "attr", None)
        kandidater = [*(nod.args[:1] if namn in ("Path", "open") else [])]
        kandidater += [k.value for k in nod.keywords if k.arg in ("path", "fil", "mapp")]
        for arg in kandidater:
            if (
                isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and arg.value.startswith("/")
                and not arg.value.startswith(SYSTEMETS)
            ):
                funna.append(f"{fil.relative_to(TESTER)}:{nod.lineno}: {arg.value}")
    return funna


def test_inga_tester_skriver_utanfor_tmp_path() -> None:
    """A test writes only under pytest's tmp_path: a fixed absolute folder (once a screenshot
    folder, /work/wt18-skarmbilder) is shared by every run on the machine and outlives it."""
    funna = [rad for fil in sorted(TESTER.rglob("*.py")) for rad in _absoluta_skrivvagar(fil)]
    assert not funna, "tester som skriver utanför tmp_path:\n" + "\n".join(funna)
