"""Drives load → validate → resolve → render → pdf → write for every unit of a project."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.grund.problem import DataFel, KvalitetError, Problem, visningsnamn
from kvalitet.grund.skrivning import skriv_atomiskt
from kvalitet.kalla.las import SNABB_LADDARE
from kvalitet.kalla.projekt import Projekt

if TYPE_CHECKING:
    import jinja2

    from kvalitet.bygg.cache import Cache
    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.kontroll.period import Enhetskontroll, Periodlage, Valideringsminne
    from kvalitet.modell import Enhetsrapport

FORMAT = ("html", "pdf")


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


def kontrollera_enhetsval(projekt: Projekt, enheter: Iterable[str]) -> str | None:
    """The first unit id that does not exist, with a suggestion; None when all exist."""
    kanda = [f.stem for f in projekt.enhetsfiler()]
    for enhet in enheter:
        if enhet not in kanda:
            from kvalitet.kontroll.modellfel import menade_du

            forslag = menade_du(enhet, kanda)
            tips = f"menade du '{forslag}'?" if forslag else "kända enheter: " + ", ".join(kanda)
            return f"enheten '{enhet}' finns inte i rapporter/ ({tips})"
    return None


def utkatalog(projekt: Projekt, ut: Path | None) -> Path:
    """The output folder; it must not be, or lie inside, the sources."""
    katalog = (ut if ut is not None else projekt.rot / "ut").resolve()
    skyddade = {
        projekt.rot.resolve(): "projektmappen",
        projekt.rapporter.resolve(): "rapporter/",
        projekt.mallar.resolve(): "mallar/",
    }
    for skyddad, namn in skyddade.items():
        if katalog == skyddad or (namn != "projektmappen" and katalog.is_relative_to(skyddad)):
            raise KvalitetError(
                f"utkatalogen '{katalog}' är {namn} eller ligger i den; resultatet skulle blandas "
                "med källfilerna (välj en egen mapp, t.ex. '--ut ut')"
            )
    return katalog


ARBETSMAPP = ".kvalitet"


@contextmanager
def byggas(ut: Path) -> Iterator[Path]:
    """Hold the output folder's lock for one build; yields the folder for temporary files.

    A second build on the same folder is refused with a clear message. The lock is released by
    the operating system if the process dies, and temporary files left by a killed build are
    removed here before the next build starts."""
    arbete = ut / ARBETSMAPP
    tmpmapp = arbete / "tmp"
    tmpmapp.mkdir(parents=True, exist_ok=True)
    fd = os.open(arbete / "las", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _las(fd):
            raise KvalitetError(
                f"en annan 'kvalitet bygg' skriver redan till {ut} (vänta tills den är klar, "
                "eller bygg till en annan mapp med --ut)"
            )
        for gammal in tmpmapp.glob("*.tmp"):
            gammal.unlink(missing_ok=True)
        yield tmpmapp
    finally:
        os.close(fd)


def _las(fd: int) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False if someone else holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@dataclass
class Bygge:
    """What one build did: every unit, and the sammanställning when it was built."""

    enheter: list[Enhetsresultat] = field(default_factory=list)
    sammanstallning: Sammanstallningsresultat | None = None

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.enheter) and (
            self.sammanstallning is None or self.sammanstallning.fel is None
        )


def _forbered_ut(projekt: Projekt, ut: Path) -> None:
    ny_katalog = not ut.exists()
    ut.mkdir(parents=True, exist_ok=True)
    if ny_katalog and ut == (projekt.rot / "ut").resolve():
        (ut / ".gitignore").write_text("# Byggda rapporter; skapas av kvalitet bygg.\n*\n")


def _mallmappar(projekt: Projekt, period: str | None) -> list[Path]:
    """Every folder templates are read from, without validating the huvudman file."""
    from kvalitet.kalla.projekt import inbyggda_mallar

    mappar = [inbyggda_mallar(), projekt.mallar]
    hfil = projekt.huvudmannafil(period) if period else None
    if hfil is not None:
        try:
            import yaml

            data = yaml.load(hfil.read_text(encoding="utf-8-sig"), Loader=SNABB_LADDARE)
            mapp = (data.get("inställningar") or {}).get("mallmapp")
            if isinstance(mapp, str):
                mappar.append(projekt.rot / mapp)
        except (OSError, ValueError, AttributeError, yaml.YAMLError):
            pass
    return mappar


@dataclass
class Byggminne:
    """What a long-running process (``kvalitet bygg --bevaka``) keeps between builds: the PDF
    workshop with its warm workers, the validated files and the compiled templates."""

    verkstad: PdfVerkstad
    validering: Valideringsminne = field(default_factory=lambda: _valideringsminne())
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
        miljo = _miljo(self, projektets_mallar(projekt, lage))
        for mall in ("rapport.html.j2", "sammanstallning.html.j2"):
            with suppress(jinja2.TemplateError):  # reported by the build that uses it
                miljo.get_template(mall)
        # one report through every step loads what the steps use (Markdown, charts ...)
        forsta = next((k for k in lage.enheter if k.ok), None)
        if forsta is not None and lage.huvudman_ok:
            with suppress(KvalitetError, jinja2.TemplateError):
                html_for_enhet(projekt, lage, forsta, miljo)


def _valideringsminne() -> Valideringsminne:
    from kvalitet.kontroll.period import Valideringsminne

    return Valideringsminne()


def _miljo(minne: Byggminne | None, mallar: Path) -> jinja2.Environment:
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
    mappar = [projekt.rapporter, *_mallmappar(projekt, vald)]
    return list(dict.fromkeys(m.resolve() for m in mappar))


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
) -> Bygge:
    """Build the units whose inputs changed (every unit with ``alla``), then the period's
    sammanställning when any unit changed (not when only some units are asked for).

    PDFs are rendered in ``jobb`` worker processes. A unit that fails keeps its last good
    output and does not stop the others. When nothing changed nothing is written, nothing is
    validated and WeasyPrint is not imported. ``borjar`` is told how many units will be built.
    A long-running process passes its ``minne`` (warm workers, validated files, compiled
    templates) to every build; ``jobb`` is then the workshop's.
    """
    import hashlib

    from kvalitet.bygg.cache import Cache, enhetens_fingeravtryck, globalt_fingeravtryck
    from kvalitet.kalla.oversikt import periodoversikt

    format = tuple(format)
    _forbered_ut(projekt, ut)
    if sammanstallning is None:
        sammanstallning = not enheter
    valda = set(enheter) if enheter else None
    with byggas(ut) as tmpmapp:
        oversikt = periodoversikt(projekt)
        vald = period or oversikt.senaste()
        periodens = oversikt.filer(vald)
        globalt = globalt_fingeravtryck(projekt, _mallmappar(projekt, vald), vald, format)
        avtryck = {f: enhetens_fingeravtryck(projekt, globalt, f) for f in periodens}
        cache = Cache.las(ut)
        filer = [f for f in periodens if valda is None or f.stem in valda]
        andrade = [f for f in filer if alla or not cache.aktuell(f.stem, avtryck[f], ut)]
        sam_avtryck = hashlib.sha256(
            (globalt + "".join(sorted(avtryck.values()))).encode()
        ).hexdigest()
        sam_filer = [ut / f"{SAMMANSTALLNING}.{typ}" for typ in (*format, "csv", "xlsx")]
        bygg_sam = bool(sammanstallning and vald) and (
            alla or cache.sammanstallning != sam_avtryck or not all(f.exists() for f in sam_filer)
        )
        bygge = Bygge(
            [Enhetsresultat(f.stem, f, oforandrad=True) for f in filer if f not in andrade]
        )
        if borjar:
            borjar(len(andrade))
        if not andrade and not bygg_sam:
            return bygge

        from contextlib import nullcontext

        from kvalitet.bygg.verkstad import PdfVerkstad

        if minne is not None:
            minne.mallar_andrade(globalt)
        with (
            nullcontext(minne.verkstad)
            if minne is not None
            else PdfVerkstad(jobb if "pdf" in format else 1)
        ) as verkstad:
            # the workers import WeasyPrint while this process validates and writes HTML
            # (a workshop kept between builds gets all its workers: later builds may need them)
            verkstad.starta(len(andrade) + bygg_sam if minne is None else None)
            from kvalitet.kontroll.period import las_period

            validering = minne.validering if minne is not None else None
            paborjad: _PaborjadSammanstallning | None = None

            def starta_sam(hela: Periodlage | None = None) -> Periodlage:
                nonlocal paborjad
                hela = hela or las_period(projekt, vald, minne=validering)
                paborjad = starta_sammanstallning(
                    projekt,
                    hela,
                    ut,
                    tmpmapp,
                    format,
                    _miljo(minne, projektets_mallar(projekt, hela)),
                    verkstad,
                    cache,
                    validering,
                    # in a long-running build the edited unit's PDF comes first: the
                    # sammanställning's PDF does not compete with it for the processors
                    pdf_sist=minne is not None and not sam_forst,
                )
                return hela

            # Many units: the sammanställning, the longest document, is rendered first. A few
            # units: they go first, and the sammanställning is put together while they render.
            sam_forst = bygg_sam and len(andrade) > verkstad.jobb
            if sam_forst:
                namn = {f.stem for f in andrade}
                hela = starta_sam()
                lage = replace(hela, enheter=[k for k in hela.enheter if k.id in namn])
            elif andrade:
                lage = las_period(projekt, vald, [f.stem for f in andrade], minne=validering)
            if andrade:
                bygge.enheter += _bygg_enheter(
                    projekt,
                    lage,
                    ut,
                    tmpmapp,
                    format,
                    rapportera,
                    verkstad,
                    cache,
                    avtryck,
                    medan_pdf=starta_sam if bygg_sam and not sam_forst else None,
                    miljo=_miljo(minne, projektets_mallar(projekt, lage)),
                )
            elif bygg_sam and not sam_forst:
                starta_sam()
            if paborjad is not None:
                bygge.sammanstallning = slutfor_sammanstallning(paborjad, ut, tmpmapp)
                if bygge.sammanstallning.fel is None:
                    cache.sammanstallning = sam_avtryck
                    cache.sammanstallningens_innehall = paborjad.innehall
                    cache.spara()
        ordning = {f.stem: i for i, f in enumerate(filer)}
        bygge.enheter.sort(key=lambda r: ordning.get(r.id, len(ordning)))
        return bygge


def bara_sammanstallning(
    projekt: Projekt, ut: Path, format: Iterable[str] = FORMAT, period: str | None = None
) -> Sammanstallningsresultat:
    """Build only the period's sammanställning (``kvalitet sammanstall``)."""
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import kontrollera_mallar, skapa_miljo

    _forbered_ut(projekt, ut)
    with byggas(ut) as tmpmapp:
        lage = las_period(projekt, period)
        if lage.period is None:
            raise KvalitetError("projektet har inga rapporter att sammanställa")
        mallar = projektets_mallar(projekt, lage)
        miljo = skapa_miljo(mallar)
        if mallfel := kontrollera_mallar(mallar, miljo):
            raise DataFel(mallfel)
        return bygg_sammanstallning(projekt, lage, ut, tmpmapp, tuple(format), miljo)


def projektets_mallar(projekt: Projekt, lage: Periodlage) -> Path:
    """The project's own template folder: the huvudman's ``mallmapp``, else ``mallar/``."""
    if lage.huvudman and lage.huvudman.installningar.mallmapp:
        return projekt.rot / lage.huvudman.installningar.mallmapp
    return projekt.mallar


def html_for_enhet(
    projekt: Projekt, lage: Periodlage, kontroll: Enhetskontroll, miljo: jinja2.Environment
) -> str:
    """Resolve one validated unit with its period's huvudman file and history, and render it."""
    from kvalitet.berika.vy import las_upp
    from kvalitet.rendera.miljo import rendera_html, valj_mall

    assert kontroll.rapport is not None
    vy = las_upp(
        kontroll.id,
        kontroll.rapport,
        kontroll.fil,
        projekt.rot,
        lage.huvudman,
        lage.huvudmannafil,
        lage.historik.get(kontroll.id, {}),
    )
    mall = valj_mall(miljo, lage.huvudman, kontroll.rapport.skolform)
    return rendera_html(vy, miljo, mall)


SAMMANSTALLNING = "sammanstallning"


@dataclass
class Sammanstallningsresultat:
    skrivna: list[Path] = field(default_factory=list)
    sidor: int | None = None
    fel: str | None = None
    varningar: list[str] = field(default_factory=list)
    oforandrad: bool = False


def sammanstallning_for(  # type: ignore[no-untyped-def]
    projekt: Projekt, lage: Periodlage, validering: Valideringsminne | None = None
):
    """The period's sammanställning (kvalitet.sammanstallning.sammanstall), from the units that validate."""
    from kvalitet.kalla.projekt import periodnyckel
    from kvalitet.kontroll.period import las_period
    from kvalitet.sammanstallning.sammanstall import sammanstall

    assert lage.period is not None
    tidigare = [p for p in lage.perioder if periodnyckel(p) < periodnyckel(lage.period)]
    forra_period = tidigare[-1] if tidigare else None
    forra: dict[str, Enhetsrapport] = {}
    if forra_period:
        forra = {
            k.id: k.rapport
            for k in las_period(projekt, forra_period, minne=validering).enheter
            if k.rapport
        }
    giltiga = [(k.id, k.rapport) for k in lage.enheter if k.ok and k.rapport is not None]
    resultat = sammanstall(lage.period, lage.huvudman, giltiga, forra, forra_period)
    resultat.felaktiga = sorted(k.id for k in lage.enheter if not k.ok)
    return resultat


def bygg_sammanstallning(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    miljo: jinja2.Environment,
    verkstad: PdfVerkstad | None = None,
) -> Sammanstallningsresultat:
    """Write KATALOG/sammanstallning.html, .pdf, .csv and .xlsx for the period."""
    return slutfor_sammanstallning(
        starta_sammanstallning(projekt, lage, ut, tmpmapp, format, miljo, verkstad), ut, tmpmapp
    )


@dataclass
class _PaborjadSammanstallning:
    resultat: Sammanstallningsresultat
    pdf: Future | None = None
    innehall: str | None = None
    vantande_pdf: Callable[[], Future] | None = None
    """The PDF, handed to the workshop only when the units' PDFs are done (``--bevaka``)."""


def starta_sammanstallning(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    miljo: jinja2.Environment,
    verkstad: PdfVerkstad | None = None,
    cache: Cache | None = None,
    validering: Valideringsminne | None = None,
    pdf_sist: bool = False,
) -> _PaborjadSammanstallning:
    """Write the HTML, CSV and XLSX and hand the PDF to the workshop, so that it renders while
    the units' PDFs do (it is the longest document: it is sent first).

    With a ``cache``, nothing is written when the sammanställning's content is the same as in
    the last build (a unit changed in a way the sammanställning does not show, e.g. a comment
    or a text it does not quote): its PDF is the slowest document to render."""
    import hashlib
    from functools import partial

    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.rendera.miljo import rendera_sammanstallning
    from kvalitet.sammanstallning.export import csv_bytes, xlsx_bytes

    paborjad = _PaborjadSammanstallning(Sammanstallningsresultat())
    res = paborjad.resultat
    if not lage.huvudman_ok:
        res.fel = "huvudmannafilen har fel"
        return paborjad
    try:
        data = sammanstallning_for(projekt, lage, validering)
        pdf_html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank="")
        csv = csv_bytes(data)
        paborjad.innehall = hashlib.sha256(
            "|".join(format).encode() + pdf_html.encode("utf-8") + csv
        ).hexdigest()
        filer = [ut / f"{SAMMANSTALLNING}.{typ}" for typ in (*format, "csv", "xlsx")]
        if (
            cache is not None
            and cache.sammanstallningens_innehall == paborjad.innehall
            and all(f.is_file() for f in filer)
        ):
            res.oforandrad = True
            return paborjad
        if "pdf" in format:
            skicka = partial(
                (verkstad or PdfVerkstad(1)).skicka, SAMMANSTALLNING, pdf_html, projekt.rot
            )
            if pdf_sist:
                paborjad.vantande_pdf = skicka
            else:
                paborjad.pdf = skicka()
        if "html" in format:
            html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank=".html")
            skriv_atomiskt(ut / f"{SAMMANSTALLNING}.html", html.encode("utf-8"), tmpmapp)
            res.skrivna.append(ut / f"{SAMMANSTALLNING}.html")
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.csv", csv, tmpmapp)
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.xlsx", xlsx_bytes(data), tmpmapp)
        res.skrivna += [ut / f"{SAMMANSTALLNING}.csv", ut / f"{SAMMANSTALLNING}.xlsx"]
    except KvalitetError as exc:
        res.fel = exc.format_message()
    return paborjad


def slutfor_sammanstallning(
    paborjad: _PaborjadSammanstallning, ut: Path, tmpmapp: Path
) -> Sammanstallningsresultat:
    """Wait for the sammanställning's PDF and write it."""
    res = paborjad.resultat
    if paborjad.vantande_pdf is not None and not res.fel:
        paborjad.pdf = paborjad.vantande_pdf()
    if paborjad.pdf is None or res.fel:
        return res
    _, pdf, fel = paborjad.pdf.result()
    if fel:
        res.fel = fel
        return res
    skriv_atomiskt(ut / f"{SAMMANSTALLNING}.pdf", pdf.data, tmpmapp)
    res.skrivna.insert(
        1 if res.skrivna and res.skrivna[0].suffix == ".html" else 0, ut / f"{SAMMANSTALLNING}.pdf"
    )
    res.sidor = pdf.sidor
    res.varningar = pdf.varningar
    return res


def _bygg_enheter(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    rapportera: Callable[[Enhetsresultat], None] | None,
    verkstad: PdfVerkstad | None = None,
    cache: Cache | None = None,
    avtryck: dict[Path, str] | None = None,
    medan_pdf: Callable[[], object] | None = None,
    miljo: jinja2.Environment | None = None,
) -> list[Enhetsresultat]:
    """HTML in this process; PDFs in the workshop's processes, written as they finish.
    ``medan_pdf`` is run once every PDF has been handed over, before waiting for them."""
    from concurrent.futures import as_completed

    from kvalitet.bygg.verkstad import PdfVerkstad
    from kvalitet.rendera.miljo import kontrollera_mallar, skapa_miljo

    verkstad = verkstad or PdfVerkstad(1)
    mallar = projektets_mallar(projekt, lage)
    miljo = miljo or skapa_miljo(mallar)
    mallfel = kontrollera_mallar(mallar, miljo)
    if mallfel:
        raise DataFel(mallfel)
    resultat: list[Enhetsresultat] = []
    vantande = {}

    def klar(res: Enhetsresultat) -> None:
        if res.ok and cache is not None and avtryck is not None and res.fil in avtryck:
            cache.notera(res.id, avtryck[res.fil], res.skrivna)
        resultat.append(res)
        if rapportera:
            rapportera(res)

    for kontroll in lage.enheter:
        res = Enhetsresultat(kontroll.id, kontroll.fil, kontroll.problem)
        if not lage.huvudman_ok:
            namn = visningsnamn(lage.huvudmannafil) if lage.huvudmannafil else "huvudmannafilen"
            res.fel = f"huvudmannafilen {namn} har fel"
        elif not kontroll.ok or kontroll.rapport is None:
            antal = sum(p.ar_fel for p in kontroll.problem)
            res.fel = f"{antal} fel i källfilen"
        else:
            try:
                html = html_for_enhet(projekt, lage, kontroll, miljo)
                if "html" in format:
                    mal = ut / f"{kontroll.id}.html"
                    skriv_atomiskt(mal, html.encode("utf-8"), tmpmapp)
                    res.skrivna.append(mal)
                if "pdf" in format:
                    framtid = verkstad.skicka(kontroll.id, html, projekt.rot, kontroll.fil.parent)
                    vantande[framtid] = res
                    continue
            except KvalitetError as exc:
                res.fel = exc.format_message()
        klar(res)
    if medan_pdf is not None:
        medan_pdf()
    for framtid in as_completed(vantande):
        res = vantande[framtid]
        _, pdf, fel = framtid.result()
        if fel:
            res.fel = fel
        else:
            mal = ut / f"{res.id}.pdf"
            skriv_atomiskt(mal, pdf.data, tmpmapp)
            res.skrivna.append(mal)
            res.sidor = pdf.sidor
            res.varningar.extend(pdf.varningar)
        klar(res)
    return resultat
