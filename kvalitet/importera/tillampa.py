"""Imported values written into the units' files: through the round-trip writer (comments and
order kept), never over a value the author wrote unless asked, with the source of each value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.importera.hamta import Kallvarden
from kvalitet.importera.varde import Varde, tolka
from kvalitet.kalla.historik import Historik
from kvalitet.kalla.rundtur import Rundtur
from kvalitet.kalla.sammanfoga import sammanfoga
from kvalitet.kalla.skrivvag import Konflikt, skriv_enhetsfil

ANTAL = {"antal": "totalt", "antal_flickor": "flickor", "antal_pojkar": "pojkar"}


@dataclass
class Enhetsandring:
    """What an import does to one unit's file."""

    fil: Path
    fore: str
    efter: str
    andrade: list[str] = field(default_factory=list)
    lasta: bytes | None = None
    """The file's bytes as the import read them (what ``skriv`` merges against)."""
    behallna: list[str] = field(default_factory=list)
    """Values the author wrote that differ from the source (kept without --skriv-over)."""

    @property
    def diff(self) -> str:
        import difflib

        namn = visningsnamn(self.fil)
        return "".join(
            difflib.unified_diff(
                self.fore.splitlines(keepends=True),
                self.efter.splitlines(keepends=True),
                f"a/{namn}",
                f"b/{namn}",
            )
        )


def _yaml_varde(varde: Any) -> Any:
    """A value as the author would write it: '86,2' with a decimal comma, symbols as written."""
    if isinstance(varde, float):
        return str(round(varde, 10)).replace(".", ",")
    return varde


def _lika(skrivet: Any, nytt: Any) -> bool:
    return tolka(skrivet) == tolka(nytt)


def _kallnot(varden: list[Varde], datum: str) -> str:
    filer = sorted({v.fil for v in varden})
    rader = sorted({v.rad for v in varden if v.rad})
    plats = f" rad {', '.join(str(r) for r in rader)}" if rader else ""
    return f"{', '.join(filer)}{plats} ({datum})"


class _Vanlig:
    """The unit's data as plain values: a quick first pass that tells whether the (slow)
    round-trip writer is needed at all."""

    def __init__(self, data: Any) -> None:
        import copy

        self.data = copy.deepcopy(data) if isinstance(data, dict) else {}
        self.andrad = False

    def hamta(self, sokvag: tuple[str | int, ...]) -> Any:
        nod: Any = self.data
        for steg in sokvag:
            if not isinstance(nod, dict) or steg not in nod:
                return None
            nod = nod[steg]
        return str(nod) if isinstance(nod, dt.date) else nod

    def satt(self, sokvag: tuple[str | int, ...], varde: Any) -> None:
        nod = self.data
        for steg in sokvag[:-1]:
            if not isinstance(nod.get(steg), dict):
                nod[steg] = {}
            nod = nod[steg]
        nod[sokvag[-1]] = varde
        self.andrad = True


def tillampa(
    fil: Path,
    kallor: list[tuple[Kallvarden, str]],
    skriv_over: bool,
    data: Any = None,
) -> Enhetsandring:
    """The unit file with the values of every source whose unit key is in ``kallor`` (a source
    and this unit's key in it). ``data`` is the file's plain data, when already read."""
    lasta = fil.read_bytes()
    fore = lasta.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if data is not None:
        forsok = Enhetsandring(fil, fore, fore, lasta=lasta)
        vanlig = _Vanlig(data)
        _genomfor(vanlig, kallor, skriv_over, forsok)
        if not vanlig.andrad:
            return forsok
    dok = Rundtur(fore)
    andring = Enhetsandring(fil, fore, fore, lasta=lasta)
    _genomfor(dok, kallor, skriv_over, andring)
    andring.efter = dok.text()
    return andring


def _genomfor(
    dok: Any, kallor: list[tuple[Kallvarden, str]], skriv_over: bool, andring: Enhetsandring
) -> None:
    for kv, nyckel in kallor:
        for sid, falt in kv.enheter.get(nyckel, {}).items():
            anvanda: list[Varde] = []
            for namn, varde in falt.items():
                sokvag: tuple[str | int, ...] = (
                    ("styrtal", sid, "antal", ANTAL[namn])
                    if namn in ANTAL
                    else ("styrtal", sid, namn)
                )
                skrivet = dok.hamta(sokvag)
                forfattarens = skrivet not in (None, "") and not _lika(skrivet, varde.varde)
                if forfattarens and not skriv_over:
                    andring.behallna.append(
                        f"styrtal {sid} {namn}: behåller '{skrivet}', som står i filen "
                        f"(källan har '{_yaml_varde(varde.varde)}'; --skriv-over skriver över)"
                    )
                    continue
                if skrivet in (None, "") or forfattarens:
                    dok.satt(sokvag, _yaml_varde(varde.varde))
                    andring.andrade.append(f"styrtal {sid} {namn}: {varde.varde}")
                anvanda.append(varde)
            if anvanda:
                not_ = _kallnot(anvanda, kv.datum)
                if dok.hamta(("styrtal", sid, "källa")) != not_:
                    dok.satt(("styrtal", sid, "källa"), not_)
        for sid, jamforelser in kv.jamforelser.items():
            if dok.hamta(("styrtal", sid)) is None and sid not in kv.enheter.get(nyckel, {}):
                continue
            for namn, varde in jamforelser.items():
                sokvag = ("styrtal", sid, "jämförelser", namn)
                if not _lika(dok.hamta(sokvag), varde.varde):
                    dok.satt(sokvag, _yaml_varde(varde.varde))
                    andring.andrade.append(f"styrtal {sid} jämförelse {namn}: {varde.varde}")


def skriv(andring: Enhetsandring, historik: Historik) -> str | None:
    """Write the change through the one write path. When the file changed since the import
    read it, the import's change is merged into it (base: what was read); where both changed
    the same value nothing is written: the answer is a located Swedish message."""
    if andring.efter == andring.fore:
        return None
    lasta = andring.lasta if andring.lasta is not None else andring.fore.encode("utf-8")
    efter = andring.efter.encode("utf-8")

    def berakna(nu: bytes | None) -> bytes | Konflikt:
        if nu is None:
            return Konflikt("filen finns inte längre")
        if nu == lasta:
            return efter
        try:
            dok = Rundtur(nu.decode("utf-8"))
        except (KvalitetError, UnicodeDecodeError):
            return Konflikt("filen ändrades medan importen pågick och kan inte läsas som YAML")
        m = sammanfoga(
            Rundtur(andring.fore).som_data(), Rundtur(andring.efter).som_data(), dok.som_data()
        )
        if m.konflikter:
            falt = ", ".join(" ".join(str(s) for s in k["sokvag"]) for k in m.konflikter)
            return Konflikt(
                f"filen ändrades medan importen pågick, och samma värde ändrades på båda hållen ({falt})"
            )
        dok.uppdatera(m.data)
        return dok.text().encode("utf-8")

    skrivning = skriv_enhetsfil(andring.fil, berakna, historik, "före-import")
    if skrivning.konflikt is None:
        return None
    return (
        f"{visningsnamn(andring.fil)}: fel: {skrivning.konflikt.varde}; enheten skrevs inte "
        "(kör importen igen när filen är sparad; de andra enheterna skrevs)"
    )
