"""The review end to end in a real browser through ``kvalitet server``: johanna (rektor of
alvmora-gymnasium) submits in the editor and is never offered "Godkänn"; karin (granskare)
comments on the field she stands in and approves; johanna then sees the comment beside that
field and no "Öppna igen". The buttons are the ones the server says (mojliga_handlingar)."""

from __future__ import annotations

from serverhjalp import LOSENORD, Tjanst

ENHET = "alvmora-gymnasium"
FALT = "#f-omr_C3_A5de"  # the field "område" (tests/visa/conftest.ident)


def _logga_in(bladdrare, tjanst: Tjanst, vem: str):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    sida = bladdrare.new_context().new_page()
    sida.goto(f"{tjanst.bas}/skriv/{ENHET}")
    expect(sida.get_by_label("Användarnamn")).to_be_visible(timeout=15000)
    sida.get_by_label("Användarnamn").fill(vem)
    sida.get_by_label("Lösenord").fill(LOSENORD)
    sida.get_by_role("button", name="Logga in").click()
    expect(sida).to_have_url(f"{tjanst.bas}/skriv/{ENHET}", timeout=15000)
    expect(sida.locator("#granskningslage")).not_to_have_text("…", timeout=15000)
    grupp = sida.locator("#d-f-grupp-uppgifter")
    expect(grupp).to_be_attached(timeout=15000)
    if grupp.get_attribute("open") is None:
        grupp.locator("> summary").click()
    expect(sida.locator(FALT)).to_be_visible(timeout=15000)
    return sida


def test_rektor_lamnar_in_granskare_kommenterar_och_godkanner(tjanst: Tjanst, bladdrare) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    knappar = "#granskningsknappar button"
    johanna = _logga_in(bladdrare, tjanst, "johanna")
    expect(johanna.locator("#granskningslage")).to_have_text("utkast")
    expect(johanna.locator("#godkann")).to_be_hidden()  # the local status buttons give way
    expect(johanna.locator(knappar)).to_have_text(["Lämna in"])
    johanna.locator(knappar, has_text="Lämna in").click()
    expect(johanna.locator("#granskningslage")).to_have_text("inlämnad", timeout=15000)
    expect(johanna.locator(knappar)).to_have_text(["Ta tillbaka"])  # never Godkänn

    karin = _logga_in(bladdrare, tjanst, "karin")
    expect(karin.locator("#granskningslage")).to_have_text("inlämnad")
    expect(karin.locator(knappar)).to_have_text(["Skicka tillbaka", "Godkänn"])
    karin.locator(FALT).focus()
    karin.locator("#kommentartext").fill("Vilket område menas: hela kommunen?")
    karin.locator("#kommentera").click()
    vid_faltet = karin.locator(f".falt:has({FALT}) aside.kommentar")
    expect(vid_faltet).to_contain_text("Vilket område menas", timeout=15000)
    karin.locator(knappar, has_text="Godkänn").click()
    expect(karin.locator("#granskningslage")).to_have_text("godkänd", timeout=15000)

    johanna.reload()
    expect(johanna.locator("#granskningslage")).to_have_text("godkänd", timeout=15000)
    grupp = johanna.locator("#d-f-grupp-uppgifter")
    if grupp.get_attribute("open") is None:
        grupp.locator("> summary").click()
    vid_faltet = johanna.locator(f".falt:has({FALT}) aside.kommentar")
    expect(vid_faltet).to_contain_text("Karin Ek", timeout=15000)
    expect(vid_faltet).to_contain_text("Vilket område menas")
    expect(johanna.locator(knappar)).to_have_count(0)  # only a granskare reopens
    granskning = tjanst.projekt / "rapporter" / "2025-26" / "granskning" / f"{ENHET}.yaml"
    text = granskning.read_text(encoding="utf-8")
    assert "godkänd" in text and "Vilket område menas" in text
