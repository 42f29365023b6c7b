"""The scheduled push (``[server] push``, ``push_intervall``) against a real local
``git init --bare`` repository: the running ``kvalitet server`` pushes its commits, logs each
outcome as a JSON line, and keeps serving when the remote is gone; settings refused in Swedish."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from serverhjalp import ROT, SESSIONSHEMLIGHET, git_init, ledig_port

from kvalitet.grund.problem import KvalitetError
from kvalitet.server.installning import las_installning
from kvalitet.server.push import pusha

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


def _git(rot: Path, *argument: str) -> str:
    return subprocess.run(
        ["git", *argument], cwd=rot, capture_output=True, text=True, check=True
    ).stdout.strip()


def _forrad(tmp_path: Path) -> tuple[Path, Path]:
    """A project (a git repository with a commit) and its remote ``origin``, a bare repository."""
    fjarr = tmp_path / "kommunen.git"
    subprocess.run(["git", "init", "-q", "--bare", str(fjarr)], check=True)
    projekt = tmp_path / "projekt"
    shutil.copytree(ROT / "rapporter", projekt / "rapporter")
    git_init(projekt)
    _git(projekt, "remote", "add", "origin", str(fjarr))
    return projekt, fjarr


def test_pusha_ok_ingenting_nytt_och_fjarren_borta(tmp_path: Path) -> None:
    projekt, fjarr = _forrad(tmp_path)
    forsta = pusha(projekt, "origin")
    assert forsta.utfall == "ok" and forsta.andrat, forsta
    gren = _git(projekt, "rev-parse", "--abbrev-ref", "HEAD")
    assert _git(fjarr, "rev-parse", gren) == _git(projekt, "rev-parse", "HEAD") == forsta.commit
    igen = pusha(projekt, "origin")
    assert igen.utfall == "ok" and not igen.andrat
    fjarr.rename(tmp_path / "borta.git")
    borta = pusha(projekt, "origin")
    assert borta.utfall == "fel" and borta.fel and not borta.andrat
    assert pusha(projekt, "finns-inte").utfall == "fel"


@pytest.mark.parametrize(
    ("rad", "vantat"),
    [
        ('push = "-origin"', "inget namn på en fjärr"),
        ('push = "origin main"', "inget namn på en fjärr"),
        ('push = "origin"\npush_intervall = 0', "push_intervall ska vara"),
        ('push = "origin"\npush_intervall = "ofta"', "push_intervall ska vara"),
    ],
)
def test_felaktiga_pushinstallningar_nekas(tmp_path: Path, rad: str, vantat: str) -> None:
    fil = tmp_path / "server.toml"
    fil.write_text(_konfig("https://kvalitet.kommun.se", rad), encoding="utf-8")
    with pytest.raises(KvalitetError) as fel:
        las_installning(fil, {})
    assert vantat in fel.value.format_message()
    assert "fel:" in fel.value.format_message()


def test_miljon_ger_push(tmp_path: Path) -> None:
    fil = tmp_path / "server.toml"
    fil.write_text(_konfig("https://kvalitet.kommun.se", ""), encoding="utf-8")
    inst = las_installning(fil, {"KVALITET_PUSH": "kommunen", "KVALITET_PUSH_INTERVALL": "30"})
    assert inst.push == "kommunen" and inst.push_intervall == 30.0
    assert las_installning(fil, {}).push is None


def _konfig(adress: str, rader: str) -> str:
    return (
        f'[server]\nadress = "{adress}"\nsessionshemlighet = "{SESSIONSHEMLIGHET}"\n'
        f"{rader}\n"
        '[oidc]\nutfardare = "http://127.0.0.1:9"\nklient_id = "kvalitet"\n'
        'klient_hemlighet = "hemligt"\n'
    )


def _pushrader(logg: Path) -> list[dict[str, object]]:
    rader = []
    for rad in logg.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            data = json.loads(rad)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("handelse") == "push":
            rader.append(data)
    return rader


def _vanta_pa(villkor, sekunder: float = 30) -> None:  # type: ignore[no-untyped-def]
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut:
        if villkor():
            return
        time.sleep(0.2)
    raise AssertionError("hände inte i tid")


def test_servern_pushar_enligt_schemat_och_overlever_en_borta_fjarr(tmp_path: Path) -> None:
    projekt, fjarr = _forrad(tmp_path)
    port = ledig_port()
    bas = f"http://127.0.0.1:{port}"
    konfig = tmp_path / "server.toml"
    konfig.write_text(
        _konfig(bas, 'sakra_kakor = false\npush = "origin"\npush_intervall = 0.02'),
        encoding="utf-8",
    )
    logg = tmp_path / "server.log"
    miljo = {k: v for k, v in os.environ.items() if not k.startswith("KVALITET_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", "server", str(projekt), "--konfig", str(konfig),
         "--port", str(port)],
        stdout=logg.open("wb"),
        stderr=subprocess.STDOUT,
        env={**miljo, "PYTHONPATH": str(ROT)},
        cwd=projekt,
    )  # fmt: skip
    try:
        gren = _git(projekt, "rev-parse", "--abbrev-ref", "HEAD")

        def i_fjarren() -> str:
            svar = subprocess.run(
                ["git", "rev-parse", gren], cwd=fjarr, capture_output=True, text=True
            )
            return svar.stdout.strip()

        _vanta_pa(lambda: i_fjarren() == _git(projekt, "rev-parse", "HEAD"))
        # a new commit (as a save makes one) reaches the remote at the next round
        fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
        fil.write_text(fil.read_text(encoding="utf-8") + "# push\n", encoding="utf-8")
        _git(projekt, "commit", "-qam", "en sparning")
        _vanta_pa(lambda: i_fjarren() == _git(projekt, "rev-parse", "HEAD"))
        ok = [r for r in _pushrader(logg) if r["utfall"] == "ok"]
        assert ok and ok[0]["fjarr"] == "origin" and ok[0]["andrat"] is True, ok
        assert ok[-1]["niva"] == "info" and isinstance(ok[-1]["ms"], float)

        # the remote is gone: logged as fel, the server keeps answering, and pushes again after
        fjarr.rename(tmp_path / "undan.git")
        _vanta_pa(lambda: any(r["utfall"] == "fel" for r in _pushrader(logg)))
        fel = next(r for r in _pushrader(logg) if r["utfall"] == "fel")
        assert fel["niva"] == "warning" and fel["fel"], fel
        assert httpx2.get(f"{bas}/halsa", timeout=10).status_code == 200
        assert process.poll() is None
        (tmp_path / "undan.git").rename(fjarr)
        _git(projekt, "commit", "-q", "--allow-empty", "-m", "efter avbrottet")
        _vanta_pa(lambda: i_fjarren() == _git(projekt, "rev-parse", "HEAD"))
    finally:
        process.terminate()
        process.wait(20)
    assert "Traceback" not in logg.read_text(encoding="utf-8", errors="replace")
