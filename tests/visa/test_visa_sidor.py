"""Issue 26.6: the preview's own pages in a real browser. The start, error and 404 pages have
``<main>``, one h1, ``lang="sv"`` and a title; none scrolls sideways at 320, 390 or 1280 px
(``document.scrollingElement``), because the start page's table scrolls in its own focusable
region; the "Skriv" link of a unit whose YAML is broken answers an HTML page in Swedish with
file:line and the fix, never raw JSON (and the form's ``/data`` answers the same errors); a unit
whose YAML can be read but has errors still opens in the form, with its problems listed."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import kakhuvud
from playwright.sync_api import expect

TRASIG = "resurscentrum"


def _bryt_yaml(projekt: Path) -> str:
    """Resurscentrum with a YAML syntax error (an unclosed '[' on its last line); the pattern of
    its located message: file, line, column, and the fix in parentheses."""
    fil = projekt / "rapporter" / "2025-26" / f"{TRASIG}.yaml"
    text = fil.read_text(encoding="utf-8").rstrip("\n") + "\n"
    fil.write_text(text + "sammanfattning: [oavslutad\n", encoding="utf-8")
    return rf"rapporter/2025-26/{TRASIG}\.yaml:\d+:\d+: fel: .*avslutas aldrig .*\(.+\)"


def _hamta(bas: str, visning: Any, sokvag: str) -> tuple[int, str, str]:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    anslutning.request("GET", sokvag, headers=kakhuvud(visning))
    svar = anslutning.getresponse()
    return svar.status, svar.getheader("Content-Type") or "", svar.read().decode("utf-8")


def _struktur(sida: Any) -> dict[str, Any]:
    return sida.evaluate(
        """() => ({
          lang: document.documentElement.lang,
          titel: document.title,
          main: document.querySelectorAll("main").length,
          h1: document.querySelectorAll("main h1").length,
          h1ute: document.querySelectorAll("h1").length,
          bredd: [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth],
        })"""
    )


@pytest.mark.parametrize("bredd", [320, 390, 1280])
def test_sidorna_har_main_och_rullar_aldrig_i_sidled(
    redigerare: Any, webblasare: Any, bredd: int
) -> None:
    bas, projekt, _ = redigerare
    _bryt_yaml(projekt)
    sammanhang = webblasare.new_context(viewport={"width": bredd, "height": 800})
    sidor = {
        "/": 200,
        f"/{TRASIG}.html": 200,
        "/finns-inte.html": 404,
        f"/skriv/{TRASIG}": 409,
        "/skriv/finns-inte": 404,
        "/skriv/bjorkbackaskolan/okand": 404,
    }
    for sokvag, kod in sidor.items():
        sida = sammanhang.new_page()
        svar = sida.goto(bas + sokvag)
        assert svar is not None and svar.status == kod, (sokvag, svar and svar.status)
        assert svar.headers["content-type"].startswith("text/html"), sokvag
        s = _struktur(sida)
        assert s["lang"] == "sv" and s["titel"].strip(), (sokvag, s)
        assert s["main"] == 1 and s["h1"] == 1 and s["h1ute"] == 1, (sokvag, s)
        assert s["bredd"][0] <= s["bredd"][1], f"{sokvag} rullar i sidled vid {bredd} px: {s}"
        sida.close()
    sammanhang.close()


@pytest.mark.parametrize("bredd", [320, 390])
def test_startsidans_tabell_rullar_i_sin_egen_region(
    redigerare: Any, webblasare: Any, bredd: int
) -> None:
    bas, _, _ = redigerare
    sida = webblasare.new_page(viewport={"width": bredd, "height": 800})
    sida.goto(bas + "/")
    region = sida.locator("main [role=region]")
    assert region.count() == 1 and region.locator("table").count() == 1
    assert region.get_attribute("tabindex") == "0"
    namn = (
        region.get_attribute("aria-label")
        or sida.locator("#" + (region.get_attribute("aria-labelledby") or "saknas")).inner_text()
    )
    assert namn.strip() == "Enheternas rapporter"
    assert region.evaluate("r => getComputedStyle(r).overflowX") == "auto"
    # the table is wider than the screen: the region scrolls, the page does not
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    assert sida.evaluate("() => document.scrollingElement.scrollWidth") <= bredd
    # the keyboard reaches the region and scrolls it with the arrow keys
    region.focus()
    sida.keyboard.press("ArrowRight")
    sida.keyboard.press("ArrowRight")
    sida.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle(), timeout=5000)


def test_skriv_for_en_trasig_enhet_ar_en_html_sida_med_fil_och_rad(
    redigerare: Any, webblasare: Any
) -> None:
    bas, projekt, _ = redigerare
    monster = _bryt_yaml(projekt)
    sida = webblasare.new_page(viewport={"width": 390, "height": 800})
    sida.goto(bas + "/")
    sida.get_by_role("link", name="Skriv Resurscentrum").click()
    expect(sida.locator("main h1")).to_have_text("Rapporten kan inte visas")
    text = sida.locator("main").inner_text()
    assert re.search(monster, text) and "Rätta felen nedan" in text, text
    assert sida.locator("main").get_by_role("link", name="Alla enheter").count() == 1


def test_formularets_data_for_en_trasig_fil_har_felen_med_rad(redigerare: Any) -> None:
    bas, projekt, visning = redigerare
    monster = _bryt_yaml(projekt)
    kod, typ, text = _hamta(bas, visning, f"/skriv/{TRASIG}/data")
    assert kod == 409 and typ.startswith("application/json")
    svar = json.loads(text)
    assert "kan inte öppnas i webbläsaren" in svar["fel"]
    assert any(re.fullmatch(monster, p) for p in svar["problem"]), svar
    kod, _, text = _hamta(bas, visning, "/skriv/finns-inte/data")
    assert kod == 404 and "finns inte" in json.loads(text)["fel"]


def test_en_fil_med_fel_som_gar_att_lasa_oppnas_med_felen_i_listan(
    redigerare: Any, webblasare: Any
) -> None:
    bas, projekt, _ = redigerare
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("skolform: grundskola\n", "skolform: grundskolan\n"), "utf-8")
    sida = webblasare.new_page(viewport={"width": 1280, "height": 900})
    svar = sida.goto(bas + "/skriv/bjorkbackaskolan")
    assert svar is not None and svar.status == 200
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet")
    lista = sida.locator("#felsammanfattning")
    expect(lista).to_contain_text("fel som kvalitet kontrollera också visar")
    expect(lista).to_contain_text("Skolform")
    # and the preview beside it shows what is valid, with the field that is not above it
    ram = sida.frame_locator("#forhandsvisning")
    expect(ram.locator(".kvalitet-forlatande")).to_contain_text("Skolform")
