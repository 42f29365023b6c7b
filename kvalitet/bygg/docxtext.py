"""The inline content of the report's HTML (bold, italics, links, line breaks) as Word runs,
with whitespace as a browser shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.text import WD_BREAK
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

from kvalitet.bygg import docxfalt

HOPPA = {"head", "script", "style", "template", "title", "meta", "link", "noscript", "footer"}
INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "data",
    "dfn",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
}


def ar_dold(el: Any) -> bool:
    """``hidden``: not shown anywhere. (``aria-hidden`` is shown, like the status symbols.)"""
    return el.get("hidden") is not None


def ren_text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


@dataclass(frozen=True)
class Format:
    fet: bool = False
    kursiv: bool = False
    upphojd: bool = False
    nedsankt: bool = False
    kod: bool = False
    lank: str | None = None


@dataclass
class Bit:
    text: str
    format: Format


def bitar(el: Any, format: Format) -> list[Bit]:
    """The text of ``el`` (not its tail) in pieces, each with its formatting."""
    if el is None or not isinstance(el.tag, str) or el.tag in HOPPA or ar_dold(el):
        return []
    tagg = el.tag
    if tagg == "br":
        return [Bit("\n", format)]
    if tagg in ("strong", "b"):
        format = replace(format, fet=True)
    elif tagg in ("em", "i", "cite", "dfn", "var"):
        format = replace(format, kursiv=True)
    elif tagg == "sup":
        format = replace(format, upphojd=True)
    elif tagg == "sub":
        format = replace(format, nedsankt=True)
    elif tagg in ("code", "kbd", "samp"):
        format = replace(format, kod=True)
    elif tagg == "a" and el.get("href"):
        format = replace(format, lank=el.get("href"))
    ut = [Bit(el.text, format)] if el.text else []
    for barn in el:
        ut.extend(bitar(barn, format))
        if barn.tail:
            ut.append(Bit(barn.tail, format))
    return ut


def skriv_runs(p: Paragraph, delar: list[Bit]) -> None:
    """Write ``delar`` as runs of ``p``; a link's runs inside its ``w:hyperlink``."""
    lank_el = None
    lank_href = None
    for bit in delar:
        if bit.format.lank != lank_href:
            lank_href = bit.format.lank
            lank_el = docxfalt.lank(p, lank_href) if lank_href and _tillaten(lank_href) else None
        if bit.text == "\n":
            p.add_run().add_break(WD_BREAK.LINE)
            continue
        run = p.add_run(bit.text)
        f = bit.format
        run.bold = f.fet or None
        run.italic = f.kursiv or None
        if f.upphojd:
            run.font.superscript = True
        if f.nedsankt:
            run.font.subscript = True
        if f.kod:
            run.font.name = "Liberation Mono"
        if lank_el is not None:
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x2E, 0x75, 0xB6)
            lank_el.append(run._r)


def _tillaten(href: str) -> bool:
    return href.startswith(("#", "http://", "https://", "mailto:"))


def normalisera(bitar: list[Bit]) -> list[Bit]:
    """Whitespace as a browser shows it: runs of spaces and line breaks as one space, none at
    the start or end of the paragraph or around a ``br``."""
    ut: list[Bit] = []
    mellanslag = True
    for bit in bitar:
        if bit.text == "\n":
            if ut and ut[-1].text != "\n":
                ut[-1] = Bit(ut[-1].text.rstrip(), ut[-1].format)
            ut.append(bit)
            mellanslag = True
            continue
        text = re.sub(r"[ \t\r\n\f]+", " ", bit.text)
        if mellanslag:
            text = text.lstrip(" ")
        if not text:
            continue
        mellanslag = text.endswith(" ")
        ut.append(Bit(text, bit.format))
    while ut and ut[-1].text == "\n":
        ut.pop()
    if ut:
        ut[-1] = Bit(ut[-1].text.rstrip(" "), ut[-1].format)
    return [b for b in ut if b.text]
