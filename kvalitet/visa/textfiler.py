"""The huvudman's files and the rights file as text in the browser: open, check, save.

``huvudman.yaml`` and ``huvudmannens-rapport.yaml`` of the latest period, and
``rapporter/behörigheter.yaml``, are edited as YAML text (the person's comments, order and
style are theirs, byte for byte), checked by the same checks as ``kvalitet kontrollera``, with
every problem at its line. A save goes through the one write path (``kalla/skrivvag.py``: the
file's lock, the replaced version into the history, a git commit with the person as author).
Nothing typed is lost: text that is not YAML at all (it would break every report of the
period) and a rights file with errors are not written, but kept as a draft in the history; a
file changed by someone else since the page opened it is not written over (the page's text is
kept, the answer has both). No HTTP here: ``textsidor.py`` answers the requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import Problem, visningsnamn
from kvalitet.kalla.historik import Forfattare, Historik
from kvalitet.kalla.las import Kalla, las_yaml, las_yaml_text
from kvalitet.kalla.projekt import Projekt
from kvalitet.kalla.rundtur import andrade_rader
from kvalitet.kalla.skrivvag import Konflikt, skriv_enhetsfil
from kvalitet.kontroll.behorigheter import projektets_enheter, validera_behorigheter
from kvalitet.kontroll.huvudmannarapport import validera_huvudmannarapport
from kvalitet.kontroll.validera import validera_huvudman
from kvalitet.modell.rattighet import Behorighet, behorighet_for
from kvalitet.visa.behorighet import IngenRatt, Nekad, Skrivratt
from kvalitet.visa.sparning import version_av

HUVUDMAN = "huvudman"
RAPPORT = "huvudmannens-rapport"
BEHORIGHETER = "behorigheter"
TITLAR = {
    HUVUDMAN: "Huvudmannafilen (huvudman.yaml)",
    RAPPORT: "Huvudmannens rapport (huvudmannens-rapport.yaml)",
    BEHORIGHETER: "Behörigheterna (behörigheter.yaml)",
}
"""The files by the name in the address (``/redigera/<namn>``), in the order the pages list them."""
MAX_TEXT = 2 * 1024 * 1024
SISTA_ADMIN = (
    "filen skulle låsa ute den sista administratören: ingen person har rollen "
    "administratör, och du skulle inte längre ha den"
)


class Sparfel(Nekad):
    """A save that was refused but whose text is kept: ``problem`` are the located errors,
    ``utkast`` the history file the text was kept in."""

    def __init__(self, text: str, problem: list[dict[str, Any]], utkast: str) -> None:
        super().__init__(text)
        self.problem = problem
        self.utkast = utkast


@dataclass(frozen=True)
class Granskat:
    """The text checked: its problems (those of kontrollera) and whether it may be written."""

    problem: list[Problem]
    las_bar: bool
    """False when the text is not YAML (or not a mapping): nothing could read the file."""


def far_redigera(namn: str, vem: Behorighet) -> bool:
    """The rights file: an administratör; the huvudman's files: its redaktör (or an admin)."""
    return vem.far_andra_behorigheter if namn == BEHORIGHETER else vem.far_redigera_huvudman


def redigerbara(vem: Behorighet) -> list[str]:
    """The files this person may edit, for the links of the start page."""
    return [n for n in TITLAR if far_redigera(n, vem)]


def problem_som_data(problem: list[Problem], rot: Path) -> list[dict[str, Any]]:
    return [
        {
            "rad": p.rad,
            "kolumn": p.kolumn,
            "grad": str(p.grad),
            "vad": p.vad,
            "hur": p.hur,
            "text": p.visa(rot),
        }
        for p in sorted(problem)
    ]


class Textfiler:
    """The three files of one project, as text."""

    def __init__(self, projekt: Projekt, historik: Historik) -> None:
        self.projekt = projekt
        self.historik = historik

    # ------------------------------------------------------------------ finding the file

    def _period(self) -> str | None:
        from kvalitet.kalla.oversikt import periodoversikt

        return periodoversikt(self.projekt).senaste()

    def fil(self, namn: str) -> Path:
        """The file ``namn`` stands for (it need not exist yet: a save creates it)."""
        if namn == BEHORIGHETER:
            return self.projekt.behorighetsfil
        if namn not in TITLAR:
            raise Nekad(f"'{namn[:40]}' är ingen av huvudmannens filer")
        period = self._period()
        if period is None:
            raise Nekad(
                "projektet har ingen period än (ingen mapp som rapporter/2025-26/); skapa den "
                "med kvalitet ny period"
            )
        if namn == HUVUDMAN:
            return self.projekt.huvudmannafil(period) or (
                self.projekt.periodmapp(period) / "huvudman.yaml"
            )
        return self.projekt.periodmapp(period) / "huvudmannens-rapport.yaml"

    def kontrollerad(self, namn: str, vem: Behorighet) -> Path:
        """The file, when ``vem`` may edit it and it may be written (under ``rapporter/``, not
        through a link); else ``IngenRatt`` or ``Nekad``."""
        if namn not in TITLAR:
            raise Nekad(f"'{namn[:40]}' är ingen av huvudmannens filer")
        if not far_redigera(namn, vem):
            raise IngenRatt(
                "bara en administratör ändrar behörigheterna"
                if namn == BEHORIGHETER
                else "bara huvudmannens redaktör (eller en administratör) ändrar huvudmannens filer"
            )
        return Skrivratt(self.projekt).kontrollera(self.fil(namn))

    # ------------------------------------------------------------------ checking

    def granska(self, namn: str, fil: Path, text: str) -> Granskat:
        """What ``kvalitet kontrollera`` says about ``text`` as the file ``fil``."""
        kalla = las_yaml_text(text, fil)
        las_bar = kalla.ok and isinstance(kalla.data, dict)
        problem = self._validera(namn, kalla)
        return Granskat(problem, las_bar)

    def _validera(self, namn: str, kalla: Kalla) -> list[Problem]:
        rot = self.projekt.rot
        mappperiod = self.projekt.mappens_period(kalla.fil)
        if namn == BEHORIGHETER:
            return validera_behorigheter(kalla, projektets_enheter(self.projekt))[1]
        if namn == HUVUDMAN:
            return validera_huvudman(kalla, rot, mappperiod)[1]
        period = self._period()
        huvudmanfil = self.projekt.huvudmannafil(period) if period else None
        huvudman, trasig = None, False
        if huvudmanfil is not None:
            huvudman, hproblem = validera_huvudman(
                las_yaml(huvudmanfil), rot, self.projekt.mappens_period(huvudmanfil)
            )
            trasig = huvudman is None and any(p.ar_fel for p in hproblem)
        return validera_huvudmannarapport(kalla, rot, huvudman, mappperiod, trasig)[1]

    # ------------------------------------------------------------------ reading

    def oppna(self, namn: str, vem: Behorighet) -> dict[str, Any]:
        fil = self.kontrollerad(namn, vem)
        data = fil.read_bytes() if fil.is_file() else b""
        text = data.decode("utf-8", errors="replace")
        granskat = self.granska(namn, fil, text) if data else Granskat([], True)
        return self._svar(namn, fil, data, text, granskat)

    def _svar(
        self, namn: str, fil: Path, data: bytes, text: str, granskat: Granskat
    ) -> dict[str, Any]:
        rot = self.projekt.rot
        return {
            "namn": namn,
            "titel": TITLAR[namn],
            "fil": visningsnamn(fil, rot),
            "finns": fil.is_file(),
            "version": version_av(data),
            "text": text,
            "problem": problem_som_data(granskat.problem, rot),
        }

    # ------------------------------------------------------------------ writing

    def spara(
        self,
        namn: str,
        text: str,
        version: str,
        vem: Behorighet,
        forfattare: Forfattare | None = None,
        ansprak: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Write ``text`` (loaded as ``version``) when it may be written; else ``Sparfel``
        with the text kept. ``ansprak``: the saving person's claims, for the rights file's
        check that it does not lock out its last administratör."""
        fil = self.kontrollerad(namn, vem)
        if not isinstance(text, str) or len(text.encode("utf-8", "replace")) > MAX_TEXT:
            raise Nekad("det som skickades är ingen text, eller längre än 2 MB")
        granskat = self.granska(namn, fil, text)
        rot = self.projekt.rot
        if not granskat.las_bar:
            self._vagra(
                fil, text, granskat.problem, "filen kan inte läsas som YAML och sparas inte"
            )
        if namn == BEHORIGHETER:
            if any(p.ar_fel for p in granskat.problem):
                self._vagra(fil, text, granskat.problem, "behörigheterna har fel och sparas inte")
            if not _har_administrator(fil, text, ansprak or {}):
                self._vagra(fil, text, [], SISTA_ADMIN)
        data = text.encode("utf-8")
        motpart: list[bytes] = []
        skrivning = skriv_enhetsfil(fil, _berakning(data, version, motpart), self.historik, "före")
        if skrivning.konflikt is not None:
            return self._konflikt(namn, fil, text, motpart[0] if motpart else b"", version)
        if skrivning.skrivet:
            relativ = visningsnamn(fil, rot)
            self.historik.checka_in(fil, f"{relativ}: sparad i webbläsaren (kvalitet)", forfattare)
        return {
            **self._svar(namn, fil, data, text, granskat),
            "sparad": skrivning.skrivet,
        }

    def _vagra(self, fil: Path, text: str, problem: list[Problem], varfor: str) -> None:
        """Keep the text in the history as a draft and refuse the save, saying where it is."""
        kopia = self.historik.spara(fil, text.encode("utf-8"), "utkast")
        utkast = visningsnamn(kopia, self.projekt.rot)
        raise Sparfel(
            f"{varfor}; det du skrev finns kvar här och som utkast i {utkast}. Rätta felen och "
            "spara igen.",
            problem_som_data(problem, self.projekt.rot),
            utkast,
        )

    def _konflikt(self, namn: str, fil: Path, text: str, nu: bytes, version: str) -> dict[str, Any]:
        kopia = self.historik.spara(fil, text.encode("utf-8"), "din-version")
        deras = nu.decode("utf-8", errors="replace")
        return {
            "namn": namn,
            "version": version,
            "sparad": False,
            "konflikt": {
                "version": version_av(nu),
                "text": deras,
                "din_kopia": visningsnamn(kopia, self.projekt.rot),
                "diff": "".join(andrade_rader(text, deras)),
            },
        }


def _berakning(
    data: bytes, version: str, motpart: list[bytes]
) -> Callable[[bytes | None], bytes | Konflikt | None]:
    """The page's text when the file is still at the page's version (or, for a new file, still
    absent); else a conflict with what is on disk now."""

    def berakna(nu: bytes | None) -> bytes | Konflikt | None:
        if version_av(nu or b"") != version:
            motpart[:] = [nu or b""]
            return Konflikt()
        return data

    return berakna


def _har_administrator(fil: Path, text: str, ansprak: dict[str, Any]) -> bool:
    """The new rights file keeps an administratör: a person with the role, or the saving
    person themselves (through a group they are in)."""
    from kvalitet.kontroll.validera import las_modell
    from kvalitet.modell.behorigheter import Behorighetsfil

    kalla = las_yaml_text(text, fil)
    modell = las_modell(kalla, Behorighetsfil, [], "'kontakt:'")
    if modell is None:
        return False
    if any("administratör" in p.roller for p in modell.personer):
        return True
    return bool(ansprak) and behorighet_for(modell, ansprak).ar_admin
