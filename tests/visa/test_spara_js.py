"""The save, draft and conflict modules (spara.js, utkast.js, konflikt.js) in node, so that
``python3 -m pytest`` runs their unit tests too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTER = Path(__file__).resolve().parents[2] / "kvalitet" / "visa" / "statiskt" / "test"


def test_spara_js_i_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node saknas")
    if not (TESTER.parent / "sokvag.js").is_file():
        pytest.skip("sokvag.js (h4a-formular) är inte sammanfogad ännu")
    svar = subprocess.run(
        [node, "--test", str(TESTER / "spara.test.js")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert svar.returncode == 0, svar.stdout[-4000:] + svar.stderr[-2000:]
