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
    """Markdown → HTML with raw HTML read as text (the patterns that look for it are removed),
    and a list right under a line of text read as a list (``lista_efter_stycke``)."""
    tolk = md_lib.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    tolk.preprocessors.deregister("html_block")
    tolk.inlinePatterns.deregister("html")
    return tolk.convert(lista_efter_stycke(text))


_PUNKT = re.compile(r"^ {0,3}(?:[-*+]|1\.)[ \t]+\S")
"""A line that begins a list where a paragraph may be interrupted (CommonMark's rule: a
bullet, or a numbered list that starts at 1, so that a line beginning '2026. ' stays text)."""
_I_LISTA = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]+\S")
_INTE_STYCKE = re.compile(r"^ {0,3}(?:#|>|\||    |\t)")


def lista_efter_stycke(text: str) -> str:
    """A blank line before a list that follows a line of text directly ('Vi har tre mål:' and
    '- läsning' on the next line): python-markdown needs one, and without it the list became
    part of the paragraph, one run-on line. CommonMark, GitHub and a paste from Word read it as
    a list; so does every view of a report, because all Markdown is made here. One pass."""
    if "\n" not in text:
        return text
    ut: list[str] = []
    i_lista = efter_tom = stycke = False
    for rad in text.split("\n"):
        if not rad.strip():
            efter_tom, stycke = True, False
        elif _I_LISTA.match(rad) and not (stycke and not _PUNKT.match(rad)):
            if stycke:
                ut.append("")
            i_lista, stycke = True, False
        elif i_lista and not (efter_tom and not rad.startswith((" ", "\t"))):
            stycke = False  # a line of the list item above
        else:
            i_lista, stycke = False, not _INTE_STYCKE.match(rad)
        if rad.strip():
            efter_tom = False
        ut.append(rad)
    return "\n".join(ut)
