"""The huvudman's file in a real browser on ``kvalitet server`` (Debian chromium): the
redaktör (karin) follows the start page's link, changes a field in the text of huvudman.yaml,
saves, reloads, and the value is still there (and in the file); an error is listed at its line
and a click on it puts the cursor there. A rektor (helena) sees no link and gets 403."""

from __future__ import annotations

import re
import time

from serverhjalp import LOSENORD, Tjanst

HUVUDMAN = ("rapporter", "2025-26", "huvudman.yaml")


def _logga_in(sida, tjanst: Tjanst, vem: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    sida.goto(f"{tjanst.bas}/")
    expect(sida.get_by_label("Användarnamn")).to_be_visible(timeout=15000)
    sida.get_by_label("Användarnamn").fill(vem)
    sida.get_by_label("Lösenord").fill(LOSENORD)
    sida.get_by_role("button", name="Logga in").click()
    expect(sida).to_have_url(f"{tjanst.bas}/", timeout=15000)


def test_redaktoren_andrar_huvudmannafilen_i_webblasaren(tjanst: Tjanst, bladdrare) -> None:  # type: ignore[no-untyped-def]
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
    _logga_in(sida, tjanst, "karin")
    sida.get_by_role("link", name="Redigera huvudman.yaml").click()
    expect(sida).to_have_url(f"{tjanst.bas}/redigera/huvudman", timeout=15000)
    ruta = sida.get_by_label("Filens text")
    expect(ruta).to_have_value(re.compile("namn: Älvmora kommun"), timeout=15000)
    expect(sida.locator("#textfel")).to_have_text("Inga fel eller varningar.")
    text = ruta.input_value()
    ruta.fill(text.replace("sista_dag: 2026-06-15", "sista_dag: 2026-06-10"))
    sida.get_by_role("button", name="Spara").click()
    expect(sida.locator("#sparstatus")).to_have_text(re.compile("^Sparat"), timeout=15000)
    fil = tjanst.projekt.joinpath(*HUVUDMAN)
    assert "sista_dag: 2026-06-10" in fil.read_text(encoding="utf-8")
    sida.reload()
    ruta = sida.get_by_label("Filens text")
    expect(ruta).to_have_value(re.compile("sista_dag: 2026-06-10"), timeout=15000)

    # an invalid value: saved (nothing typed is lost), its error listed at its line
    ruta.fill(ruta.input_value().replace("delvis_marginal: 10", "delvis_marginal: tio"))
    ruta.press("Control+s")
    expect(sida.locator("#sparstatus")).to_contain_text("1 fel", timeout=15000)
    rad = fil.read_text(encoding="utf-8").splitlines().index("  delvis_marginal: tio") + 1
    felknapp = sida.locator("#textfel li.fel button")
    expect(felknapp).to_contain_text(f"Rad {rad}, kolumn")
    felknapp.click()
    expect(sida.locator("#radinfo")).to_contain_text(f"Rad {rad},")
    ruta.fill(ruta.input_value().replace("delvis_marginal: tio", "delvis_marginal: 10"))
    sida.get_by_role("button", name="Spara").click()
    expect(sida.locator("#textfel")).to_have_text("Inga fel eller varningar.", timeout=15000)
    time.sleep(0.2)
    assert not fel, fel


def test_rektorn_ser_ingen_lank_och_nekas(tjanst: Tjanst, bladdrare) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    sida = bladdrare.new_page()
    _logga_in(sida, tjanst, "helena")
    expect(sida.get_by_text("Inloggad som Helena Sandberg")).to_be_visible()
    assert sida.locator('a[href^="/redigera/"]').count() == 0
    svar = sida.goto(f"{tjanst.bas}/redigera/huvudman")
    assert svar is not None and svar.status == 403
    expect(sida.get_by_role("heading", name="Ingen behörighet")).to_be_visible()
    expect(sida.locator("body")).to_contain_text("Bara huvudmannens redaktör")
