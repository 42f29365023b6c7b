"""A paragraph's runs as Markdown: bold, italics and links, with Markdown's own characters
escaped in the text."""

from __future__ import annotations

import re
from typing import Any

from kvalitet.importera.word_xml import q

Bit = tuple[str, bool, bool, str | None]
"""A run's text, bold, italic and link target."""


def _escapa(text: str) -> str:
    return re.sub(r"([\\*_\[\]`])", r"\\\1", text)


def pa(rpr: Any, namn: str) -> bool:
    el = rpr.find(q(namn)) if rpr is not None else None
    return el is not None and el.get(q("w:val")) not in ("0", "false", "off")


def markdown(bitar: list[tuple[str, bool, bool, str | None]]) -> str:
    ut: list[str] = []
    i = 0
    while i < len(bitar):
        text, fet, kursiv, lank = bitar[i]
        j = i + 1
        while j < len(bitar) and bitar[j][1:] == (fet, kursiv, lank):
            text += bitar[j][0]
            j += 1
        i = j
        rad = text.replace("\t", " ")
        if not rad.strip():
            ut.append(rad)
            continue
        fore = rad[: len(rad) - len(rad.lstrip())]
        efter = rad[len(rad.rstrip()) :]
        karna = _escapa(rad.strip()) if not lank else rad.strip().replace("]", "\\]")
        if fet and kursiv:
            karna = f"***{karna}***"
        elif fet:
            karna = f"**{karna}**"
        elif kursiv:
            karna = f"*{karna}*"
        if lank:
            karna = f"[{karna}]({lank})"
        ut.append(fore + karna + efter)
    return "".join(ut)
