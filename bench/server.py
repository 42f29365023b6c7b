"""``kvalitet server`` under load (issue 27, point 7): the real server process on a project
generated with N units (``bench/generera.py``), N editors logged in through the local OIDC
provider (``tests/oidc/``, run with node; ``sh skript/installera-oidc-test.sh`` first), each
a rektor of their own unit in a generated ``rapporter/behörigheter.yaml``. Each editor opens
the form, then at a human pace (a save every few seconds) types a sentence into the summary,
saves and fetches the updated preview of the form's frame; a few also fetch their PDF now and
then. Prints per N: the login time, p50/p95/p99 of save → updated preview, lost saves (a save
answered as saved whose words are not in the file afterwards, or not in the preview after
it), errors (any other answer than 200, or 503 for a PDF when the queue is full, which is
counted apart), the PDFs, and the server's memory (all its processes).

    python3 bench/server.py --redigerare 50 200 400 [--sekunder 60] [--paus 4] [--git]

The machine is named in the first line (cores, load): on a shared machine the other work
counts too, so say so with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT / "bench"))

from generera import generera  # noqa: E402

OIDC = ROT / "tests" / "oidc"
LOSENORD = "hemligt"


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentil(varden: list[float], p: float) -> float:
    if not varden:
        return float("nan")
    ordnade = sorted(varden)
    return ordnade[min(len(ordnade) - 1, round(p / 100 * (len(ordnade) - 1)))]


def _processer(pid: int) -> list[Path]:
    """``/proc/<pid>`` of the server and its children (the PDF pool's workers)."""
    ut = []
    for post in Path("/proc").iterdir():
        if not post.name.isdigit():
            continue
        try:
            stat = (post / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if int(post.name) == pid or ppid == pid:
            ut.append(post)
    return ut


def _minne_mb(pid: int) -> int:
    """Resident memory of the server's processes."""
    totalt = 0
    for post in _processer(pid):
        try:
            status = (post / "status").read_text()
        except OSError:
            continue
        falt = dict(rad.split(":", 1) for rad in status.splitlines() if ":" in rad)
        totalt += int(falt.get("VmRSS", "0 kB").split()[0] or 0)
    return totalt // 1024


def _cpu_sekunder(pid: int, bara_servern: bool = True) -> float:
    """CPU time (user + system) used so far by the server's own process: what one save costs
    it, whatever else the shared machine is doing."""
    poster = [Path(f"/proc/{pid}")] if bara_servern else _processer(pid)
    totalt = 0
    for post in poster:
        try:
            falt = (post / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        totalt += int(falt[11]) + int(falt[12])
    return totalt / os.sysconf("SC_CLK_TCK")


@dataclass
class Matning:
    inloggning: list[float] = field(default_factory=list)
    tider: list[float] = field(default_factory=list)
    pdf: list[float] = field(default_factory=list)
    pdf_fulla: int = 0
    fel: list[str] = field(default_factory=list)
    tappade: list[str] = field(default_factory=list)
    sparat: dict[str, str] = field(default_factory=dict)
    minne_topp: int = 0
    cpu_fore: float = 0.0
    cpu_efter: float = 0.0


def _projekt(mapp: Path, antal: int) -> tuple[list[Path], dict[str, dict[str, object]]]:
    """The generated project, every unit a draft, and one rektor (a test user) per unit."""
    filer = generera(antal, mapp)
    for fil in filer:
        text = fil.read_text(encoding="utf-8")
        fil.write_text(re.sub(r"^status: .*$", "status: utkast", text, flags=re.M), "utf-8")
    personer = ["kontakt: Karin Ek, kvalitetsstrateg, karin.ek@alvmora.se", "personer:"]
    anvandare: dict[str, dict[str, object]] = {}
    for nr, fil in enumerate(filer):
        vem = f"rektor{nr:03d}"
        epost = f"{vem}@alvmora.se"
        anvandare[vem] = {"name": f"Rektor {nr:03d}", "email": epost, "groups": ["rektorer"]}
        personer += [
            f"  - namn: Rektor {nr:03d}",
            f"    epost: {epost}",
            "    roller: rektor",
            f"    enheter: [{fil.stem}]",
        ]
    (mapp / "rapporter" / "behörigheter.yaml").write_text("\n".join(personer) + "\n", "utf-8")
    return filer, anvandare


async def _logga_in(k: httpx2.AsyncClient, bas: str, vem: str) -> None:
    formular = await k.get(f"{bas}/logga-in")
    handling = re.search(r'action="([^"]+)"', formular.text)
    if formular.status_code != 200 or not handling:
        raise RuntimeError(f"inloggningsformuläret: {formular.status_code} {formular.text[:120]}")
    svar = await k.post(
        str(formular.url.join(handling.group(1))),
        data={"anvandare": vem, "losenord": LOSENORD},
    )
    if svar.status_code != 200 or str(svar.url) != f"{bas}/":
        raise RuntimeError(f"inloggningen: {svar.status_code} {svar.url} {svar.text[:120]}")


async def _redigerare(
    nr: int,
    fil: Path,
    bas: str,
    m: Matning,
    inloggade: asyncio.Semaphore,
    start: asyncio.Event,
    slut: list[float],
    flaggor: argparse.Namespace,
) -> None:
    enhet, vem = fil.stem, f"rektor{nr:03d}"
    slump = random.Random(nr)
    pdf_hamtare = nr % max(1, round(1 / flaggor.pdf_andel)) == 0 if flaggor.pdf_andel else False
    async with httpx2.AsyncClient(timeout=180, follow_redirects=True) as k:
        try:
            async with inloggade:  # logins come a few at a time, as people arrive
                borjan = time.perf_counter()
                await _logga_in(k, bas, vem)
                m.inloggning.append(time.perf_counter() - borjan)
            sida = (await k.get(f"{bas}/skriv/{enhet}")).text
            token = re.search(r'name="kvalitet-token" content="([^"]+)"', sida)
            if token is None:
                raise RuntimeError(f"formuläret utan token: {sida[:120]}")
            lage = (await k.get(f"{bas}/skriv/{enhet}/data")).json()
        except Exception as exc:
            m.fel.append(f"{enhet}: inloggning/öppna: {type(exc).__name__}: {exc}")
            return
        await start.wait()
        await asyncio.sleep(slump.uniform(0, flaggor.paus))  # not all at the same second
        sparning = 0
        grund = str(lage["data"].get("sammanfattning") or "")
        while time.monotonic() < slut[0]:
            sparning += 1
            markor = f"Skrivet av {vem} i sparning {sparning}."
            data = {**lage["data"], "sammanfattning": f"{grund}\n{markor}\n"}
            borjan = time.perf_counter()
            try:
                svar = await k.post(
                    f"{bas}/skriv/{enhet}/spara",
                    json={"data": data, "version": lage["version"], "bas": lage["data"]},
                    headers={"X-Kvalitet-Token": token.group(1)},
                )
                forhand = await k.get(f"{bas}/skriv/{enhet}/forhandsvisning")
            except httpx2.HTTPError as exc:
                m.fel.append(f"{enhet}: {type(exc).__name__}: {exc}")
                await asyncio.sleep(flaggor.paus)
                continue
            tid = time.perf_counter() - borjan
            if svar.status_code != 200 or forhand.status_code != 200:
                m.fel.append(f"{enhet}: {svar.status_code}/{forhand.status_code} {svar.text[:160]}")
            else:
                lage = svar.json()
                if not lage.get("sparad"):
                    m.tappade.append(f"{enhet}: sparning {sparning} inte sparad: {svar.text[:160]}")
                elif markor not in forhand.text:
                    m.tappade.append(f"{enhet}: sparning {sparning} syns inte i förhandsvisningen")
                else:
                    m.tider.append(tid)
                    m.sparat[enhet] = markor
            if pdf_hamtare and sparning % flaggor.pdf_var == 0:
                borjan = time.perf_counter()
                try:
                    pdf = await k.get(f"{bas}/{enhet}.pdf")
                except httpx2.HTTPError as exc:
                    m.fel.append(f"{enhet}.pdf: {type(exc).__name__}: {exc}")
                else:
                    if pdf.status_code == 503 and "retry-after" in pdf.headers:
                        m.pdf_fulla += 1
                    elif pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                        m.fel.append(f"{enhet}.pdf: {pdf.status_code} {pdf.text[:120]}")
                    else:
                        m.pdf.append(time.perf_counter() - borjan)
            await asyncio.sleep(slump.uniform(0.5 * flaggor.paus, 1.5 * flaggor.paus))


async def _kor(
    filer: list[Path], bas: str, flaggor: argparse.Namespace, server: int
) -> tuple[Matning, float]:
    m = Matning()
    start = asyncio.Event()
    inloggade = asyncio.Semaphore(flaggor.samtidiga_inloggningar)
    slut = [float("inf")]
    uppgifter = [
        asyncio.create_task(_redigerare(nr, fil, bas, m, inloggade, start, slut, flaggor))
        for nr, fil in enumerate(filer)
    ]
    borjan = time.perf_counter()
    while len(m.inloggning) + len(m.fel) < len(filer):
        await asyncio.sleep(0.2)
    inloggning = time.perf_counter() - borjan
    slut[0] = time.monotonic() + flaggor.sekunder
    m.cpu_fore = _cpu_sekunder(server)
    start.set()
    while not all(u.done() for u in uppgifter):
        m.minne_topp = max(m.minne_topp, _minne_mb(server))
        await asyncio.sleep(1)
    await asyncio.gather(*uppgifter)
    m.cpu_efter = _cpu_sekunder(server)
    return m, inloggning


def matning(antal: int, flaggor: argparse.Namespace) -> None:
    mapp = Path(tempfile.mkdtemp(prefix="kvalitet-server-bench-"))
    filer, anvandare = _projekt(mapp, antal)
    if flaggor.git:
        for steg in (
            ["init", "-q"],
            ["config", "user.name", "Servern"],
            ["config", "user.email", "server@alvmora.se"],
            ["add", "-A"],
            ["commit", "-q", "-m", "början"],
        ):
            subprocess.run(["git", *steg], cwd=mapp, check=True, capture_output=True)
    port, idp_port = _ledig_port(), _ledig_port()
    bas, idp = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{idp_port}"
    leverantor = subprocess.Popen(
        ["node", str(OIDC / "leverantor.mjs"), str(idp_port), f"{bas}/inloggad", f"{bas}/utloggad"],
        cwd=OIDC,
        env={**os.environ, "TESTANVANDARE": json.dumps(anvandare)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    konfig = mapp / "server.toml"
    konfig.write_text(
        f'[server]\nadress = "{bas}"\nsessionshemlighet = "{"b" * 40}"\nsakra_kakor = false\n'
        # one machine logs everybody in: the per-address limit is for many people behind it
        f"inloggningar_per_adress = {10 * antal}\n"
        f'[oidc]\nutfardare = "{idp}"\nklient_id = "kvalitet"\nklient_hemlighet = '
        '"kvalitet-hemlighet"\nomfang = "openid email profile groups"\n',
        encoding="utf-8",
    )
    logg = mapp.with_name(mapp.name + ".log")  # not in the project: it changes all the time
    miljo = {k: v for k, v in os.environ.items() if not k.startswith("KVALITET_")}
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
        env={**miljo, "PYTHONPATH": str(ROT)},
        stdout=subprocess.DEVNULL,
        stderr=logg.open("wb"),
    )
    try:
        for url in (f"{idp}/.well-known/openid-configuration", f"{bas}/halsa"):
            for _ in range(600):
                try:
                    if httpx2.get(url, timeout=1).status_code < 500:
                        break
                except httpx2.HTTPError:
                    pass
                if server.poll() is not None:
                    raise SystemExit(f"servern startade inte:\n{logg.read_text()[-2000:]}")
                time.sleep(0.1)
        m, inloggning = asyncio.run(_kor(filer, bas, flaggor, server.pid))
        minne = _minne_mb(server.pid)
        for enhet, markor in m.sparat.items():
            fil = next(f for f in filer if f.stem == enhet)
            if markor not in fil.read_text("utf-8"):
                m.tappade.append(f"{enhet}: '{markor}' finns inte i filen efteråt")
    finally:
        server.terminate()
        leverantor.terminate()
        server.wait(30)
        leverantor.wait(15)
        if flaggor.behall:
            print(f"  (projektet och serverns logg finns kvar i {mapp})")
        else:
            shutil.rmtree(mapp, ignore_errors=True)
            logg.unlink(missing_ok=True)
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    sparningar = len(m.tider)
    print(
        f"{antal} redigerare, {flaggor.sekunder:.0f} s, en sparning var ~{flaggor.paus:g} s, "
        f"en serverprocess{', git' if flaggor.git else ''}:"
    )
    print(
        f"  inloggning: {len(m.inloggning)} st på {inloggning:.1f} s, p50 "
        f"{ms(_percentil(m.inloggning, 50))}, p95 {ms(_percentil(m.inloggning, 95))}"
    )
    print(
        f"  sparning → uppdaterad förhandsvisning: p50 {ms(_percentil(m.tider, 50))}, "
        f"p95 {ms(_percentil(m.tider, 95))}, p99 {ms(_percentil(m.tider, 99))} "
        f"({sparningar} st, {sparningar / flaggor.sekunder:.1f}/s)"
    )
    cpu = (m.cpu_efter - m.cpu_fore) / max(1, sparningar + len(m.tappade))
    print(
        f"  serverns CPU per sparning + förhandsvisning: {ms(cpu)} (i serverns process; "
        f"räcker till ~{1 / cpu if cpu else 0:.0f} sparningar/s på en kärna)"
    )
    print(
        f"  PDF: {len(m.pdf)} st, p50 {ms(_percentil(m.pdf, 50))}, p95 "
        f"{ms(_percentil(m.pdf, 95))}; {m.pdf_fulla} fick 503 (kön full)"
    )
    print(
        f"  tappade sparningar: {len(m.tappade)}, fel: {len(m.fel)}, serverns minne "
        f"{minne} MB (högst {m.minne_topp} MB)"
    )
    for rad in (m.tappade + m.fel)[:8]:
        print(f"    {rad}")


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--redigerare", type=int, nargs="+", default=[50, 200, 400])
    tolk.add_argument("--sekunder", type=float, default=60, help="mätningens längd per N")
    tolk.add_argument("--paus", type=float, default=4.0, help="sekunder mellan sparningar (medel)")
    tolk.add_argument("--pdf-andel", type=float, default=0.05, help="andel som hämtar PDF:er")
    tolk.add_argument("--pdf-var", type=int, default=3, help="en PDF var n:e sparning")
    tolk.add_argument("--samtidiga-inloggningar", type=int, default=8)
    tolk.add_argument("--git", action="store_true", help="projektet som git-förråd")
    tolk.add_argument("--behall", action="store_true", help="behåll projektet och loggen")
    flaggor = tolk.parse_args()
    last = os.getloadavg()
    print(
        f"kvalitet server under last: {os.cpu_count()} kärnor, last {last[0]:.2f} {last[1]:.2f} "
        f"{last[2]:.2f} (maskinen kan delas med annat arbete)"
    )
    for antal in flaggor.redigerare:
        matning(antal, flaggor)


if __name__ == "__main__":
    main()
