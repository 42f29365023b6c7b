"""The differential check in the PDFs: their text (pypdf, as tests/bygg/test_pdf.py reads it)
and their charts' text alternatives (``/Alt`` of each ``/Figure``, read with pikepdf).

A PDF's text has no cells, so a row is compared as a reader reads it: the row's heading and
then its values in order (white space, line breaks in a wrapped cell included, as one space).
A wrong figure, a figure in the wrong column or a value shown that should be masked breaks the
run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from differens_html import HtmlDiagram

if TYPE_CHECKING:
    from differens_jamfor import Forvantan, Jamforelse
    from differens_kalla import Kallenhet, Kallprojekt, Kallvarde

UTDATA = "PDF"
DIAGRAM = "PDF-diagrammets textalternativ"
FONSTER = 400
"""How far after a styrtal's heading (or a unit's name in the matrix) its values must stand."""


def pdf_text(fil: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(sida.extract_text() for sida in PdfReader(fil).pages)
    # a line broken after a hyphen that was typed ("10-gradig") is one word again
    text = re.sub(r"(?<=\w)-\n(?=\w)", "-", text)
    return re.sub(r"[ \t\r\n]+", " ", text)


def pdf_diagram(fil: Path) -> list[HtmlDiagram]:
    """Each chart's ``/Alt``: its title, then the description (``Stapeldiagram. …``)."""
    import pikepdf

    ut = []
    with pikepdf.open(fil) as pdf:
        stack: list[Any] = [pdf.Root.StructTreeRoot]
        while stack:
            el = stack.pop()
            if isinstance(el, pikepdf.Array):
                stack.extend(el)
                continue
            if not isinstance(el, pikepdf.Dictionary):
                continue
            if el.get("/S") == "/Figure" and "/Alt" in el:
                alt = str(el.Alt)
                titel, _, desc = alt.partition(" Stapeldiagram.")
                if desc:
                    ut.append(HtmlDiagram(titel.rstrip(".").strip(), "Stapeldiagram." + desc, []))
            if "/K" in el and el.get("/Type") not in ("/OBJR", "/MCR"):
                stack.append(el.K)
    return ut


def _i_ordning(text: str, start: int, delar: list[str]) -> tuple[bool, str]:
    """Whether ``delar`` stand in order in ``text`` from ``start``, each a whole run of words
    (``6 %`` is not found in ``96 %``) right after the last one or later, within the window;
    and what stands there."""
    fonster = " " + text[start : start + FONSTER + sum(len(d) + 1 for d in delar)] + " "
    plats = 0
    for del_ in delar:
        hittad = fonster.find(f" {del_} ", plats)
        if hittad < 0:
            return False, fonster[:160].strip()
        plats = hittad + len(del_) + 1
    return True, ""


def jamfor_pdf(
    projekt: Kallprojekt, ut: Path, forvantat: dict[int, Forvantan], res: Jamforelse
) -> None:
    from differens_jamfor import (
        HUVUDMANNENS_RAPPORT,
        SAMMANSTALLNING,
        _styrtalsdiagram,
        _tabelldiagram,
        styrtalsvarden,
    )

    for enhet in projekt.enheter:
        fil = ut / f"{enhet.id}.pdf"
        text = pdf_text(fil)
        _tabeller(enhet, fil.name, text, forvantat, res)
        _styrtal(enhet, projekt, fil.name, text, forvantat, res)
        diagram = pdf_diagram(fil)
        for tabell in enhet.tabeller:
            if tabell.diagram:
                varden = [v for v in enhet.varden if v.tabell is tabell]
                _tabelldiagram(tabell, varden, fil.name, diagram, forvantat, res, DIAGRAM)
        for v in styrtalsvarden(enhet, projekt):
            _styrtalsdiagram(enhet, projekt, v, forvantat, fil.name, diagram, res, DIAGRAM)
    for namn in (SAMMANSTALLNING, HUVUDMANNENS_RAPPORT):
        fil = ut / f"{namn}.pdf"
        if fil.is_file():
            text = pdf_text(fil)
            _matris(projekt, fil.name, text, forvantat, res)
            _planens_rader(projekt, fil.name, text, namn == HUVUDMANNENS_RAPPORT, res)


def _planens_rader(
    projekt: Kallprojekt, utfil: str, text: str, rapport: bool, res: Jamforelse
) -> None:
    """A plan styrtal's row (the sammanställning's spread, huvudmannens rapport's follow-up):
    after its number and text, its målvärde, and in huvudmannens rapport a result typed there."""
    from differens_format import visas

    if projekt.plan is None:
        return
    skolformer = {e.skolform for e in projekt.enheter}
    malvarden = {}
    for v in projekt.varden:
        if v.sort == "malvarde":
            malvarden.setdefault(v.styrtal, v)
    typade = {v.styrtal: v for v in projekt.huvudmansresultat} if rapport else {}
    for st in projekt.plan.styrtal:
        if not any(st.galler(s) for s in skolformer):
            continue
        varden = [v for v in (malvarden.get(st.id), typade.get(st.id)) if v is not None]
        if not varden:
            continue
        delar = [visas(v.varde, v.matt) for v in varden]
        rubrik = f"{st.id} {st.text} "
        starter = [m.end() for m in re.finditer(re.escape(rubrik), text)]
        ok = any(_i_ordning(text, s, delar)[0] for s in starter)
        fann = _i_ordning(text, starter[0], delar)[1] if starter else "raden saknas"
        for v, del_ in zip(varden, delar, strict=True):
            res.jamfor(v, utfil, UTDATA, del_, del_ if ok else fann)


def _tabeller(
    enhet: Kallenhet, utfil: str, text: str, forvantat: dict[int, Forvantan], res: Jamforelse
) -> None:
    """Each row of each table: its heading, then every cell in order (an empty one is blank)."""
    for tabell in enhet.tabeller:
        if not tabell.tabell:
            continue
        varden = [v for v in enhet.varden if v.tabell is tabell]
        for i, rubrik in enumerate(tabell.rader):
            rad = {v.kolumn: v for v in varden if v.radnr == i}
            celler = [forvantat[id(rad[k])].text for k in tabell.kolumner if k in rad]
            vantat = " ".join([rubrik, *celler])
            fann = vantat if f" {vantat} " in f" {text} " else _efter(text, rubrik, len(vantat))
            for v in rad.values():
                res.jamfor(v, utfil, UTDATA, vantat, fann)


def _efter(text: str, rubrik: str, langd: int) -> str:
    plats = text.find(f"{rubrik} ")
    return "raden saknas" if plats < 0 else text[plats : plats + langd + 20]


def _styrtal(
    enhet: Kallenhet,
    projekt: Kallprojekt,
    utfil: str,
    text: str,
    forvantat: dict[int, Forvantan],
    res: Jamforelse,
) -> None:
    """A styrtal's row: its number and text, then the earlier periods' utfall (a column for
    each of the mål's last three periods, '–' where it has none), the utfall and målvärde,
    flickor and pojkar when the table has those columns, and the comparisons (riket …)."""
    from differens_jamfor import jamforelser, styrtalstext, styrtalsvarden, tabellens_perioder

    varden = styrtalsvarden(enhet, projekt)
    egna = ("styrtal", "eget_styrtal", "malvarde")
    for sid in dict.fromkeys(v.styrtal or "" for v in varden if v.sort in egna):
        falt = {v.falt: v for v in varden if v.styrtal == sid and v.sort in egna}
        tidigare = {v.period: v for v in varden if v.styrtal == sid and v.sort == "historik"}
        jamfort = {v.falt: v for v in varden if v.styrtal == sid and v.sort == "jamforelse"}
        perioder = tabellens_perioder(enhet, projekt, sid)
        kon = _har_kon(enhet, projekt, sid)
        rad: list[Kallvarde | None] = [tidigare.get(p) for p in perioder]
        rad += [
            falt.get(f) for f in ("utfall", "målvärde", *(("flickor", "pojkar") if kon else ()))
        ]
        rad += [jamfort.get(j) for j in jamforelser(enhet, projekt, sid)]
        delar = [forvantat[id(v)].text if v is not None else "–" for v in rad]
        vantat = " ".join(delar)
        rubrik = f"{sid} {styrtalstext(enhet, projekt, sid)} "
        starter = [m.end() for m in re.finditer(re.escape(rubrik), text)]
        ok = any(_i_ordning(text, s, [vantat])[0] for s in starter)
        fann = _i_ordning(text, starter[0], [vantat])[1] if starter else "raden saknas"
        for v in rad:
            if v is not None:
                res.jamfor(v, utfil, UTDATA, vantat, vantat if ok else fann)


def _har_kon(enhet: Kallenhet, projekt: Kallprojekt, sid: str) -> bool:
    """Whether the styrtal's table (its mål's, or the own styrtal's) has Flickor and Pojkar."""
    from differens_jamfor import malgrupp

    grupp = malgrupp(enhet, projekt, sid)
    return any(
        v.falt in ("flickor", "pojkar") and v.styrtal in grupp
        for v in enhet.varden
        if v.sort in ("styrtal", "eget_styrtal")
    )


def _matris(
    projekt: Kallprojekt, utfil: str, text: str, forvantat: dict[int, Forvantan], res: Jamforelse
) -> None:
    """The matrix: after the unit's name and area, its styrtal's utfall in the plan's order."""
    from differens_jamfor import styrtalsvarden

    for enhet in projekt.enheter:
        utfall = [
            v for v in styrtalsvarden(enhet, projekt) if v.sort == "styrtal" and v.falt == "utfall"
        ]
        if not utfall:
            continue
        assert projekt.plan is not None
        ordning = [s.id for s in projekt.plan.styrtal]
        utfall.sort(key=lambda v: ordning.index(v.styrtal or ""))
        delar = [forvantat[id(v)].text for v in utfall]
        starter = [m.start() for m in re.finditer(re.escape(f"{enhet.namn} "), text)]
        ok = any(_i_ordning(text, s, delar)[0] for s in starter)
        fann = _i_ordning(text, starter[0], delar)[1] if starter else "enheten saknas"
        for v, del_ in zip(utfall, delar, strict=True):
            res.jamfor(v, utfil, UTDATA, del_, del_ if ok else fann)
