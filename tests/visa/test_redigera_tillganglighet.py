"""The editor itself is accessible: axe-core (WCAG 2.0/2.1 A and AA) finds nothing at 320, 390 and
1280 px with every section and nested details open and an error shown, and the Nu Html Checker
(vnu, run as skript/granska runs it in CI) finds nothing in the editor page's DOM. Screenshots are
kept under tmp_path for a human to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ident
from playwright.sync_api import Page, expect
from test_formular_andringar import oppna_allt

ROT = Path(__file__).resolve().parents[2]
AXE = ROT / "skript" / "granska" / "node_modules" / "axe-core" / "axe.min.js"
TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _saknas(vad: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{vad} saknas i CI (kör skript/installera-granskare.sh)")
    pytest.skip(f"{vad} saknas (kör skript/installera-granskare.sh)")


def _axe(sida: Page) -> list[str]:
    sida.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    svar = sida.evaluate(
        "t => axe.run(document, {runOnly: {type: 'tag', values: t}, resultTypes: ['violations']})",
        TAGGAR,
    )
    return [
        f"{v['id']}: {v['help']} – {n['target']} {n['html'][:120]}"
        for v in svar["violations"]
        for n in v["nodes"]
    ]


@pytest.mark.parametrize("bredd", [1280, 390, 320])
def test_axe_hittar_inget_i_formularet(redigerare, webblasare, tmp_path: Path, bredd: int) -> None:  # type: ignore[no-untyped-def]
    if not AXE.is_file():
        _saknas("axe-core")
    bas, _, _ = redigerare
    sammanhang = webblasare.new_context(viewport={"width": bredd, "height": 900}, bypass_csp=True)
    sida = sammanhang.new_page()
    sida.goto(f"{bas}/skriv/bjorkbackaskolan")
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet")
    sida.screenshot(path=str(tmp_path / f"redigera-{bredd}-topp.png"))
    oppna_allt(sida)
    sida.locator(f"#{ident('period')}").fill("2025/27")  # an error at a field
    expect(sida.locator(f"#e-{ident('period')}")).to_contain_text("hänger inte ihop", timeout=15000)
    sida.wait_for_timeout(500)
    sida.screenshot(path=str(tmp_path / f"redigera-{bredd}-fel.png"), full_page=True)
    brott = _axe(sida)
    assert not brott, "\n".join(brott)
    ny = sammanhang.new_page()
    ny.goto(f"{bas}/skriv/ny")
    assert not _axe(ny)
    sammanhang.close()


def test_nu_html_checker_hittar_inget_i_formularet(redigerare, webblasare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from skript.granska.verktyg import VNU, VerktygSaknas, vnu

    if not VNU.is_file():
        _saknas("vnu-jar")
    bas, _, _ = redigerare
    sida = webblasare.new_page(viewport={"width": 390, "height": 900})
    sida.goto(f"{bas}/skriv/bjorkbackaskolan")
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet")
    oppna_allt(sida)
    sidor = {}
    for namn, adress in (("redigera", "/skriv/bjorkbackaskolan"), ("ny", "/skriv/ny")):
        if namn == "ny":
            sida.goto(bas + adress)
        fil = tmp_path / f"{namn}.html"
        fil.write_text(sida.content(), encoding="utf-8")
        sidor[namn] = fil
    try:
        fynd = vnu(sidor)
    except VerktygSaknas as exc:
        _saknas(str(exc))
    assert not fynd, "\n".join(f"{f.fil} {f.plats}: {f.text}" for f in fynd)
