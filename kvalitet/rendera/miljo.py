"""Jinja environment (project mallar/ before the built-in ones), filters, Markdown → safe HTML.

The sandbox is in ``sandlada``, the data a template gets in ``data``, rendering in ``dokument``
and a template's errors in ``mallfel``."""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import nh3
from markupsafe import Markup

from kvalitet.grund import format as fmt
from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.kalla.projekt import inbyggda_mallar
from kvalitet.modell import Huvudmannafil, MarkdownText
from kvalitet.rendera.dokument import (
    fyll_i,
    rendera_html,
    rendera_huvudmannarapport,
    rendera_sammanstallning,
)
from kvalitet.rendera.mallfel import kontrollera_mallar, oversatta_mallfel
from kvalitet.rendera.markdown_granser import for_dyr, markdown
from kvalitet.rendera.sandlada import Sandlada

_TAGGAR = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "sup", "sub",
    "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
_ATTRIBUT = {"a": {"href", "title"}, "th": {"scope", "align"}, "td": {"align"}, "abbr": {"title"}}
_RUBRIK = re.compile(r"<(/?)h([1-6])\b([^>]*)>")


def markdown_html(text: str | None, niva: int = 1) -> Markup:
    """Markdown → sanitised HTML. Raw HTML and scripts are removed; headings are shifted so they
    sit below the section they belong to (``niva`` is that section's heading level)."""
    if not text:
        return Markup("")
    html = _konvertera(text)

    def flytta(m: re.Match[str]) -> str:
        ny = min(int(m.group(2)) + niva, 6)
        klass = ' class="mellanrubrik"' if not m.group(1) else ""
        return f"<{m.group(1)}h{ny}{klass if not m.group(3) else m.group(3)}>"

    return Markup(_RUBRIK.sub(flytta, html))


def markdown_rad(text: str | None) -> Markup:
    """Markdown for a list item (a Slutsats point): **bold**, links; a single paragraph is not
    wrapped in ``<p>``."""
    html = str(markdown_html(text, 5))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def punkt(text: object) -> Markup | str:
    """A point of the sammanställning: Markdown when it comes from a block (``MarkdownText``),
    plain text otherwise (the fixed form's lists have always been plain text)."""
    if isinstance(text, MarkdownText):
        return markdown_rad(text)
    return str(text)


@lru_cache(maxsize=4096)
def _konvertera(text: str) -> str:
    try:
        if for_dyr(text):
            raise RecursionError
        html = markdown(text)
    except RecursionError:  # quadratic input (markdown_granser), lists nested thousands deep
        html = "".join(
            f"<p>{htmllib.escape(stycke)}</p>" for stycke in text.split("\n\n") if stycke.strip()
        )
    return nh3.clean(
        html,
        tags=_TAGGAR,
        attributes=_ATTRIBUT,
        attribute_filter=_lankfilter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


LANKAR = ("http://", "https://", "mailto:", "#")
"""What a link in a report may point at. A relative path or ``//host`` would become a
``file://`` or UNC link in the PDF (a file on the reader's computer or network): such a link is
shown as its text only, and ``kvalitet kontrollera`` warns about it."""


def _lankfilter(tagg: str, attribut: str, varde: str) -> str | None:
    if tagg == "a" and attribut == "href":
        return varde if varde.strip().lower().startswith(LANKAR) else None
    return varde


INBYGGD = "inbyggd"
"""Prefix that always reaches the built-in templates: ``{% extends "inbyggd/rapport.html.j2" %}``."""

SKOLFORMSNAMN = {
    "förskola": "forskola",
    "grundskola": "grundskola",
    "gymnasieskola": "gymnasieskola",
    "vuxenutbildning": "vuxenutbildning",
    "fritidshem": "fritidshem",
    "annan": "annan",
}


def valj_mall(miljo: jinja2.Environment, huvudman: Huvudmannafil | None, skolform: str) -> str:
    """The template for a unit: ``<mall>-<skolform>.html.j2`` if there is one, else
    ``<mall>.html.j2`` (``mall`` is the huvudman's setting, default ``rapport``)."""
    bas = huvudman.installningar.mall if huvudman else "rapport"
    kandidater = [f"{bas}-{SKOLFORMSNAMN[skolform]}.html.j2", f"{bas}.html.j2"]
    for namn in kandidater:
        try:
            miljo.loader.get_source(miljo, namn)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            continue
        return namn
    raise KvalitetError(
        f"fel: ingen mall för skolformen '{skolform}': varken '{kandidater[0]}' eller "
        f"'{kandidater[1]}' finns (lägg en av dem i projektets mallmapp, eller ändra "
        "'inställningar: mall:' i huvudmannafilen)"
    )


class _Mallladdare(jinja2.FileSystemLoader):
    """Reads templates like Jinja's file loader, but never through a symbolic link: a linked
    template or folder could publish any file on the computer in every report."""

    def get_source(  # type: ignore[override]
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        for mapp in self.searchpath:
            bas = Path(mapp)
            kandidat = bas.joinpath(*template.split("/"))
            if not kandidat.exists() and not kandidat.is_symlink():
                continue
            steg = bas
            for del_ in template.split("/"):
                steg = steg / del_
                if steg.is_symlink():
                    raise jinja2.TemplateError(
                        f"{visningsnamn(steg)}:1:1: fel: mallen '{template}' går via en symbolisk "
                        "länk, och sådana läses inte (kopiera in filen i mallmappen i stället)"
                    )
            break
        return super().get_source(environment, template)


def skapa_miljo(projektmallar: Path | None = None) -> jinja2.Environment:
    """A Jinja environment searching the project's ``mallar/`` first, then the built-in one.

    Every template renders in the locked-down sandbox (``sandlada.Sandlada``): a project's own
    template (written by anyone with access to the repository) gets the report as plain data
    and can show it, but cannot call a method, reach Python internals or change data, and its
    cost in memory and time is bounded."""
    sokvagar: list[Path] = []
    inbyggd = inbyggda_mallar()
    if projektmallar and projektmallar.is_dir() and projektmallar.resolve() != inbyggd:
        sokvagar.append(projektmallar)
    sokvagar.append(inbyggd)
    laddare = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({INBYGGD: _Mallladdare(str(inbyggd))}, delimiter="/"),
            _Mallladdare([str(s) for s in sokvagar]),
        ]
    )
    miljo = Sandlada(
        loader=laddare,
        autoescape=jinja2.select_autoescape(["html", "j2", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    miljo.filters.update(
        md=markdown_html,
        mdrad=markdown_rad,
        punkt=punkt,
        varde=lambda v, matt=None: "–" if v is None else fmt.varde(v, matt),
        tal=fmt.tal,
        procent=fmt.procent,
        datum=fmt.datum,
        tkr=fmt.tkr,
        kronor=fmt.kronor,
        antal=fmt.antal,
    )
    return miljo


__all__ = [
    "INBYGGD",
    "fyll_i",
    "kontrollera_mallar",
    "markdown_html",
    "markdown_rad",
    "oversatta_mallfel",
    "punkt",
    "rendera_html",
    "rendera_huvudmannarapport",
    "rendera_sammanstallning",
    "skapa_miljo",
    "valj_mall",
]
