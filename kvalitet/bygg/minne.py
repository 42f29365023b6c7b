"""What a long-running build (``kvalitet bygg --bevaka``) keeps between builds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.bygg.avtryck import mallmappar
from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import Projekt

if TYPE_CHECKING:
    import jinja2

    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.kontroll.period import Valideringsminne


def _valideringsminne() -> Valideringsminne:
    from kvalitet.kontroll.period import Valideringsminne

    return Valideringsminne()


@dataclass
class Byggminne:
    """The PDF workshop with its warm workers, the validated files and the compiled templates."""

    verkstad: PdfVerkstad
    validering: Valideringsminne = field(default_factory=_valideringsminne)
    miljoer: dict[Path, jinja2.Environment] = field(default_factory=dict)
    _mallavtryck: str | None = None

    def mallar_andrade(self, avtryck: str) -> None:
        """Forget the compiled templates when a template or setting changed (Jinja notices
        a changed file itself, but not a new one that overrides a built-in template)."""
        if avtryck != self._mallavtryck:
            self.miljoer.clear()
            self._mallavtryck = avtryck

    def forvarm(self, projekt: Projekt, period: str | None, format: Iterable[str]) -> None:
        """While waiting for the first save: start the PDF workers, validate every file and
        compile the templates, so that the first rebuild is as quick as the ones after it."""
        from contextlib import suppress

        import jinja2

        from kvalitet.kontroll.period import las_period

        if "pdf" in format:
            self.verkstad.starta()
        lage = las_period(projekt, period, minne=self.validering)
        miljo = miljo_for(self, projektets_mallar(projekt, lage))
        for mall in ("rapport.html.j2", "sammanstallning.html.j2"):
            with suppress(jinja2.TemplateError):  # reported by the build that uses it
                miljo.get_template(mall)
        # one report through every step loads what the steps use (Markdown, charts ...)
        forsta = next((k for k in lage.enheter if k.ok), None)
        if forsta is not None and lage.huvudman_ok:
            with suppress(KvalitetError, jinja2.TemplateError):
                html_for_enhet(projekt, lage, forsta, miljo)


def miljo_for(minne: Byggminne | None, mallar: Path) -> jinja2.Environment:
    """The Jinja environment for a template folder: kept in ``minne`` when there is one."""
    from kvalitet.rendera.miljo import skapa_miljo

    if minne is None:
        return skapa_miljo(mallar)
    if mallar not in minne.miljoer:
        minne.miljoer[mallar] = skapa_miljo(mallar)
    return minne.miljoer[mallar]


def bevakade_mappar(projekt: Projekt, period: str | None = None) -> list[Path]:
    """The folders a rebuild on save watches: the reports (with pictures), the project's
    templates, the huvudman's template folder and the built-in templates."""
    from kvalitet.kalla.oversikt import periodoversikt

    vald = period or periodoversikt(projekt).senaste()
    mappar = [projekt.rapporter, *mallmappar(projekt, vald)]
    return list(dict.fromkeys(m.resolve() for m in mappar))
