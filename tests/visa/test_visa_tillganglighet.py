"""Issue 26.6: the preview's own pages (start page, error page, 404, and the Skriv page of a
broken unit) have <main> and a heading structure, the start page's table scrolls in its own
region and never the page at 390 px, and axe-core (WCAG A/AA and best practice) and the Nu Html
Checker find nothing on the live pages at 390 and 1280 px."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import kakhuvud

ROT = Path(__file__).resolve().parents[2]
NODE = ROT / "skript" / "granska" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SIDOR = {
    "startsidan": "/",
    "felsidan": "/resurscentrum.html",
    "404": "/finns-inte.html",
    "skriv-trasig": "/skriv/resurscentrum",
}


def _saknas(vad: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{vad} saknas i CI: kör skript/installera-granskare.sh")
    pytest.skip(f"{vad} saknas (kör skript/installera-granskare.sh)")


def _trasig(projekt: Path) -> None:
    """Resurscentrum with a YAML syntax error: the form cannot open it."""
    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\nsammanfattning: [oavslutad\n", "utf-8")


def _hamta(bas: str, visning: Any, sokvag: str) -> tuple[int, str, str]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    anslutning.request("GET", sokvag, headers=kakhuvud(visning))
    svar = anslutning.getresponse()
    return svar.status, svar.getheader("Content-Type") or "", svar.read().decode("utf-8")


def test_sidorna_har_main_och_rubriker(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    _trasig(projekt)
    for namn, sokvag in SIDOR.items():
        kod, typ, text = _hamta(bas, visning, sokvag)
        assert typ.startswith("text/html"), (namn, typ, text[:200])
        assert text.count("<main") == 1 and text.count("<h1") == 1, namn
        assert text.index("<main") < text.index("<h1") < text.index("</main>"), namn
        assert kod == {"startsidan": 200, "felsidan": 200, "404": 404, "skriv-trasig": 409}[namn]
    # the Skriv link of a broken unit: an HTML page with the located error, not raw JSON
    _, _, text = _hamta(bas, visning, "/skriv/resurscentrum")
    assert "resurscentrum.yaml:" in text and not text.lstrip().startswith("{")


@pytest.mark.parametrize("bredd", [390, 1280])
def test_axe_och_bredden_pa_sidorna(redigerare: Any, webblasare: Any, bredd: int) -> None:
    if not AXE.is_file():
        _saknas("axe-core")
    bas, projekt, _ = redigerare
    _trasig(projekt)
    sammanhang = webblasare.new_context(viewport={"width": bredd, "height": 800}, bypass_csp=True)
    brott = []
    for namn, sokvag in SIDOR.items():
        sida = sammanhang.new_page()
        sida.goto(bas + sokvag)
        bredder = sida.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert bredder[0] <= bredder[1], f"{namn}@{bredd}: sidan rullar i sidled {bredder}"
        if namn == "startsidan":
            region = sida.locator('[role="region"][tabindex="0"]')
            assert region.count() == 1 and region.locator("table").count() == 1
            assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
            if bredd == 390:  # the table is wider than the screen: its region scrolls
                assert region.evaluate("r => r.scrollWidth > r.clientWidth")
        sida.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        svar = sida.evaluate(
            "t => axe.run(document, {runOnly: {type: 'tag', values: t}, resultTypes: ['violations']})",
            TAGGAR,
        )
        brott += [
            f"{namn}@{bredd} {v['id']}: {v['help']} – {n['target']}"
            for v in svar["violations"]
            for n in v["nodes"]
        ]
        sida.close()
    sammanhang.close()
    assert not brott, "\n".join(brott)


def test_vnu_pa_sidorna(redigerare: Any, tmp_path: Path) -> None:
    if not VNU.is_file() or shutil.which("java") is None:
        _saknas("Nu Html Checker (vnu.jar och java)")
    bas, projekt, visning = redigerare
    _trasig(projekt)
    filer = []
    for namn, sokvag in SIDOR.items():
        fil = tmp_path / f"{namn}.html"
        fil.write_text(_hamta(bas, visning, sokvag)[2], encoding="utf-8")
        filer.append(str(fil))
    svar = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *filer],
        capture_output=True,
        text=True,
        check=False,
    )
    fynd = [
        f"{Path(m.get('url', '?')).name}: {m['type']} {m['message']}"
        for m in json.loads(svar.stderr or svar.stdout)["messages"]
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert not fynd, "\n".join(fynd)
