"""Validated unit → what the templates show: numbered headings, formatted values, status, images."""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from kvalitet.berika.diagram import Serie, stapeldiagram
from kvalitet.berika.roj import SYMBOLER, maskera_rapport, symboler_i
from kvalitet.berika.tema import logotyp, tema_css
from kvalitet.berika.uppfoljning import VyMal, uppfoljning
from kvalitet.grund import format as fmt
from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.lokala_filer import lokal_fil
from kvalitet.modell import (
    Avsnitt,
    Enhetsrapport,
    Huvudavsnitt,
    Huvudmannafil,
    Tabell,
    Utvecklingsomrade,
)
from kvalitet.modell.verksamhetsplan import planens_styrtal

INNEHALL_DJUP = 3


@dataclass
class Rubrik:
    """A numbered heading; numbers are computed from the position, never typed."""

    nummer: str
    text: str
    niva: int
    namn: str = ""

    @property
    def ankare(self) -> str:
        """The HTML id: ``avsnitt-2-1-3`` for numbered headings, the given name otherwise."""
        if self.namn:
            return self.namn
        return "avsnitt-" + self.nummer.replace(".", "-").replace(":", "-")

    @property
    def tagg(self) -> str:
        """The HTML heading element: the cover title is h1, so level 1 is h2."""
        return f"h{min(self.niva + 1, 6)}"

    @property
    def hel(self) -> str:
        return f"{self.nummer} {self.text}" if self.nummer else self.text


@dataclass
class VyTabell:
    rubrik: str
    radrubrik: str
    kolumner: list[str]
    rader: list[tuple[str, list[str]]]
    kalla: str | None
    symboler: list[str] = field(default_factory=list)
    diagram: Markup | None = None


@dataclass
class VyBild:
    data_uri: str
    alt: str
    bildtext: str | None


@dataclass
class VyDel:
    """One numbered part of the report with its content and closing lists."""

    rubrik: Rubrik
    text: str | None = None
    tabeller: list[VyTabell] = field(default_factory=list)
    bilder: list[VyBild] = field(default_factory=list)
    avsnitt: list[VyDel] = field(default_factory=list)
    styrkor: list[str] = field(default_factory=list)
    svagheter: list[str] = field(default_factory=list)
    slutsatser: list[str] = field(default_factory=list)
    till_analys: list[str] = field(default_factory=list)
    tom: bool = False


@dataclass
class VyPerspektivdel:
    """A numbered perspektiv in section 5."""

    rubrik: Rubrik
    mal: list[VyMal]


@dataclass
class VyUtvecklingsomrade:
    rubrik: Rubrik
    omrade: Utvecklingsomrade


@dataclass
class VyRapport:
    """Everything a report template needs, already numbered and formatted."""

    id: str
    enhet: Enhetsrapport
    titel: str
    inledning: list[Rubrik]
    delar: list[VyDel]
    utveckling_rubrik: Rubrik
    utvecklingsomraden: list[VyUtvecklingsomrade]
    verksamhetsplan_rubrik: Rubrik | None
    verksamhetsplan_text: str | None
    perspektiv: list[VyPerspektivdel]
    innehall: list[Rubrik]
    huvudman: str
    forvaltning: str | None
    tema_css: str = ""  # Markup from tema.tema_css
    logotyp: str | None = None
    teckenforklaring: dict[str, str] = field(default_factory=dict)


def las_upp(
    enhets_id: str,
    rapport: Enhetsrapport,
    kallfil: Path,
    projektrot: Path,
    huvudman: Huvudmannafil | None = None,
    huvudmannafil: Path | None = None,
    tidigare_perioder: dict[str, Enhetsrapport] | None = None,
) -> VyRapport:
    """Resolve a validated unit (joined with its period's huvudman file) for rendering.

    Röjandekontrollen is applied first, to this period and the earlier ones: nothing after this
    point sees a value that could reveal individual pupils."""
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    matt = {ps.styrtal.id: ps.styrtal.matt for ps in planens_styrtal(huvudman)}
    verklig = rapport
    rapport = maskera_rapport(rapport, grans, matt)
    tidigare_perioder = {
        p: maskera_rapport(r, grans, matt) for p, r in (tidigare_perioder or {}).items()
    }
    bygg = _Byggare(kallfil, projektrot)
    inledning: list[Rubrik] = []
    if rapport.beskrivning:
        inledning.append(Rubrik("", "Om enheten", 1, "om-enheten"))
    if rapport.sammanfattning:
        inledning.append(Rubrik("", "Sammanfattning", 1, "sammanfattning"))
    bygg.innehall.extend(inledning)
    delar: list[VyDel] = []
    tidigare = _tidigare(rapport) if rapport.tidigare_utvecklingsomraden else None
    delar.append(
        bygg.huvuddel(1, "Det systematiska kvalitetsarbetet", rapport.kvalitetsarbete, tidigare)
    )

    resultat = VyDel(Rubrik("2", "Resultat", 1))
    bygg.innehall.append(resultat.rubrik)
    if rapport.resultat:
        resultat.text = rapport.resultat.text
        grupper = [
            ("Objektiva resultat", rapport.resultat.objektiva),
            ("Subjektiva resultat", rapport.resultat.subjektiva),
            ("Observerade resultat", rapport.resultat.observerade),
        ]
        nr = 0
        for text, grupp in grupper:
            if grupp is not None:
                nr += 1
                resultat.avsnitt.append(bygg.del_(f"2.{nr}", text, 2, grupp))
    resultat.tom = not rapport.resultat
    delar.append(resultat)
    delar.append(bygg.huvuddel(3, "Analys", rapport.analys))

    utveckling_rubrik = Rubrik("4", "Prioriterade utvecklingsområden", 1)
    bygg.innehall.append(utveckling_rubrik)
    omraden = []
    for i, omr in enumerate(rapport.utvecklingsomraden, start=1):
        rubrik = Rubrik(f"4.{i}", omr.rubrik, 2)
        bygg.innehall.append(rubrik)
        omraden.append(VyUtvecklingsomrade(rubrik, omr))

    vp_rubrik = None
    perspektiv: list[VyPerspektivdel] = []
    vp_text = huvudman.verksamhetsplan.text if huvudman and huvudman.verksamhetsplan else None
    grupper = uppfoljning(rapport, huvudman, tidigare_perioder or {}, verklig)
    if grupper:
        vp_rubrik = Rubrik("5", "Uppföljning av verksamhetsplanen", 1)
        bygg.innehall.append(vp_rubrik)
        for p, grupp in enumerate(grupper, start=1):
            rubrik = Rubrik(f"5.{p}", grupp.namn, 2)
            bygg.innehall.append(rubrik)
            perspektiv.append(VyPerspektivdel(rubrik, grupp.mal))

    return VyRapport(
        id=enhets_id,
        enhet=rapport,
        titel=f"Kvalitetsrapport {rapport.period} – {rapport.namn}",
        inledning=inledning,
        delar=delar,
        utveckling_rubrik=utveckling_rubrik,
        utvecklingsomraden=omraden,
        verksamhetsplan_rubrik=vp_rubrik,
        verksamhetsplan_text=vp_text,
        perspektiv=perspektiv,
        innehall=[r for r in bygg.innehall if r.niva <= INNEHALL_DJUP],
        huvudman=huvudman.namn if huvudman else (rapport.huvudman or ""),
        forvaltning=rapport.forvaltning or (huvudman.forvaltning if huvudman else None),
        tema_css=tema_css(huvudman.tema if huvudman else None),
        logotyp=logotyp(huvudman, huvudmannafil, projektrot),
        teckenforklaring={k: v.format(grans=grans) for k, v in SYMBOLER.items()},
    )


def _tidigare(rapport: Enhetsrapport) -> Avsnitt:
    """Last period's development areas, as a subsection the unit fills in."""
    return Avsnitt.model_validate(
        {
            "rubrik": "Uppföljning av föregående periods utvecklingsområden",
            "avsnitt": [
                {"rubrik": t.rubrik, "text": t.uppfoljning or "*Inte uppföljt ännu.*"}
                for t in rapport.tidigare_utvecklingsomraden
            ],
        }
    )


class _Byggare:
    def __init__(self, kallfil: Path, projektrot: Path) -> None:
        self.kallfil = kallfil
        self.projektrot = projektrot
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
        return self.del_(str(nr), text, 1, del_)

    def del_(self, nummer: str, text: str, niva: int, del_: Huvudavsnitt | Avsnitt) -> VyDel:
        vy = VyDel(
            Rubrik(nummer, text, niva),
            text=del_.text,
            tabeller=[
                _tabell(t, f"diagram-{nummer.replace('.', '-')}-{i}")
                for i, t in enumerate(del_.tabeller, start=1)
            ],
            bilder=[self._bild(b.fil, b.alt, b.bildtext) for b in del_.bilder],
            styrkor=list(del_.styrkor),
            svagheter=list(del_.svagheter),
            slutsatser=list(del_.slutsatser),
            till_analys=list(del_.till_analys),
        )
        self.innehall.append(vy.rubrik)
        for i, barn in enumerate(del_.avsnitt, start=1):
            vy.avsnitt.append(self.del_(f"{nummer}.{i}", barn.rubrik, min(niva + 1, 6), barn))
        return vy

    def _bild(self, fil: str, alt: str, bildtext: str | None) -> VyBild:
        sokvag = lokal_fil(self.projektrot, self.kallfil.parent, fil)
        if not isinstance(sokvag, Path):
            raise KvalitetError(f"{sokvag.vad} ({sokvag.hur})")
        typ = mimetypes.guess_type(sokvag.name)[0] or "application/octet-stream"
        data = base64.b64encode(sokvag.read_bytes()).decode("ascii")
        return VyBild(f"data:{typ};base64,{data}", alt, bildtext)


def _tabell(tabell: Tabell, ident: str) -> VyTabell:
    if tabell.kolumner:
        kolumner = list(tabell.kolumner)
        radvarden = [list(r.varden or []) for r in tabell.rader]
        mattlista = [[r.matt or tabell.matt] * len(kolumner) for r in tabell.rader]
    else:
        falt = [
            (namn, rubrik)
            for namn, rubrik in (("flickor", "Flickor"), ("pojkar", "Pojkar"), ("totalt", "Totalt"))
            if any(getattr(r, namn) is not None for r in tabell.rader)
        ]
        kolumner = [rubrik for _, rubrik in falt]
        radvarden = [[getattr(r, namn) for namn, _ in falt] for r in tabell.rader]
        mattlista = [[r.matt or tabell.matt] * len(falt) for r in tabell.rader]
    rader = [
        (r.rad, [fmt.varde(v, m) or "." for v, m in zip(varden, matt, strict=True)])
        for r, varden, matt in zip(tabell.rader, radvarden, mattlista, strict=True)
    ]
    diagram = None
    if tabell.diagram == "stapel":
        serier = [
            Serie(kolumn, [varden[k] if k < len(varden) else None for varden in radvarden])
            for k, kolumn in enumerate(kolumner)
        ]
        diagram = stapeldiagram(
            ident, tabell.rubrik, [r.rad for r in tabell.rader], serier, tabell.matt, bredd=600
        )
    return VyTabell(
        tabell.rubrik,
        tabell.radrubrik or "",
        kolumner,
        rader,
        tabell.kalla,
        symboler_i([c for _, celler in rader for c in celler]),
        diagram,
    )
