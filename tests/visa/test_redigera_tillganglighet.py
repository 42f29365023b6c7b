"""The editor itself is accessible: axe-core (WCAG 2.0/2.1 A and AA) finds nothing at 390 and
1280 px, with sections open and an error shown; screenshots are kept for a human to look at
(in the test's tmp_path, which pytest keeps for the last runs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ident
from playwright.sync_api import expect

ROT = Path(__file__).resolve().parents[2]
AXE = ROT / "skript" / "granska" / "node_modules" / "axe-core" / "axe.min.js"
TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("bredd", [1280, 390])
def test_axe_hittar_inget_i_formularet(redigerare, webblasare, bredd: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not AXE.is_file():
        pytest.skip("axe-core saknas (kör skript/installera-granskare.sh)")
    bas, _, _ = redigerare
    sammanhang = webblasare.new_context(viewport={"width": bredd, "height": 900}, bypass_csp=True)
    sida = sammanhang.new_page()
    sida.goto(f"{bas}/skriv/bjorkbackaskolan")
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet")
    sida.screenshot(path=str(tmp_path / f"redigera-{bredd}-topp.png"))
    for sektion in ("kvalitetsarbete", "styrtal"):
        sida.locator(f"#d-{ident(sektion)} > summary").click()
    sida.locator(f"#{ident('period')}").fill("2025/27")  # an error at a field
    expect(sida.locator(f"#e-{ident('period')}")).to_contain_text("hänger inte ihop", timeout=15000)
    sida.wait_for_timeout(500)
    sida.screenshot(path=str(tmp_path / f"redigera-{bredd}-fel.png"))
    sida.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    svar = sida.evaluate(
        "t => axe.run(document, {runOnly: {type: 'tag', values: t}, resultTypes: ['violations']})",
        TAGGAR,
    )
    brott = [
        f"{v['id']}: {v['help']} – {n['target']} {n['html'][:120]}"
        for v in svar["violations"]
        for n in v["nodes"]
    ]
    assert not brott, "\n".join(brott)
    ny = sammanhang.new_page()
    ny.goto(f"{bas}/skriv/ny")
    ny.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    svar = ny.evaluate(
        "t => axe.run(document, {runOnly: {type: 'tag', values: t}, resultTypes: ['violations']})",
        TAGGAR,
    )
    assert not svar["violations"], svar["violations"]
    sammanhang.close()
