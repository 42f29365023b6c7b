"""Issue 24 point 7 through the browser only: at 320, 390 and 1280 px with every section and every
nested details open the page never scrolls sideways (WCAG 1.4.10), ids are unique, and focus and
the caret stay in the field through a re-render. Screenshots are kept under tmp_path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ident
from playwright.sync_api import Page, expect
from test_formular_andringar import STYRKOR, _fil, _sida, oppna_allt

BREDA = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > document.documentElement.clientWidth + 1
    && !e.closest('.rutnat') && getComputedStyle(e).position !== 'absolute';
}).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""

DUBBLA = """() => { const s = new Map(); document.querySelectorAll('[id]').forEach(e =>
  s.set(e.id, (s.get(e.id) || 0) + 1)); return [...s].filter(([, n]) => n > 1).map(([i]) => i); }"""


def skarmbild(sida: Page, mapp: Path, namn: str) -> Path:
    mapp.mkdir(parents=True, exist_ok=True)
    fil = mapp / namn
    sida.screenshot(path=str(fil), full_page=True)
    return fil


@pytest.mark.parametrize("bredd", [320, 390, 1280])
def test_omflode_med_allt_oppet(redigerare, webblasare, tmp_path: Path, bredd: int) -> None:  # type: ignore[no-untyped-def]
    bas, _, _ = redigerare
    sida = _sida(webblasare, bas, bredd)
    oppna_allt(sida)
    assert sida.locator("details:not([open])").count() == 0
    bredd_nu = sida.evaluate("document.documentElement.scrollWidth")
    inner = sida.evaluate("innerWidth")
    assert bredd_nu <= inner + 1, (bredd_nu, inner, sida.evaluate(BREDA))
    assert sida.evaluate(DUBBLA) == []
    for region in sida.locator(".rutnat").all():
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label")
    skarmbild(sida, tmp_path / "skarmbilder", f"redigera-{bredd}-allt-oppet.png")


def test_fokus_och_markor_stannar_vid_omritning(redigerare, webblasare) -> None:  # type: ignore[no-untyped-def]
    """Another program changes another field while the caret stands in a Styrkor point: the form
    is drawn again from the new file, and focus and caret are where they were."""
    bas, projekt, _ = redigerare
    sida = _sida(webblasare, bas, 390)
    oppna_allt(sida)
    falt = sida.locator(f"#{ident(*STYRKOR, 1)}")
    falt.click()
    falt.press("End")
    for _ in range(5):
        falt.press("ArrowLeft")
    fore = sida.evaluate("document.activeElement.selectionStart")
    assert fore == len(falt.input_value()) - 5
    fil = _fil(projekt)
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("Tydligt årshjul", "Ett tydligt årshjul", 1), encoding="utf-8")
    expect(sida.locator("#sparstatus")).to_contain_text("ändrades utanför", timeout=15000)
    expect(sida.locator(f"#{ident(*STYRKOR, 0)}")).to_have_value(re.compile("^Ett tydligt"))
    assert sida.evaluate("document.activeElement.id") == ident(*STYRKOR, 1)
    assert sida.evaluate("document.activeElement.selectionStart") == fore
    assert sida.evaluate(DUBBLA) == []
