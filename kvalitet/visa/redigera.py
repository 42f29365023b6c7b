"""Editing a unit file through the browser: open, save (round-trip, never over a change made
elsewhere), status, undo, new unit. No HTTP here: ``skrivsidor.py`` calls these.

A save writes the author's words even when they are not valid yet; the answer tells what
``kvalitet kontrollera`` would say, at the YAML path of each field."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.kalla.historik import Historik
from kvalitet.kalla.rundtur import Rundtur, andrade_rader
from kvalitet.kalla.skrivvag import Konflikt, skriv_enhetsfil
from kvalitet.modell import STATUSAR
from kvalitet.visa.behorighet import Nekad, Session, Skrivratt
from kvalitet.visa.faltfel import faltproblem, styrtalslage


def version_av(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
        self._rundturer: dict[tuple[Path, str], Rundtur] = {}

    # ------------------------------------------------------------------ finding the file

    def enhetsfil(self, enhets_id: str) -> Path:
        """The unit's file in the latest period (the one the preview shows)."""
        from kvalitet.kalla.oversikt import periodoversikt

        oversikt = periodoversikt(self.projekt)
        senaste = oversikt.senaste()
        for fil in oversikt.filer(senaste):
            if fil.stem == enhets_id:
                return self.skrivratt.enhetsfil(enhets_id, fil)
        raise Nekad(f"enheten '{enhets_id}' finns inte för {senaste or 'någon period'}")

    def _rundtur(self, fil: Path, data: bytes, ta: bool = False) -> Rundtur:
        """The file's round trip for ``data``; with ``ta`` taken out of the cache (to change)."""
        nyckel = (fil, version_av(data))
        with self._las:
            rundtur = self._rundturer.pop(nyckel, None) if ta else self._rundturer.get(nyckel)
        if rundtur is None:
            rundtur = Rundtur(data.decode("utf-8"))
            if not ta:
                self._spara_rundtur(nyckel, rundtur)
        return rundtur

    def _spara_rundtur(self, nyckel: tuple[Path, str], rundtur: Rundtur) -> None:
        with self._las:
            if len(self._rundturer) > 16:
                self._rundturer.clear()
            self._rundturer[nyckel] = rundtur

    # ------------------------------------------------------------------ reading

    def oppna(self, enhets_id: str) -> dict[str, Any]:
        fil = self.enhetsfil(enhets_id)
        data = fil.read_bytes()
        try:
            rundtur = self._rundtur(fil, data)
        except (KvalitetError, UnicodeDecodeError) as exc:
            meddelande = exc.format_message() if isinstance(exc, KvalitetError) else str(exc)
            raise Nekad(
                f"{visningsnamn(fil, self.projekt.rot)} kan inte öppnas i webbläsaren: "
                f"{meddelande}. Rätta filen i en texteditor (kvalitet kontrollera visar raden)."
            ) from None
        innehall = rundtur.som_data()
        return {
            "enhet": enhets_id,
            "fil": visningsnamn(fil, self.projekt.rot),
            "version": version_av(data),
            "data": innehall,
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
        self, enhets_id: str, innehall: Any, version: str, stamma: bool = True
    ) -> dict[str, Any]:
        """Write ``innehall`` (the whole document as plain data) over the version the author
        loaded. When the file changed on disk since (``version`` differs), nothing is written:
        the answer has ``konflikt`` with both texts, and the author's text is kept in the
        history. ``stamma=False`` is for status and undo (no check that it is godkänd)."""
        if not isinstance(innehall, dict):
            raise Nekad("det som skickades är ingen rapport (fält med värden)")
        fil = self.enhetsfil(enhets_id)
        skrivna: dict[str, Any] = {}

        def berakna(nu: bytes | None) -> bytes | Konflikt:
            if nu is None:
                raise Nekad(f"{visningsnamn(fil, self.projekt.rot)} finns inte längre")
            if version_av(nu) != version:
                return Konflikt(nu)
            rundtur = self._rundtur(fil, nu, ta=True)
            godkand = rundtur.hamta(("status",)) == "godkänd"
            if stamma and godkand and innehall.get("status") == "godkänd":
                raise Nekad(
                    "rapporten är godkänd och ändras inte; välj 'Öppna igen' för att ändra den"
                )
            rundtur.uppdatera(innehall)
            skrivna["rundtur"] = rundtur
            return rundtur.text().encode("utf-8")

        skrivning = skriv_enhetsfil(fil, berakna, self.historik, "före")
        if skrivning.konflikt is not None:
            return self._konflikt(enhets_id, fil, skrivning.konflikt.varde, innehall, version)
        ny = skrivning.efter or b""
        if skrivning.skrivet:
            self.historik.checka_in(fil, f"{enhets_id}: sparad i webbläsaren (kvalitet skriv)")
        rundtur = skrivna.get("rundtur") or self._rundtur(fil, ny)
        self._spara_rundtur((fil, version_av(ny)), rundtur)
        return {
            "version": version_av(ny),
            "sparad": skrivning.skrivet,
            **self._lage(enhets_id, fil, rundtur.som_data()),
        }

    def _konflikt(
        self, enhets_id: str, fil: Path, nu: bytes, innehall: Any, version: str
    ) -> dict[str, Any]:
        with self._las:
            bas = self._rundturer.pop((fil, version), None)
        deras = nu.decode("utf-8", errors="replace")
        if bas is not None:
            bas.uppdatera(innehall)
            min_text = bas.text()
        else:  # the loaded version is gone: the author's version on top of theirs
            rundtur = Rundtur(deras)
            rundtur.uppdatera(innehall)
            min_text = rundtur.text()
        sparad = self.historik.spara(fil, min_text.encode("utf-8"), "din-version")
        return {
            "konflikt": {
                "version": version_av(nu),
                "diff": "".join(andrade_rader(min_text, deras)),
                "din_kopia": visningsnamn(sparad, self.projekt.rot),
                "deras_data": Rundtur(deras).som_data(),
            },
            "version": version,
            "sparad": False,
        }

    def satt_status(self, enhets_id: str, status: str, version: str) -> dict[str, Any]:
        if status not in STATUSAR:
            raise Nekad(f"'{status}' är ingen status; välj {', '.join(STATUSAR)}")
        fil = self.enhetsfil(enhets_id)
        innehall = self._rundtur(fil, fil.read_bytes()).som_data()
        innehall["status"] = status
        return self.spara(enhets_id, innehall, version, stamma=False)

    def angra(self, enhets_id: str) -> dict[str, Any]:
        """Put back the version before the last save (the current one is kept in the history)."""
        fil = self.enhetsfil(enhets_id)
        forra = self.historik.versioner(fil)
        if not forra:
            raise Nekad("det finns ingen tidigare version att gå tillbaka till")
        data = forra[-1].read_bytes()
        skrivning = skriv_enhetsfil(fil, lambda _nu: data, self.historik, "ångrad")
        forra[-1].unlink()
        if skrivning.historikfil is not None:  # "ångra" again goes further back
            angrat = skrivning.historikfil.parent / "ångrat"
            angrat.mkdir(exist_ok=True)
            skrivning.historikfil.rename(angrat / skrivning.historikfil.name)
        self.historik.checka_in(fil, f"{enhets_id}: ångrat i webbläsaren (kvalitet skriv)")
        return self.oppna(enhets_id)

    def ny_enhet(self, namn: str, skolform: str) -> str:
        """A new unit through ``kvalitet ny enhet``; its id is made from the name."""
        from kvalitet.kontroll.validera import slug
        from kvalitet.ny.skapa import ny_enhet

        namn = " ".join(namn.split())
        if not namn:
            raise Nekad("skriv enhetens namn")
        enhets_id = slug(namn)
        if not self.skrivratt.far_skriva_enhet(enhets_id):
            raise Nekad(f"du får inte skapa enheten '{enhets_id}'")
        fil = ny_enhet(self.projekt, enhets_id, namn, skolform, None)
        self.skrivratt.enhetsfil(enhets_id, fil)
        self.historik.checka_in(fil, f"{enhets_id}: ny enhet (kvalitet skriv)")
        return enhets_id

    def markdown(self, text: str) -> str:
        from kvalitet.rendera.miljo import markdown_html

        return str(markdown_html(text, 2))

    def jamfor(self, fore: str, efter: str) -> str:
        return "".join(andrade_rader(fore, efter))
