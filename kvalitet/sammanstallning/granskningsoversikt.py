"""The förvaltning's overview of a period's review: per unit its state, when it was submitted,
whether it is late, and how many comments are open; against the deadline in huvudman.yaml."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kvalitet.kalla.las import las_yaml
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.granskning import Enhetsminne, las_granskning, periodens_enheter
from kvalitet.modell.granskning import Granskning
from kvalitet.modell.granskningsflode import ny_granskning
from kvalitet.modell.huvudman import Inlamning


@dataclass(frozen=True)
class Enhetslage:
    """One unit's line in the overview."""

    enhet: str
    namn: str
    lage: str
    inlamnad: dt.datetime | None
    """When it was last submitted (None: never through the review)."""
    inlamnad_av: str | None
    godkand: dt.datetime | None
    godkand_av: str | None
    sen: bool
    """Not submitted and the deadline has passed, or submitted after the deadline."""
    oppna_kommentarer: int
    kommentarer: int

    @property
    def inlamnad_i_tid(self) -> bool:
        return self.lage != "utkast" and not self.sen


@dataclass(frozen=True)
class Granskningsoversikt:
    period: str
    idag: dt.date
    inlamning: Inlamning | None
    enheter: tuple[Enhetslage, ...]

    @property
    def sista_dag(self) -> dt.date | None:
        return self.inlamning.sista_dag if self.inlamning else None

    @property
    def dagar_kvar(self) -> int | None:
        """Days until the deadline (0 on the day, negative after it); None without one."""
        return (self.sista_dag - self.idag).days if self.sista_dag else None

    @property
    def ej_inlamnade(self) -> list[Enhetslage]:
        return [e for e in self.enheter if e.lage == "utkast"]

    @property
    def sena(self) -> list[Enhetslage]:
        return [e for e in self.enheter if e.sen]

    def antal(self, lage: str) -> int:
        return sum(e.lage == lage for e in self.enheter)

    def som_data(self) -> dict[str, Any]:
        """Plain data (times as ISO 8601) for a page or a JSON answer."""
        return {
            "period": self.period,
            "idag": self.idag.isoformat(),
            "sista_dag": self.sista_dag.isoformat() if self.sista_dag else None,
            "dagar_kvar": self.dagar_kvar,
            "enheter": [
                {
                    **dataclasses.asdict(e),
                    "inlamnad": e.inlamnad.isoformat() if e.inlamnad else None,
                    "godkand": e.godkand.isoformat() if e.godkand else None,
                }
                for e in self.enheter
            ],
        }


def _datum(tid: dt.datetime) -> dt.date:
    return tid.date()


def enhetslage(
    enhet: str, namn: str, granskning: Granskning, sista_dag: dt.date | None, idag: dt.date
) -> Enhetslage:
    """One unit's line, as a pure function of its review, the deadline and today."""
    inlamning = granskning.senaste("lämna in")
    godkannande = granskning.senaste("godkänn") if granskning.lage == "godkänd" else None
    sen = False
    if sista_dag is not None:
        if granskning.lage == "utkast":
            sen = idag > sista_dag
        elif inlamning is not None:
            sen = _datum(inlamning.tid) > sista_dag
    return Enhetslage(
        enhet=enhet,
        namn=namn,
        lage=granskning.lage,
        inlamnad=inlamning.tid if inlamning and granskning.lage != "utkast" else None,
        inlamnad_av=(inlamning.av.namn or inlamning.av.epost)
        if inlamning and granskning.lage != "utkast"
        else None,
        godkand=godkannande.tid if godkannande else None,
        godkand_av=(godkannande.av.namn or godkannande.av.epost) if godkannande else None,
        sen=sen,
        oppna_kommentarer=len(granskning.oppna_kommentarer),
        kommentarer=len(granskning.kommentarer),
    )


def sammanstall_oversikt(
    period: str,
    inlamning: Inlamning | None,
    idag: dt.date,
    granskningar: Iterable[tuple[str, str, Granskning]],
) -> Granskningsoversikt:
    """The overview from (unit id, name, review) triples, sorted by name."""
    sista = inlamning.sista_dag if inlamning else None
    rader = [enhetslage(e, n, g, sista, idag) for e, n, g in granskningar]
    return Granskningsoversikt(
        period, idag, inlamning, tuple(sorted(rader, key=lambda r: (r.namn.casefold(), r.enhet)))
    )


def periodens_inlamning(projekt: Projekt, period: str) -> Inlamning | None:
    """``inlämning:`` of the period's huvudman file (None when missing or invalid: kontrollera
    names the error)."""
    from pydantic import ValidationError

    fil = projekt.huvudmannafil(period)
    if fil is None:
        return None
    data = las_yaml(fil).data
    varde = data.get("inlämning") if isinstance(data, dict) else None
    if not isinstance(varde, dict):
        return None
    try:
        return Inlamning.model_validate(varde)
    except ValidationError:
        return None


def granskningsoversikt(
    projekt: Projekt,
    period: str | None = None,
    idag: dt.date | None = None,
    minne: Enhetsminne | None = None,
) -> Granskningsoversikt:
    """The overview of ``period`` (default: the latest) for the förvaltning. A unit without a
    review file has the state of its ``status:``; a review file with errors counts as its
    unit's ``status:`` too (kontrollera names the errors). A server keeps one ``minne`` so
    that only changed unit files are read again."""
    from kvalitet.kalla.oversikt import periodoversikt

    period = period or periodoversikt(projekt).senaste() or ""
    idag = idag or dt.date.today()
    minne = minne or Enhetsminne()
    poster = []
    for enhet, fil in periodens_enheter(projekt, period).items():
        namn, status = minne.uppgifter(fil)
        granskning, _ = las_granskning(projekt, period, enhet)
        poster.append((enhet, namn, granskning or ny_granskning(enhet, status)))
    return sammanstall_oversikt(period, periodens_inlamning(projekt, period), idag, poster)
