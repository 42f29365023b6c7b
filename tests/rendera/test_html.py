"""The HTML output: self-contained and accessible (the golden files: test_golden.py)."""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.rendera.miljo import markdown_html, skapa_miljo

ROT = Path(__file__).resolve().parents[2]


def rendera_exempel(enhet: str) -> str:
    """Render one unit of the example project exactly as 'kvalitet bygg' does."""
    proj = hitta_projekt(ROT)
    lage = las_period(proj, None, [enhet])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    return html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))


def test_html_ar_fristaende_och_tillganglig(byggt_exempel: Path) -> None:
    for fil in byggt_exempel.glob("*.html"):
        html = fil.read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>")
        assert '<html lang="sv">' in html
        assert re.search(
            r"<title>(Kvalitetsrapport|Kvalitetsredovisning|Stadierapport|Sammanställning|"
            r"Huvudmannens kvalitetsrapport) 2025/26 – .+</title>",
            html,
        )
        assert 'name="viewport"' in html
        assert not re.search(r"""(src|href)=["'](https?:|//|file:)""", html), fil.name
        assert "<link " not in html, "CSS ska ligga i filen"
        assert "<style>" in html
        for ram, tabell in re.findall(
            r'(<div class="tabell-ram[^"]*"[^>]*>)\s*(<table.*?</table>)', html, flags=re.S
        ):
            assert '<th scope="col">' in tabell
            assert '<th scope="row">' in tabell
            # a table without a caption (the text before it says what it shows) is still
            # named, by its columns, for assistive technology
            namn = re.search(r'aria-label="([^"]+)"', ram)
            assert namn, ram
            assert "<caption>" in tabell or namn.group(1) != "", tabell
        assert len(re.findall(r"<table", html)) == len(re.findall(r'<div class="tabell-ram', html))
        for img in re.findall(r"<img [^>]*>", html):
            assert re.search(r'alt="[^"]+"', img), img
            assert 'src="data:' in img


def test_rubriker_numreras_automatiskt() -> None:
    html = rendera_exempel("bjorkbackaskolan")
    nummer = re.findall(r'<h[2-6] id="avsnitt-[^"]+"[^>]*><span class="nr">([\d.]+)</span>', html)
    assert nummer[:5] == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]
    assert "2.1.1" in nummer and "4.2" in nummer and "5.3" in nummer
    assert len(nummer) == len(set(nummer))


def test_markdown_utan_radhtml_och_skript() -> None:
    html = str(
        markdown_html('Hej <script>alert(1)</script> [x](javascript:alert(1)) <b onclick="x">b</b>')
    )
    assert "<script" not in html and "javascript:" not in html and "<b " not in html
    assert "&lt;script&gt;" in html  # raw HTML is shown as text, never run
    assert str(markdown_html("**fet**")) == "<p><strong>fet</strong></p>"


def test_markdownrubriker_hamnar_under_avsnittet() -> None:
    html = str(markdown_html("# Rubrik\n\ntext", niva=3))
    assert html.startswith('<h4 class="mellanrubrik">Rubrik</h4>')
