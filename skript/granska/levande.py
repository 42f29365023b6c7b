"""axe-core (with the best-practice rules) and the Nu Html Checker on the live pages of
``kvalitet visa`` and ``kvalitet skriv``, started on a copy of the example project.

The copy has one broken unit (resurscentrum, a YAML syntax error), so that its error pages are
real. Each server prints its one-time login link; a Playwright context opens it and so has the
session cookie. Every page is loaded at 320, 390 and 1280 px: the page must never scroll
sideways (``document.scrollingElement``), and axe runs on it (the editor with every section and
nested ``<details>`` open). vnu checks each page's HTML as the server sent it, and the editor's
DOM after its script has drawn the form with everything open."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import verktyg
from .kanda import Fynd

ROT = Path(__file__).resolve().parents[2]
BREDDER = (320, 390, 1280)
TRASIG = "resurscentrum"
"""A unit whose YAML cannot be read: the error pages."""
MED_FEL = "forskolan-lingonet"
"""A unit whose YAML can be read but has an error: the form with its problems, the forgiving
preview with its banner, the preview's error page."""
ENHET = "bjorkbackaskolan"


@dataclass(frozen=True)
class Sida:
    namn: str
    server: str  # "visa" or "skriv"
    sokvag: str
    kod: int  # the HTTP status the page is answered with
    formular: bool = False  # the editor: wait for the form, open every section
    utan_kaka: bool = False  # a browser that has not opened the login link


SIDOR = (
    Sida("startsidan", "visa", "/", 200),
    Sida("enhet", "visa", f"/{ENHET}.html", 200),
    Sida("felsidan", "visa", f"/{TRASIG}.html", 200),
    Sida("404", "visa", "/finns-inte.html", 404),
    Sida("felsidan-modell", "visa", f"/{MED_FEL}.html", 200),
    Sida("sammanstallning", "visa", "/sammanstallning.html", 200),
    Sida("huvudmannens-rapport", "visa", "/huvudmannens-rapport.html", 200),
    Sida("inte-inloggad", "visa", "/", 401, utan_kaka=True),
    Sida("redigera", "skriv", f"/skriv/{ENHET}", 200, formular=True),
    Sida("redigera-forhandsvisning", "skriv", f"/skriv/{ENHET}/forhandsvisning", 200),
    Sida("redigera-med-fel", "skriv", f"/skriv/{MED_FEL}", 200, formular=True),
    Sida("redigera-med-fel-forhandsvisning", "skriv", f"/skriv/{MED_FEL}/forhandsvisning", 200),
    Sida("redigera-trasig", "skriv", f"/skriv/{TRASIG}", 409),
    Sida("ny-enhet", "skriv", "/skriv/ny", 200),
    Sida("skriv-404", "skriv", "/skriv/finns-inte", 404),
    Sida("huvudmannafilen-som-text", "skriv", "/redigera/huvudman", 200),
)

OPPNA_ALLT = """() => {
  let stangda = document.querySelectorAll("details:not([open])");
  for (let varv = 0; stangda.length && varv < 50; varv++) {
    stangda.forEach(d => { d.open = true; });
    stangda = document.querySelectorAll("details:not([open])");
  }
  return document.querySelectorAll("details").length;
}"""
BREDD = """() => {
  const s = document.scrollingElement || document.documentElement;
  return [s.scrollWidth, s.clientWidth];
}"""


def forbered_projekt(mal: Path) -> Path:
    """A copy of the example's sources with one unit file that is not YAML, and one with an
    error the form shows at its field (a skolform that does not exist)."""
    shutil.copytree(ROT / "rapporter", mal / "rapporter")
    fil = mal / "rapporter" / "2025-26" / f"{TRASIG}.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\nsammanfattning: [oavslutad\n", "utf-8")
    fil = mal / "rapporter" / "2025-26" / f"{MED_FEL}.yaml"
    text = fil.read_text(encoding="utf-8")
    if "\nskolform: förskola\n" not in text:
        raise RuntimeError(f"{fil.name}: raden 'skolform: förskola' saknas; ändra levande.py")
    fil.write_text(text.replace("\nskolform: förskola\n", "\nskolform: förskolan\n"), "utf-8")
    return mal


class Server:
    """``kvalitet visa`` or ``kvalitet skriv`` in a process of its own, on a free port."""

    def __init__(self, *argument: str) -> None:
        miljo = dict(
            os.environ,
            PYTHONUNBUFFERED="1",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROT), os.environ.get("PYTHONPATH")])),
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kvalitet", *argument, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=miljo,
        )
        self.utskrift: list[str] = []
        rader: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._las, args=(rader,), daemon=True).start()
        self.lank = self._vanta_pa_lanken(rader)
        self.bas = self.lank.split("/__kvalitet/", 1)[0]

    def _las(self, rader: queue.Queue[str]) -> None:
        assert self.process.stdout is not None
        for rad in self.process.stdout:
            self.utskrift.append(rad)
            rader.put(rad)

    def _vanta_pa_lanken(self, rader: queue.Queue[str], sekunder: float = 60) -> str:
        slut = time.monotonic() + sekunder
        while time.monotonic() < slut:
            try:
                rad = rader.get(timeout=0.2).strip()
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if "/__kvalitet/inloggning?" in rad:
                return rad
        self.stoppa()
        raise RuntimeError("servern skrev ingen inloggningslänk:\n" + "".join(self.utskrift))

    def stoppa(self) -> None:
        """Ctrl-C, as a person stops it; killed if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _ladda(sida: Any, bas: str, s: Sida) -> tuple[int, str]:
    svar = sida.goto(bas + s.sokvag)
    if svar is None:
        raise RuntimeError(f"{s.namn}: {bas + s.sokvag} gav inget svar")
    if s.formular:
        sida.wait_for_function(
            "() => (document.querySelector('#sparstatus')?.textContent || '')"
            ".includes('Formuläret är öppet')",
            timeout=60000,
        )
        sida.evaluate(OPPNA_ALLT)
        sida.wait_for_timeout(300)
    return svar.status, svar.headers.get("content-type", "")


def granska_levande(tmp: Path) -> tuple[list[Fynd], dict[str, Path], set[str]]:
    """Findings on the live pages, the HTML files written for vnu, and the names checked."""
    from playwright.sync_api import sync_playwright

    projekt = forbered_projekt(tmp / "projekt")
    servrar: dict[str, Server] = {}
    fynd: list[Fynd] = []
    html: dict[str, Path] = {}
    granskade: set[str] = set()
    try:
        servrar["visa"] = Server("visa", str(projekt))
        servrar["skriv"] = Server("skriv", ENHET, "--projekt", str(projekt), "--utan-webblasare")
        with sync_playwright() as p:
            webblasare = verktyg.starta_chromium(p)
            try:
                for namn, server in servrar.items():
                    inloggad = webblasare.new_context(bypass_csp=True)
                    inloggad.new_page().goto(server.lank)  # the login: the context's cookie
                    utan = webblasare.new_context(bypass_csp=True)
                    for s in (s for s in SIDOR if s.server == namn):
                        sammanhang = utan if s.utan_kaka else inloggad
                        fynd += _granska_sidan(sammanhang, server.bas, s, tmp, html, granskade)
                    inloggad.close()
                    utan.close()
            finally:
                webblasare.close()
    finally:
        for server in servrar.values():
            server.stoppa()
    return fynd, html, granskade


def _granska_sidan(
    sammanhang: Any, bas: str, s: Sida, tmp: Path, html: dict[str, Path], granskade: set[str]
) -> list[Fynd]:
    fynd: list[Fynd] = []
    namn = f"visa:{s.namn}"
    for bredd in BREDDER:
        sida = sammanhang.new_page()
        sida.set_viewport_size({"width": bredd, "height": 900})
        kod, typ = _ladda(sida, bas, s)
        if kod != s.kod or not typ.startswith("text/html"):
            fynd.append(
                Fynd("sidan", namn, "svar", "error", f"svarade {kod} {typ}, väntat {s.kod} HTML")
            )
        bredder = sida.evaluate(BREDD)
        if bredder[0] > bredder[1]:
            fynd.append(
                Fynd(
                    "sidan",
                    f"{namn}@{bredd}",
                    "sidled",
                    "error",
                    f"sidan rullar i sidled: {bredder[0]} px innehåll i {bredder[1]} px fönster",
                )
            )
        if bredd == BREDDER[-1]:  # (before axe adds its script to the page)
            fil = tmp / f"{s.namn}.html"
            fil.write_text(sammanhang.request.get(bas + s.sokvag).text(), encoding="utf-8")
            html[namn] = fil
            if s.formular:
                dom = tmp / f"{s.namn}-dom.html"
                dom.write_text(sida.content(), encoding="utf-8")
                html[f"{namn} (DOM)"] = dom
        granskade.add(f"{namn}@{bredd}")
        fynd += verktyg.axe_fynd(f"{namn}@{bredd}", verktyg.axe_pa_sidan(sida, verktyg.AXE_BASTA))
        sida.close()
    granskade.add(namn)
    granskade.update(html)
    return fynd


def main_levande() -> tuple[list[Fynd], dict[str, float], set[str]]:
    """Run the live check in a temporary folder: findings, times, names checked."""
    tider: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="granska-levande-") as tmp:
        start = time.perf_counter()
        fynd, html, granskade = granska_levande(Path(tmp))
        tider["sidorna och axe"] = time.perf_counter() - start
        start = time.perf_counter()
        fynd += verktyg.vnu(html)
        tider["vnu"] = time.perf_counter() - start
    return fynd, tider, granskade
