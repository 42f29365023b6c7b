"""The differential check: every source value against every output that shows it.

For each value typed in a unit's file (``differens_kalla``) the expected text is worked out
(``differens_format``), or, when röjandekontrollen hides it, its symbol (``differens_maskering``).
Then each built output is read back as a reader sees it and compared, place by place:

- the unit's HTML: the table cell in the value's row and column, the styrtal table of section 5;
- the chart's text alternative (``<desc>``) for tables with ``diagram: stapel``, ``diagram:``
  blocks and the styrtal charts;
- the sammanställning's HTML and huvudmannens rapport's HTML: the matrix cell (unit, styrtal)
  and the målvärde in the column heading;
- the sammanställning's CSV and XLSX: the row (unit, styrtal), columns Målvärde, Utfall, Flickor,
  Pojkar;
- optionally the PDFs' text (``differens_pdf``).

Every difference is an ``Avvikelse`` that names the value (file:line, where in the report),
the output file and what it shows instead."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from differens_format import NBSP, lika_i_export, talas, tolka, visas
from differens_html import HtmlDiagram, HtmlTabell, diagram, las_html, tabeller
from differens_kalla import Kallenhet, Kallprojekt, Kalltabell, Kallvarde, las_projekt
from differens_maskering import Maskerat, maskerade_varden

SAMMANSTALLNING = "sammanstallning"
HUVUDMANNENS_RAPPORT = "huvudmannens-rapport"
FALTKOLUMN = {"flickor": "Flickor", "pojkar": "Pojkar", "målvärde": "Målvärde"}
DOLDA = ("..", "~100")
"""The symbols of a hidden value; a status computed from one is "ej redovisat"."""
EXPORTKOLUMN = {
    "utfall": "Utfall",
    "flickor": "Flickor",
    "pojkar": "Pojkar",
    "målvärde": "Målvärde",
}


@dataclass(frozen=True)
class Avvikelse:
    varde: Kallvarde
    utfil: str
    utdata: str
    vantat: str
    fann: str

    def __str__(self) -> str:
        v = self.varde
        return (
            f"{v.var}: {v.plats} = {v.varde!r}: {self.utdata} i {self.utfil} visar "
            f"{self.fann!r}, väntat {self.vantat!r}"
        )


@dataclass
class Jamforelse:
    avvikelser: list[Avvikelse] = field(default_factory=list)
    antal: Counter[str] = field(default_factory=Counter)
    """How many comparisons were made, per output."""
    maskerade: int = 0
    sorter: Counter[str] = field(default_factory=Counter)
    """How many comparisons were made, per kind of source value."""

    def jamfor(
        self, varde: Kallvarde, utfil: str, utdata: str, vantat: str, fann: str | None
    ) -> None:
        self.antal[utdata] += 1
        self.sorter[varde.sort] += 1
        if fann != vantat:
            self.avvikelser.append(
                Avvikelse(varde, utfil, utdata, vantat, "saknas" if fann is None else fann)
            )

    def rapport(self, hogst: int = 40) -> str:
        rader = [str(a) for a in self.avvikelser[:hogst]]
        if len(self.avvikelser) > hogst:
            rader.append(f"… och {len(self.avvikelser) - hogst} till")
        return "\n".join(rader)


@dataclass
class Forvantan:
    """A value's expected text: masked (its symbol) or as formatted."""

    varde: Kallvarde
    maskerat: Maskerat | None

    @property
    def text(self) -> str:
        return self.maskerat.symbol if self.maskerat else visas(self.varde.varde, self.varde.matt)


def jamfor_projekt(rot: Path, ut: Path, pdf: bool = False) -> Jamforelse:
    """Compare every source value of the project at ``rot`` with what was built in ``ut``."""
    projekt = las_projekt(rot)
    maskerade = maskerade_varden(rot)
    resultat = Jamforelse()
    forvantat = {
        id(v): Forvantan(
            v, None if v.sort == "malvarde" else maskerade.get((v.fil.resolve(), v.sokvag))
        )
        for v in projekt.varden
    }
    resultat.maskerade = sum(1 for f in forvantat.values() if f.maskerat)
    for enhet in projekt.enheter:
        fil = ut / f"{enhet.id}.html"
        rot_html = las_html(fil.read_text(encoding="utf-8"))
        _enhetens_html(
            enhet, projekt, fil.name, tabeller(rot_html), diagram(rot_html), forvantat, resultat
        )
    for namn, utdata, klass, kolumn in (
        (SAMMANSTALLNING, "sammanställningen", "spridning", "Målvärde"),
        (HUVUDMANNENS_RAPPORT, "huvudmannens rapport", "planstyrtal", f"Målvärde {projekt.period}"),
    ):
        fil = ut / f"{namn}.html"
        if fil.is_file():
            dokument = las_html(fil.read_text(encoding="utf-8"))
            matris = tabeller(dokument, "matris-tabell")
            _matris(projekt, fil.name, utdata, matris, forvantat, resultat)
            _planens_malvarden(
                projekt, fil.name, utdata, tabeller(dokument, klass), kolumn, resultat
            )
            if namn == HUVUDMANNENS_RAPPORT:
                _huvudmansresultat(projekt, fil.name, tabeller(dokument, klass), resultat)
    _export(projekt, ut, forvantat, resultat)
    if pdf:
        from differens_pdf import jamfor_pdf

        jamfor_pdf(projekt, ut, forvantat, resultat)
    return resultat


def styrtalsvarden(enhet: Kallenhet, projekt: Kallprojekt) -> list[Kallvarde]:
    """The values of section 5: the plan's styrtal that apply to the unit, and its own, with
    their earlier utfall."""
    galler = (
        {s.id for s in projekt.plan.styrtal if s.galler(enhet.skolform)} if projekt.plan else set()
    )
    return [
        v
        for v in enhet.varden
        if v.sort == "eget_styrtal"
        or (v.sort in ("styrtal", "malvarde") and v.styrtal in galler)
        or (
            v.sort in ("historik", "jamforelse")
            and (v.styrtal in galler or v.styrtal in enhet.egna)
        )
    ]


def periodnyckel(period: str) -> int:
    return int(period[:4])


def malgrupp(enhet: Kallenhet, projekt: Kallprojekt, sid: str) -> set[str]:
    """The styrtal that share a table with ``sid`` in section 5: its mål's, or the own ones."""
    if sid in enhet.egna:
        return set(enhet.egna)
    assert projekt.plan is not None
    mal = next(s.mal for s in projekt.plan.styrtal if s.id == sid)
    return {s.id for s in projekt.plan.styrtal if s.mal == mal and s.galler(enhet.skolform)}


def _sista_tre(enhet: Kallenhet, grupp: set[str]) -> list[str]:
    alla = {
        v.period
        for v in enhet.varden
        if v.sort == "historik"
        and v.styrtal in grupp
        and v.period
        and periodnyckel(v.period) < periodnyckel(enhet.period)
    }
    return sorted(alla, key=periodnyckel)[-3:]


def tabellens_perioder(enhet: Kallenhet, projekt: Kallprojekt, sid: str) -> list[str]:
    return _sista_tre(enhet, malgrupp(enhet, projekt, sid))


def diagrammets_perioder(enhet: Kallenhet, sid: str) -> list[str]:
    return sorted(
        {v.period for v in enhet.varden if v.sort == "historik" and v.styrtal == sid and v.period},
        key=periodnyckel,
    )[-3:]


def styrtalstext(enhet: Kallenhet, projekt: Kallprojekt, sid: str) -> str:
    if sid in enhet.egna:
        return enhet.egna[sid].text
    assert projekt.plan is not None
    return next(s.text for s in projekt.plan.styrtal if s.id == sid)


def kolumn_for(v: Kallvarde, period: str) -> str:
    """The column of the styrtal table that shows the value."""
    if v.sort == "jamforelse":
        return (v.falt or "").capitalize()
    return f"Utfall {v.period or period}" if v.falt == "utfall" else FALTKOLUMN[v.falt or ""]


def jamforelser(enhet: Kallenhet, projekt: Kallprojekt, sid: str) -> list[str]:
    """The comparison columns of the styrtal's table: every name its mål's styrtal have."""
    grupp = malgrupp(enhet, projekt, sid)
    ordning = [s.id for s in projekt.plan.styrtal] if projekt.plan else []
    ordning += list(enhet.egna)
    return list(
        dict.fromkeys(
            v.falt or ""
            for v in sorted(
                (v for v in enhet.varden if v.sort == "jamforelse" and v.styrtal in grupp),
                key=lambda v: ordning.index(v.styrtal or ""),
            )
        )
    )


def _enhetens_html(
    enhet: Kallenhet,
    projekt: Kallprojekt,
    utfil: str,
    html_tabeller: list[HtmlTabell],
    html_diagram: list[HtmlDiagram],
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
) -> None:
    for tabell in enhet.tabeller:
        varden = [v for v in enhet.varden if v.tabell is tabell]
        if tabell.tabell:
            _tabell(tabell, varden, utfil, html_tabeller, forvantat, res)
        if tabell.diagram:
            _tabelldiagram(tabell, varden, utfil, html_diagram, forvantat, res)
    styrtal = [t for t in html_tabeller if t.kolumner[:1] == ["Styrtal"]]
    for v in styrtalsvarden(enhet, projekt):
        f = forvantat[id(v)]
        assert v.styrtal is not None and v.falt is not None
        rad = next((r for t in styrtal for r in t.rader if r[0].startswith(f"{v.styrtal} ")), None)
        tabell = next((t for t in styrtal if rad in t.rader), None)
        kolumn = kolumn_for(v, enhet.period)
        if v.sort == "historik" and v.period not in tabellens_perioder(enhet, projekt, v.styrtal):
            continue  # an older period than the table's three
        fann = None
        if rad is not None and tabell is not None and kolumn in tabell.kolumner:
            fann = rad[1][tabell.kolumner.index(kolumn) - 1]
        res.jamfor(v, utfil, "HTML", f.text, fann)
        if dold_status(enhet, v, f):
            status = None
            if rad is not None and tabell is not None and "Status" in tabell.kolumner:
                status = rad[1][tabell.kolumner.index("Status") - 1]
            res.jamfor(v, utfil, "HTML, status", "– Ej redovisat", status)
        _styrtalsdiagram(enhet, projekt, v, forvantat, utfil, html_diagram, res)
    _styrtalsetiketter(enhet, projekt, utfil, html_diagram, forvantat, res)


def dold_status(enhet: Kallenhet, v: Kallvarde, f: Forvantan) -> bool:
    """Whether the styrtal's status must not be shown: computed from an utfall that is hidden
    (a status the unit states itself is shown as written)."""
    egen = enhet.styrtal.get(v.styrtal or "") or {}
    return (
        v.sort in ("styrtal", "eget_styrtal")
        and v.falt == "utfall"
        and f.maskerat is not None
        and f.maskerat.symbol in DOLDA
        and not egen.get("status")
        and not egen.get("ej_aktuellt")
    )


def _tabell(
    tabell: Kalltabell,
    varden: list[Kallvarde],
    utfil: str,
    html_tabeller: list[HtmlTabell],
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
) -> None:
    rubriker = [tabell.radrubrik, *tabell.kolumner]
    kandidater = [
        t
        for t in html_tabeller
        if (t.rubrik or None) == tabell.rubrik and [r for r, _ in t.rader] == list(tabell.rader)
    ]

    def cell(t: HtmlTabell, v: Kallvarde) -> str | None:
        if v.kolumn not in t.kolumner or t.kolumner != rubriker:
            return None
        celler = t.rader[v.radnr or 0][1]
        k = t.kolumner.index(v.kolumn) - 1
        return celler[k] if k < len(celler) else None

    def fel(t: HtmlTabell) -> int:
        return sum(cell(t, v) != forvantat[id(v)].text for v in varden)

    basta = min(kandidater, key=fel, default=None)
    for v in varden:
        res.jamfor(v, utfil, "HTML", forvantat[id(v)].text, cell(basta, v) if basta else None)


def beskrivning(desc: str, kategorier: list[str]) -> tuple[dict[str, dict[str, str]], str | None]:
    """A chart's text alternative read back: serie → kategori → value, and the målvärde.

    An item is ``<kategori> <value>``; the categories are known (the rows, the periods), so a
    value with a space in it (``1 266``) is read whole. Spaces are compared as spaces: the text
    is read aloud, and the PDF's ``/Alt`` has a plain space where the SVG has a no-break one."""
    text = mellanslag(desc).removeprefix("Stapeldiagram.").strip()
    malvarde = None
    if " Målvärde " in f" {text}":
        text, _, mal = f" {text}".rpartition(" Målvärde ")
        malvarde = mal.removesuffix(".").strip()
        text = text.strip()
    kanda = sorted({mellanslag(k) for k in kategorier}, key=len, reverse=True)
    serier: dict[str, dict[str, str]] = {}
    for del_ in text.removesuffix(".").split("; "):
        namn, _, varden = del_.partition(": ")
        serier[namn] = {}
        for post in varden.split(", "):
            kategori = next((k for k in kanda if post.startswith(f"{k} ")), None)
            if kategori is not None:
                serier[namn][kategori] = post[len(kategori) + 1 :]
    return serier, malvarde


def mellanslag(text: str) -> str:
    return text.replace(NBSP, " ")


def _tabelldiagram(
    tabell: Kalltabell,
    varden: list[Kallvarde],
    utfil: str,
    html_diagram: list[HtmlDiagram],
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
    utdata: str = "diagrammets textalternativ",
) -> None:
    kandidater = [d for d in html_diagram if d.titel == (tabell.rubrik or "")]
    lasta = [beskrivning(d.beskrivning, list(tabell.rader))[0] for d in kandidater]

    def fann(serier: dict[str, dict[str, str]], v: Kallvarde) -> str | None:
        return serier.get(mellanslag(v.kolumn or ""), {}).get(
            mellanslag(tabell.rader[v.radnr or 0])
        )

    basta = min(
        lasta,
        key=lambda s: sum(fann(s, v) != mellanslag(talas(forvantat[id(v)].text)) for v in varden),
        default=None,
    )
    for v in varden:
        vantat = mellanslag(talas(forvantat[id(v)].text))
        res.jamfor(
            v,
            utfil,
            utdata,
            vantat,
            fann(basta, v) if basta is not None else None,
        )
    if basta is not None and utdata == "diagrammets textalternativ":
        etiketter(varden, kandidater[lasta.index(basta)], forvantat, utfil, res)


def etikett(text: str) -> str:
    """A value label as drawn, without its unit (a narrow bar drops it; the axis shows it)."""
    return mellanslag(text).replace(" %", "")


def etiketter(
    varden: list[Kallvarde],
    ritat: HtmlDiagram,
    forvantat: dict[int, Forvantan],
    utfil: str,
    res: Jamforelse,
) -> None:
    """The texts drawn in the chart hold each value's label (a bar's figure, or the symbol of a
    hidden value at the bar's foot), each one as many times as it is drawn."""
    ritade = Counter(etikett(t) for t in ritat.etiketter)
    for v in varden:
        vantat = etikett(forvantat[id(v)].text)
        if ritade[vantat] > 0:
            ritade[vantat] -= 1
            fann = vantat
        else:
            fann = "inte bland " + ", ".join(sorted(set(ritat.etiketter)))
        res.jamfor(v, utfil, "diagrammets etiketter", vantat, fann)


def _styrtalsetiketter(
    enhet: Kallenhet,
    projekt: Kallprojekt,
    utfil: str,
    html_diagram: list[HtmlDiagram],
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
) -> None:
    """Each styrtal chart's drawn labels: the utfall (the period's and the earlier ones it
    draws), flickor, pojkar, the comparisons and a numeric målvärde."""
    varden = styrtalsvarden(enhet, projekt)
    for sid in dict.fromkeys(v.styrtal or "" for v in varden):
        titel = f"Styrtal {sid}: {styrtalstext(enhet, projekt, sid)}"
        ritat = next((d for d in html_diagram if d.titel == titel), None)
        if ritat is None:
            continue
        perioder = diagrammets_perioder(enhet, sid)
        ritas = [
            v
            for v in varden
            if v.styrtal == sid
            and (v.sort != "historik" or v.period in perioder)
            and (v.falt != "målvärde" or tolka(v.varde).tal is not None)
        ]
        etiketter(ritas, ritat, forvantat, utfil, res)


def _styrtalsdiagram(
    enhet: Kallenhet,
    projekt: Kallprojekt,
    v: Kallvarde,
    forvantat: dict[int, Forvantan],
    utfil: str,
    html_diagram: list[HtmlDiagram],
    res: Jamforelse,
    utdata: str = "diagrammets textalternativ",
) -> None:
    """The styrtal's chart: the utfall of the period and of the (last three) earlier ones in the
    series Alla, flickor and pojkar in theirs, and a numeric målvärde. A chart is looked for when
    there is something to draw: the unit has a result for the styrtal, not ``diagram: false``,
    not of mått text, and the value is a shown number."""
    assert v.styrtal is not None and v.falt is not None
    titel = f"Styrtal {v.styrtal}: {styrtalstext(enhet, projekt, v.styrtal)}"
    ritat = next((d for d in html_diagram if d.titel == titel), None)
    f = forvantat[id(v)]
    vantat = mellanslag(talas(f.text))
    period = v.period if v.sort == "historik" else enhet.period
    if v.sort == "historik" and period not in diagrammets_perioder(enhet, v.styrtal):
        return
    if ritat is None:
        if diagram_ritas(enhet, v.styrtal, forvantat, v.matt) and (
            v.falt != "målvärde" or tolka(v.varde).tal is not None
        ):
            res.jamfor(v, utfil, utdata, vantat, None)
        return
    serier, malvarde = beskrivning(
        ritat.beskrivning, [enhet.period, *diagrammets_perioder(enhet, v.styrtal)]
    )
    if v.falt == "målvärde":
        if tolka(v.varde).tal is not None:
            res.jamfor(v, utfil, utdata, vantat, malvarde)
        return
    if v.sort == "jamforelse":
        serie = v.falt.capitalize()
    else:
        serie = {"utfall": "Alla", "flickor": "Flickor", "pojkar": "Pojkar"}[v.falt]
    res.jamfor(v, utfil, utdata, vantat, serier.get(serie, {}).get(period or ""))


def diagram_ritas(
    enhet: Kallenhet, sid: str, forvantat: dict[int, Forvantan], matt: str | None
) -> bool:
    """Whether the styrtal gets a chart: the unit has a result, not ``diagram: false``, not of
    mått text, and a shown number among the utfall it draws (the period's and the last three
    earlier ones)."""
    resultat = enhet.styrtal.get(sid)
    if resultat is None or resultat.get("diagram") is False or matt == "text":
        return False
    perioder = diagrammets_perioder(enhet, sid)
    utfall = [
        forvantat[id(x)]
        for x in enhet.varden
        if x.styrtal == sid
        and x.falt == "utfall"
        and (x.sort != "historik" or x.period in perioder)
    ]
    return any(not f.maskerat and tolka(f.varde.varde).tal is not None for f in utfall)


def _matris(
    projekt: Kallprojekt,
    utfil: str,
    utdata: str,
    matris: list[HtmlTabell],
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
) -> None:
    """The matrix of units × styrtal: a cell begins with the unit's utfall (then its status
    symbol and change); a column heading is the styrtal and its målvärde."""
    for enhet in projekt.enheter:
        # the heading is the unit's name, for a draft followed by "(utkast)"
        rad = next(
            ((t, r) for t in matris for r in t.rader if f"{r[0]} ".startswith(f"{enhet.namn} ")),
            None,
        )
        for v in styrtalsvarden(enhet, projekt):
            if v.sort in ("eget_styrtal", "historik") or v.falt not in ("utfall", "målvärde"):
                continue
            f = forvantat[id(v)]
            fann: str | None = None
            if rad is not None:
                tabell, (_, celler) = rad
                k = next(
                    (i for i, k in enumerate(tabell.kolumner) if k.split(" ")[0] == v.styrtal), None
                )
                if k is not None and v.falt == "målvärde":
                    fann = tabell.kolumner[k].partition(" mål ")[2] or None
                elif k is not None and k - 1 < len(celler):
                    text = celler[k - 1]
                    fann = f.text if text == f.text or text.startswith(f"{f.text} ") else text
            res.jamfor(v, utfil, utdata, f.text, fann)


def _planens_malvarden(
    projekt: Kallprojekt,
    utfil: str,
    utdata: str,
    html_tabeller: list[HtmlTabell],
    kolumn: str,
    res: Jamforelse,
) -> None:
    """The plan's målvärden in the sammanställning's spread tables (a row per styrtal and
    skolform) and in huvudmannens rapport's follow-up (a row per styrtal, a column per period)."""
    if projekt.plan is None:
        return
    skolformer = {e.skolform for e in projekt.enheter}
    forsta = {}
    for v in projekt.varden:
        if v.sort == "malvarde":
            forsta.setdefault(v.styrtal, v)
    for st in projekt.plan.styrtal:
        v = forsta.get(st.id)
        if v is None or not any(st.galler(s) for s in skolformer):
            continue
        rader = [
            (t, r) for t in html_tabeller for r in t.rader if f"{r[0]} ".startswith(f"{st.id} ")
        ]
        if not rader:
            res.jamfor(v, utfil, utdata, visas(v.varde, v.matt), None)
        for t, (_, celler) in rader:
            k = t.kolumner.index(kolumn) - 1 if kolumn in t.kolumner else len(celler)
            res.jamfor(
                v, utfil, utdata, visas(v.varde, v.matt), celler[k] if k < len(celler) else None
            )


def _huvudmansresultat(
    projekt: Kallprojekt, utfil: str, html_tabeller: list[HtmlTabell], res: Jamforelse
) -> None:
    """A result the huvudman typed stands in its styrtal's row, column Resultat (then perhaps
    how it was worked out)."""
    kolumn = f"Resultat {projekt.period}"
    for v in projekt.huvudmansresultat:
        vantat = visas(v.varde, v.matt)
        fann = None
        for t in html_tabeller:
            for rubrik, celler in t.rader:
                if f"{rubrik} ".startswith(f"{v.styrtal} ") and kolumn in t.kolumner:
                    k = t.kolumner.index(kolumn) - 1
                    text = celler[k] if k < len(celler) else ""
                    fann = vantat if text == vantat or text.startswith(f"{vantat} ") else text
        res.jamfor(v, utfil, "huvudmannens rapport", vantat, fann)


def _export(
    projekt: Kallprojekt, ut: Path, forvantat: dict[int, Forvantan], res: Jamforelse
) -> None:
    from openpyxl import load_workbook

    csv_fil = ut / f"{SAMMANSTALLNING}.csv"
    csv_rader = list(
        csv.DictReader(io.StringIO(csv_fil.read_text(encoding="utf-8-sig")), delimiter=";")
    )
    bok = load_workbook(ut / f"{SAMMANSTALLNING}.xlsx", read_only=True)
    xlsx_rader: list[dict[str, object]] = []
    for blad in bok.worksheets:
        rader = list(blad.iter_rows(values_only=True))
        xlsx_rader += [dict(zip(rader[0], r, strict=False)) for r in rader[1:]]
    bok.close()
    for enhet in projekt.enheter:
        for v in styrtalsvarden(enhet, projekt):
            if v.sort in ("eget_styrtal", "historik", "jamforelse"):
                continue
            f = forvantat[id(v)]
            symbol = f.maskerat.symbol if f.maskerat else None
            kolumn = EXPORTKOLUMN[v.falt or ""]
            for utdata, rader, utfil in (
                ("CSV", csv_rader, csv_fil.name),
                ("XLSX", xlsx_rader, f"{SAMMANSTALLNING}.xlsx"),
            ):
                rad = next(
                    (r for r in rader if r["Enhets-id"] == enhet.id and r["Styrtal"] == v.styrtal),
                    None,
                )
                cell = rad.get(kolumn) if rad is not None else None
                ratt = rad is not None and lika_i_export(cell, v.varde, symbol, utdata == "XLSX")
                # as typed: the export keeps numbers as numbers (83,0 is 83 in a cell)
                vantat = symbol or tolka(v.varde).text
                fann = "raden saknas" if rad is None else "" if cell is None else str(cell)
                res.jamfor(v, utfil, utdata, vantat, vantat if ratt else fann)
                if dold_status(enhet, v, f):
                    status = None if rad is None else str(rad.get("Status"))
                    res.jamfor(v, utfil, f"{utdata}, status", "ej redovisat", status)
