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


def _grupp(sida: Page, *sokvag: str | int):  # type: ignore[no-untyped-def]
    return sida.locator(f"#g-{ident(*sokvag)}")


def _aktiv(sida: Page) -> str:
    return str(sida.evaluate("document.activeElement.id"))


def test_punktlista_lagg_till_flytta_ta_bort_forst_mitten_sist(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    a, b = _hamta(_las(projekt), *STYRKOR)
    sida = _sida(webblasare, bas)
    _oppna_till(sida, *STYRKOR)
    g = _grupp(sida, *STYRKOR)
    g.get_by_role("button", name="Lägg till punkt i styrkor").click()
    assert _aktiv(sida) == ident(*STYRKOR, 2)
    sida.keyboard.type("Tredje")
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == [a, b, "Tredje"]
    # first down, with the keyboard; focus follows the moved point's button
    g.get_by_role("button", name="Flytta ned punkt 1 i styrkor").focus()
    sida.keyboard.press("Enter")
    assert _aktiv(sida) == f"k-{ident(*STYRKOR, 1)}-ned"
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == [b, a, "Tredje"]
    # last up, with the space bar
    g.get_by_role("button", name="Flytta upp punkt 3 i styrkor").focus()
    sida.keyboard.press(" ")
    assert _aktiv(sida) == f"k-{ident(*STYRKOR, 1)}-upp"
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == [b, "Tredje", a]
    # remove the middle one: only that one goes
    g.get_by_role("button", name="Ta bort punkt 2 i styrkor").click()
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) == [b, a]
    # remove the last, then the first
    g.get_by_role("button", name="Ta bort punkt 2 i styrkor").click()
    g.get_by_role("button", name="Ta bort punkt 1 i styrkor").click()
    _sparat(sida)
    assert _hamta(_las(projekt), *STYRKOR) in ([], None)
    assert _aktiv(sida) == f"l-{ident(*STYRKOR)}"
    # the rest of the file is untouched
    assert _hamta(_las(projekt), "kvalitetsarbete", "svagheter") == _hamta(
        yaml.safe_load((Path(__file__).parents[2] / "rapporter" / "2025-26" / f"{ENHET}.yaml")
                       .read_text(encoding="utf-8")), "kvalitetsarbete", "svagheter")  # fmt: skip


TABELL0 = ("resultat", "objektiva", "avsnitt", 0, "tabeller", 0)


def test_tabellrader_flytta_ta_bort_lagg_till(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    rader = _hamta(_las(projekt), *TABELL0, "rader")
    assert len(rader) == 4
    sida = _sida(webblasare, bas)
    _oppna_till(sida, *TABELL0)
    g = _grupp(sida, *TABELL0)
    namn = g.locator("legend").first.inner_text().lower()
    g.get_by_role("button", name=f"Flytta ned rad 1 i {namn}").click()
    _sparat(sida)
    assert _hamta(_las(projekt), *TABELL0, "rader") == [rader[1], rader[0], rader[2], rader[3]]
    g.get_by_role("button", name=f"Flytta upp rad 4 i {namn}").click()
    _sparat(sida)
    assert _hamta(_las(projekt), *TABELL0, "rader") == [rader[1], rader[0], rader[3], rader[2]]
    g.get_by_role("button", name=f"Ta bort rad 2 i {namn}").click()
    _sparat(sida)
    assert _hamta(_las(projekt), *TABELL0, "rader") == [rader[1], rader[3], rader[2]]
    g.get_by_role("button", name=f"Lägg till rad i {namn}").click()
    assert _aktiv(sida) == ident(*TABELL0, "rader", 3, "rad")
    sida.keyboard.type("Ny rad")
    _sparat(sida)
    ut = _hamta(_las(projekt), *TABELL0, "rader")
    assert ut[:3] == [rader[1], rader[3], rader[2]]
    assert ut[3]["rad"] == "Ny rad"
    # a cleared cell in the dict form: blank in its column, the others in theirs
    cell = g.locator(f"#{ident(*TABELL0, 'rader', 0, 'pojkar')}")
    cell.fill("")
    _sparat(sida)
    rad = _hamta(_las(projekt), *TABELL0, "rader", 0)
    assert rad.get("pojkar") in (None, "")
    assert {k: v for k, v in rad.items() if k != "pojkar"} == {
        k: v for k, v in rader[1].items() if k != "pojkar"
    }


INNEHALL = ("kvalitetsarbete", "innehåll")


def test_blocklista_lagg_till_flytta_ta_bort(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    sida = _sida(webblasare, bas)
    _oppna_till(sida, *INNEHALL)
    g = _grupp(sida, *INNEHALL)
    for i, text in enumerate(["Ett", "Två", "Tre"]):
        g.get_by_role("button", name="Lägg till block: text i innehåll").click()
        sida.locator(f"#{ident(*INNEHALL, i, 'text')}").fill(text)
    _sparat(sida)

    def texter() -> list[str]:
        return [b["text"] for b in _hamta(_las(projekt), *INNEHALL)]

    assert texter() == ["Ett", "Två", "Tre"]
    g.get_by_role("button", name="Flytta ned block 1 (text)").click()
    assert _aktiv(sida) == f"k-{ident(*INNEHALL, 1)}-ned"
    _sparat(sida)
    assert texter() == ["Två", "Ett", "Tre"]
    g.get_by_role("button", name="Flytta upp block 3 (text)").click()
    _sparat(sida)
    assert texter() == ["Två", "Tre", "Ett"]
    g.get_by_role("button", name="Ta bort block 2 (text)").click()
    _sparat(sida)
    assert texter() == ["Två", "Ett"]
    # clearing the first block's text keeps the block, empty, in its place
    sida.locator(f"#{ident(*INNEHALL, 0, 'text')}").fill("")
    _sparat(sida)
    assert len(_hamta(_las(projekt), *INNEHALL)) == 2
    assert _hamta(_las(projekt), *INNEHALL)[1]["text"] == "Ett"


def test_verktygsradens_listor_blir_listor_i_forhandsvisningen(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    sida = _sida(webblasare, bas)
    yta = sida.locator(f"#{ident('beskrivning')}")
    yta.fill("Vi har arbetat med:\nläsning\nskrivning")
    yta.press("Control+End")
    yta.press("Shift+ArrowUp")
    verktyg = sida.get_by_role("toolbar", name="Formatering: Beskrivning")
    verktyg.get_by_role("button", name="Punktlista").click()
    _sparat(sida)
    assert (
        _las(projekt)["beskrivning"].rstrip("\n") == "Vi har arbetat med:\n\n- läsning\n- skrivning"
    )
    ram = sida.frame_locator("#forhandsvisning")
    expect(ram.locator("li", has_text="skrivning")).to_have_count(1, timeout=15000)
    yta.fill("Steg:\nett\ntvå\nSlut.")
    yta.evaluate("e => e.setSelectionRange(6, 13)")
    verktyg.get_by_role("button", name="Numrerad lista").click()
    _sparat(sida)
    assert _las(projekt)["beskrivning"].rstrip("\n") == "Steg:\n\n1. ett\n2. två\n\nSlut."
    expect(ram.locator("ol > li", has_text="två")).to_have_count(1, timeout=15000)
