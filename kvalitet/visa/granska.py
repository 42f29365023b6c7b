"""The review's writes, without HTTP: submit, send back, approve, reopen, comment, answer,
resolve. Each reads the unit's review file (``rapporter/<period>/granskning/<enhet>.yaml``),
applies one pure step of ``modell/granskningsflode.py`` and writes it back through the one write
path (``kalla/skrivvag.py``: its lock per file, atomic exchange, the old version to the history),
then commits it with the person as author when the project is a git repository.

A change of state also writes the unit file's ``status:`` (``klar`` for ``inlämnad``) through
the round-trip writer, so the unit file and its PDF say what they always said. The review file
is the authority: where the two differ (someone edited ``status:`` by hand), ``kontrollera``
warns, and the next step starts from the review file's state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from kvalitet.grund.problem import visningsnamn
from kvalitet.kalla.historik import Forfattare, Historik
from kvalitet.kalla.projekt import Projekt
from kvalitet.kalla.rundtur import Rundtur
from kvalitet.kalla.skrivvag import skriv_enhetsfil
from kvalitet.kontroll.granskning import (
    Enhetsminne,
    enhetens_fil,
    enhetens_status,
    las_granskningsbytes,
)
from kvalitet.kontroll.granskning import som_yaml as _som_yaml
from kvalitet.modell.granskning import LAGE_FRAN_STATUS, STATUS_I_ENHETSFILEN, Granskning
from kvalitet.modell.granskningsflode import kommentera, los, ny_granskning, overgang, svara
from kvalitet.modell.rattighet import Behorighet, Otillatet
from kvalitet.modell.schema import enhetsschema

Steg = Callable[[Granskning], Granskning]
VAGAR: dict[tuple[str, str], tuple[str, ...]] = {
    ("utkast", "inlämnad"): ("lämna in",),
    ("utkast", "godkänd"): ("lämna in", "godkänn"),
    ("inlämnad", "utkast"): ("ta tillbaka",),
    ("inlämnad", "godkänd"): ("godkänn",),
    ("godkänd", "utkast"): ("öppna igen",),
    ("godkänd", "inlämnad"): ("öppna igen", "lämna in"),
}
"""The editor's status buttons (utkast, klar, godkänd) as the review's actions."""
LOKAL_ANLEDNING = "status ändrad i editorn"


def forfattare_for(behorighet: Behorighet) -> Forfattare | None:
    """The git author of a person's writes (None without both name and e-mail)."""
    person = behorighet.person
    if not person.epost:
        return None
    return Forfattare(person.namn or person.epost, person.epost)


def _nu() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class Granskningar:
    """The review of the units of one project; one instance per server (or command)."""

    def __init__(
        self, projekt: Projekt, historik: Historik | None = None, minne: Enhetsminne | None = None
    ) -> None:
        self.projekt = projekt
        self.historik = historik or Historik(projekt.rot)
        self.minne = minne or Enhetsminne()

    # ------------------------------------------------------------------ reading

    def period(self, period: str | None) -> str:
        """``period``, or the latest: the newest period folder with files (else every file's
        period, as ``kvalitet kontrollera`` finds it)."""
        from kvalitet.kalla.oversikt import periodoversikt
        from kvalitet.kalla.projekt import mapp_for_period, period_fran_mapp, periodnyckel

        if period:
            if period_fran_mapp(mapp_for_period(period)) != period:
                raise Otillatet(f"'{period[:40]}' är ingen period; skriv t.ex. 2025/26 eller 2026")
            return period

        mappar = [
            p
            for d in self.projekt.rapporter.iterdir()
            if d.is_dir() and (p := period_fran_mapp(d.name)) and any(d.glob("*.yaml"))
        ]
        if mappar:
            return max(mappar, key=periodnyckel)
        senaste = periodoversikt(self.projekt).senaste()
        if senaste is None:
            raise Otillatet("projektet har ingen period (en mapp som rapporter/2025-26/)")
        return senaste

    def las(self, enhet: str, vem: Behorighet, period: str | None = None) -> Granskning:
        """The unit's review as it is now (from its ``status:`` when it has no review file)."""
        period = self.period(period)
        self._far_lasa(enhet, vem)
        fil = self.projekt.granskningsfil(period, enhet)
        enhetsfil = enhetens_fil(self.projekt, period, enhet)
        self._mapp(fil, skapa=False)
        data = fil.read_bytes() if fil.is_file() else None
        return self._fran(data, fil, enhet, enhetsfil)

    def _far_lasa(self, enhet: str, vem: Behorighet) -> None:
        if not vem.far_lasa(enhet):
            raise Otillatet(f"du får inte läsa rapporten för '{enhet}'")

    def _fran(self, data: bytes | None, fil: Path, enhet: str, enhetsfil: Path) -> Granskning:
        if data is None:
            return ny_granskning(enhet, enhetens_status(enhetsfil, self.minne))
        granskning, problem = las_granskningsbytes(data, fil)
        if granskning is None:
            forsta = problem[0].visa() if problem else visningsnamn(fil, self.projekt.rot)
            raise Otillatet(
                f"granskningsfilen kan inte läsas ({forsta}); rätta den i en texteditor "
                "(kvalitet kontrollera visar felen): inget skrivs över den"
            )
        return granskning

    # ------------------------------------------------------------------ writing

    def _andra(
        self, enhet: str, period: str | None, vem: Behorighet, steg: Steg, meddelande: str
    ) -> Granskning:
        period = self.period(period)
        self._far_lasa(enhet, vem)
        enhetsfil = enhetens_fil(self.projekt, period, enhet)
        fil = self.projekt.granskningsfil(period, enhet)
        self._mapp(fil, skapa=True)
        resultat: list[Granskning] = []

        def berakna(nu: bytes | None) -> bytes:
            ny = steg(self._fran(nu, fil, enhet, enhetsfil))
            resultat[:] = [ny]
            return _som_yaml(ny, self.projekt.rot, enhetsfil, self.minne).encode("utf-8")

        skrivning = skriv_enhetsfil(fil, berakna, self.historik, "före")
        if skrivning.skrivet:
            self.historik.checka_in(fil, f"{enhet}: {meddelande} (granskning)", forfattare_for(vem))
        return resultat[0]

    def _mapp(self, fil: Path, skapa: bool) -> None:
        """The review file's folder (created with ``skapa``); neither the file nor a folder on
        the way may be a link: kvalitet never reads or writes through one (it could point out
        of the project)."""
        rot = self.projekt.rapporter
        delar = fil.relative_to(rot).parts
        steg = [rot, *(rot.joinpath(*delar[: i + 1]) for i in range(len(delar)))]
        for sokvag in steg:
            if sokvag.is_symlink():
                raise Otillatet(
                    f"'{sokvag.name}' är en länk; kvalitet läser och skriver inte genom länkar "
                    "(ta bort länken)"
                )
        if skapa:
            fil.parent.mkdir(parents=True, exist_ok=True)

    def _skriv_status(self, enhetsfil: Path, lage: str, vem: Behorighet, enhet: str) -> None:
        """The unit file's ``status:`` to match the review's state (round trip, nothing else
        in the file changes)."""
        status = STATUS_I_ENHETSFILEN[lage]

        def berakna(nu: bytes | None) -> bytes | None:
            if nu is None:
                return None
            rundtur = Rundtur(nu.decode("utf-8"), schema=enhetsschema())
            if rundtur.hamta(("status",)) == status:
                return None
            rundtur.satt(("status",), status)
            return rundtur.text().encode("utf-8")

        skrivning = skriv_enhetsfil(enhetsfil, berakna, self.historik, "före")
        if skrivning.skrivet:
            self.historik.checka_in(
                enhetsfil, f"{enhet}: status {status} (granskning)", forfattare_for(vem)
            )

    def handling(
        self,
        enhet: str,
        handling: str,
        vem: Behorighet,
        varfor: str | None = None,
        period: str | None = None,
        tid: dt.datetime | None = None,
    ) -> Granskning:
        """'lämna in', 'ta tillbaka', 'skicka tillbaka', 'godkänn' or 'öppna igen' by ``vem``;
        ``Otillatet`` (Swedish, why and what to do) when the state or the rights forbid it."""
        tid = tid or _nu()
        ny = self._andra(
            enhet,
            period,
            vem,
            lambda g: overgang(g, handling, vem, tid, varfor),
            f"{handling} av {vem.person.visning()}",
        )
        period = self.period(period)
        self._skriv_status(enhetens_fil(self.projekt, period, enhet), ny.lage, vem, enhet)
        return ny

    def kommentera(
        self,
        enhet: str,
        sokvag: Sequence[object],
        text: str,
        vem: Behorighet,
        period: str | None = None,
        tid: dt.datetime | None = None,
    ) -> Granskning:
        """A comment anchored at ``sokvag`` (the editor's JSON path) in the unit file."""
        tid = tid or _nu()
        return self._andra(
            enhet,
            period,
            vem,
            lambda g: kommentera(g, sokvag, text, vem, tid),
            f"kommentar av {vem.person.visning()}",
        )

    def svara(
        self,
        enhet: str,
        nummer: int,
        text: str,
        vem: Behorighet,
        period: str | None = None,
        tid: dt.datetime | None = None,
    ) -> Granskning:
        tid = tid or _nu()
        return self._andra(
            enhet,
            period,
            vem,
            lambda g: svara(g, nummer, text, vem, tid),
            f"svar på kommentar {nummer} av {vem.person.visning()}",
        )

    def los(
        self,
        enhet: str,
        nummer: int,
        vem: Behorighet,
        period: str | None = None,
        tid: dt.datetime | None = None,
    ) -> Granskning:
        tid = tid or _nu()
        return self._andra(
            enhet,
            period,
            vem,
            lambda g: los(g, nummer, vem, tid),
            f"kommentar {nummer} löst av {vem.person.visning()}",
        )

    def forbered_status(
        self, enhet: str, status: str, vem: Behorighet, period: str | None = None
    ) -> Callable[[], Granskning] | None:
        """The editor's status button (``Redigering.satt_status``) as review actions, checked
        before anything is written: ``Otillatet`` when ``vem`` may not; else the function that
        records them after the save (None: nothing to record). The local session records only
        in a project that already has the unit's review file, so ``kvalitet skriv`` alone
        writes no new files."""
        from kvalitet.visa.behorighet import LOKAL

        period = self.period(period)
        enhetens_fil(self.projekt, period, enhet)  # an id that is no unit goes no further
        if vem is LOKAL and not self.projekt.granskningsfil(period, enhet).is_file():
            return None
        nu = self.las(enhet, vem, period)
        vag = VAGAR.get((nu.lage, LAGE_FRAN_STATUS.get(status, status)), ())
        if not vag:
            return None
        tid = _nu()
        prov = nu
        for handling in vag:  # raises Otillatet before the save when a step is not allowed
            prov = overgang(prov, handling, vem, tid, LOKAL_ANLEDNING)

        def steg(handling: str) -> Steg:
            return lambda g: overgang(g, handling, vem, tid, LOKAL_ANLEDNING)

        def utfor() -> Granskning:
            ny = nu
            for handling in vag:
                ny = self._andra(
                    enhet, period, vem, steg(handling), f"{handling} av {vem.person.visning()}"
                )
            return ny

        return utfor
