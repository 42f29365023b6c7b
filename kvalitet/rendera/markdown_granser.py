"""Markdown in time linear in the text: python-markdown's inline processor rebuilds the whole
text at every match it replaces, and some of its patterns scan to the end of the text at every
'<'. Both are quadratic: 8 lines of '<a ' × 6000 (154 kB) took 168 s.

Two guards close the class. Raw HTML is never Markdown here (the sanitiser would remove it, and
``kvalitet kontrollera`` warns about it), so the patterns that look for it are removed and a '<'
is plain text (autolinks '<https://…>' are kept). A text with more of a character that starts
an inline match than a report ever has (thousands of '`', '\\', '[' …), or quotes nested deeper
than any report, is shown as plain paragraphs: the same text, without Markdown."""

from __future__ import annotations

import re

import markdown as md_lib

from kvalitet.kontroll.textlangd import MAX_TEXTLANGD

GRANSER = {"[": 200, "`": 2000, "\\": 2000, "<": 2000, "&": 5000, "|": 10_000, "*": 2000}
"""How many of each character a text may hold and still be read as Markdown. Real reports have
tens; the time python-markdown takes grows with the square of the number of matches (emphasis
before Markdown 3.11.2: 5 000 of each of `*` and `_` took 1,2 s, 16 500 took 11 s)."""
GRANSER["_"] = GRANSER["*"]
MAX_CITATDJUP = 20
"""'>' nested deeper than this at the start of a line: each level is parsed again."""
_DJUPT_CITAT = re.compile(rf"^(?:[ \t]*>){{{MAX_CITATDJUP + 1}}}", re.MULTILINE)


def for_dyr(text: str) -> bool:
    """True when ``text`` would take python-markdown more than linear time."""
    if len(text) > MAX_TEXTLANGD:
        return True
    if any(text.count(tecken) > grans for tecken, grans in GRANSER.items()):
        return True
    return ">" in text and _DJUPT_CITAT.search(text) is not None


def markdown(text: str) -> str:
    """Markdown → HTML with raw HTML read as text (the patterns that look for it are removed)."""
    tolk = md_lib.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    tolk.preprocessors.deregister("html_block")
    tolk.inlinePatterns.deregister("html")
    return tolk.convert(text)
