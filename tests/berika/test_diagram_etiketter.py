"""The målvärde line never crosses a value label: geometry on the SVG, with the label's ink
measured in the real font (Liberation Sans) rather than in the chart's own estimate."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvalitet.berika.diagram import Serie, stapeldiagram

SVG = "{http://www.w3.org/2000/svg}"


@cache
def _typsnitt() -> Any:
    from fontTools.ttLib import TTFont

    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig saknas")
    fil = subprocess.run(
        ["fc-match", "-f", "%{file}", "Liberation Sans"], capture_output=True, text=True
    ).stdout
    if "Liberation" not in fil:
        pytest.skip("Liberation Sans saknas")
    return TTFont(fil)


def _black(text: str, storlek: float) -> tuple[float, float]:
    """How far the ink of ``text`` reaches above and below its baseline, in user units."""
    from fontTools.pens.boundsPen import BoundsPen

    typsnitt = _typsnitt()
    glyfer, tabell = typsnitt.getGlyphSet(), typsnitt.getBestCmap()
    skala = storlek / typsnitt["head"].unitsPerEm
    uppe, nere = 0.0, 0.0
    for tecken in text:
        penna = BoundsPen(glyfer)
        glyfer[tabell.get(ord(tecken), ".notdef")].draw(penna)
        if penna.bounds:
            uppe = max(uppe, penna.bounds[3] * skala)
            nere = min(nere, penna.bounds[1] * skala)
    return uppe, -nere


def _kollisioner(svg: str) -> list[str]:
    """Every value label whose ink or white ground the målvärde line's stroke touches."""
    rot = ET.fromstring(svg)
    linjer = [e for e in rot.iter(f"{SVG}line") if e.get("class") == "malvarde"]
    fel = []
    for linje in linjer:
        my, halv = float(linje.get("y1", 0)), float(linje.get("stroke-width", 1)) / 2
        for grupp in rot.iter(f"{SVG}g"):
            if grupp.get("class") != "etikett":
                continue
            text, grund = grupp.find(f"{SVG}text"), grupp.find(f"{SVG}rect")
            assert text is not None and grund is not None
            storlek = float(text.get("font-size") or rot.get("font-size") or 10)
            bas = float(text.get("y", 0))
            uppe, nere = _black(text.text or "", storlek)
            ry, rh = float(grund.get("y", 0)), float(grund.get("height", 0))
            if not (ry <= bas - uppe and bas + nere <= ry + rh):
                fel.append(f"{text.text!r}: den vita botten täcker inte texten")
            if ry - halv < my < ry + rh + halv:
                fel.append(f"{text.text!r} (y {ry:.1f}–{ry + rh:.1f}) korsas av linjen y {my:.1f}")
    return fel


def test_linjen_gar_inte_genom_86_4_procent() -> None:
    """The reproduction: 1.1.1 with 86,4 % last year and the målvärde 87 %."""
    svg = stapeldiagram(
        "d",
        "1.1.1",
        ["2024/25", "2025/26"],
        [Serie("Alla", [86.4, 89.5]), Serie("Flickor", [None, 88]), Serie("Pojkar", [None, 91])],
        "procent",
        87,
    )
    assert 'class="malvarde"' in svg
    assert _kollisioner(str(svg)) == []


@pytest.mark.parametrize("matt", ["procent", "antal", None])
def test_etikett_precis_vid_malvardet(matt: str | None) -> None:
    for mal in (0, 3, 7.5, 50, 86.4, 99.9, 100):
        varden = [mal, mal - 0.5, mal + 0.5, "..", "~100"]
        svg = stapeldiagram("d", "T", list("abcde"), [Serie("Alla", varden)], matt, mal)
        assert _kollisioner(str(svg)) == [], (matt, mal)


varden = st.one_of(
    st.none(),
    st.sampled_from(["..", "~100", "~0"]),
    st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
)


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    kategorier=st.integers(1, 5),
    serier=st.integers(1, 3),
    matt=st.sampled_from(["procent", "antal", None]),
)
def test_linjen_korsar_aldrig_en_etikett(
    data: st.DataObject, kategorier: int, serier: int, matt: str | None
) -> None:
    tabell = [
        data.draw(st.lists(varden, min_size=kategorier, max_size=kategorier)) for _ in range(serier)
    ]
    tal = [v for rad in tabell for v in rad if isinstance(v, float)]
    mal = data.draw(
        st.one_of(
            st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
            st.sampled_from(tal or [50.0]),
            st.sampled_from(tal or [50.0]).map(lambda v: round(v + 0.6, 1)),
        )
    )
    svg = stapeldiagram(
        "d",
        "T",
        [f"K{k}" for k in range(kategorier)],
        [Serie(f"S{s}", rad) for s, rad in enumerate(tabell)],
        matt,
        mal,
        bredd=data.draw(st.sampled_from([360, 600])),
    )
    assert _kollisioner(str(svg)) == []
