"""The preview's and editor's server and a headless Debian chromium, shared by their tests.

The server lets in only a browser with its session cookie (``kvalitet/visa/inloggning.py``):
``inloggningslank(visning)`` is the one-time link that ``kvalitet skriv`` prints, ``kakhuvud(visning)``
the ``Cookie`` header for a raw HTTP request, and ``logga_in(sammanhang)`` gives a Playwright context
(or page) the cookie of every server running in the test. The ``webblasare`` fixture does that by
itself for every context and page it opens, so ``webblasare.new_page().goto(bas + "/")`` works."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.visa.inloggning import inloggningslank as inloggningslank_for
from kvalitet.visa.inloggning import kakans_namn
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


_SERVRAR: list[tuple[int, Forhandsvisning]] = []
"""The servers running in this test (port, preview), for ``logga_in``."""


def inloggningslank(visning: Forhandsvisning, port: int | None = None, sida: str = "") -> str:
    """The one-time login link of the server (as ``kvalitet skriv`` prints it)."""
    port = port or next(p for p, v in _SERVRAR if v is visning)
    return inloggningslank_for(f"http://127.0.0.1:{port}/", visning.redigering.session, sida)


def kakhuvud(visning: Forhandsvisning) -> dict[str, str]:
    """The ``Cookie`` header of a logged-in browser, for a raw HTTP request."""
    port = next(p for p, v in _SERVRAR if v is visning)
    return {"Cookie": f"{kakans_namn(port)}={visning.redigering.session.kaka}"}


def logga_in(sammanhang: Any) -> Any:
    """Give a Playwright BrowserContext (or a Page's context) the session cookie of every server
    running in this test, as the login link would."""
    mal = getattr(sammanhang, "context", sammanhang)
    mal.add_cookies(
        [
            {
                "name": kakans_namn(port),
                "value": visning.redigering.session.kaka,
                "url": f"http://127.0.0.1:{port}/",
                "httpOnly": True,
                "sameSite": "Strict",
            }
            for port, visning in _SERVRAR
        ]
    )
    return sammanhang


class _Inloggad:
    """A Playwright Browser whose new contexts and pages are logged in (``logga_in``)."""

    def __init__(self, bladdrare: Any) -> None:
        self._bladdrare = bladdrare

    def new_context(self, **flaggor: Any) -> Any:
        return logga_in(self._bladdrare.new_context(**flaggor))

    def new_page(self, **flaggor: Any) -> Any:
        return self.new_context(**flaggor).new_page()

    def utan_inloggning(self) -> Any:
        """The browser itself: contexts without the cookie (to test the login)."""
        return self._bladdrare

    def __getattr__(self, namn: str) -> Any:
        return getattr(self._bladdrare, namn)


@pytest.fixture
def redigerare(projekt: Path) -> Iterator[tuple[str, Path, Forhandsvisning]]:
    visning = Forhandsvisning(hitta_projekt(projekt))
    srv = skapa_server(visning, 0)
    visning.bevakare.starta()
    trad = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    trad.start()
    _SERVRAR.append((srv.server_address[1], visning))
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", projekt, visning
    finally:
        _SERVRAR.remove((srv.server_address[1], visning))
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
            yield _Inloggad(bladdrare)
        finally:
            bladdrare.close()


def kakor(port: int) -> dict[str, str]:
    """The ``Cookie`` header for the server on ``port`` (raw HTTP tests that only know the URL)."""
    visning = next(v for p, v in _SERVRAR if p == port)
    return {"Cookie": f"{kakans_namn(port)}={visning.redigering.session.kaka}"}
