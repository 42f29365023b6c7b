"""Jinja environment (project mallar/ before the built-in ones), filters, Markdown → safe HTML."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import nh3
from markupsafe import Markup

from kvalitet.berika.vy import VyRapport
from kvalitet.grund import format as fmt
from kvalitet.grund.problem import KvalitetError, Problem, fel, visningsnamn
from kvalitet.kalla.las import SPARA_UTF8
from kvalitet.kalla.projekt import inbyggda_mallar
from kvalitet.modell import Huvudmannafil, MarkdownText
from kvalitet.rendera.markdown_granser import for_dyr, markdown

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

    def get_source(
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

    Every template renders in Jinja's immutable sandbox: a project's own template (written by
    anyone with access to the repository) can show the report's data but cannot reach Python
    internals, call unsafe methods or change data."""
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
    miljo = jinja2.sandbox.ImmutableSandboxedEnvironment(
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


def rendera_html(
    rapport: VyRapport, miljo: jinja2.Environment, mall: str = "rapport.html.j2"
) -> str:
    """Render one resolved unit to a self-contained HTML document."""
    with oversatta_mallfel():
        return miljo.get_template(mall).render(r=rapport, enhet=rapport.enhet)


@contextmanager
def oversatta_mallfel() -> Iterator[None]:
    """A template's errors as a located Swedish KvalitetError, never a traceback."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise KvalitetError(_syntaxfel(exc).visa()) from None
    except jinja2.TemplateNotFound as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen '{exc.name}' finns inte "
            "(lägg den i projektets 'mallar/' eller rätta namnet)"
        ) from None
    except jinja2.sandbox.SecurityError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen försöker nå något som mallar inte får använda "
            f"({exc}) (en mall får bara visa rapportens uppgifter; se docs/mallar.md)"
        ) from None
    except jinja2.UndefinedError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen använder något som inte finns: "
            f"{_oversatt_odefinierad(exc.message or '')} (rätta namnet i mallen; se docs/mallar.md)"
        ) from None
    except jinja2.TemplateError as exc:  # a template through a symbolic link
        raise KvalitetError(str(exc)) from None
    except (TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen kunde inte fyllas i ({type(exc).__name__}: {exc}) "
            "(rätta mallen)"
        ) from None


def kontrollera_mallar(projektmallar: Path, miljo: jinja2.Environment) -> list[Problem]:
    """Compile every template in the project's own ``mallar/``: syntax errors, located."""
    if not projektmallar.is_dir() or projektmallar.resolve() == inbyggda_mallar():
        return []
    problem: list[Problem] = []
    for fil in sorted(projektmallar.rglob("*")):
        if fil.is_symlink() and (fil.is_dir() or fil.suffix in (".j2", ".html", ".css")):
            problem.append(
                fel(
                    fil,
                    1,
                    1,
                    f"'{visningsnamn(fil)}' är en symbolisk länk, och mallar läses inte genom länkar",
                    "kopiera in filen i mallmappen i stället för att länka till den",
                )
            )
            continue
        if not fil.is_file() or fil.suffix not in (".j2", ".html"):
            continue
        namn = fil.relative_to(projektmallar).as_posix()
        try:
            miljo.get_template(namn)
        except jinja2.TemplateSyntaxError as exc:
            problem.append(_syntaxfel(exc))
        except UnicodeDecodeError:
            problem.append(fel(fil, 1, 1, "mallen är inte sparad som UTF-8", SPARA_UTF8))
        except jinja2.TemplateError as exc:  # a symbolic link (see _Mallladdare)
            problem.append(_lank_problem(fil, str(exc)))
    return problem


def _lank_problem(fil: Path, text: str) -> Problem:
    vad = text.split(": fel: ", 1)[-1]
    return fel(fil, 1, 1, vad, "kopiera in filen i mallmappen i stället för att länka till den")


def _syntaxfel(exc: jinja2.TemplateSyntaxError) -> Problem:
    fil = Path(exc.filename) if exc.filename else Path(exc.name or "mall")
    return fel(
        fil,
        exc.lineno or 1,
        1,
        f"mallen har ett syntaxfel: {exc.message}",
        "kontrollera att varje {% if %}, {% for %} och {% block %} har sitt {% end... %} "
        "och att {{ }} och {% %} är stängda",
    )


def _oversatt_odefinierad(text: str) -> str:
    if m := re.match(r"^'(.+)' is undefined$", text):
        return f"'{m.group(1)}' finns inte"
    if m := re.match(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'$", text):
        klass, falt = m.group(1), m.group(2)
        svar = f"'{klass}' har inget fält '{falt}'"
        kanda = _falt_i_klass(klass)
        if kanda:
            from kvalitet.kontroll.modellfel import menade_du

            if forslag := menade_du(falt, kanda):
                svar += f" – menade du '{forslag}'?"
            svar += "; fält som finns: " + ", ".join(kanda)
        return svar
    if m := re.match(r"^'(.+)' has no attribute '(.+)'$", text):
        return f"'{m.group(1)}' har inget fält '{m.group(2)}'"
    return text


def _falt_i_klass(namn: str) -> list[str]:
    """The attribute names a template may use on a model or view class, by class name."""
    import dataclasses

    from kvalitet import modell
    from kvalitet.berika import vy

    for modul in (modell, vy):
        klass = getattr(modul, namn, None)
        if isinstance(klass, type) and hasattr(klass, "model_fields"):
            return list(klass.model_fields)
        if isinstance(klass, type) and dataclasses.is_dataclass(klass):
            return [f.name for f in dataclasses.fields(klass)]
    return []


def _mallplats(exc: BaseException) -> str:
    """``fil:rad:1: `` of the innermost template frame in a traceback, if any."""
    plats = ""
    tb = exc.__traceback__
    while tb is not None:
        kod = tb.tb_frame.f_code
        if kod.co_filename.endswith((".j2", ".html", ".css")):
            plats = f"{visningsnamn(Path(kod.co_filename))}:{tb.tb_lineno}:1: "
        tb = tb.tb_next
    return plats


def rendera_sammanstallning(
    data: Any, lage: Any, projektrot: Path, miljo: jinja2.Environment, lank: str
) -> str:
    """Render the huvudman's sammanställning; ``lank`` is the suffix of links to the units'
    reports (``.html`` in the HTML version, empty for none in the PDF)."""
    from types import SimpleNamespace

    from kvalitet.berika.roj import SYMBOLER, symboler_i
    from kvalitet.berika.tema import logotyp, tema_css
    from kvalitet.modell.status import SYMBOL

    grans = lage.huvudman.installningar.rojandegrans if lage.huvudman else 10
    symboler = symboler_i(
        [c.text for g in data.grupper for e in g.enheter for c in e.celler.values()]
    )
    with oversatta_mallfel():
        return miljo.get_template("sammanstallning.html.j2").render(
            s=data,
            lank=lank,
            symbol=SYMBOL,
            symboler=symboler,
            r=SimpleNamespace(
                teckenforklaring={k: v.format(grans=grans) for k, v in SYMBOLER.items()}
            ),
            logotyp=logotyp(lage.huvudman, lage.huvudmannafil, projektrot),
            tema_css=tema_css(lage.huvudman.tema if lage.huvudman else None),
        )


def rendera_huvudmannarapport(vy: Any, data: Any, miljo: jinja2.Environment, lank: str) -> str:
    """Render the huvudman's own report (``vy``: a VyHuvudmannarapport) with the units'
    sammanställning (``data``) as its section or appendix; ``lank`` as for the sammanställning."""
    from kvalitet.berika.roj import symboler_i
    from kvalitet.modell.status import SYMBOL

    symboler = symboler_i(
        [c.text for g in data.grupper for e in g.enheter for c in e.celler.values()]
    )
    with oversatta_mallfel():
        return miljo.get_template("huvudmannens-rapport.html.j2").render(
            r=vy, s=data, lank=lank, symbol=SYMBOL, symboler=symboler
        )
