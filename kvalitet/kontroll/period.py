"""Loads and validates one period of a project: the huvudman file, the units and their history."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet.grund.problem import Problem, fel, visningsnamn
from kvalitet.kalla.las import Kalla, las_yaml
from kvalitet.kalla.oversikt import _utanfor, periodoversikt
from kvalitet.kalla.projekt import Projekt, periodnyckel
from kvalitet.kalla.rapportmallar import las_rapportmallar, rapportmallfiler
from kvalitet.kontroll.huvudmannarapport import validera_huvudmannarapport
from kvalitet.kontroll.rapportmall import validera_rapportmall
from kvalitet.kontroll.rapportmallval import (
    kontrollera_huvudmannens_val,
    kontrollera_mot_mall,
    rapportmall_for,
)
from kvalitet.kontroll.validera import validera_enhet, validera_huvudman
from kvalitet.modell import Enhetsrapport, Huvudmannafil, Huvudmannarapport
from kvalitet.modell.rapportmall import Rapportmall


@dataclass
class Enhetskontroll:
    """One unit file after loading and validation."""

    id: str
    fil: Path
    rapport: Enhetsrapport | None
    problem: list[Problem]

    @property
    def ok(self) -> bool:
        return self.rapport is not None and not any(p.ar_fel for p in self.problem)


@dataclass
class Periodlage:
    """Everything known about one period of a project after validation."""

    period: str | None
    huvudmannafil: Path | None = None
    huvudman: Huvudmannafil | None = None
    huvudmansproblem: list[Problem] = field(default_factory=list)
    enheter: list[Enhetskontroll] = field(default_factory=list)
    historik: dict[str, dict[str, Enhetsrapport]] = field(default_factory=dict)
    perioder: list[str] = field(default_factory=list)
    rapportfil: Path | None = None
    """The huvudman's own report of the period (``huvudmannens-rapport.yaml``), if any."""
    rapport: Huvudmannarapport | None = None
    rapportproblem: list[Problem] = field(default_factory=list)
    rapportkalla: Kalla | None = None
    """The report's file as read (its lines), for checks made after the units are validated."""
    rapportmallar: dict[str, Rapportmall | None] = field(default_factory=dict)
    """Every rapportmall of the project by name (None for one with errors)."""
    rapportmallproblem: list[Problem] = field(default_factory=list)
    mall_per_enhet: dict[str, str] = field(default_factory=dict)
    """The name of the rapportmall each validated unit follows."""

    @property
    def problem(self) -> list[Problem]:
        return [
            *self.rapportmallproblem,
            *self.huvudmansproblem,
            *self.rapportproblem,
            *(p for e in self.enheter for p in e.problem),
        ]

    @property
    def huvudman_ok(self) -> bool:
        return not any(p.ar_fel for p in self.huvudmansproblem)


class Valideringsminne:
    """Validated unit files kept by a long-running process (``kvalitet bygg --bevaka``,
    ``kvalitet visa``) between builds.

    A file is parsed and validated again only when its text, the huvudman file or any other
    file of the project (a picture it refers to may appear or vanish) changed. Output folders
    (those with a ``.kvalitet/`` folder) and hidden folders are not part of the project here.
    """

    def __init__(self) -> None:
        # one entry per file (and period): a long session holds no more than the project has
        self._poster: dict[
            tuple[object, ...], tuple[tuple[object, ...], Enhetsrapport | None, list[Problem]]
        ] = {}
        self.delat: dict[tuple[str | None, Path | None], tuple[str, Delat]] = {}
        """The period's shared files validated (``_delade_filer``), by their ``omgivning``."""

    @staticmethod
    def omgivning(projekt: Projekt, huvudmannafil: Path | None) -> str:
        """A fingerprint of everything but the unit files themselves."""
        hash_ = hashlib.sha256()
        if huvudmannafil is not None:
            hash_.update(_las_bytes(huvudmannafil))
        for mallfil in rapportmallfiler(projekt.rapporter).values():  # huvudman_krävs
            hash_.update(_las_bytes(mallfil))
        for mapp, undermappar, filer in os.walk(projekt.rot):
            undermappar[:] = sorted(
                d
                for d in undermappar
                if not d.startswith(".") and not os.path.isdir(os.path.join(mapp, d, ".kvalitet"))
            )
            for namn in sorted(filer):
                if namn.endswith((".yaml", ".yml")):
                    continue
                try:
                    st = os.stat(os.path.join(mapp, namn))
                except OSError:
                    continue
                hash_.update(f"{mapp}/{namn}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        return hash_.hexdigest()

    def hamta(
        self, plats: tuple[object, ...], signatur: tuple[object, ...]
    ) -> tuple[Enhetsrapport | None, list[Problem]] | None:
        """The result saved for ``plats`` when it was made with the same ``signatur``."""
        post = self._poster.get(plats)
        if post is None or post[0] != signatur:
            return None
        return post[1], list(post[2])

    def spara(
        self,
        plats: tuple[object, ...],
        signatur: tuple[object, ...],
        rapport: Enhetsrapport | None,
        problem: list[Problem],
    ) -> None:
        self._poster[plats] = (signatur, rapport, list(problem))


def _las_bytes(fil: Path) -> bytes:
    try:
        return fil.read_bytes()
    except OSError:
        return b"<saknas>"


Delat = tuple[dict[str, Rapportmall | None], list[Problem], Huvudmannafil | None, list[Problem]]


def _delade_filer(projekt: Projekt, vald: str | None, hfil: Path | None) -> Delat:
    """The rapportmallar and the huvudman file of a period, validated: the files every unit
    is checked against (kept in a ``Valideringsminne`` until its ``omgivning`` changes)."""
    mallar: dict[str, Rapportmall | None] = {}
    mallproblem: list[Problem] = []
    for namn, mkalla in las_rapportmallar(projekt.rapporter).items():
        mall, problem = validera_rapportmall(mkalla, namn)
        mallar[namn] = mall
        mallproblem.extend(problem)
    huvudman: Huvudmannafil | None = None
    huvudmansproblem: list[Problem] = []
    if hfil is not None:
        if utanfor := _utanfor(projekt, hfil):
            huvudmansproblem.append(utanfor)
        else:
            mappperiod = projekt.mappens_period(hfil)
            hkalla = las_yaml(hfil)
            huvudman, huvudmansproblem = validera_huvudman(hkalla, projekt.rot, mappperiod)
            if mappperiod is None and huvudman and huvudman.period != vald:
                huvudman = None  # a common file written for another period
            if huvudman is not None:
                huvudmansproblem.extend(kontrollera_huvudmannens_val(huvudman, hkalla, mallar))
    return mallar, mallproblem, huvudman, huvudmansproblem


def las_period(
    projekt: Projekt,
    period: str | None = None,
    enheter: Iterable[str] | None = None,
    minne: Valideringsminne | None = None,
) -> Periodlage:
    """Validate the units of ``period`` (default: the latest) against that period's huvudman
    file, and read the same units' earlier periods for trends. Never raises for data errors.
    With a ``minne``, files validated before with the same surroundings are not read again."""
    oversikt = periodoversikt(projekt)
    kallor, filperiod, perioder = oversikt.kallor, oversikt.filperiod, oversikt.perioder
    vald = period or (perioder[-1] if perioder else None)
    lage = Periodlage(vald, perioder=perioder)
    if vald is None and not filperiod:
        return lage

    hfil = projekt.huvudmannafil(vald) if vald else None
    lage.huvudmannafil = hfil
    omgivning = minne.omgivning(projekt, hfil) if minne is not None else ""
    delat = minne.delat.get((vald, hfil)) if minne is not None else None
    if delat is None or delat[0] != omgivning:
        delat = (omgivning, _delade_filer(projekt, vald, hfil))
        if minne is not None:
            minne.delat[(vald, hfil)] = delat
    mallar, mallproblem, lage.huvudman, huvudmansproblem = delat[1]
    lage.rapportmallar = dict(mallar)
    lage.rapportmallproblem = list(mallproblem)
    lage.huvudmansproblem = list(huvudmansproblem)
    # the huvudman's own report is checked with the whole period, not when units are chosen
    if vald and not enheter and (rfil := projekt.huvudmannarapport(vald)) is not None:
        lage.rapportfil = rfil
        if utanfor := _utanfor(projekt, rfil):
            lage.rapportproblem.append(utanfor)
        else:
            lage.rapportkalla = las_yaml(rfil)
            lage.rapport, lage.rapportproblem = validera_huvudmannarapport(
                lage.rapportkalla,
                projekt.rot,
                lage.huvudman,
                vald,
                huvudman_trasig=hfil is not None and lage.huvudman is None,
            )

    valda = set(enheter) if enheter else None
    per_id: dict[str, Path] = {}
    for fil, fper in filperiod.items():
        # A file whose period cannot be read (broken, or no 'period:') is checked with the
        # selected period so that its errors are reported, never silently skipped.
        if (fper is not None and fper != vald) or (valda is not None and fil.stem not in valda):
            continue
        if utanfor := _utanfor(projekt, fil):
            lage.enheter.append(Enhetskontroll(fil.stem, fil, None, [utanfor]))
            continue
        plats = (fil, vald)
        signatur = (hashlib.sha256(_las_bytes(fil)).hexdigest(), omgivning)
        sparat = minne.hamta(plats, signatur) if minne is not None else None
        if sparat is not None:
            rapport, problem = sparat
        else:
            kalla = kallor.get(fil) or las_yaml(fil)
            rapport, problem = validera_enhet(
                kalla,
                projekt.rot,
                lage.huvudman,
                projekt.mappens_period(fil),
                huvudman_trasig=hfil is not None and lage.huvudman is None,
                rapportmallar=lage.rapportmallar,
            )
            if minne is not None:
                minne.spara(plats, signatur, rapport, problem)
        per_id.setdefault(fil.stem, fil)
        problem = list(problem)
        if rapport is not None:
            problem.extend(_mot_rapportmall(lage, fil, rapport, kallor))
        lage.enheter.append(Enhetskontroll(fil.stem, fil, rapport, problem))

    # one unit, one file: two files with the same id are both errors, and neither is built
    # (whichever sorted first used to replace the other)
    for id_, filer in _dubbletter(lage.enheter).items():
        for kontroll in lage.enheter:
            if kontroll.id == id_:
                andra = [visningsnamn(f) for f in filer if f != kontroll.fil]
                kontroll.problem.append(
                    fel(
                        kontroll.fil,
                        1,
                        1,
                        f"enheten '{id_}' finns i flera filer för {vald or 'perioden'}: "
                        f"också i {', '.join(andra)}; ingen av dem byggs",
                        "varje enhet har en enda fil: ta bort kopian, eller döp om den ena "
                        "(filnamnet är enhetens id)",
                    )
                )
                kontroll.rapport = None

    if vald:
        lage.historik = _historik(projekt, filperiod, kallor, vald, set(per_id), minne)
    return lage


def _mot_rapportmall(
    lage: Periodlage, fil: Path, rapport: Enhetsrapport, kallor: dict[Path, Kalla]
) -> list[Problem]:
    """The unit's rapportmall resolved and the unit checked against it (outside the
    Valideringsminne: a template may change without the unit file changing)."""
    last: list[Kalla] = []

    def kalla() -> Kalla:
        if not last:
            last.append(kallor.get(fil) or las_yaml(fil))
        return last[0]

    mall, problem = rapportmall_for(fil.stem, rapport, lage.huvudman, lage.rapportmallar, kalla)
    if mall is not None:
        namn = next(n for n, m in lage.rapportmallar.items() if m is mall)
        lage.mall_per_enhet[fil.stem] = namn
        problem.extend(kontrollera_mot_mall(rapport, mall, namn, kalla))
    return problem


def _dubbletter(enheter: list[Enhetskontroll]) -> dict[str, list[Path]]:
    filer: dict[str, list[Path]] = {}
    for kontroll in enheter:
        filer.setdefault(kontroll.id, []).append(kontroll.fil)
    return {id_: f for id_, f in filer.items() if len(f) > 1}


def _historik(
    projekt: Projekt,
    filperiod: dict[Path, str | None],
    kallor: dict[Path, Kalla],
    vald: str,
    ids: set[str],
    minne: Valideringsminne | None = None,
) -> dict[str, dict[str, Enhetsrapport]]:
    """The same units' reports from earlier periods (those that validate), for trends."""
    ut: dict[str, dict[str, Enhetsrapport]] = {}
    for fil, fper in filperiod.items():
        if not fper or fil.stem not in ids or periodnyckel(fper) >= periodnyckel(vald):
            continue
        if _utanfor(projekt, fil):
            continue
        plats = ("historik", fil)
        signatur = (hashlib.sha256(_las_bytes(fil)).hexdigest(),)
        sparat = minne.hamta(plats, signatur) if minne is not None else None
        if sparat is not None:
            rapport = sparat[0]
        else:
            rapport = _tidigare_rapport(kallor.get(fil) or las_yaml(fil))
            if minne is not None:
                minne.spara(plats, signatur, rapport, [])
        if rapport is not None:
            ut.setdefault(fil.stem, {})[fper] = rapport
    return ut


def _tidigare_rapport(kalla: Kalla) -> Enhetsrapport | None:
    """An earlier period's report, when it validates on its own (for trends)."""
    if not kalla.ok or not isinstance(kalla.data, dict):
        return None
    try:
        return Enhetsrapport.model_validate(kalla.data)
    except ValueError:
        return None
