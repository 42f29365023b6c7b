"""The editor's JavaScript unit tests (node --test kvalitet/visa/statiskt/test/) run with pytest."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TESTER = Path(__file__).resolve().parents[2] / "kvalitet" / "visa" / "statiskt" / "test"


def test_js_enhetstester() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node saknas i CI: .ci/run ska installera nodejs")
        pytest.skip("node saknas")
    filer = sorted(str(f) for f in TESTER.glob("*.test.js"))
    assert filer, "inga JS-tester hittades"
    svar = subprocess.run(
        [node, "--test", *filer], capture_output=True, text=True, timeout=120, check=False
    )
    assert svar.returncode == 0, svar.stdout[-4000:] + svar.stderr[-2000:]
