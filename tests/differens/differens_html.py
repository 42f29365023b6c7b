"""A small HTML tree from the standard library's parser, for reading tables and charts back.

The differential check reads the built documents as a reader would: the text of a cell, of a
chart's ``<desc>``. It uses no part of kvalitet, so a fault in kvalitet's rendering cannot
hide itself in the check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

TOMMA_TAGGAR = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


@dataclass
class Element:
    tagg: str
    attr: dict[str, str]
    barn: list[Element | str] = field(default_factory=list)
    foralder: Element | None = field(default=None, repr=False)

    def alla(self, tagg: str) -> Iterator[Element]:
        """Every element ``tagg`` below this one, in document order."""
        for b in self.barn:
            if isinstance(b, Element):
                if b.tagg == tagg:
                    yield b
                yield from b.alla(tagg)

    def forsta(self, tagg: str) -> Element | None:
        return next(self.alla(tagg), None)

    def direkta(self, tagg: str) -> list[Element]:
        return [b for b in self.barn if isinstance(b, Element) and b.tagg == tagg]

    def klasser(self) -> set[str]:
        return set(self.attr.get("class", "").split())

    def text(self) -> str:
        """The element's text with runs of white space as one space (``<br>`` is a space)."""
        delar: list[str] = []

        def ga(el: Element) -> None:
            for b in el.barn:
                if isinstance(b, str):
                    delar.append(b)
                elif b.tagg == "br":
                    delar.append(" ")
                else:
                    ga(b)

        ga(self)
        return ren_text("".join(delar))


def ren_text(text: str) -> str:
    """White space collapsed (a no-break space stays: it is part of a Swedish number)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


class _Byggare(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rot = Element("#dokument", {})
        self.nu = self.rot

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, foralder=self.nu)
        self.nu.barn.append(el)
        if tag not in TOMMA_TAGGAR:
            self.nu = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.nu.barn.append(Element(tag, {k: v or "" for k, v in attrs}, foralder=self.nu))

    def handle_endtag(self, tag: str) -> None:
        el: Element | None = self.nu
        while el is not None and el.tagg != tag:
            el = el.foralder
        if el is not None and el.foralder is not None:
            self.nu = el.foralder

    def handle_data(self, data: str) -> None:
        self.nu.barn.append(data)


def las_html(text: str) -> Element:
    byggare = _Byggare()
    byggare.feed(text)
    byggare.close()
    return byggare.rot


@dataclass
class HtmlTabell:
    """A table as a reader sees it: caption, column headings, and each row's heading and cells."""

    namn: str
    rubrik: str | None
    kolumner: list[str]
    rader: list[tuple[str, list[str]]]


def tabeller(rot: Element, klass: str | None = None) -> list[HtmlTabell]:
    """Every ``<table>`` (of class ``klass``) with the name of its region (aria-label)."""
    ut = []
    for tabell in rot.alla("table"):
        if klass and klass not in tabell.klasser():
            continue
        caption = tabell.forsta("caption")
        ram = tabell.foralder
        namn = ram.attr.get("aria-label", "") if ram is not None else ""
        thead = tabell.forsta("thead")
        kolumner = []
        if thead is not None:
            forsta_rad = thead.forsta("tr")
            if forsta_rad is not None:
                kolumner = [
                    c.text()
                    for c in forsta_rad.barn
                    if isinstance(c, Element) and c.tagg in ("th", "td")
                ]
        rader = []
        for tbody in tabell.direkta("tbody"):
            for tr in tbody.direkta("tr"):
                celler = [c for c in tr.barn if isinstance(c, Element) and c.tagg in ("th", "td")]
                rubriker = [c for c in celler if c.tagg == "th"]
                if not rubriker:
                    continue
                rader.append((rubriker[0].text(), [c.text() for c in celler[1:]]))
        ut.append(HtmlTabell(namn, caption.text() if caption else None, kolumner, rader))
    return ut


@dataclass
class HtmlDiagram:
    titel: str
    beskrivning: str
    etiketter: list[str]
    """The texts drawn in the chart (value labels, axis, legend)."""


def diagram(rot: Element) -> list[HtmlDiagram]:
    ut = []
    for svg in rot.alla("svg"):
        if svg.attr.get("role") != "img":
            continue
        titel = svg.forsta("title")
        desc = svg.forsta("desc")
        ut.append(
            HtmlDiagram(
                titel.text() if titel else "",
                desc.text() if desc else "",
                [t.text() for t in svg.alla("text")],
            )
        )
    return ut
