"""A report's sections as the templates show them: numbered and unnumbered headings, the table
of contents, and each section's content (the fixed form and the blocks of ``innehåll``)."""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from kvalitet.berika.tabellvy import VyTabell, diagram, tabell
from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.lokala_filer import lokal_fil
from kvalitet.modell import (
    Avsnitt,
    Bildblock,
    Diagramblock,
    Huvudavsnitt,
    Slutsatsblock,
    Styrkeblock,
    Svaghetsblock,
    Tabellblock,
    Textblock,
    TillAnalysblock,
)
from kvalitet.modell.genomgang import ar_numrerad, har_innehall
from kvalitet.modell.malltabell import tabellmall_for
from kvalitet.modell.rapportmall import TOM_TEXT, Numrering
from kvalitet.modell.rapportmall_tabell import Skala, Tabellmall

INNEHALL_DJUP = 3
STYRKOR = "Vilka styrkor finns?"
SVAGHETER = "Vilka svagheter finns?"
TILL_ANALYS = "Vad från avsnittet tar ni med er till avslutande analys?"


@dataclass
class Rubrik:
    """A heading; numbers are computed from the position, never typed. An unnumbered heading
    (``numrerad`` false) has no number and no line in the table of contents."""

    nummer: str
    text: str
    niva: int
    namn: str = ""
    numrerad: bool = True
    behall_niva: bool = False
    """Below h6 the heading keeps its level (``aria_niva``); else it is an h6."""

    @property
    def ankare(self) -> str:
        """The HTML id: ``avsnitt-2-1-3`` for numbered headings, the given name otherwise."""
        if self.namn:
            return self.namn
        return "avsnitt-" + self.nummer.replace(".", "-").replace(":", "-")

    @property
    def tagg(self) -> str:
        """The HTML heading element: the cover title is h1, so level 1 is h2; below h6 a
        ``div`` that keeps its level (``aria_niva``)."""
        if self.aria_niva is None:
            return f"h{min(self.niva + 1, 6)}"
        return "div"

    @property
    def aria_niva(self) -> int | None:
        """The heading's level for assistive technology when it is deeper than h6, else None
        (``role="heading" aria-level="7"``)."""
        return self.niva + 1 if self.behall_niva and self.niva + 1 > 6 else None

    @property
    def hel(self) -> str:
        return f"{self.nummer} {self.text}" if self.nummer else self.text


@dataclass
class VyBild:
    data_uri: str
    alt: str
    bildtext: str | None
    sort: str = "bild"


@dataclass
class VyText:
    text: str
    niva: int
    hor_ihop: bool = False  # kept on the page of the table, chart or image that follows
    sort: str = "text"


@dataclass
class VySlutsats:
    rubrik: str
    inledning: str | None
    punkter: list[str]
    sort: str = "slutsats"


@dataclass
class VyPunkter:
    """Strengths or weaknesses (``sort`` says which) as a list under its question."""

    sort: str
    rubrik: str
    punkter: list[str]


@dataclass
class VyTillAnalys:
    text: str | None
    punkter: list[str]
    niva: int
    rubrik: str = TILL_ANALYS
    sort: str = "till_analys"


@dataclass
class VyDel:
    """One part of the report (a heading) with its content and closing lists."""

    rubrik: Rubrik
    text: str | None = None
    tabeller: list[VyTabell] = field(default_factory=list)
    bilder: list[VyBild] = field(default_factory=list)
    innehall: list[Any] = field(default_factory=list)
    avsnitt: list[VyDel] = field(default_factory=list)
    styrkor: list[str] = field(default_factory=list)
    svagheter: list[str] = field(default_factory=list)
    slutsatser: list[str] = field(default_factory=list)
    till_analys: list[str] = field(default_factory=list)
    tom: bool = False
    sort: str = "avsnitt"
    tom_text: str = TOM_TEXT
    """Printed under the heading of an empty part (the rapportmall's ``tom_text``)."""
    fast_text: str | None = None
    """The rapportmall's own text under the heading, before the unit's."""
    delaktighet: bool = False
    """The unit's participation box prints under this heading."""


class Byggare:
    """Builds the parts in reading order, numbering them and collecting the table of contents
    (numbered headings; with ``alla_rubriker`` the unnumbered ones too)."""

    def __init__(
        self,
        kallfil: Path,
        projektrot: Path,
        alla_rubriker: bool = False,
        rojandegrans: int = 10,
        numrering: Numrering | None = None,
        skalor: dict[str, Skala] | None = None,
    ) -> None:
        self.kallfil = kallfil
        self.skalor = skalor or {}
        """The rapportmall's assessment scales, for its ``bedömningsskala`` tables."""
        self.numrering = numrering
        """The rapportmall's numbering per level; a level it leaves unnumbered stays so."""
        self.behall_niva = numrering is not None and numrering.djupa_rubriker == "behåll"
        """Headings below h6 keep their level (else they are h6, as before the rapportmall)."""
        self.rojandegrans = rojandegrans
        self.projektrot = projektrot
        self.alla_rubriker = alla_rubriker
        self.innehall: list[Rubrik] = []

    def huvuddel(
        self, nr: int, text: str, del_: Huvudavsnitt | None, forst: Avsnitt | None = None
    ) -> VyDel:
        if del_ is None and forst is None:
            vy = VyDel(Rubrik(str(nr), text, 1), tom=True)
            self.innehall.append(vy.rubrik)
            return vy
        if del_ is None:
            del_ = Huvudavsnitt()
        if forst is not None:
            del_ = del_.model_copy(update={"avsnitt": [forst, *del_.avsnitt]})
        vy = self.del_(str(nr), text, 1, del_)
        vy.tom = not har_innehall(del_)  # printed, and saying that it is not filled in
        return vy

    def del_(
        self,
        nummer: str,
        text: str,
        niva: int,
        del_: Huvudavsnitt | Avsnitt,
        numrerad: bool = True,
        ankare: str = "",
        tabellmallar: Sequence[Tabellmall] = (),
    ) -> VyDel:
        rubrik = Rubrik(nummer, text, niva, "" if numrerad else ankare, numrerad, self.behall_niva)
        ident = nummer.replace(".", "-") if numrerad else rubrik.ankare.removeprefix("avsnitt-")
        vy = VyDel(
            rubrik,
            text=del_.text,
            tabeller=[
                tabell(
                    t,
                    f"diagram-{ident}-{i}",
                    self.rojandegrans,
                    tabellmall_for(t, i - 1, tabellmallar),
                    self.skalor,
                )
                for i, t in enumerate(del_.tabeller, 1)
            ],
            bilder=[self._bild(b.fil, b.alt, b.bildtext) for b in del_.bilder],
            styrkor=list(del_.styrkor),
            svagheter=list(del_.svagheter),
            slutsatser=list(del_.slutsatser),
            till_analys=list(del_.till_analys),
        )
        if numrerad or self.alla_rubriker:
            self.innehall.append(rubrik)
        raknare = {"nr": 0, "onr": 0}
        vy.innehall = self.block(del_.innehall, rubrik, numrerad, raknare)
        for barn in filter(har_innehall, del_.avsnitt):  # an empty heading is not printed
            vy.avsnitt.append(
                self._under(barn, rubrik, ar_numrerad(barn, False, numrerad), raknare)
            )
        return vy

    def block(
        self, block: list[Any], rubrik: Rubrik, numrerad: bool, raknare: dict[str, int]
    ) -> list[Any]:
        """The blocks of an ``innehåll`` under ``rubrik``, headings numbered in turn."""
        ident = (rubrik.nummer.replace(".", "-") if numrerad else "") or rubrik.ankare.removeprefix(
            "avsnitt-"
        )
        ut: list[Any] = []
        for i, b in enumerate(block, start=1):
            if isinstance(b, Avsnitt) and not har_innehall(b):
                continue  # an empty heading is not printed
            if isinstance(b, Avsnitt):
                ut.append(self._under(b, rubrik, ar_numrerad(b, True, numrerad), raknare))
            else:
                ut.append(self._vyblock(b, f"diagram-{ident}-b{i}", rubrik.niva))
        for nu, nasta in pairwise(ut):
            if isinstance(nu, VyText) and nasta.sort in ("tabell", "diagram", "bild"):
                nu.hor_ihop = True
        return ut

    def _under(
        self, barn: Avsnitt, rubrik: Rubrik, numrerad: bool, raknare: dict[str, int]
    ) -> VyDel:
        niva = rubrik.niva + 1 if self.behall_niva else min(rubrik.niva + 1, 6)
        if self.numrering is not None and not self.numrering.numrerad(niva):
            numrerad = False
        if numrerad:
            raknare["nr"] += 1
            return self.del_(f"{rubrik.nummer}.{raknare['nr']}", barn.rubrik, niva, barn)
        raknare["onr"] += 1
        ankare = f"{rubrik.ankare}-r{raknare['onr']}"
        return self.del_("", barn.rubrik, niva, barn, numrerad=False, ankare=ankare)

    def _vyblock(self, b: Any, ident: str, niva: int) -> Any:
        if isinstance(b, Textblock):
            return VyText(b.text, niva)
        if isinstance(b, Tabellblock):
            return tabell(b.tabell, ident, self.rojandegrans)
        if isinstance(b, Bildblock):
            return self._bild(b.bild.fil, b.bild.alt, b.bild.bildtext)
        if isinstance(b, Diagramblock):
            return diagram(b.diagram, ident, self.rojandegrans)
        if isinstance(b, Slutsatsblock):
            s = b.slutsats
            return VySlutsats(s.rubrik or "Slutsats", s.inledning, list(s.punkter))
        if isinstance(b, Styrkeblock):
            return VyPunkter("styrkor", STYRKOR, list(b.styrkor))
        if isinstance(b, Svaghetsblock):
            return VyPunkter("svagheter", SVAGHETER, list(b.svagheter))
        if isinstance(b, TillAnalysblock):
            if isinstance(b.till_analys, str):
                return VyTillAnalys(b.till_analys, [], niva)
            return VyTillAnalys(None, list(b.till_analys), niva)
        raise TypeError(f"okänt block: {type(b).__name__}")

    def _bild(self, fil: str, alt: str, bildtext: str | None) -> VyBild:
        sokvag = lokal_fil(self.projektrot, self.kallfil.parent, fil)
        if not isinstance(sokvag, Path):
            raise KvalitetError(f"{sokvag.vad} ({sokvag.hur})")
        typ = mimetypes.guess_type(sokvag.name)[0] or "application/octet-stream"
        data = base64.b64encode(sokvag.read_bytes()).decode("ascii")
        return VyBild(f"data:{typ};base64,{data}", alt, bildtext)
