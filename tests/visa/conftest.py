"""The preview's and editor's server and a headless Debian chromium, shared by their tests."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.visa.server import Forhandsvisning, skapa_server

CHROMIUM_FIL = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGGOR_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync"]  # fmt: skip


def ident(*sokvag: str | int) -> str:
    """The form's id of the field at a YAML path, as redigera.js makes it."""
    return "f-" + "-".join(
        re.sub(r"[%.'()!*~]", "_", quote(str(s), safe="-_.!~*'()")) for s in sokvag
    )


@pytest.fixture
def redigerare(projekt: Path) -> Iterator[tuple[str, Path, Forhandsvisning]]:
    visning = Forhandsvisning(hitta_projekt(projekt))
    srv = skapa_server(visning, 0)
    visning.bevakare.starta()
    trad = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    trad.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", projekt, visning
    finally:
        visning.bevakare.stoppa()
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def webblasare():  # type: ignore[no-untyped-def]
    if CHROMIUM_FIL is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium saknas i CI: .ci/run ska installera paketet chromium")
        pytest.skip("Chromium saknas (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        bladdrare = p.chromium.launch(executable_path=CHROMIUM_FIL, args=FLAGGOR_CHROMIUM)
        try:
            yield bladdrare
        finally:
            bladdrare.close()
