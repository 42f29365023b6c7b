"""Issue 18 through the browser only: a new unit written in the form, every kind of field, the
preview following, a Swedish error at the field, klar; then kontrollera and bygg accept it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import ident
from playwright.sync_api import Page, expect

from kvalitet.cli import kvalitet

KI = ("kvalitetsarbete", "innehåll")


def _sparat(sida: Page) -> None:
    expect(sida.locator("#sparstatus")).to_have_text(re.compile(r"^Sparat"), timeout=15000)


def _fyll(sida: Page, *sokvag: str | int, varde: str) -> None:
    for i in range(1, len(sokvag)):
        detaljer = sida.locator(f"#d-{ident(*sokvag[:i])}")
        if detaljer.count() and detaljer.get_attribute("open") is None:
            detaljer.locator("> summary").click()
    for _ in range(10):  # the sections around the field (also the model's groups), through clicks
        stangd = sida.locator(f"details:has(#{ident(*sokvag)}):not([open]) > summary")
        if not stangd.count():
            break
        stangd.first.click()
    sida.locator(f"#{ident(*sokvag)}").fill(varde)


def _knapp(sida: Page, namn: str) -> None:
    sida.get_by_role("button", name=namn, exact=True).first.click()


def _oppna(sida: Page, *sokvag: str) -> None:
    detaljer = sida.locator(f"#d-{ident(*sokvag)}")
    if detaljer.get_attribute("open") is None:
        detaljer.locator("> summary").click()
        expect(detaljer).to_have_attribute("open", "")


def _png() -> bytes:
    from PIL import Image

    ut = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 78, 121)).save(ut, "PNG")
    return ut.getvalue()


def test_ny_enhet_skrivs_i_formularet_och_byggs(redigerare, webblasare, runner) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    sida = webblasare.new_page(viewport={"width": 1280, "height": 1000})
    fel_i_sidan: list[str] = []
    sida.on("pageerror", lambda e: fel_i_sidan.append(str(e)))
    sida.goto(bas + "/")
    sida.get_by_role("link", name="Ny enhet").click()
    sida.get_by_label("Enhetens namn").fill("Lövängsskolan")
    sida.get_by_label("Skolform").select_option("grundskola")
    # creating the unit and opening its form can take long on a busy machine (CI, 2 cores)
    sida.get_by_role("button", name="Skapa enheten").click(no_wait_after=True)
    sida.wait_for_url(re.compile(r"/skriv/lovangsskolan$"), timeout=60000)
    fil = projekt / "rapporter" / "2025-26" / "lovangsskolan.yaml"
    assert fil.is_file()
    expect(sida.locator("#status")).to_have_text("utkast")

    # text (Markdown with the toolbar) and a plain field
    beskrivning = sida.locator(f"#{ident('beskrivning')}")
    beskrivning.fill("Lövängsskolan är en F–6-skola med 214 elever.")
    beskrivning.press("End")
    sida.get_by_role("toolbar", name="Formatering: Beskrivning").get_by_role(
        "button", name="Fetstil"
    ).click()
    _fyll(sida, "ansvarig", "namn", varde="Kim Rektorsson")
    _sparat(sida)
    ram = sida.frame_locator("#forhandsvisning")
    expect(ram.locator("body")).to_contain_text("214 elever", timeout=15000)

    # a wrong value: a Swedish message at the field, announced; then fixed
    _fyll(sida, "period", varde="2025/27")
    _sparat(sida)
    fel = sida.locator(f"#e-{ident('period')}")
    expect(fel).to_contain_text("hänger inte ihop")
    expect(sida.locator(f"#{ident('period')}")).to_have_attribute("aria-invalid", "true")
    expect(sida.locator("#felsammanfattning")).to_have_attribute("aria-live", "polite")
    expect(sida.locator("#felsammanfattning")).to_contain_text("1 fel")
    _fyll(sida, "period", varde="2025/26")
    _sparat(sida)
    expect(fel).to_have_text("")

    # a list: the strengths of section 1
    _oppna(sida, "kvalitetsarbete")
    _knapp(sida, "Lägg till punkt i styrkor")
    _fyll(sida, "kvalitetsarbete", "styrkor", 0, varde="Ett tydligt årshjul.")

    # a block of each kind in section 1
    for sort in ("text", "tabell", "bild", "diagram", "slutsats", "rubrik med egna block",
                 "styrkor", "svagheter", "till analys"):  # fmt: skip
        sida.locator(f"#g-{ident(*KI)} > .laggtill").get_by_role(
            "button", name=f"Lägg till block: {sort} i innehåll"
        ).click()
    _fyll(sida, *KI, 0, "text", varde="Vi har följt upp **trygghet** varje termin.")
    tabell = (*KI, 1, "tabell")
    _fyll(sida, *tabell, "rubrik", varde="Trygghet per grupp")
    _fyll(sida, *tabell, "rader", 0, "rad", varde="Trygga elever")
    _fyll(sida, *tabell, "rader", 0, "flickor", varde="92")
    _fyll(sida, *tabell, "rader", 0, "pojkar", varde="88")
    _fyll(sida, *tabell, "rader", 0, "totalt", varde="90")
    _fyll(sida, *tabell, "rader", 0, "antal", "flickor", varde="3")  # a small group
    _fyll(sida, *tabell, "rader", 0, "antal", "pojkar", varde="40")
    _fyll(sida, *tabell, "rader", 0, "antal", "totalt", varde="43")
    bild = (*KI, 2, "bild")
    sida.locator(f"#{ident(*bild, 'fil')}").set_input_files(
        files=[{"name": "skolgården.png", "mimeType": "image/png", "buffer": _png()}]
    )
    sida.get_by_role("button", name="Ladda upp bilden").click()
    expect(sida.locator(f"#e-{ident(*bild, 'fil')}")).to_contain_text("alternativtexten först")
    _fyll(sida, *bild, "alt", varde="Skolgården med nya lekredskap.")
    sida.get_by_role("button", name="Ladda upp bilden").click()
    expect(sida.locator(f"#e-{ident(*bild, 'fil')}")).to_contain_text("uppladdad", timeout=10000)
    assert (projekt / "rapporter" / "bilder" / "skolgarden.png").is_file()
    diagram = (*KI, 3, "diagram")
    _fyll(sida, *diagram, "rubrik", varde="Närvaro per termin")
    _fyll(sida, *diagram, "rader", 0, "rad", varde="Höstterminen")
    _fyll(sida, *diagram, "rader", 0, "totalt", varde="94")
    sida.locator(f"#g-{ident(*KI, 4)}").get_by_role(
        "button", name="Lägg till punkt i punkter"
    ).click()
    _fyll(sida, *KI, 4, "slutsats", "punkter", 0, varde="Tryggheten är hög.")
    _fyll(sida, *KI, 5, "rubrik", varde="Elevhälsan")
    sida.locator(f"#g-{ident(*KI, 6)}").get_by_role(
        "button", name="Lägg till punkt i styrkor"
    ).click()
    _fyll(sida, *KI, 6, "styrkor", 0, varde="Nära samarbete med elevhälsan.")
    sida.locator(f"#g-{ident(*KI, 7)}").get_by_role(
        "button", name="Lägg till punkt i svagheter"
    ).click()
    _fyll(sida, *KI, 7, "svagheter", 0, varde="Få vuxna på rasterna.")
    sida.locator(f"#g-{ident(*KI, 8)}").get_by_role(
        "button", name="Lägg till punkt i till analys"
    ).click()
    _fyll(sida, *KI, 8, "till_analys", 0, varde="Varför är pojkarna mindre trygga?")

    # the styrtal results, with the status computed live
    _oppna(sida, "styrtal")
    for id_, utfall in (("1.1.1", "90"), ("1.1.2", "60"), ("1.1.3", "7"), ("2.1.1", "89"),
                        ("2.1.2", "2,5"), ("2.1.3", "91"), ("3.1.1", "4")):  # fmt: skip
        _fyll(sida, "styrtal", id_, "utfall", varde=utfall)
    _sparat(sida)
    expect(sida.locator(f"#s-{ident('styrtal', '1.1.1')}")).to_contain_text("uppnått")
    expect(sida.locator(f"#s-{ident('styrtal', '1.1.2')}")).to_contain_text("ej uppnått")
    expect(ram.locator("body")).to_contain_text("Närvaro per termin", timeout=15000)
    expect(ram.locator("body")).to_contain_text("Tryggheten är hög.")

    sida.screenshot(path=str(projekt / "ui-test-ifylld.png"), full_page=False)
    _knapp(sida, "Markera som klar")
    expect(sida.locator("#status")).to_have_text("klar", timeout=15000)
    assert not fel_i_sidan, fel_i_sidan
    text = fil.read_text(encoding="utf-8")
    assert "status: klar" in text and "# yaml-language-server" in text
    assert "Skolgården med nya lekredskap." in text and "../bilder/skolgarden.png" in text

    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "lovangsskolan"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "lovangsskolan"])
    assert res.exit_code == 0, res.output
    pdfer = list(Path(projekt, "ut").rglob("lovangsskolan*.pdf"))
    assert pdfer and pdfer[0].read_bytes().startswith(b"%PDF-")
