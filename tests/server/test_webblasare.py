"""The same editor through ``kvalitet server`` in a real browser (Debian chromium): log in on
the provider's form, type in the unit's form, and the save reaches the file, with the preview
beside it. The editor's script, CSP and save protocol are the local ones, unchanged."""

from __future__ import annotations

import re
import time

from serverhjalp import LOSENORD, Tjanst

FALT = "#f-omr_C3_A5de"  # the form's id of the field "område" (tests/visa/conftest.ident)


def test_logga_in_och_skriva_i_formularet(tjanst: Tjanst, bladdrare) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    sida = bladdrare.new_page()
    fel: list[str] = []
    sida.on(
        "console", lambda m: fel.append(m.text) if "Content Security Policy" in m.text else None
    )
    sida.on(
        "response",
        lambda r: (
            fel.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    sida.goto(f"{tjanst.bas}/skriv/bjorkbackaskolan")
    expect(sida.get_by_label("Användarnamn")).to_be_visible(timeout=15000)
    sida.get_by_label("Användarnamn").fill("helena")
    sida.get_by_label("Lösenord").fill(LOSENORD)
    sida.get_by_role("button", name="Logga in").click()
    expect(sida).to_have_url(f"{tjanst.bas}/skriv/bjorkbackaskolan", timeout=15000)
    grupp = sida.locator("#d-f-grupp-uppgifter")
    expect(grupp).to_be_attached(timeout=15000)
    if grupp.get_attribute("open") is None:
        grupp.locator("> summary").click()
    falt = sida.locator(FALT)
    expect(falt).to_be_visible(timeout=15000)
    falt.fill("Norra området, skrivet genom servern")
    expect(sida.locator("#sparstatus")).to_have_text(re.compile("^Sparat"), timeout=15000)
    fil = tjanst.projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    assert "Norra området, skrivet genom servern" in fil.read_text(encoding="utf-8")
    ram = sida.frame_locator("#forhandsvisning")
    expect(ram.locator("body")).to_contain_text("Björkbacka", timeout=15000)
    time.sleep(0.2)
    assert not fel, fel
