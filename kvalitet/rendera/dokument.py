"""Render a unit's report, the sammanställning and the huvudman's report: the context handed
to the template as plain data (``som_malldata``), in the sandbox's time limit."""

from __future__ import annotations

from typing import Any

import jinja2

from kvalitet.berika.vy import VyRapport
from kvalitet.rendera.data import som_malldata
from kvalitet.rendera.mallfel import oversatta_mallfel
from kvalitet.rendera.tidsgrans import tidsgrans


def fyll_i(miljo: jinja2.Environment, mall: str, **sammanhang: Any) -> str:
    """Render ``mall`` with ``sammanhang`` converted to data, as a located Swedish error on a
    template's fault or when it goes over a limit of the sandbox."""
    with oversatta_mallfel():
        data = som_malldata(sammanhang)
        with tidsgrans():
            return miljo.get_template(mall).render(**data)


def rendera_html(
    rapport: VyRapport, miljo: jinja2.Environment, mall: str = "rapport.html.j2"
) -> str:
    """Render one resolved unit to a self-contained HTML document."""
    return fyll_i(miljo, mall, r=rapport, enhet=rapport.enhet)


def _symboler(data: Any) -> list[str]:
    """The statistics symbols ('..', '*' …) that the sammanställning's cells use (its legend)."""
    from kvalitet.berika.roj import symboler_i

    return symboler_i([c.text for g in data.grupper for e in g.enheter for c in e.celler.values()])


def rendera_sammanstallning(
    data: Any, lage: Any, projektrot: Any, miljo: jinja2.Environment, lank: str
) -> str:
    """Render the huvudman's sammanställning; ``lank`` is the suffix of links to the units'
    reports (``.html`` in the HTML version, empty for none in the PDF)."""
    from kvalitet.berika.roj import sammanstallningens_forklaring
    from kvalitet.berika.tema import logotyp, tema_css
    from kvalitet.modell.status import SYMBOL

    symboler = _symboler(data)
    return fyll_i(
        miljo,
        "sammanstallning.html.j2",
        s=data,
        lank=lank,
        symbol=SYMBOL,
        symboler=symboler,
        r={"teckenforklaring": sammanstallningens_forklaring(data, lage.huvudman)},
        logotyp=logotyp(lage.huvudman, lage.huvudmannafil, projektrot),
        tema_css=tema_css(lage.huvudman.tema if lage.huvudman else None),
    )


def rendera_huvudmannarapport(vy: Any, data: Any, miljo: jinja2.Environment, lank: str) -> str:
    """Render the huvudman's own report (``vy``: a VyHuvudmannarapport) with the units'
    sammanställning (``data``) as its section or appendix; ``lank`` as for the sammanställning."""
    from kvalitet.modell.status import SYMBOL

    symboler = _symboler(data)
    return fyll_i(
        miljo,
        "huvudmannens-rapport.html.j2",
        r=vy,
        s=data,
        lank=lank,
        symbol=SYMBOL,
        symboler=symboler,
    )
