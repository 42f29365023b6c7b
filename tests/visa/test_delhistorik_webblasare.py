"""History per text in the browser, only through clicks and typing: change an avsnitt in one
tab and save, open its history in the other tab, see the diff (marked by more than colour),
restore, reload: the older text is back in both, and git has a new commit. At 320 px the button
and the dialog fit the screen."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ident
from playwright.sync_api import Page, expect

AVSNITT = ("kvalitetsarbete", "avsnitt", 1)
ORIGINAL = "Fritidshemmets personal har deltagit i skolans analysarbete för första gången."
NY = "Fritidshemmets personal deltog i analysarbetet under hela våren."

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git saknas")


def _git(rot: Path, *argument: str) -> str:
    return subprocess.run(
        ["git", *argument], cwd=rot, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def git_projekt(projekt: Path) -> Path:
    _git(projekt, "init", "-q")
    _git(projekt, "config", "user.name", "Helena Sandberg")
    _git(projekt, "config", "user.email", "helena.sandberg@alvmora.se")
    _git(projekt, "add", "-A")
    _git(projekt, "commit", "-q", "-m", "början")
    return projekt


def _oppna_sektion(sida: Page) -> None:
    for _ in range(6):
        stangd = sida.locator(f"details:has(#{ident(*AVSNITT, 'text')}):not([open]) > summary")
        if not stangd.count():
            break
        stangd.first.click()


def _historikknapp(sida: Page):  # type: ignore[no-untyped-def]
    return sida.get_by_role("button", name="Historik: Underavsnitt 2: Samverkan med fritidshemmet")


def test_andra_spara_historik_diff_aterstall_tva_flikar(
    git_projekt: Path, redigerare, webblasare
) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    sammanhang = webblasare.new_context(viewport={"width": 1280, "height": 1000})
    fel_i_sidan: list[str] = []
    a, b = sammanhang.new_page(), sammanhang.new_page()
    for sida in (a, b):
        sida.on("pageerror", lambda e: fel_i_sidan.append(str(e)))
        sida.goto(bas + "/skriv/bjorkbackaskolan")
        expect(sida.locator("#sparstatus")).to_have_text(re.compile("Formuläret är öppet"))
        _oppna_sektion(sida)

    text = a.locator(f"#{ident(*AVSNITT, 'text')}")
    expect(text).to_have_value(re.compile(re.escape(ORIGINAL)))
    text.fill(NY)
    expect(a.locator("#sparstatus")).to_have_text(re.compile(r"^Sparat"), timeout=15000)
    assert NY in (projekt / "rapporter/2025-26/bjorkbackaskolan.yaml").read_text(encoding="utf-8")
    # the other tab takes the change in (the file changed outside it)
    expect(b.locator(f"#{ident(*AVSNITT, 'text')}")).to_have_value(NY, timeout=15000)

    _historikknapp(b).click()
    dialog = b.get_by_role("dialog", name="Historik: Underavsnitt 2: Samverkan med fritidshemmet")
    expect(dialog).to_be_visible()
    poster = dialog.locator(".historiklista > li")
    expect(poster).to_have_count(2)
    forsta = poster.nth(0)
    expect(forsta.locator("summary")).to_contain_text("Nu:")
    expect(forsta.locator("summary")).to_contain_text("Helena Sandberg")
    borttaget = forsta.locator("del")
    tillagt = forsta.locator("ins")
    expect(borttaget.first).to_contain_text("har deltagit i skolans")
    expect(tillagt.first).to_contain_text("deltog i analysarbetet under hela våren.")
    # more than colour: struck through / underlined, and [− −] / [+ +] as text
    assert "line-through" in borttaget.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in tillagt.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(borttaget.first).to_contain_text("[−")
    expect(tillagt.first).to_contain_text("[+")
    expect(forsta.get_by_role("button", name=re.compile("^Återställ"))).to_have_count(0)

    aldre = poster.nth(1)
    aldre.locator("summary").click()
    aldre.get_by_role("button", name=re.compile("^Återställ texten till versionen")).click()
    expect(dialog.locator("#historik-status")).to_have_text(re.compile("Texten är återställd"))
    expect(poster).to_have_count(3)
    b.get_by_role("button", name="Stäng").click()
    expect(dialog).to_be_hidden()
    expect(_historikknapp(b)).to_be_focused()
    expect(b.locator(f"#{ident(*AVSNITT, 'text')}")).to_have_value(re.compile(re.escape(ORIGINAL)))

    # the first tab follows, and after a reload the text is back in both
    expect(a.locator(f"#{ident(*AVSNITT, 'text')}")).to_have_value(
        re.compile(re.escape(ORIGINAL)), timeout=15000
    )
    for sida in (a, b):
        sida.reload()
        expect(sida.locator("#sparstatus")).to_have_text(re.compile("Formuläret är öppet"))
        _oppna_sektion(sida)
        expect(sida.locator(f"#{ident(*AVSNITT, 'text')}")).to_have_value(
            re.compile(re.escape(ORIGINAL))
        )
    logg = _git(projekt, "log", "--format=%an|%s").splitlines()
    assert len(logg) == 3 and "återställt kvalitetsarbete" in logg[0], logg
    assert not fel_i_sidan, fel_i_sidan


def test_historiken_ryms_i_320_px(
    git_projekt: Path, redigerare, webblasare, tmp_path_factory
) -> None:  # type: ignore[no-untyped-def]
    bas, _, _ = redigerare
    sida = webblasare.new_page(viewport={"width": 320, "height": 640})
    sida.goto(bas + "/skriv/bjorkbackaskolan")
    expect(sida.locator("#sparstatus")).to_have_text(re.compile("Formuläret är öppet"))
    _oppna_sektion(sida)
    expect(sida.get_by_role("button", name=re.compile("^Historik: Sammanfattning"))).to_have_count(
        1
    )
    # also in the sections not opened yet: each styrtal and utvecklingsområde
    expect(sida.locator('.historikknapp[aria-label^="Historik: 2.1.1 "]')).to_have_count(1)
    expect(
        sida.locator('.historikknapp[aria-label^="Historik: Område 1: Studiero"]')
    ).to_have_count(1)
    knapp = _historikknapp(sida)
    knapp.focus()
    sida.keyboard.press("Enter")  # a real button: the keyboard opens it
    dialog = sida.get_by_role("dialog")
    expect(dialog.locator(".historiklista > li")).to_have_count(1)
    ruta = dialog.bounding_box()
    assert ruta is not None and ruta["x"] >= 0 and ruta["x"] + ruta["width"] <= 320
    bredd = sida.evaluate("document.documentElement.scrollWidth")
    assert bredd <= 320, bredd
    sida.screenshot(path=str(tmp_path_factory.mktemp("bild") / "historik-320.png"))
    sida.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(knapp).to_be_focused()


def test_historiken_gar_att_lasa_i_en_godkand_rapport(
    git_projekt: Path, redigerare, webblasare
) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    fil = projekt / "rapporter/2025-26/bjorkbackaskolan.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("status: klar", "status: godkänd"), "utf-8"
    )
    sida = webblasare.new_page(viewport={"width": 1280, "height": 900})
    sida.goto(bas + "/skriv/bjorkbackaskolan")
    expect(sida.locator("#godkand-info")).to_be_visible()
    _oppna_sektion(sida)
    expect(sida.locator(f"#{ident(*AVSNITT, 'text')}")).to_be_disabled()
    knapp = _historikknapp(sida)
    knapp.focus()
    sida.keyboard.press(" ")
    dialog = sida.get_by_role("dialog")
    expect(dialog.locator(".historiklista > li")).to_have_count(1)
    expect(dialog.locator(".historiklista > li").first).to_contain_text("Helena Sandberg")
