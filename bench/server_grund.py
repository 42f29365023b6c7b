"""A first measurement of ``kvalitet server`` (issue 27; the full ``bench/server.py`` of point 7
builds on it): the real server process on a generated project of N units, N editors each
logged in through the local OIDC provider (``tests/oidc/``, run with node; ``npm ci --prefix
tests/oidc`` first), each editing its own unit: a save, then the updated preview, R rounds with
a pause between. Prints the login time and save → preview p50/p95/p99, errors (any answer but
200) and lost saves (a saved text that is not in the file afterwards).

    python3 bench/server_grund.py --redigerare 20 --varv 5 --paus 1
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT / "bench"))

from generera import generera  # noqa: E402


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _vanta(url: str) -> None:
    for _ in range(300):
        try:
            if httpx2.get(url, timeout=1).status_code < 500:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} svarade inte")


def _logga_in(bas: str) -> tuple[httpx2.Client, float]:
    borjan = time.perf_counter()
    k = httpx2.Client(timeout=60, follow_redirects=True)
    formular = k.get(f"{bas}/logga-in")
    handling = re.search(r'action="([^"]+)"', formular.text)
    assert handling, formular.text[:300]
    svar = k.post(
        str(formular.url.join(handling.group(1))),
        data={"anvandare": "bertil", "losenord": "hemligt"},
    )
    assert svar.status_code == 200 and str(svar.url) == f"{bas}/", (svar.status_code, svar.url)
    return k, time.perf_counter() - borjan


def _percentil(varden: list[float], p: float) -> float:
    if not varden:
        return float("nan")
    ordnade = sorted(varden)
    return ordnade[min(len(ordnade) - 1, round(p / 100 * (len(ordnade) - 1)))]


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--redigerare", type=int, default=20)
    tolk.add_argument("--varv", type=int, default=5)
    tolk.add_argument("--paus", type=float, default=1.0, help="sekunder mellan två sparningar")
    flaggor = tolk.parse_args()
    mapp = Path(tempfile.mkdtemp(prefix="kvalitet-server-bench-"))
    filer = generera(flaggor.redigerare, mapp)
    port, idp_port = _ledig_port(), _ledig_port()
    bas, idp = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{idp_port}"
    oidc = ROT / "tests" / "oidc"
    leverantor = subprocess.Popen(
        ["node", str(oidc / "leverantor.mjs"), str(idp_port), f"{bas}/inloggad", f"{bas}/utloggad"],
        cwd=oidc,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    konfig = mapp / "server.toml"
    konfig.write_text(
        f'[server]\nadress = "{bas}"\nsessionshemlighet = "{"b" * 40}"\nsakra_kakor = false\n'
        f'[oidc]\nutfardare = "{idp}"\nklient_id = "kvalitet"\nklient_hemlighet = '
        '"kvalitet-hemlighet"\nomfang = "openid email profile groups"\n'
        '[skrivratt]\n"grupp:kvalitetsstrateger" = ["*"]\n',
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kvalitet",
            "server",
            str(mapp),
            "--konfig",
            str(konfig),
            "--port",
            str(port),
        ],
        env={**os.environ, "PYTHONPATH": str(ROT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    inloggning: list[float] = []
    tider: list[float] = []
    fel: list[str] = []
    sparat: dict[str, str] = {}
    las = threading.Lock()

    def redigerare(fil: Path) -> None:
        enhet = fil.stem
        try:
            k, tid = _logga_in(bas)
            with las:
                inloggning.append(tid)
            oppnad = k.get(f"{bas}/skriv/{enhet}").text
            token = re.search(r'name="kvalitet-token" content="([^"]+)"', oppnad)
            assert token
            lage = k.get(f"{bas}/skriv/{enhet}/data").json()
            for varv in range(flaggor.varv):
                data = {**lage["data"], "status": "utkast", "område": f"Område {enhet} varv {varv}"}
                borjan = time.perf_counter()
                svar = k.post(
                    f"{bas}/skriv/{enhet}/spara",
                    json={"data": data, "version": lage["version"], "bas": lage["data"]},
                    headers={"X-Kvalitet-Token": token.group(1)},
                )
                forhand = k.get(f"{bas}/skriv/{enhet}/forhandsvisning")
                slut = time.perf_counter()
                if svar.status_code != 200 or forhand.status_code != 200:
                    with las:
                        fel.append(
                            f"{enhet}: {svar.status_code}/{forhand.status_code} {svar.text[:160]}"
                        )
                    continue
                lage = svar.json()
                with las:
                    tider.append(slut - borjan)
                    sparat[enhet] = data["område"]
                time.sleep(flaggor.paus)
        except Exception as exc:
            with las:
                fel.append(f"{enhet}: {type(exc).__name__}: {exc}")

    try:
        _vanta(f"{idp}/.well-known/openid-configuration")
        _vanta(f"{bas}/halsa")
        tradar = [threading.Thread(target=redigerare, args=(f,)) for f in filer]
        borjan = time.perf_counter()
        for t in tradar:
            t.start()
        for t in tradar:
            t.join()
        totalt = time.perf_counter() - borjan
        forlorade = [
            e
            for e, text in sparat.items()
            if text not in (next(f for f in filer if f.stem == e)).read_text("utf-8")
        ]
        rss = Path(f"/proc/{server.pid}/status").read_text().split("VmRSS:")[1].split()[0]
    finally:
        server.terminate()
        leverantor.terminate()
        server.wait(15)
        leverantor.wait(15)
        shutil.rmtree(mapp, ignore_errors=True)
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    print(
        f"kvalitet server, {flaggor.redigerare} redigerare × {flaggor.varv} varv, "
        f"paus {flaggor.paus} s, {os.cpu_count()} kärnor, {totalt:.1f} s totalt"
    )
    print(
        f"  inloggning genom leverantören: p50 {ms(statistics.median(inloggning))}, "
        f"p95 {ms(_percentil(inloggning, 95))}"
    )
    print(
        f"  sparning → ny förhandsvisning: p50 {ms(_percentil(tider, 50))}, "
        f"p95 {ms(_percentil(tider, 95))}, p99 {ms(_percentil(tider, 99))} ({len(tider)} st)"
    )
    print(
        f"  fel: {len(fel)}, förlorade sparningar: {len(forlorade)}, serverns minne {int(rss) // 1024} MB"
    )
    for rad in fel[:5]:
        print(f"    {rad}")


if __name__ == "__main__":
    main()
