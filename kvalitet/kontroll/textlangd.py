"""The length of one text: a report's text is read, converted from Markdown and typeset whole,
and a text of hundreds of kilobytes is no report text but a pasted file."""

from __future__ import annotations

from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag

MAX_TEXTLANGD = 100_000
"""Characters in one text (a 'beskrivning:', an analysis): about 40 A4 pages. Longer texts are
an error here; the renderer shows them as plain paragraphs, without Markdown."""


def for_langa_texter(data: Any, kalla: Kalla, sokvag: Sokvag = ()) -> list[Problem]:
    """An error at each text longer than ``MAX_TEXTLANGD``, with its line."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in for_langa_texter(v, kalla, (*sokvag, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in for_langa_texter(v, kalla, (*sokvag, i))]
    if isinstance(data, str) and len(data) > MAX_TEXTLANGD:
        rad = kalla.plats(sokvag)[0]
        return [
            kalla.fel(
                sokvag,
                f"rad {rad}: texten är {len(data):,} tecken; högst {MAX_TEXTLANGD:,} tecken i "
                "en text".replace(",", "\u00a0"),
                "korta texten, eller dela upp den på flera avsnitt; långa tabeller och underlag "
                "hör hemma i en bilaga",
            )
        ]
    return []
