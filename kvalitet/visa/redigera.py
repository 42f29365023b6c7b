"""Editing a unit file through the browser: open, save (round trip; a change made elsewhere
meanwhile is merged on the YAML tree or answered as a conflict, never written over), status,
undo, new unit. No HTTP here: ``skrivsidor.py`` calls these; every write goes through the one
write path (``kalla/skrivvag.py``), and ``sparning.py`` computes what it writes.

A save writes the author's words even when they are not valid yet; the answer tells what
``kvalitet kontrollera`` would say, at the YAML path of each field."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import visningsnamn
from kvalitet.kalla.historik import Forfattare, Historik
from kvalitet.kalla.rundtur import Rundtur, andrade_rader
from kvalitet.kalla.skrivvag import Skrivning, las_lugn, skriv_enhetsfil
from kvalitet.modell import STATUSAR
from kvalitet.modell.schema import enhetsschema
from kvalitet.visa.behorighet import IngenRatt, Nekad, Session, Skrivratt
from kvalitet.visa.faltfel import faltproblem, styrtalslage
from kvalitet.visa.sparning import Motpart, Utfall, angring, las_rundtur, sparning, version_av

__all__ = ["EnhetSaknas", "Redigering", "version_av"]

MAX_RUNDTURER = 1024
"""Round trips kept (the least recently used goes first): one per unit being written on a
server with a few hundred editors; reading a unit's YAML for a round trip costs ~50–100 ms."""


class EnhetSaknas(Nekad):
    """No file of the latest period has the unit's id (a page answers 404)."""


class Redigering:
    """The editor's operations on one project; one instance per running ``kvalitet visa``."""

    def __init__(
        self,
        visning: Any,
        skrivratt: Skrivratt | None = None,
        session: Session | None = None,
        historik: Historik | None = None,
    ) -> None:
        self.visning = visning
        self.projekt = visning.projekt
        self.skrivratt = skrivratt or Skrivratt(self.projekt)
        self.session = session or Session()
        self.historik = historik or Historik(self.projekt.rot)
        self._las = threading.Lock()
        self._rundturer: OrderedDict[tuple[Path, str], Rundtur] = OrderedDict()

    # ------------------------------------------------------------------ finding the file

    def enhetsfil(self, enhets_id: str) -> Path:
        """The unit's file in the latest period (the one the preview shows); refused when two
        files of the period have the id, as ``kvalitet kontrollera`` refuses them."""
        from kvalitet.kalla.oversikt import periodoversikt

        oversikt = periodoversikt(self.projekt)
        senaste = oversikt.senaste()
        filer = [f for f in oversikt.filer(senaste) if f.stem == enhets_id]
        if len(filer) > 1:
            namn = ", ".join(visningsnamn(f, self.projekt.rot) for f in filer)
            raise Nekad(
                f"enheten '{enhets_id}' finns i flera filer för {senaste or 'perioden'}: {namn}; "
                "editorn öppnar och skriver ingen av dem (varje enhet har en enda fil: ta bort "
                "kopian eller döp om den ena; kvalitet kontrollera visar dem)"
            )
        if filer:
            return self.skrivratt.enhetsfil(enhets_id, filer[0])
        raise EnhetSaknas(f"enheten '{enhets_id}' finns inte för {senaste or 'någon period'}")

    def _rundtur(self, fil: Path, data: bytes, ta: bool = False) -> Rundtur:
        """The file's round trip for ``data``; with ``ta`` taken out of the cache (to change)."""
        nyckel = (fil, version_av(data))
        with self._las:
            rundtur = self._rundturer.pop(nyckel, None) if ta else self._rundturer.get(nyckel)
            if rundtur is not None and not ta:
                self._rundturer.move_to_end(nyckel)
        if rundtur is None:
            rundtur = las_rundtur(data, visningsnamn(fil, self.projekt.rot))
            if not ta:
                self._spara_rundtur(nyckel, rundtur)
        return rundtur

    def _spara_rundtur(self, nyckel: tuple[Path, str], rundtur: Rundtur) -> None:
        with self._las:
            self._rundturer[nyckel] = rundtur
            while len(self._rundturer) > MAX_RUNDTURER:
                self._rundturer.popitem(last=False)

    # ------------------------------------------------------------------ reading

    def oppna(self, enhets_id: str) -> dict[str, Any]:
        fil = self.enhetsfil(enhets_id)
        data = las_lugn(fil)  # not in the middle of a text editor's save
        if data is None:
            data = fil.read_bytes()  # gone meanwhile: the same error as before
        try:
            rundtur = self._rundtur(fil, data)
        except Nekad:
            raise Nekad(
                f"{visningsnamn(fil, self.projekt.rot)} kan inte öppnas i webbläsaren: filen "
                "kan inte läsas som YAML. Rätta filen i en texteditor (kvalitet kontrollera "
                "visar raden)."
            ) from None
        return self._svar(enhets_id, fil, data, rundtur)

    def _svar(self, enhets_id: str, fil: Path, data: bytes, rundtur: Rundtur) -> dict[str, Any]:
        innehall = rundtur.som_data()
        return {
            "enhet": enhets_id,
            "fil": visningsnamn(fil, self.projekt.rot),
            "version": version_av(data),
            "data": innehall,
            "andrad": _andrad(fil),
            **self._lage(enhets_id, fil, innehall),
        }

    def _lage(self, enhets_id: str, fil: Path, innehall: Any) -> dict[str, Any]:
        """Problems at their fields and the styrtal with live status, as kontrollera sees it."""
        from kvalitet.kontroll.period import las_period

        lage = las_period(self.projekt, None, [enhets_id], minne=self.visning.minne)
        kontroll = next((k for k in lage.enheter if k.fil == fil), None)
        problem = kontroll.problem if kontroll else []
        status = innehall.get("status") if isinstance(innehall, dict) else None
        return {
            "problem": faltproblem(fil, problem, self.projekt.rot),
            "styrtal": styrtalslage(lage.huvudman, innehall),
            "status": status if status in STATUSAR else "utkast",
        }

    # ------------------------------------------------------------------ writing

    def spara(
        self,
        enhets_id: str,
        innehall: Any,
        version: str,
        bas: Any = None,
        stamma: bool = True,
        anledning: str = "sparad i webbläsaren",
        forfattare: Forfattare | None = None,
    ) -> dict[str, Any]:
        """Write ``innehall`` (the page's whole document as plain data), loaded as ``version``
        whose data was ``bas``. When the file changed since, the three are merged (answer:
        ``sammanfogat``, the paths taken from the file) or, where both changed the same field,
        nothing is written and the answer has ``konflikt``, with the page's version kept in the
        history. Without ``bas`` (an older page) a changed file is always a conflict.
        ``stamma=False`` is for status (no check that it is godkänd). ``forfattare`` (the
        logged-in person) is the git commit's author when the project is a git repository."""
        if not isinstance(innehall, dict):
            raise Nekad("det som skickades är ingen rapport (fält med värden)")
        fil = self.enhetsfil(enhets_id)
        utfall = Utfall()
        berakna = sparning(
            innehall, version, bas, lambda nu: self._rundtur(fil, nu, ta=True), utfall, stamma
        )
        skrivning = skriv_enhetsfil(fil, berakna, self.historik, "före")
        if skrivning.konflikt is not None:
            return self._konflikt(fil, skrivning.konflikt.varde, innehall, version)
        return self._efter(enhets_id, fil, skrivning, utfall, anledning, forfattare)

    def _efter(
        self,
        enhets_id: str,
        fil: Path,
        skrivning: Skrivning,
        utfall: Utfall,
        anledning: str,
        forfattare: Forfattare | None = None,
    ) -> dict[str, Any]:
        ny = skrivning.efter or b""
        if skrivning.skrivet:
            if skrivning.fore is not None and not anledning.startswith("ångrat"):
                self.historik.kom_ihag(fil, skrivning.fore, ny)
            self.historik.checka_in(fil, f"{enhets_id}: {anledning} (kvalitet skriv)", forfattare)
        rundtur = utfall.rundtur or self._rundtur(fil, ny)
        self._spara_rundtur((fil, version_av(ny)), rundtur)
        return {
            **self._svar(enhets_id, fil, ny, rundtur),
            "sparad": skrivning.skrivet,
            "sammanfogat": utfall.fran_deras,
        }

    def _konflikt(self, fil: Path, motpart: Motpart, innehall: Any, version: str) -> dict[str, Any]:
        """Nothing written: the page's version is kept in the history, the answer has both."""
        deras = motpart.nu.decode("utf-8", errors="replace")
        rundtur = Rundtur(deras, schema=enhetsschema())
        rundtur.uppdatera(innehall)
        min_text = rundtur.text()
        sparad = self.historik.spara(fil, min_text.encode("utf-8"), "din-version")
        return {
            "konflikt": {
                "version": version_av(motpart.nu),
                "deras": motpart.deras,
                "sammanfogat": motpart.sammanfogat,
                "falt": motpart.falt,
                "din_kopia": visningsnamn(sparad, self.projekt.rot),
                "diff": "".join(andrade_rader(min_text, deras)),
                "deras_data": motpart.deras,
            },
            "version": version,
            "sparad": False,
        }

    def satt_status(
        self,
        enhets_id: str,
        status: str,
        version: str,
        bas: Any = None,
        forfattare: Forfattare | None = None,
    ) -> dict[str, Any]:
        """The status through the same save: the page's base with the new status. When the
        unit has a review file (or the session is a login), the review's rules apply first and
        the move is recorded in its history (``visa/granska.py``)."""
        if status not in STATUSAR:
            raise Nekad(f"'{status}' är ingen status; välj {', '.join(STATUSAR)}")
        fil = self.enhetsfil(enhets_id)
        from kvalitet.visa.granska import Granskningar

        granskning = Granskningar(self.projekt, self.historik).forbered_status(
            enhets_id, status, self.session.behorighet
        )
        if isinstance(bas, dict):
            innehall = {**bas, "status": status}
        else:
            innehall = self._rundtur(fil, fil.read_bytes()).som_data()
            innehall["status"] = status
        svar = self.spara(
            enhets_id,
            innehall,
            version,
            bas,
            stamma=False,
            anledning=f"status {status}",
            forfattare=forfattare,
        )
        if granskning is not None and svar.get("sparad"):
            granskning()  # the review follows: its history says who moved the state
        return svar

    def angra(
        self, enhets_id: str, version: str | None = None, forfattare: Forfattare | None = None
    ) -> dict[str, Any]:
        """Put back the version that was on disk before the save that produced ``version``
        (the page's last save; an older page sends none: the file's version now). When the file
        changed since, the same three-way check as a save: merged, or ``konflikt``."""
        fil = self.enhetsfil(enhets_id)
        version = version or version_av(fil.read_bytes())
        post = self.historik.fore_sparning(fil, version)
        if post is None:
            raise Nekad(
                "det finns ingen sparning från formuläret att ångra (tidigare versioner finns i "
                "ut/.kvalitet/historik/)"
            )
        fore, efter = post
        utfall = Utfall()
        berakna = angring(fore, efter, version, lambda nu: self._rundtur(fil, nu, ta=True), utfall)
        skrivning = skriv_enhetsfil(fil, berakna, self.historik, "före-ångra")
        if skrivning.konflikt is not None:
            mina = las_rundtur(fore, "versionen före sparningen").som_data()
            return self._konflikt(fil, skrivning.konflikt.varde, mina, version)
        return {
            **self._efter(enhets_id, fil, skrivning, utfall, "ångrat i webbläsaren", forfattare),
            "angrad": True,
        }

    def ny_enhet(
        self,
        namn: str,
        skolform: str,
        forfattare: Forfattare | None = None,
        rapportmall: str | None = None,
    ) -> str:
        """A new unit through ``kvalitet ny enhet`` (on ``rapportmall``, else the huvudman's
        choice); its id is made from the name."""
        from kvalitet.kontroll.validera import slug
        from kvalitet.ny.skapa import ny_enhet

        namn = " ".join(namn.split())
        if not namn:
            raise Nekad("skriv enhetens namn")
        enhets_id = slug(namn)
        if not self.skrivratt.far_skriva_enhet(enhets_id):
            raise IngenRatt(f"du får inte skapa enheten '{enhets_id}'")
        fil = ny_enhet(self.projekt, enhets_id, namn, skolform, None, rapportmall or None)
        self.skrivratt.enhetsfil(enhets_id, fil)
        self.historik.checka_in(fil, f"{enhets_id}: ny enhet (kvalitet skriv)", forfattare)
        return enhets_id

    def markdown(self, text: str) -> str:
        from kvalitet.rendera.miljo import markdown_html

        return str(markdown_html(text, 2))

    def jamfor(self, fore: str, efter: str) -> str:
        return "".join(andrade_rader(fore, efter))


def _andrad(fil: Path) -> str:
    """The file's modification time, ISO 8601 with the local time zone."""
    try:
        tid = fil.stat().st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(tid).astimezone().isoformat(timespec="seconds")
