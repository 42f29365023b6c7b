"""The editor's lenient preview: a half-finished form never blanks the frame beside it.

When a unit has errors, the values at the errors' YAML paths are left out (an empty new list
item, an out-of-range number, an item whose required field is missing: the item), the rest is
validated again, a bounded number of rounds, and what is valid is rendered with a short banner
at the top saying in the form's words what is not shown yet. A file that cannot be read at all
(YAML syntax) has no lenient form: the error page stays. Only the editor's frame is lenient;
``kvalitet visa`` and ``kvalitet bygg`` stay strict."""

from __future__ import annotations

import copy
import dataclasses
import html as htmllib
import re
from dataclasses import dataclass
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag, las_yaml
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.period import Enhetskontroll, Periodlage
from kvalitet.visa.faltfel import formtext, platskarta, problemets_sokvag
from kvalitet.visa.faltord import falt, faltdelar

RUNDOR = 12
"""Each round leaves out at least one value; a form needs a few (a field, then its item)."""
RUBRIK = "Visas inte än"


class _SparandeKalla(Kalla):
    """A source whose every problem carries the YAML path it was made for."""

    def fel(self, sokvag: Sokvag, vad: str, hur: str = "", *, nyckel: bool = False) -> Problem:
        p = super().fel(sokvag, vad, hur, nyckel=nyckel)
        return p if p.sokvag is not None else dataclasses.replace(p, sokvag=tuple(sokvag))

    def varning(self, sokvag: Sokvag, vad: str, hur: str = "", *, nyckel: bool = False) -> Problem:
        p = super().varning(sokvag, vad, hur, nyckel=nyckel)
        return p if p.sokvag is not None else dataclasses.replace(p, sokvag=tuple(sokvag))


@dataclass
class Forlatande:
    """A unit as much of it as is valid, and what was left out (field in form words, why)."""

    kontroll: Enhetskontroll
    utelamnat: list[tuple[str, str]]

    def banderoll(self) -> str:
        """``Visas inte än: Resultat › Bilder › Bild 1 – bildfil saknas`` as HTML."""
        rader = "".join(
            f"<li>{htmllib.escape(f)} – {htmllib.escape(t)}</li>" for f, t in self.utelamnat
        )
        return (
            '<div class="kvalitet-forlatande" role="status" style="border-left: 5px solid '
            "#8a5a00; background: #fff6e0; color: #1a1a1a; padding: .5rem 1rem; margin: 0 0 "
            '1rem; font-family: sans-serif; font-size: .95rem;">'
            f'<p style="margin: 0"><strong>{RUBRIK}:</strong> det som är ofullständigt eller '
            "fel i formuläret (rätta det där, så visas det här).</p>"
            f'<ul style="margin: .3rem 0 0">{rader}</ul></div>'
        )

    def i_sidan(self, html: str) -> str:
        """The page with the banner first in its body."""
        traff = re.search(r"<body[^>]*>", html)
        plats = traff.end() if traff else 0
        return html[:plats] + self.banderoll() + html[plats:]


def _finns(data: Any, sokvag: Sokvag) -> bool:
    for steg in sokvag:
        i_lista = isinstance(data, list) and isinstance(steg, int) and 0 <= steg < len(data)
        if not (i_lista or (isinstance(data, dict) and steg in data)):
            return False
        data = data[steg]
    return True


def _vad_bort(data: Any, sokvag: Sokvag) -> Sokvag | None:
    """What to leave out for a problem at ``sokvag``: the value there, or, when it is missing
    (a required field), the item it belongs to; None when nothing smaller than the whole
    report can be left out."""
    sokvag = tuple(sokvag)
    if _finns(data, sokvag):
        return sokvag or None
    while sokvag and not _finns(data, sokvag):
        sokvag = sokvag[:-1]
    return sokvag or None


def _ta_bort(data: Any, sokvag: Sokvag) -> None:
    *vag, sista = sokvag
    for steg in vag:
        data = data[steg]
    del data[sista]


def _ordning(sokvag: Sokvag) -> list[tuple[int, Any]]:
    return [(1, s) if isinstance(s, int) else (0, str(s)) for s in sokvag]


def _i_originalet(sokvag: Sokvag, logg: list[tuple[Sokvag, int]]) -> Sokvag:
    """A path after some list items were taken out, as it was in the file."""
    ut = tuple(sokvag)
    for lista, i in reversed(logg):
        n = len(lista)
        steg = ut[n] if len(ut) > n and ut[:n] == lista else None
        if isinstance(steg, int) and steg >= i:
            ut = (*lista, steg + 1, *ut[n + 1 :])
    return ut


ROTFALT = ("namn", "skolform", "period")
"""The report's required fields: never left out; the preview shows a stand-in instead."""


def _ersattning(kontroll: Enhetskontroll, lage: Periodlage, nyckel: str) -> Any:
    return {"namn": kontroll.id, "skolform": "annan", "period": lage.period}.get(nyckel)


def forlatande_enhet(
    projekt: Projekt, lage: Periodlage, kontroll: Enhetskontroll
) -> Forlatande | None:
    """The unit with its invalid parts left out, or None when it cannot be shown at all."""
    from kvalitet.kontroll.validera import validera_enhet

    kalla = las_yaml(kontroll.fil)
    if not kalla.ok or not isinstance(kalla.data, dict):
        return None
    original = kalla.data
    data = copy.deepcopy(original)
    exakt, per_rad = platskarta(kalla)
    logg: list[tuple[Sokvag, int]] = []
    utelamnat: dict[Sokvag, list[str]] = {}
    trasig = lage.huvudmannafil is not None and lage.huvudman is None
    for _ in range(RUNDOR):
        kopia = _SparandeKalla(
            kalla.fil, data, kalla.positioner, kalla.nyckelpositioner, [], kalla.text
        )
        rapport, problem = validera_enhet(
            kopia,
            projekt.rot,
            lage.huvudman,
            projekt.mappens_period(kontroll.fil),
            trasig,
            lage.rapportmallar,
        )
        fel = [p for p in problem if p.ar_fel]
        if not fel:
            if rapport is None:
                return None
            ordning = sorted(utelamnat, key=lambda s: kalla.plats(s))  # as in the file
            rader = [(falt(s, original), "; ".join(dict.fromkeys(utelamnat[s]))) for s in ordning]
            return Forlatande(Enhetskontroll(kontroll.id, kontroll.fil, rapport, problem), rader)
        mal: dict[Sokvag, list[str]] = {}
        for p in fel:
            sokvag = problemets_sokvag(p, exakt, per_rad)
            bort = _vad_bort(data, sokvag)
            text = formtext(p, sokvag, (faltdelar(sokvag, data) or [""])[-1])
            text = text[:1].lower() + text[1:]
            if bort is None and len(sokvag) == 1 and sokvag[0] in ROTFALT:
                data[sokvag[0]] = _ersattning(kontroll, lage, str(sokvag[0]))
                utelamnat.setdefault(tuple(sokvag), []).append(text)
                continue
            if bort is None:
                return None
            mal.setdefault(bort, []).append(text)
        # an item that goes takes its fields with it
        valda = [m for m in mal if not any(a != m and m[: len(a)] == a for a in mal)]
        for bort in sorted(valda, key=_ordning, reverse=True):
            texter = [t for m, ts in mal.items() if m[: len(bort)] == bort for t in ts]
            orig = _i_originalet(bort, logg)
            tidigare = [k for k in utelamnat if k[: len(orig)] == orig]
            if tidigare:  # the item of a field left out before: the first reason stands
                texter = [t for k in tidigare for t in utelamnat.pop(k)]
            utelamnat[orig] = texter
            if len(bort) == 1 and bort[0] in ROTFALT:
                data[bort[0]] = _ersattning(kontroll, lage, str(bort[0]))
                continue
            _ta_bort(data, bort)
            if isinstance(bort[-1], int):
                logg.append((bort[:-1], bort[-1]))
    return None


def forhandsvisning(visning: Any, enhets_id: str) -> tuple[bytes, str]:
    """The editor's frame: the unit as ``Forhandsvisning.enhet`` shows it, except that errors in
    the unit's own file leave out what they concern instead of blanking the page. Errors
    elsewhere (the huvudman's file, the templates) and an unreadable file: the error page."""
    from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
    from kvalitet.grund.problem import KvalitetError
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import kontrollera_mallar

    lage = las_period(visning.projekt, None, [enhets_id], minne=visning.minne)
    kontroll = lage.enheter[0] if len(lage.enheter) == 1 else None
    if kontroll is None or kontroll.ok:
        return visning.enhet(enhets_id, omladdning=False, lage=lage)
    mallar = projektets_mallar(visning.projekt, lage)
    miljo = visning.miljo(mallar)
    fel = [p for p in (*lage.problem, *kontrollera_mallar(mallar, miljo)) if p.ar_fel]
    if not all(p.fil == kontroll.fil for p in fel):
        return visning.enhet(enhets_id, omladdning=False)
    delvis = forlatande_enhet(visning.projekt, lage, kontroll)
    if delvis is None:
        return visning.enhet(enhets_id, omladdning=False)
    try:
        html = html_for_enhet(visning.projekt, lage, delvis.kontroll, miljo)
    except KvalitetError:
        return visning.enhet(enhets_id, omladdning=False)
    return delvis.i_sidan(html).encode("utf-8"), "text/html; charset=utf-8"
