"""Drives load → validate → resolve → render → pdf → write for every unit of a project."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kvalitet.errors import DataFel, KvalitetError, Problem, visningsnamn
from kvalitet.kontroll import Enhetskontroll, Periodlage, las_period
from kvalitet.model import Enhetsrapport
from kvalitet.project import Projekt
from kvalitet.validate import menade_du

if TYPE_CHECKING:
    import jinja2

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

    @property
    def ok(self) -> bool:
        return self.fel is None


def kontrollera_enhetsval(projekt: Projekt, enheter: Iterable[str]) -> str | None:
    """The first unit id that does not exist, with a suggestion; None when all exist."""
    kanda = [f.stem for f in projekt.enhetsfiler()]
    for enhet in enheter:
        if enhet not in kanda:
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


def skriv_atomiskt(fil: Path, data: bytes, tmpmapp: Path | None = None) -> None:
    """Write via a temporary file, then rename: a reader never sees a half-written file and a
    crash leaves the previous version in place. ``tmpmapp`` must be on the same file system."""
    fil.parent.mkdir(parents=True, exist_ok=True)
    tmpmapp = tmpmapp or fil.parent
    tmpmapp.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{fil.name}.", suffix=".tmp", dir=tmpmapp)
    try:
        with os.fdopen(fd, "wb") as ut:
            ut.write(data)
            ut.flush()
            os.fsync(ut.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, fil)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def bygg(
    projekt: Projekt,
    ut: Path,
    format: Iterable[str] = FORMAT,
    enheter: Iterable[str] | None = None,
    rapportera: Callable[[Enhetsresultat], None] | None = None,
    period: str | None = None,
    sammanstallning: bool | None = None,
) -> Bygge:
    """Build every valid unit, then the period's sammanställning (not when only some units are
    built). A unit that fails keeps its last good output and does not stop the others."""
    from kvalitet.render import skapa_miljo

    format = tuple(format)
    _forbered_ut(projekt, ut)
    if sammanstallning is None:
        sammanstallning = not enheter
    with byggas(ut) as tmpmapp:
        lage = las_period(projekt, period, enheter)
        bygge = Bygge(_bygg_enheter(projekt, lage, ut, tmpmapp, format, rapportera))
        if sammanstallning and lage.period:
            miljo = skapa_miljo(projektets_mallar(projekt, lage))
            bygge.sammanstallning = bygg_sammanstallning(projekt, lage, ut, tmpmapp, format, miljo)
        return bygge


def bara_sammanstallning(
    projekt: Projekt, ut: Path, format: Iterable[str] = FORMAT, period: str | None = None
) -> Sammanstallningsresultat:
    """Build only the period's sammanställning (``kvalitet sammanstall``)."""
    from kvalitet.render import kontrollera_mallar, skapa_miljo

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
    from kvalitet.render import rendera_html, valj_mall
    from kvalitet.resolve import las_upp

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


def sammanstallning_for(projekt: Projekt, lage: Periodlage):  # type: ignore[no-untyped-def]
    """The period's sammanställning (kvalitet.summary), from the units that validate."""
    from kvalitet.project import periodnyckel
    from kvalitet.summary import sammanstall

    assert lage.period is not None
    tidigare = [p for p in lage.perioder if periodnyckel(p) < periodnyckel(lage.period)]
    forra_period = tidigare[-1] if tidigare else None
    forra: dict[str, Enhetsrapport] = {}
    if forra_period:
        forra = {k.id: k.rapport for k in las_period(projekt, forra_period).enheter if k.rapport}
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
) -> Sammanstallningsresultat:
    """Write KATALOG/sammanstallning.html, .pdf, .csv and .xlsx for the period."""
    from kvalitet.export import csv_bytes, xlsx_bytes
    from kvalitet.render import rendera_sammanstallning

    res = Sammanstallningsresultat()
    if not lage.huvudman_ok:
        res.fel = "huvudmannafilen har fel"
        return res
    try:
        data = sammanstallning_for(projekt, lage)
        if "html" in format:
            html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank=".html")
            skriv_atomiskt(ut / f"{SAMMANSTALLNING}.html", html.encode("utf-8"), tmpmapp)
            res.skrivna.append(ut / f"{SAMMANSTALLNING}.html")
        if "pdf" in format:
            from kvalitet.pdf import skriv_pdf

            html = rendera_sammanstallning(data, lage, projekt.rot, miljo, lank="")
            pdf = skriv_pdf(html, projekt.rot)
            skriv_atomiskt(ut / f"{SAMMANSTALLNING}.pdf", pdf.data, tmpmapp)
            res.skrivna.append(ut / f"{SAMMANSTALLNING}.pdf")
            res.sidor = pdf.sidor
            res.varningar = pdf.varningar
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.csv", csv_bytes(data), tmpmapp)
        skriv_atomiskt(ut / f"{SAMMANSTALLNING}.xlsx", xlsx_bytes(data), tmpmapp)
        res.skrivna += [ut / f"{SAMMANSTALLNING}.csv", ut / f"{SAMMANSTALLNING}.xlsx"]
    except KvalitetError as exc:
        res.fel = exc.format_message()
    return res


def _bygg_enheter(
    projekt: Projekt,
    lage: Periodlage,
    ut: Path,
    tmpmapp: Path,
    format: tuple[str, ...],
    rapportera: Callable[[Enhetsresultat], None] | None,
) -> list[Enhetsresultat]:
    from kvalitet.render import kontrollera_mallar, skapa_miljo

    mallar = projektets_mallar(projekt, lage)
    miljo = skapa_miljo(mallar)
    mallfel = kontrollera_mallar(mallar, miljo)
    if mallfel:
        raise DataFel(mallfel)
    resultat: list[Enhetsresultat] = []
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
                    from kvalitet.pdf import skriv_pdf

                    pdf = skriv_pdf(html, projekt.rot, kontroll.fil.parent)
                    mal = ut / f"{kontroll.id}.pdf"
                    skriv_atomiskt(mal, pdf.data, tmpmapp)
                    res.skrivna.append(mal)
                    res.sidor = pdf.sidor
                    res.varningar.extend(pdf.varningar)
            except KvalitetError as exc:
                res.fel = exc.format_message()
        resultat.append(res)
        if rapportera:
            rapportera(res)
    return resultat
