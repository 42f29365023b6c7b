"""The report's parts built from its rapportmall: the unit's disposition (which parts print, in
what order, with what number and what text when empty) turned into the view's sections, the
introduction, the development areas and the plan's follow-up, with the table of contents."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup

from kvalitet.berika.delar import Byggare, Rubrik, VyDel
from kvalitet.kalla.las import las_data
from kvalitet.kalla.rapportmallar import inbyggd_rapportmall
from kvalitet.modell import Avsnitt, Enhetsrapport, Huvudavsnitt, Resultat
from kvalitet.modell.genomgang import har_innehall
from kvalitet.modell.rapportmall import Dokument, Rapportmall
from kvalitet.modell.rapportmall_disposition import (
    Dispositionsdel,
    delens_varde,
    disposition,
    fyll_i,
)

STANDARD = Dokument()
"""The standard document texts, which mallar/stil/rapport.css writes itself."""


@cache
def standardmall() -> Rapportmall:
    """The built-in standard rapportmall (today's layout as data)."""
    data, fel = las_data(inbyggd_rapportmall())
    assert not fel, fel  # the built-in file is tested; an error here is a bug in kvalitet
    return Rapportmall.model_validate(data)


@dataclass
class Mallens:
    """The parts of one unit as the template orders them, grouped as the Jinja templates show
    them: the introduction, the sections, the development areas and the plan's follow-up."""

    inledning: list[VyDel] = field(default_factory=list)
    delar: list[VyDel] = field(default_factory=list)
    utveckling: Dispositionsdel | None = None
    utveckling_rubrik: Rubrik | None = None
    verksamhetsplan_rubrik: Rubrik | None = None


def _rubrik(d: Dispositionsdel) -> Rubrik:
    """A part's heading: numbered when the template numbers it, else named by the part's id."""
    if d.nummer:
        return Rubrik(d.nummer, d.rubrik, d.niva)
    return Rubrik("", d.rubrik, d.niva, d.id, numrerad=False)


def _avsnittsdel(
    bygg: Byggare, d: Dispositionsdel, rapport: Enhetsrapport, tidigare: Avsnitt | None
) -> VyDel:
    """A part of sort ``avsnitt`` with its template sub-parts."""
    varde = delens_varde(rapport, d.falt, d.id)
    rubrik = _rubrik(d)
    sorter = {b.sort for b in d.delar}
    if isinstance(varde, Resultat):
        vy = VyDel(rubrik)
        bygg.innehall.append(vy.rubrik)
        vy.text = varde.text
        vy.innehall = bygg.block(varde.innehall, vy.rubrik, False, {"nr": 0, "onr": 0})
        for barn in d.delar:
            grupp = delens_varde(rapport, barn.falt, barn.id)
            if isinstance(grupp, Avsnitt | Huvudavsnitt) and not barn.tom:
                vy.avsnitt.append(
                    bygg.del_(
                        barn.nummer,
                        barn.rubrik,
                        barn.niva,
                        grupp,
                        numrerad=bool(barn.nummer),
                        ankare=barn.id,
                        tabellmallar=barn.tabeller,
                    )
                )
        vy.tom = not har_innehall(varde)
    else:
        forst = tidigare if "uppföljning" in sorter else None
        innehall = varde if isinstance(varde, Huvudavsnitt | Avsnitt) else None
        if innehall is None and forst is None:
            vy = VyDel(rubrik, tom=True)
            bygg.innehall.append(vy.rubrik)
        else:
            if innehall is None:
                innehall = Huvudavsnitt()
            if forst is not None:
                innehall = innehall.model_copy(update={"avsnitt": [forst, *innehall.avsnitt]})
            vy = bygg.del_(
                rubrik.nummer,
                rubrik.text,
                rubrik.niva,
                innehall,
                numrerad=rubrik.numrerad,
                ankare=rubrik.namn,
                tabellmallar=d.tabeller,
            )
            vy.tom = not har_innehall(innehall)
    vy.delaktighet = "delaktighet" in sorter and rapport.delaktighet is not None
    vy.fast_text = d.fast_text
    vy.tom_text = d.tom_text or ""
    return vy


def mallens_delar(
    bygg: Byggare,
    mall: Rapportmall,
    rapport: Enhetsrapport,
    har_plan: bool,
    tidigare: Avsnitt | None,
) -> Mallens:
    """The unit's parts under ``mall``: leading ``text`` parts as the introduction, then the
    sections; the ``utvecklingsområden`` and ``verksamhetsplan`` parts print where the report
    templates put them (after the sections)."""
    ut = Mallens()
    for d in disposition(mall, rapport, har_plan):
        if d.sort == "text":
            varde = delens_varde(rapport, d.falt, d.id)
            if isinstance(varde, Huvudavsnitt):
                varde = varde.text
            vy = VyDel(_rubrik(d), text=varde if isinstance(varde, str) else None, sort="text")
            vy.tom, vy.tom_text, vy.fast_text = d.tom, d.tom_text or "", d.fast_text
            if not ut.delar:
                vy.rubrik.numrerad = True  # the introduction's headings are in the contents
                bygg.innehall.append(vy.rubrik)
                ut.inledning.append(vy)
            else:
                if vy.rubrik.numrerad or bygg.alla_rubriker:
                    bygg.innehall.append(vy.rubrik)
                ut.delar.append(vy)
        elif d.sort == "avsnitt":
            ut.delar.append(_avsnittsdel(bygg, d, rapport, tidigare))
        elif d.sort == "utvecklingsområden":
            ut.utveckling, ut.utveckling_rubrik = d, Rubrik(d.nummer, d.rubrik, d.niva)
            bygg.innehall.append(ut.utveckling_rubrik)
        elif d.sort == "verksamhetsplan":
            ut.verksamhetsplan_rubrik = Rubrik(d.nummer, d.rubrik, d.niva)
    return ut


def _css_strang(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, line breaks as ``\\A``."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return '"' + text.replace("\n", "\\A ") + '"'


def dokument_css(mall: Rapportmall, varden: dict[str, str]) -> Markup:
    """CSS for the PDF's running header and draft mark where ``mall`` differs from the standard
    (``{enhet}, Kvalitetsrapport``; ``UTKAST – inte godkänd``): empty for the standard. The
    header takes the unit's name from the cover (``string(enhet)``) when it starts with it."""
    dok = mall.dokument
    regler: list[str] = []
    if dok.sidhuvud != STANDARD.sidhuvud:
        if not dok.sidhuvud:
            regler.append("@page { @top-right { content: none; } }")
        else:
            text, fore = dok.sidhuvud, ""
            if text.startswith("{enhet}, "):
                text, fore = text.removeprefix("{enhet}, "), 'string(enhet) ", " '
            regler.append(
                f"@page {{ @top-right {{ content: {fore}string(doktyp) "
                '" " counter(page) "(" counter(pages) ")"; } }'
            )
            regler.append(
                f".omslag .titel {{ string-set: doktyp {_css_strang(fyll_i(text, varden))}; }}"
            )
    if dok.utkastmarkering != STANDARD.utkastmarkering:
        markering = f"{_css_strang(dok.utkastmarkering + chr(10))} " if dok.utkastmarkering else ""
        regler.append(
            f"@page utkast {{ @top-left {{ content: {markering}string(forts, start); }} }}"
        )
    if not regler:
        return Markup("")
    return Markup("@media print {\n" + "\n".join(f"  {r}" for r in regler) + "\n}\n")
