"""Carries out a build plan: HTML in this process, PDFs on the worker pool, atomic writes, and
the cache recorded as each document is in place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, as_completed
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.bygg.enhet import arkivformat, html_for_enhet, projektets_mallar, word_mall
from kvalitet.bygg.minne import Byggminne, miljo_for
from kvalitet.bygg.plan import FORMAT, Byggplan, Ogonblick, las_ogonblick, planera
from kvalitet.bygg.sammanstallningen import (
    PaborjadSammanstallning,
    Sammanstallningsresultat,
    bygg_sammanstallning,
    slutfor_sammanstallning,
    starta_sammanstallning,
)
from kvalitet.bygg.utkatalog import byggas, forbered_ut
from kvalitet.grund.problem import DataFel, KvalitetError, Problem, visningsnamn
from kvalitet.grund.skrivning import skriv_atomiskt, skrivfel_pa_svenska
from kvalitet.kalla.projekt import Projekt

if TYPE_CHECKING:
    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.kontroll.period import Periodlage

__all__ = ["FORMAT", "Bygge", "Enhetsresultat", "bara_sammanstallning", "bygg", "utfor"]


@dataclass
class Enhetsresultat:
    """What a build did for one unit."""

    id: str
    fil: Path
    problem: list[Problem] = field(default_factory=list)
    skrivna: list[Path] = field(default_factory=list)
    sidor: int | None = None
    fel: str | None = None
    varningar: list[str] = field(default_factory=list)
    oforandrad: bool = False

    @property
    def ok(self) -> bool:
        return self.fel is None


@dataclass
class Bygge:
    """What one build did: every unit, and the sammanställning when it was built."""

    enheter: list[Enhetsresultat] = field(default_factory=list)
    sammanstallning: Sammanstallningsresultat | None = None
    problem: list[Problem] | None = None
    """The problems of the files the build validated, as 'kvalitet kontrollera' reports them for
    the same choice: the whole period (the huvudman file, its report checked against the units,
    every unit) when the sammanställning is built, else the huvudman file and the units built."""

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.enheter) and (
            self.sammanstallning is None or self.sammanstallning.lyckad
        )


def bygg(
    projekt: Projekt,
    ut: Path,
    format: Iterable[str] = FORMAT,
    enheter: Iterable[str] | None = None,
    rapportera: Callable[[Enhetsresultat], None] | None = None,
    period: str | None = None,
    sammanstallning: bool | None = None,
    jobb: int = 1,
    alla: bool = False,
    borjar: Callable[[int], None] | None = None,
    minne: Byggminne | None = None,
    pdf: str | None = None,
) -> Bygge:
    """Plan the build (``kvalitet.bygg.plan``), then carry it out: the units whose inputs
    changed (every unit with ``alla``), then the period's sammanställning when any unit changed
    (not when only some units are asked for).

    PDFs are rendered in ``jobb`` worker processes. A unit that fails keeps its last good
    output and does not stop the others. When nothing changed nothing is written, nothing is
    validated and WeasyPrint is not imported. ``borjar`` is told how many units will be built.
    A long-running process passes its ``minne`` (warm workers, validated files, compiled
    templates) to every build; ``jobb`` is then the workshop's. ``pdf`` ("standard" or
    "arkiv") goes before the huvudman's ``inställningar.pdf``.
    """
    format = tuple(format)
    with skrivfel_pa_svenska(ut):
        forbered_ut(projekt, ut)
        with byggas(ut) as tmpmapp:
            ogonblick = las_ogonblick(projekt, ut, period, format, pdf)
            arbetare = minne.verkstad.jobb if minne else jobb if "pdf" in format else 1
            plan = planera(ogonblick, enheter, alla, sammanstallning, arbetare)
            if borjar:
                borjar(len(plan.att_bygga))
            return utfor(plan, ogonblick, tmpmapp, rapportera, jobb, minne)


def utfor(
    plan: Byggplan,
    ogonblick: Ogonblick,
    tmpmapp: Path,
    rapportera: Callable[[Enhetsresultat], None] | None = None,
    jobb: int = 1,
    minne: Byggminne | None = None,
) -> Bygge:
    """Carry out ``plan``; the caller holds the output folder's lock (``utkatalog.byggas``)."""
    bygge = Bygge(
        [
            Enhetsresultat(d.namn, d.fil, oforandrad=True)  # type: ignore[arg-type]
            for d in plan.enheter
            if not d.bygg
        ]
    )
    if plan.tom:
        return bygge
    from kvalitet.bygg.verkstad import PdfVerkstad

    if minne is not None:
        minne.mallar_andrade(plan.globalt)
    verkstad: AbstractContextManager[PdfVerkstad] = (
        nullcontext(minne.verkstad)
        if minne is not None
        else PdfVerkstad(jobb if "pdf" in plan.format else 1)
    )
    with verkstad as pdfverkstad:
        # the workers import WeasyPrint while this process validates and writes HTML (a
        # workshop kept between builds gets all its workers: later builds may need them)
        pdfverkstad.starta(
            len(plan.att_bygga) + plan.bygger_sammanstallning if minne is None else None
        )
        korning = _Korning(plan, ogonblick, tmpmapp, pdfverkstad, minne, rapportera)
        bygge.enheter += korning.kor()
        bygge.sammanstallning = korning.slutfor_sammanstallning()
        bygge.problem = korning.periodproblem
    ordning = {d.namn: i for i, d in enumerate(plan.enheter)}
    bygge.enheter.sort(key=lambda r: ordning.get(r.id, len(ordning)))
    return bygge


class _Korning:
    """One execution of a plan: what every step needs, held in one place."""

    def __init__(
        self,
        plan: Byggplan,
        ogonblick: Ogonblick,
        tmpmapp: Path,
        verkstad: PdfVerkstad,
        minne: Byggminne | None,
        rapportera: Callable[[Enhetsresultat], None] | None,
    ) -> None:
        self.plan = plan
        self.projekt = ogonblick.projekt
        self.ut = ogonblick.ut
        self.cache = ogonblick.cache
        self.tmpmapp = tmpmapp
        self.verkstad = verkstad
        self.minne = minne
        self.rapportera = rapportera
        self.validering = minne.validering if minne is not None else None
        self.dokument = {d.namn: d for d in plan.enheter}
        self.resultat: list[Enhetsresultat] = []
        self.sammanstallning: PaborjadSammanstallning | None = None
        self.periodproblem: list[Problem] | None = None

    def kor(self) -> list[Enhetsresultat]:
        """The units of the plan, with the sammanställning started at its place in the order."""
        plan = self.plan
        andrade = [d.namn for d in plan.att_bygga]
        if plan.sammanstallning_forst:
            hela = self._las()
            self._starta_sammanstallning(hela)
            lage = replace(hela, enheter=[k for k in hela.enheter if k.id in set(andrade)])
            self._invanta(self._skicka_enheter(lage))
        elif andrade:
            vantande = self._skicka_enheter(self._las(andrade))
            if plan.bygger_sammanstallning:
                self._starta_sammanstallning()
            self._invanta(vantande)
        elif plan.bygger_sammanstallning:
            self._starta_sammanstallning()
        return self.resultat

    def _las(self, enheter: list[str] | None = None) -> Periodlage:
        from kvalitet.kontroll.period import las_period

        return las_period(self.projekt, self.plan.period, enheter, minne=self.validering)

    def _starta_sammanstallning(self, lage: Periodlage | None = None) -> None:
        from kvalitet.sammanstallning.avstamning import avstam_perioden

        lage = lage or self._las()
        lage.rapportproblem += avstam_perioden(lage)
        self.periodproblem = lage.problem
        self.sammanstallning = starta_sammanstallning(
            self.projekt,
            lage,
            self.ut,
            self.tmpmapp,
            self.plan.format,
            miljo_for(self.minne, projektets_mallar(self.projekt, lage)),
            self.verkstad,
            self.cache,
            self.validering,
            # in a long-running build the edited unit's PDF comes first: the sammanställning's
            # PDF does not compete with it for the processors
            pdf_sist=self.minne is not None and not self.plan.sammanstallning_forst,
            pdf=self.plan.pdf,
        )

    def _skicka_enheter(self, lage: Periodlage) -> dict[Future, Enhetsresultat]:
        """Render each unit's HTML, write it, and hand its PDF to the workshop."""
        from kvalitet.rendera.miljo import kontrollera_mallar

        if self.periodproblem is None:  # the whole period's, when read first, stand
            self.periodproblem = lage.problem
        mallar = projektets_mallar(self.projekt, lage)
        miljo = miljo_for(self.minne, mallar)
        if mallfel := kontrollera_mallar(mallar, miljo):
            raise DataFel(mallfel)
        vantande: dict[Future, Enhetsresultat] = {}
        arkiv = arkivformat(self.plan.pdf, lage)
        for kontroll in lage.enheter:
            res = Enhetsresultat(kontroll.id, kontroll.fil, kontroll.problem)
            if not lage.huvudman_ok:
                namn = visningsnamn(lage.huvudmannafil) if lage.huvudmannafil else "huvudmannafilen"
                res.fel = f"huvudmannafilen {namn} har fel"
            elif not kontroll.ok or kontroll.rapport is None:
                res.fel = f"{sum(p.ar_fel for p in kontroll.problem)} fel i källfilen"
            else:
                try:
                    html = html_for_enhet(self.projekt, lage, kontroll, miljo)
                    if "html" in self.plan.format:
                        mal = self.ut / f"{kontroll.id}.html"
                        skriv_atomiskt(mal, html.encode("utf-8"), self.tmpmapp)
                        res.skrivna.append(mal)
                    if "docx" in self.plan.format:
                        from kvalitet.bygg.docx import skriv_docx

                        mal = self.ut / f"{kontroll.id}.docx"
                        word = skriv_docx(html, word_mall(lage))
                        skriv_atomiskt(mal, word.data, self.tmpmapp)
                        res.skrivna.append(mal)
                    if "pdf" in self.plan.format:
                        framtid = self.verkstad.skicka(
                            kontroll.id, html, self.projekt.rot, kontroll.fil.parent, arkiv
                        )
                        vantande[framtid] = res
                        continue
                except KvalitetError as exc:
                    res.fel = exc.format_message()
            self._klar(res)
        return vantande

    def _invanta(self, vantande: dict[Future, Enhetsresultat]) -> None:
        """Write each unit's PDF as it finishes."""
        for framtid in as_completed(vantande):
            res = vantande[framtid]
            _, pdf, fel = self.verkstad.utfall(framtid)
            if fel:
                res.fel = fel
            else:
                mal = self.ut / f"{res.id}.pdf"
                skriv_atomiskt(mal, pdf.data, self.tmpmapp)
                res.skrivna.append(mal)
                res.sidor = pdf.sidor
                res.varningar.extend(pdf.varningar)
            self._klar(res)

    def _klar(self, res: Enhetsresultat) -> None:
        dokument = self.dokument.get(res.id)
        if res.ok and dokument is not None:
            self.cache.notera(res.id, dokument.avtryck, res.skrivna, dict(dokument.delar))
        self.resultat.append(res)
        if self.rapportera:
            self.rapportera(res)

    def slutfor_sammanstallning(self) -> Sammanstallningsresultat | None:
        """Wait for the sammanställning's PDF, write it, and record it in the cache."""
        if self.sammanstallning is None or self.plan.sammanstallning is None:
            return None
        resultat = slutfor_sammanstallning(self.sammanstallning, self.ut, self.tmpmapp)
        if resultat.lyckad:
            self.cache.sammanstallning = self.plan.sammanstallning.avtryck
            self.cache.sammanstallningens_delar = dict(self.plan.sammanstallning.delar)
            self.cache.sammanstallningens_innehall = self.sammanstallning.innehall
            self.cache.spara()
        return resultat


def bara_sammanstallning(
    projekt: Projekt,
    ut: Path,
    format: Iterable[str] = FORMAT,
    period: str | None = None,
    pdf: str | None = None,
) -> Sammanstallningsresultat:
    """Build only the period's sammanställning (``kvalitet sammanstall``)."""
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import kontrollera_mallar, skapa_miljo

    with skrivfel_pa_svenska(ut):
        forbered_ut(projekt, ut)
        with byggas(ut) as tmpmapp:
            lage = las_period(projekt, period)
            if lage.period is None:
                raise KvalitetError("projektet har inga rapporter att sammanställa")
            mallar = projektets_mallar(projekt, lage)
            miljo = skapa_miljo(mallar)
            if mallfel := kontrollera_mallar(mallar, miljo):
                raise DataFel(mallfel)
            return bygg_sammanstallning(projekt, lage, ut, tmpmapp, tuple(format), miljo, pdf=pdf)
