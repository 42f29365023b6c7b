"""The read document as a unit file's data: headings matched to the rapportmall's parts by
their text (kept as own headings where none fits), paragraphs and lists as Markdown blocks, a
'Slutsats' heading or list as a conclusion box, tables and images as blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kvalitet.importera.word_las import (
    Bildelement,
    Element,
    Forlust,
    Rubrik,
    Stycke,
    Tabellelement,
    rakna_ord,
)
from kvalitet.importera.word_omslag import las_omslag, utan_mallens_text
from kvalitet.importera.word_tabell import som_tabell
from kvalitet.kontroll.modelltyper import modellklass
from kvalitet.modell import Enhetsrapport, Huvudavsnitt, Resultat
from kvalitet.modell.rapportmall import Del, Rapportmall

_SLUTSATS = {"slutsats", "slutsatser"}


def normalisera(rubrik: str) -> str:
    """'2.1 Objektiva resultat:' → 'objektiva resultat'."""
    ren = re.sub(r"^\s*(?:\d+[.:])*\d*[.:]?\s+", "", rubrik.strip())
    return re.sub(r"\s+", " ", ren).strip(" .:?").lower()


_NUMMER = re.compile(r"^\s*(\d+(?:[.:]\d+)*)[.:]?\s+(?=\S)")


def utan_nummer(bygge: Bygge, rubrik: str) -> str:
    """'4.1 Studiero' → 'Studiero': kvalitet numbers the headings itself (the number still
    counts as a word that came along)."""
    traff = _NUMMER.match(rubrik)
    if not traff:
        return rubrik
    bygge.rubrikord += rakna_ord(traff.group(1))
    return rubrik[traff.end() :]


@dataclass
class Nod:
    niva: int
    rubrik: str
    innehall: list[Element] = field(default_factory=list)
    barn: list[Nod] = field(default_factory=list)


def trad(element: list[Element]) -> Nod:
    rot = Nod(0, "")
    stack = [rot]
    for el in element:
        if isinstance(el, Rubrik):
            while stack[-1].niva >= el.niva and len(stack) > 1:
                stack.pop()
            nod = Nod(el.niva, el.text)
            stack[-1].barn.append(nod)
            stack.append(nod)
        else:
            stack[-1].innehall.append(el)
    return rot


def _maltyp(falt: str) -> str:
    """'behallare' (a section with blocks), 'text' (Markdown) or 'annan' for a unit field."""
    modell: Any = Enhetsrapport
    annotation: Any = None
    for nyckel in falt.split("."):
        if modell is None:
            return "annan"
        falten = {(f.alias or n): f for n, f in modell.model_fields.items()}
        if nyckel not in falten:
            return "annan"
        annotation = falten[nyckel].annotation
        modell = modellklass(annotation)
    if modell in (Huvudavsnitt, Resultat):
        return "behallare"
    beskrivning = str(annotation)
    if (
        modell is None
        and "str" in beskrivning
        and not any(ord_ in beskrivning for ord_ in ("list", "dict", "Literal"))
    ):
        return "text"
    return "annan"


@dataclass
class Bygge:
    """The unit's content as it is built, with the images and what was guessed."""

    mall: Rapportmall
    data: dict[str, Any] = field(default_factory=dict)
    bilder: list[tuple[Bildelement, dict[str, Any]]] = field(default_factory=list)
    gissningar: list[str] = field(default_factory=list)
    anvanda: set[str] = field(default_factory=set)
    senaste: str = ""
    rubrikord: int = 0
    omslag: dict[str, tuple[str, int]] = field(default_factory=dict)
    forluster: list[Forlust] = field(default_factory=list)
    """Words of the headings matched to a part: the rapportmall writes them."""

    def delar(self) -> dict[str, Del]:
        return {normalisera(d.rubrik): d for _, d in self.mall.alla_delar()}

    def behallare(self, falt: str) -> dict[str, Any]:
        """The dict at a dotted path (``delar.trygghet``, ``resultat.objektiva``), made."""
        nod = self.data
        for nyckel in falt.split("."):
            nod = nod.setdefault(nyckel, {})
        return nod

    def forsta_behallare(self) -> str:
        for _, d in self.mall.alla_delar():
            falt = d.falt or (f"delar.{d.id}" if d.sort in ("avsnitt", "text") else None)
            if falt and (d.falt is None or _maltyp(falt) == "behallare"):
                return falt
        return "analys"


def _falt_for(d: Del) -> tuple[str, str] | None:
    if d.falt is None:
        return (f"delar.{d.id}", "behallare") if d.sort in ("avsnitt", "text") else None
    typ = _maltyp(d.falt)
    return (d.falt, typ) if typ != "annan" else None


def _bara_text(nod: Nod) -> bool:
    return not nod.barn and all(isinstance(e, Stycke) for e in nod.innehall)


def _listtext(stycken: list[Stycke]) -> str:
    delar: list[str] = []
    nummer = 0
    forra_lista = False
    for s in stycken:
        if s.lista:
            indrag = "  " * s.niva
            if s.lista == "nummer":
                nummer += 1
                rad = f"{indrag}{nummer}. {s.text}"
            else:
                rad = f"{indrag}- {s.text}"
            if delar and _ar_lista(delar[-1].lstrip()) and forra_lista:
                delar[-1] += "\n" + rad
            else:
                delar.append(rad)
            forra_lista = True
        else:
            nummer = 0
            forra_lista = False
            delar.append(s.text)
    return "\n\n".join(delar)


def _ar_slutsats(text: str) -> bool:
    """'Slutsats', 'Slutsatser:' or a short line that starts with it ('Slutsats kring …')."""
    ren = normalisera(text)
    return ren in _SLUTSATS or (ren.split(" ", 1)[0] in _SLUTSATS and len(ren.split()) <= 8)


def block(
    bygge: Bygge, innehall: list[Element], slutsats: str | None = None
) -> list[dict[str, Any]]:
    """The elements under one heading as blocks; ``slutsats``: the heading was 'Slutsats'."""
    ut: list[dict[str, Any]] = []
    stycken: list[Stycke] = []

    def tom_stycken() -> None:
        if stycken:
            ut.append({"text": _listtext(stycken)})
            stycken.clear()

    i = 0
    while i < len(innehall):
        el = innehall[i]
        if isinstance(el, Stycke):
            nasta = innehall[i + 1] if i + 1 < len(innehall) else None
            if not el.lista and _ar_slutsats(el.ren) and isinstance(nasta, Stycke) and nasta.lista:
                tom_stycken()
                punkter: list[str] = []
                i += 1
                while i < len(innehall) and isinstance(innehall[i], Stycke) and innehall[i].lista:  # type: ignore[union-attr]
                    punkter.append(innehall[i].text)  # type: ignore[union-attr]
                    i += 1
                ut.append(_slutsatsblock(el.ren.rstrip(":"), None, punkter))
                bygge.gissningar.append(f"listan efter '{el.ren}' blev en Slutsats-ruta")
                continue
            if el.stil == "caption" and isinstance(nasta, Tabellelement):
                i += 1
                tom_stycken()
                ut.extend(_tabellblock(bygge, nasta, el.ren))
                i += 1
                continue
            stycken.append(el)
        elif isinstance(el, Tabellelement):
            tom_stycken()
            ut.extend(_tabellblock(bygge, el, None))
        elif isinstance(el, Bildelement):
            tom_stycken()
            bild: dict[str, Any] = {"fil": "", "alt": el.alt or "ÄNDRA: beskriv vad bilden visar"}
            nasta = innehall[i + 1] if i + 1 < len(innehall) else None
            if isinstance(nasta, Stycke) and nasta.stil == "caption":
                bild["bildtext"] = nasta.ren
                i += 1
            bygge.bilder.append((el, bild))
            ut.append({"bild": bild})
        i += 1
    tom_stycken()
    if slutsats is not None:
        inledning = [b["text"] for b in ut if "text" in b and not _ar_lista(b["text"])]
        punkter = [
            p for b in ut if "text" in b and _ar_lista(b["text"]) for p in _punkter(b["text"])
        ]
        ovriga = [b for b in ut if "text" not in b]
        if not punkter:
            punkter, inledning = inledning, []
        if punkter:
            ut = [_slutsatsblock(slutsats, "\n\n".join(inledning) or None, punkter), *ovriga]
    return ut


def _ar_lista(text: str) -> bool:
    return bool(re.match(r"^(?:- |\d+\. )", text))


def _punkter(text: str) -> list[str]:
    return [re.sub(r"^\s*(?:- |\d+\. )", "", rad) for rad in text.split("\n") if rad.strip()]


def _slutsatsblock(rubrik: str, inledning: str | None, punkter: list[str]) -> dict[str, Any]:
    ruta: dict[str, Any] = {}
    if rubrik.strip(" :"):
        ruta["rubrik"] = rubrik.strip(" :")
    if inledning:
        ruta["inledning"] = inledning
    ruta["punkter"] = punkter
    return {"slutsats": ruta}


def _tabellblock(bygge: Bygge, el: Tabellelement, rubrik: str | None) -> list[dict[str, Any]]:
    tabell, gissat = som_tabell(el.rader, rubrik)
    bygge.gissningar.extend(gissat)
    if tabell is None:
        text = " · ".join(c for r in el.rader for c in r if c)
        bygge.gissningar.append(f"en tabell med en rad eller kolumn blev text: '{text[:50]}'")
        return [{"text": text}] if text else []
    return [{"tabell": tabell}]


def _som_rubrikblock(bygge: Bygge, nod: Nod, hem: list[dict[str, Any]]) -> None:
    if _ar_slutsats(nod.rubrik) and not nod.barn:
        hem.extend(block(bygge, nod.innehall, nod.rubrik))
        bygge.gissningar.append(f"rubriken '{nod.rubrik}' blev en Slutsats-ruta")
        return
    avsnitt: dict[str, Any] = {"rubrik": utan_nummer(bygge, nod.rubrik)}
    egna = block(bygge, nod.innehall)
    for barn in nod.barn:
        if not _placera(bygge, barn):
            _som_rubrikblock(bygge, barn, egna)
    if egna:
        avsnitt["innehåll"] = egna
    hem.append(avsnitt)


def _placera(bygge: Bygge, nod: Nod) -> bool:
    """Put a heading at the part it matches; False when none fits (or that part is taken)."""
    d = bygge.delar().get(normalisera(nod.rubrik))
    mal = _falt_for(d) if d is not None else None
    if d is not None and mal is None:
        from kvalitet.importera.word_sarskilda import placera

        nod.innehall, mallens = utan_mallens_text(nod.innehall, d)
        bygge.rubrikord += mallens
        if placera(bygge, nod, d):
            return True
    if d is None or mal is None or mal[0] in bygge.anvanda:
        if d is not None:
            bygge.gissningar.append(
                f"rubriken '{nod.rubrik}' motsvarar mallens del '{d.id}' ({d.falt}), men texten "
                "har inte delens form; den lades som egen rubrik under delen före – flytta "
                "texten dit"
                if mal is None
                else f"rubriken '{nod.rubrik}' finns två gånger; den andra lades som egen rubrik"
            )
        return False
    falt, typ = mal
    nod.innehall, mallens = utan_mallens_text(nod.innehall, d)
    bygge.rubrikord += mallens
    if typ == "text":
        if not _bara_text(nod):
            bygge.gissningar.append(
                f"rubriken '{nod.rubrik}' motsvarar mallens del '{d.id}', som bara rymmer text; "
                "med tabeller, bilder eller underrubriker lades den som egen rubrik"
            )
            return False
        bygge.anvanda.add(falt)
        bygge.rubrikord += rakna_ord(nod.rubrik)
        bygge.data[falt] = _listtext([e for e in nod.innehall if isinstance(e, Stycke)])
        bygge.gissningar.append(
            f"rubriken '{nod.rubrik}' matchades mot mallens del '{d.id}' ({falt})"
        )
        return True
    bygge.anvanda.add(falt)
    bygge.rubrikord += rakna_ord(nod.rubrik)
    bygge.gissningar.append(f"rubriken '{nod.rubrik}' matchades mot mallens del '{d.id}' ({falt})")
    from kvalitet.importera.word_sarskilda import delaktighet_i_texten

    hem = bygge.behallare(falt).setdefault("innehåll", [])
    hem.extend(block(bygge, delaktighet_i_texten(bygge, nod.innehall)))
    for barn in nod.barn:
        if not _placera(bygge, barn):
            _som_rubrikblock(bygge, barn, hem)
    if not hem:
        bygge.behallare(falt).pop("innehåll")
    bygge.senaste = falt
    return True


def bygg_innehall(element: list[Element], mall: Rapportmall) -> Bygge:
    """The unit's content keys (``beskrivning``, ``analys``, ``delar`` …) from the document."""
    bygge = Bygge(mall)
    rot = trad(element)
    hem_falt = bygge.forsta_behallare()
    if rot.innehall and rot.barn:  # the cover
        bygge.omslag, bygge.forluster = las_omslag(rot.innehall)
    elif rot.innehall:
        bygge.behallare(hem_falt).setdefault("innehåll", []).extend(block(bygge, rot.innehall))
        bygge.gissningar.append(f"dokumentet har inga rubriker; texten lades i '{hem_falt}'")
    for nod in rot.barn:
        if _placera(bygge, nod):
            hem_falt = bygge.senaste or hem_falt
            continue
        hem = bygge.behallare(hem_falt).setdefault("innehåll", [])
        _som_rubrikblock(bygge, nod, hem)
        if normalisera(nod.rubrik) not in bygge.delar():
            bygge.gissningar.append(
                f"rubriken '{nod.rubrik}' finns inte i mallen; den lades som egen rubrik i "
                f"'{hem_falt}'"
            )
    _rensa(bygge.data)
    return bygge


def _rensa(data: dict[str, Any]) -> None:
    for nyckel in list(data):
        varde = data[nyckel]
        if isinstance(varde, dict):
            _rensa(varde)
            if not varde:
                del data[nyckel]
