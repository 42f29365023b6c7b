"""Issue 24 point 1 through the browser only: an edit changes only its own field. Clearing a
point or a table cell leaves it empty in its place; add, remove and move touch only that item."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from conftest import ident
from playwright.sync_api import Page, expect

ENHET = "bjorkbackaskolan"
STYRKOR = ("kvalitetsarbete", "styrkor")
TABELL = ("resultat", "objektiva", "avsnitt", 0, "tabeller", 1)


def _fil(projekt: Path) -> Path:
    return projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml"


def _las(projekt: Path) -> Any:
    return yaml.safe_load(_fil(projekt).read_text(encoding="utf-8"))


def _hamta(data: Any, *sokvag: str | int) -> Any:
    for s in sokvag:
        data = data[s]
    return data


def _sida(webblasare, bas: str, bredd: int = 1280) -> Page:  # type: ignore[no-untyped-def]
    sida = webblasare.new_page(viewport={"width": bredd, "height": 900})
    fel: list[str] = []
    sida.on("pageerror", lambda e: fel.append(str(e)))
    sida.goto(f"{bas}/skriv/{ENHET}")
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet")
    assert not fel, fel
    return sida


def _sparat(sida: Page) -> None:
    sida.wait_for_timeout(100)
    expect(sida.locator("#sparstatus")).to_have_text(re.compile(r"^Sparat"), timeout=15000)


def oppna_allt(sida: Page) -> None:
    """Opens every section and every nested details through clicks on the summaries."""
    for _ in range(400):
        stangd = sida.locator("details:not([open]) > summary:visible")
        if not stangd.count():
            return
        stangd.first.click()
    raise AssertionError("details öppnas inte")


def _oppna_till(sida: Page, *sokvag: str | int) -> None:
    for i in range(1, len(sokvag) + 1):
        d = sida.locator(f"#d-{ident(*sokvag[:i])}")
        if d.count() and d.get_attribute("open") is None:
            d.locator("> summary").click()


def test_tomd_forsta_styrka_och_ny_text_tar_inte_bort_den_andra(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    fore = _hamta(_las(projekt), *STYRKOR)
    assert len(fore) == 2
    sida = _sida(webblasare, bas)
    _oppna_till(sida, *STYRKOR)
    falt = sida.locator(f"#{ident(*STYRKOR, 0)}")
    falt.fill("")
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == ["", fore[1]]
    falt.press_sequentially("Ny styrka")
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == ["Ny styrka", fore[1]]


def test_tomd_mittencell_stannar_i_sin_kolumn(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    sida = _sida(webblasare, bas)
    _oppna_till(sida, *TABELL)
    sida.locator(f"#{ident(*TABELL, 'rader', 0, 'värden', 1)}").fill("")
    _sparat(sida)
    rad = _hamta(_las(projekt), *TABELL, "rader", 0)
    assert len(rad["värden"]) == 3
    assert rad["värden"][0] == "81,3"
    assert rad["värden"][1] in (None, "")
    assert rad["värden"][2] == "86,2"
