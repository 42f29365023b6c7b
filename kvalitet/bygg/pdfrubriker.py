"""Headings deeper than h6 in the PDF's tag tree: WeasyPrint tags ``<div role="heading"
aria-level="7">`` as a Div; it becomes ``/H7`` (role-mapped to ``/H6`` for PDF/UA-1, which
knows H1–H6), so the level the author gave is kept in the structure."""

from __future__ import annotations

import re
from typing import Any

from pikepdf import Array, Dictionary, Name

_DJUP = re.compile(r'<div role="heading" aria-level="(\d+)"')


def _forsta_element(el: Dictionary) -> Any:
    """An element's first child that is a structure element (not marked content)."""
    barn = el.get("/K")
    for k in barn if isinstance(barn, Array) else [barn]:
        if isinstance(k, Dictionary) and k.get("/Type") not in ("/MCR", "/OBJR"):
            return k
    return None


def _bara_text(el: Dictionary) -> bool:
    """Whether an element holds only text (spans and marked content), as a heading does; a
    section's first ``Div`` on a page may also be a table's frame or a box of paragraphs."""
    barn = el.get("/K")
    for k in barn if isinstance(barn, Array) else [barn]:
        if (
            isinstance(k, Dictionary)
            and k.get("/Type") not in ("/MCR", "/OBJR")
            and k.get("/S") not in ("/Span", "/NonStruct", "/Link")
        ):
            return False
    return True


def djupa_rubriker(rot: Any, alla: list[tuple[Dictionary, list[Dictionary]]], html: str) -> None:
    """Retag the deep headings of ``html`` in the tree ``alla`` (every element with its
    ancestors, in reading order). A deep heading is the first child of its section (the
    templates write it so); when the count does not match the HTML's, nothing is changed."""
    nivaer = [int(n) for n in _DJUP.findall(html)]
    if not nivaer:
        return
    kandidater = []
    for el, forfader in alla:
        if el.get("/S") != "/Div" or not forfader or forfader[-1].get("/S") != "/Sect":
            continue
        if not _bara_text(el):
            continue  # a table's frame or a box that begins a section continued on a new page
        forsta = _forsta_element(forfader[-1])
        if forsta is not None and forsta.is_indirect and forsta.objgen == el.objgen:
            kandidater.append(el)
    if len(kandidater) != len(nivaer):
        return  # cannot pair them safely: they stay Div (the HTML keeps the level)
    rollkarta = rot.get("/RoleMap")
    if rollkarta is None:
        rollkarta = rot.RoleMap = Dictionary()
    for el, niva in zip(kandidater, nivaer, strict=True):
        el.S = Name(f"/H{niva}")
        rollkarta[f"/H{niva}"] = Name("/H6")
