"""What a build will do, and why: the project read once into a snapshot, and a plan made from it.

``las_ogonblick`` reads the project once (which files belong to the period, the fingerprint of
every input, the last build's cache). ``planera`` is a pure function of that snapshot: which
documents are stale and which input made them so, which are unchanged, and in which order they
are rendered. ``kvalitet bygg --plan`` prints the plan without building; ``kvalitet.bygg.utfor``
carries it out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kvalitet.bygg.avtryck import (
    ENHETENS_DELAR,
    GLOBALA_DELAR,
    enhetens_delar,
    globala_delar,
    mallmappar,
    sammanfatta,
)
from kvalitet.bygg.cache import Cache
from kvalitet.kalla.oversikt import periodoversikt
from kvalitet.kalla.projekt import Projekt

FORMAT = ("html", "pdf")
SAMMANSTALLNING = "sammanstallning"
SAMMANSTALLNINGENS_TYPER = ("csv", "xlsx")
HUVUDMANNENS_RAPPORT = "huvudmannens-rapport"
"""The huvudman's own report: KATALOG/huvudmannens-rapport.html and .pdf, built with the
sammanställning."""
RAPPORTDELEN = {"huvudmannens_rapport": "huvudmannens rapport (huvudmannens-rapport.yaml)"}


@dataclass(frozen=True)
class Ogonblick:
    """The project as one build sees it, read once. The cache is read here and written only by
    the executor, after the plan is made."""

    projekt: Projekt
    ut: Path
    period: str | None
    format: tuple[str, ...]
    filer: tuple[Path, ...]
    """The period's unit files, in the order reports are listed."""
    globala: Mapping[str, str]
    """The fingerprint of each input every unit shares (``avtryck.GLOBALA_DELAR``)."""
    enheternas: Mapping[Path, Mapping[str, str]]
    """The fingerprint of each unit's own inputs (``avtryck.ENHETENS_DELAR``)."""
    cache: Cache
    utdata: Mapping[str, bool]
    """Which of the sammanställning's output files exist."""
    pdf: str | None = None
    """``--pdf`` on the command line ("standard" or "arkiv"); None: the huvudman's setting."""
    huvudmannens: str | None = None
    """The fingerprint of the huvudman's own report and every period's plan (its målvärden),
    or None when the period has no report."""


def _huvudmannens_avtryck(projekt: Projekt, period: str | None) -> str | None:
    fil = projekt.huvudmannarapport(period) if period else None
    if fil is None:
        return None
    hash_ = hashlib.sha256(fil.read_bytes())
    for p, plan in sorted(projekt.huvudmannafiler().items()):
        hash_.update(f"|{p}|".encode() + plan.read_bytes())
    return hash_.hexdigest()


def las_ogonblick(
    projekt: Projekt,
    ut: Path,
    period: str | None = None,
    format: Iterable[str] = FORMAT,
    pdf: str | None = None,
) -> Ogonblick:
    """Read what a plan needs: no YAML is validated and nothing heavy is imported."""
    format = tuple(format)
    oversikt = periodoversikt(projekt)
    vald = period or oversikt.senaste()
    filer = tuple(oversikt.filer(vald))
    huvudmannens = _huvudmannens_avtryck(projekt, vald)
    typer = (*format, *SAMMANSTALLNINGENS_TYPER)
    utdata = {typ: (ut / f"{SAMMANSTALLNING}.{typ}").exists() for typ in typer}
    if huvudmannens is not None:
        utdata |= {
            f"rapport.{typ}": (ut / f"{HUVUDMANNENS_RAPPORT}.{typ}").exists() for typ in format
        }
    return Ogonblick(
        projekt=projekt,
        ut=ut,
        period=vald,
        format=format,
        filer=filer,
        # the PDF variant asked for on the command line is an input like the formats
        globala=globala_delar(
            projekt, mallmappar(projekt, vald), vald, (*format, f"pdf={pdf}") if pdf else format
        ),
        enheternas={f: enhetens_delar(projekt, f) for f in filer},
        cache=Cache.las(ut),
        utdata=utdata,
        pdf=pdf,
        huvudmannens=huvudmannens,
    )


@dataclass(frozen=True)
class Dokumentplan:
    """One document of the plan: a unit's report or the sammanställning."""

    namn: str
    """The unit's id, or ``sammanstallning``."""
    fil: Path | None
    """The unit's YAML file (None for the sammanställning)."""
    bygg: bool
    skal: tuple[str, ...]
    """Why it is built, in Swedish; empty when it is unchanged."""
    avtryck: str
    delar: Mapping[str, str]


@dataclass(frozen=True)
class Byggplan:
    """What one build does, as plain data."""

    period: str | None
    format: tuple[str, ...]
    enheter: tuple[Dokumentplan, ...]
    """The chosen units, in the order reports are listed."""
    sammanstallning: Dokumentplan | None
    """None when the build does not include it (only some units asked for, or no period)."""
    sammanstallning_forst: bool
    """Many units: the sammanställning, the longest document, is rendered first. A few units:
    they go first, and the sammanställning is put together while their PDFs render."""
    globalt: str
    """The fingerprint of what every unit shares (templates, settings, files)."""
    pdf: str | None = None
    """``--pdf`` from the command line; None: the huvudman's ``inställningar.pdf``."""

    @property
    def att_bygga(self) -> tuple[Dokumentplan, ...]:
        return tuple(d for d in self.enheter if d.bygg)

    @property
    def bygger_sammanstallning(self) -> bool:
        return self.sammanstallning is not None and self.sammanstallning.bygg

    @property
    def tom(self) -> bool:
        return not self.att_bygga and not self.bygger_sammanstallning


def _andrade(nu: Mapping[str, str], forra: Mapping[str, str], ord: Mapping[str, str]) -> list[str]:
    return [f"{ord[namn]} har ändrats" for namn in ord if nu.get(namn) != forra.get(namn)]


def _enhetens_plan(ogonblick: Ogonblick, fil: Path, alla: bool) -> Dokumentplan:
    cache = ogonblick.cache
    delar = {**ogonblick.globala, **ogonblick.enheternas[fil]}
    avtryck = sammanfatta(ogonblick.globala, ogonblick.enheternas[fil])
    forra = cache.delar(fil.stem)
    skal: list[str] = []
    if alla:
        skal.append("--alla: allt byggs om")
    elif fil.stem not in cache.enheter:
        skal.append("inte byggd förut i den här utkatalogen")
    elif not cache.aktuell(fil.stem, avtryck, ogonblick.ut):
        if forra is None:
            skal.append("byggd av en äldre kvalitet som inte sparade vad som ändrats")
        else:
            skal += _andrade(delar, forra, {**GLOBALA_DELAR, **ENHETENS_DELAR})
        if not skal:
            skal.append("en utfil saknas eller har ändrats i utkatalogen")
    return Dokumentplan(fil.stem, fil, bool(skal), tuple(skal), avtryck, delar)


def _sammanstallningens_plan(
    ogonblick: Ogonblick, enheter: Mapping[str, str], alla: bool
) -> Dokumentplan:
    cache = ogonblick.cache
    delar = {**ogonblick.globala, **{f"enhet:{k}": v for k, v in enheter.items()}}
    if ogonblick.huvudmannens is not None:
        delar["huvudmannens_rapport"] = ogonblick.huvudmannens
    avtryck = sammanfatta(delar)
    forra = cache.sammanstallningens_delar
    skal: list[str] = []
    if alla:
        skal.append("--alla: allt byggs om")
    elif cache.sammanstallning is None:
        skal.append("inte byggd förut i den här utkatalogen")
    elif cache.sammanstallning != avtryck:
        skal += _andrade(delar, forra, {**GLOBALA_DELAR, **RAPPORTDELEN}) if forra else []
        nya = sorted(k for k in enheter if f"enhet:{k}" not in forra)
        borta = sorted(k[6:] for k in forra if k.startswith("enhet:") and k[6:] not in enheter)
        andrade = sorted(
            k for k in enheter if f"enhet:{k}" in forra and forra[f"enhet:{k}"] != enheter[k]
        )
        if forra and nya:
            skal.append("nya enheter: " + ", ".join(nya))
        if borta:
            skal.append("enheter som inte längre finns: " + ", ".join(borta))
        if andrade and not skal:  # a shared input explains the units' changes
            skal.append("enheter som har ändrats: " + ", ".join(andrade))
        if not skal:
            skal.append("byggd av en äldre kvalitet som inte sparade vad som ändrats")
    elif not all(ogonblick.utdata.values()):
        skal.append("en utfil saknas i utkatalogen")
    return Dokumentplan(SAMMANSTALLNING, None, bool(skal), tuple(skal), avtryck, delar)


def planera(
    ogonblick: Ogonblick,
    enheter: Iterable[str] | None = None,
    alla: bool = False,
    sammanstallning: bool | None = None,
    jobb: int = 1,
) -> Byggplan:
    """The plan for a build: every chosen unit (all when ``enheter`` is empty), built or left as
    it is, and the sammanställning when the build includes it (by default only when no units
    are chosen). ``jobb`` is the number of PDF workers; it decides the order."""
    valda = set(enheter) if enheter else None
    if sammanstallning is None:
        sammanstallning = valda is None
    planer = tuple(
        _enhetens_plan(ogonblick, f, alla)
        for f in ogonblick.filer
        if valda is None or f.stem in valda
    )
    sam = None
    if sammanstallning and ogonblick.period:
        alla_enheter = {
            f.stem: sammanfatta(ogonblick.globala, ogonblick.enheternas[f]) for f in ogonblick.filer
        }
        sam = _sammanstallningens_plan(ogonblick, alla_enheter, alla)
    antal = sum(d.bygg for d in planer)
    return Byggplan(
        period=ogonblick.period,
        format=ogonblick.format,
        enheter=planer,
        sammanstallning=sam,
        sammanstallning_forst=sam is not None and sam.bygg and antal > jobb,
        globalt=sammanfatta(ogonblick.globala),
        pdf=ogonblick.pdf,
    )


def _sammanstallningens_namn(d: Dokumentplan) -> str:
    if "huvudmannens_rapport" in d.delar:
        return "sammanställningen och huvudmannens rapport"
    return "sammanställningen"


def beskriv(plan: Byggplan, ut: str) -> list[str]:
    """The plan in Swedish, a line per document (``kvalitet bygg --plan``)."""
    if plan.period is None:
        return ["Projektet har inga rapporter att bygga."]
    rader = [f"Plan för {plan.period} ({', '.join(plan.format)}) till {ut}:"]
    dokument = [*plan.enheter, *([plan.sammanstallning] if plan.sammanstallning else [])]
    bredd = max((len(d.namn) for d in dokument), default=0)
    for d in dokument:
        namn = d.namn if d.fil is not None else _sammanstallningens_namn(d)
        if d.bygg:
            rader.append(f"  byggs       {namn:<{bredd}}  {'; '.join(d.skal)}")
        else:
            rader.append(f"  oförändrad  {namn}")
    antal = len(plan.att_bygga)
    if plan.tom:
        rader.append("Inget har ändrats sedan förra bygget; ingenting byggs.")
    else:
        delar = [
            f"{antal} av {len(plan.enheter)} {'rapport' if len(plan.enheter) == 1 else 'rapporter'}"
        ]
        if plan.bygger_sammanstallning:
            delar.append(_sammanstallningens_namn(plan.sammanstallning))  # type: ignore[arg-type]
        ordning = (
            "sammanställningen först (den tar längst tid), sedan enheterna"
            if plan.sammanstallning_forst
            else "enheterna först; sammanställningen medan deras PDF:er görs"
            if plan.bygger_sammanstallning and antal and "pdf" in plan.format
            else None
        )
        rader.append(
            "Byggs: " + " och ".join(delar) + "." + (f" Ordning: {ordning}." if ordning else "")
        )
        if plan.bygger_sammanstallning:
            rader.append("Sammanställningen skrivs bara om när det den visar har ändrats.")
    return rader
