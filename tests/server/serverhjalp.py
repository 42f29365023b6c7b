"""Helpers of the server tests: ``kvalitet server`` as a real process on a free port, logged in through a real OpenID
Connect provider (panva's ``oidc-provider``, ``tests/oidc/``, run with node) on another.

``tjanst`` starts both once per test module (with a copy of the example project) and stops
them after; ``logga_in(klient, tjanst, "helena")`` goes through the whole login with an httpx2
client: the provider's login form filled in, the redirect back, the new session."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

ROT = Path(__file__).resolve().parents[2]
OIDC = ROT / "tests" / "oidc"
LOSENORD = "hemligt"
SESSIONSHEMLIGHET = "test-" + "x" * 40


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Tjanst:
    bas: str
    idp: str
    projekt: Path
    logg: Path

    @property
    def revision(self) -> list[dict[str, object]]:
        """The audit log's lines (``[server] revisionslogg``)."""
        fil = self.logg.parent / "revision.jsonl"
        if not fil.is_file():
            return []
        return [json.loads(r) for r in fil.read_text(encoding="utf-8").splitlines() if r]

    def loggrader(self) -> list[dict[str, object]]:
        rader = []
        for rad in self.logg.read_text(encoding="utf-8").splitlines():
            if rad.startswith("{"):
                rader.append(json.loads(rad))
        return rader


def _vanta(url: str, process: subprocess.Popen[bytes], logg: Path, sekunder: float = 30) -> None:
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut:
        if process.poll() is not None:
            pytest.fail(f"{url} startade inte:\n{logg.read_text(errors='replace')}")
        try:
            if httpx2.get(url, timeout=1).status_code < 500:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"{url} svarade inte inom {sekunder} s:\n{logg.read_text(errors='replace')}")


def _stoppa(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def git_init(projekt: Path) -> None:
    """The project as the municipality keeps it: a git repository (each save a commit)."""
    if shutil.which("git") is None:
        return
    for steg in (
        ["init", "-q"],
        ["config", "user.name", "Servern"],
        ["config", "user.email", "server@alvmora.se"],
        ["add", "-A"],
        ["commit", "-q", "-m", "början"],
    ):
        subprocess.run(["git", *steg], cwd=projekt, check=True, capture_output=True)


def senaste_forfattare(projekt: Path, fil: str, antal: int = 1) -> list[str]:
    """'Namn <e-post>' of the last commits that touched ``fil`` (relative to the project)."""
    svar = subprocess.run(
        ["git", "log", f"-{antal}", "--format=%an <%ae>", "--", fil],
        cwd=projekt,
        check=True,
        capture_output=True,
        text=True,
    )
    return svar.stdout.splitlines()


@pytest.fixture(scope="module")
def tjanst(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tjanst]:
    yield from kor_tjanst(tmp_path_factory)


def kor_tjanst(
    tmp_path_factory: pytest.TempPathFactory,
    behorigheter: str | None = None,
    anvandare: dict[str, dict[str, object]] | None = None,
    installningar: dict[str, int] | None = None,
) -> Iterator[Tjanst]:
    """Provider and server on a copy of the example; ``behorigheter`` replaces its
    ``rapporter/behörigheter.yaml``, ``anvandare`` adds test users to the provider (by login
    name: the claims ``sub``, ``name``, ``email``, ``groups``), ``installningar`` sets
    ``[server]`` numbers (the login limits are high unless a test sets them: every test logs in
    from 127.0.0.1, often as the same person)."""
    tal = {"inloggningar_per_adress": 10_000, "inloggningar_per_konto": 10_000}
    tal.update(installningar or {})
    node = shutil.which("node")
    if node is None or not (OIDC / "node_modules" / "oidc-provider").is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                "OIDC-leverantören saknas i CI: .ci/run ska köra sh skript/installera-oidc-test.sh"
            )
        pytest.skip("OIDC-leverantören saknas (kör: sh skript/installera-oidc-test.sh)")
    mapp = tmp_path_factory.mktemp("server")
    projekt = mapp / "projekt"
    shutil.copytree(ROT / "rapporter", projekt / "rapporter")
    if behorigheter is not None:
        (projekt / "rapporter" / "behörigheter.yaml").write_text(behorigheter, encoding="utf-8")
    git_init(projekt)
    port, idp_port = ledig_port(), ledig_port()
    bas, idp = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{idp_port}"
    idp_logg = mapp / "leverantor.log"
    leverantor = subprocess.Popen(
        [node, str(OIDC / "leverantor.mjs"), str(idp_port), f"{bas}/inloggad", f"{bas}/utloggad"],
        stdout=idp_logg.open("wb"),
        stderr=subprocess.STDOUT,
        cwd=OIDC,
        env={**os.environ, "TESTANVANDARE": json.dumps(anvandare or {})},
    )
    try:
        _vanta(f"{idp}/.well-known/openid-configuration", leverantor, idp_logg)
        konfig = mapp / "server.toml"
        konfig.write_text(
            f'[server]\nadress = "{bas}"\nsessionshemlighet = "{SESSIONSHEMLIGHET}"\n'
            f'sakra_kakor = false\nrevisionslogg = "{(mapp / "revision.jsonl").as_posix()}"\n'
            + "".join(f"{namn} = {varde}\n" for namn, varde in tal.items())
            + f'[oidc]\nutfardare = "{idp}"\nklient_id = "kvalitet"\n'
            'klient_hemlighet = "kvalitet-hemlighet"\nomfang = "openid email profile groups"\n',
            encoding="utf-8",
        )
        logg = mapp / "server.log"
        miljo = {**os.environ, "PYTHONPATH": str(ROT)}
        for variabel in [v for v in miljo if v.startswith("KVALITET_")]:
            del miljo[variabel]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kvalitet",
                "server",
                str(projekt),
                "--konfig",
                str(konfig),
                "--port",
                str(port),
            ],
            stdout=logg.open("wb"),
            stderr=subprocess.STDOUT,
            env=miljo,
            cwd=projekt,
        )
        try:
            _vanta(f"{bas}/halsa", server, logg)
            yield Tjanst(bas, idp, projekt, logg)
        finally:
            _stoppa(server)
    finally:
        _stoppa(leverantor)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def bladdrare():  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium saknas i CI: .ci/run ska installera paketet chromium")
        pytest.skip("Chromium saknas (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        webblasare = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            yield webblasare
        finally:
            webblasare.close()


def klient() -> httpx2.Client:
    return httpx2.Client(timeout=30, follow_redirects=False)


def folj(k: httpx2.Client, svar: httpx2.Response, stopp: str | None = None) -> httpx2.Response:
    """Follow redirects by hand (so that every hop is seen); stop before a URL starting with
    ``stopp``, answering that redirect itself."""
    for _ in range(20):
        if svar.status_code not in (301, 302, 303, 307, 308):
            return svar
        mal = str(svar.url.join(svar.headers["location"]))
        if stopp is not None and mal.startswith(stopp):
            return svar
        svar = k.get(mal)
    raise AssertionError("för många omdirigeringar")


def till_formularet(k: httpx2.Client, tjanst: Tjanst, sida: str = "/") -> httpx2.Response:
    """From ``/logga-in`` to the provider's login form."""
    svar = folj(k, k.get(f"{tjanst.bas}/logga-in", params={"sida": sida}))
    assert svar.status_code == 200 and 'name="losenord"' in svar.text, svar.text[:500]
    return svar


def fyll_i(k: httpx2.Client, formular: httpx2.Response, vem: str) -> httpx2.Response:
    """Submit the provider's login form; the provider's redirect (back to kvalitet) answered."""
    handling = re.search(r'action="([^"]+)"', formular.text)
    assert handling is not None
    mal = str(formular.url.join(handling.group(1)))
    return k.post(mal, data={"anvandare": vem, "losenord": LOSENORD})


def logga_in(k: httpx2.Client, tjanst: Tjanst, vem: str, sida: str = "/") -> httpx2.Response:
    """The whole login; the answer of the page it ends on."""
    svar = folj(k, fyll_i(k, till_formularet(k, tjanst, sida), vem))
    assert svar.status_code == 200, (svar.status_code, svar.text[:500])
    return svar


def token_ur(sida: str) -> str:
    traff = re.search(r'<meta name="kvalitet-token" content="([^"]+)"', sida)
    assert traff is not None, sida[:500]
    return traff.group(1)
