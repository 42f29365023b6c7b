"""The review's state machine and its comments, as pure functions: a ``Granskning`` and a
``Behorighet`` in, a new ``Granskning`` out, or ``Otillatet`` with the reason in Swedish.

No locks: approving never stops anyone reading or writing; it records who approved, and an
approved report is reopened only by a granskare, with the reason kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kvalitet.grund.format import tal
from kvalitet.modell.granskning import (
    LAGE_FRAN_STATUS,
    MAX_KOMMENTAR,
    Granskning,
    Handelse,
    Kommentar,
    Losning,
    Person,
    Svar,
)
from kvalitet.modell.rattighet import Behorighet, Identitet, Otillatet

OVERGANGAR: dict[str, tuple[str, str]] = {
    "lämna in": ("utkast", "inlämnad"),
    "ta tillbaka": ("inlämnad", "utkast"),
    "skicka tillbaka": ("inlämnad", "utkast"),
    "godkänn": ("inlämnad", "godkänd"),
    "öppna igen": ("godkänd", "utkast"),
}
"""Each action: the state it starts from, the state it leads to."""
KRAVER_VARFOR = ("skicka tillbaka", "öppna igen")
MAX_SOKVAG = 32


def ny_granskning(enhet: str, status: str | None = None) -> Granskning:
    """The review of a unit that has no review file yet: its state is the unit file's
    ``status:`` (``klar`` is ``inlämnad``), with no history and no comments."""
    return Granskning(enhet=enhet, lage=LAGE_FRAN_STATUS.get(status or "utkast", "utkast"))


def som_person(identitet: Identitet) -> Person:
    return Person(namn=identitet.namn, epost=identitet.epost, sub=identitet.sub)


def som_identitet(person: Person | None) -> Identitet | None:
    return None if person is None else Identitet(person.namn, person.epost, person.sub)


def inlamnad_av(granskning: Granskning) -> Identitet | None:
    """Who submitted the report last (None when no one did through the review)."""
    senaste = granskning.senaste("lämna in")
    return som_identitet(senaste.av) if senaste else None


def _far(granskning: Granskning, handling: str, vem: Behorighet) -> str | None:
    """None when ``vem`` may do ``handling`` on this unit; else why not."""
    enhet = granskning.enhet
    if handling in ("lämna in", "ta tillbaka"):
        if vem.far_skriva(enhet):
            return None
        return f"bara enhetens rektor kan {handling} rapporten för '{enhet}'"
    if handling == "skicka tillbaka":
        if vem.ar_granskare and vem.far_lasa(enhet):
            return None
        return "bara en granskare kan skicka tillbaka en inlämnad rapport"
    if handling == "godkänn":
        if vem.far_godkanna(enhet, inlamnad_av(granskning)):
            return None
        if vem.ar_granskare:
            return (
                f"du kan inte godkänna rapporten för '{enhet}': ingen godkänner sin egen rapport "
                "(du är enhetens rektor eller lämnade in den); be en annan granskare"
            )
        return "bara en granskare kan godkänna en rapport"
    if vem.far_oppna_igen(enhet):
        return None
    return "en godkänd rapport öppnas igen bara av en granskare; be förvaltningens granskare"


def mojliga_handlingar(granskning: Granskning, vem: Behorighet) -> list[str]:
    """The actions ``vem`` can take on the review now (the buttons a page shows), in order."""
    return [
        h
        for h, (fran, _) in OVERGANGAR.items()
        if granskning.lage == fran and _far(granskning, h, vem) is None
    ]


def overgang(
    granskning: Granskning,
    handling: str,
    vem: Behorighet,
    tid: dt.datetime,
    varfor: str | None = None,
) -> Granskning:
    """The review after ``handling`` by ``vem`` at ``tid``. 'skicka tillbaka' and 'öppna igen'
    need ``varfor`` (kept in the history)."""
    if handling not in OVERGANGAR:
        raise Otillatet(f"'{handling}' är ingen handling; välj {', '.join(OVERGANGAR)}")
    fran, till = OVERGANGAR[handling]
    if granskning.lage != fran:
        raise Otillatet(
            f"rapporten för '{granskning.enhet}' är {granskning.lage}; '{handling}' går bara "
            f"när den är {fran} (ladda om sidan för att se läget nu)"
        )
    if (nej := _far(granskning, handling, vem)) is not None:
        raise Otillatet(nej)
    varfor = (varfor or "").strip() or None
    if handling in KRAVER_VARFOR and not varfor:
        raise Otillatet(f"skriv varför ('{handling}' kräver en motivering, som sparas)")
    if varfor and len(varfor) > MAX_KOMMENTAR:
        raise Otillatet(f"motiveringen får vara högst {tal(MAX_KOMMENTAR)} tecken")
    handelse = Handelse(
        tid=tid, handling=handling, fran=fran, till=till, av=som_person(vem.person), varfor=varfor
    )
    return granskning.model_copy(
        update={"lage": till, "handelser": [*granskning.handelser, handelse]}
    )


def _text(text: str, vad: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Otillatet(f"{vad} är tom: skriv en text")
    if len(text) > MAX_KOMMENTAR:
        raise Otillatet(
            f"{vad} får vara högst {tal(MAX_KOMMENTAR)} tecken (den har {tal(len(text))})"
        )
    return text


def _sokvag(sokvag: Sequence[object]) -> list[str | int]:
    if not isinstance(sokvag, list | tuple) or len(sokvag) > MAX_SOKVAG:
        raise Otillatet("kommentarens plats (sokvag) ska vara en lista av nycklar och nummer")
    ut: list[str | int] = []
    for del_ in sokvag:
        if isinstance(del_, bool) or not isinstance(del_, str | int):
            raise Otillatet("kommentarens plats (sokvag) ska vara en lista av nycklar och nummer")
        ut.append(del_)
    return ut


def _far_kommentera(granskning: Granskning, vem: Behorighet) -> None:
    if not vem.far_kommentera(granskning.enhet):
        raise Otillatet(
            f"du kan inte kommentera rapporten för '{granskning.enhet}' (granskare kommenterar "
            "alla rapporter, en rektor sin egen)"
        )


def kommentera(
    granskning: Granskning, sokvag: Sequence[object], text: str, vem: Behorighet, tid: dt.datetime
) -> Granskning:
    """A new comment on the part at ``sokvag`` (the editor's path in the unit file)."""
    _far_kommentera(granskning, vem)
    nummer = max((k.nummer for k in granskning.kommentarer), default=0) + 1
    ny = Kommentar(
        nummer=nummer,
        sokvag=_sokvag(sokvag),
        text=_text(text, "kommentaren"),
        av=som_person(vem.person),
        tid=tid,
    )
    return granskning.model_copy(update={"kommentarer": [*granskning.kommentarer, ny]})


def _byt(granskning: Granskning, ny: Kommentar) -> Granskning:
    lista = [ny if k.nummer == ny.nummer else k for k in granskning.kommentarer]
    return granskning.model_copy(update={"kommentarer": lista})


def _hitta(granskning: Granskning, nummer: int) -> Kommentar:
    kommentar = granskning.kommentar(nummer)
    if kommentar is None:
        raise Otillatet(f"kommentar {nummer} finns inte (ladda om sidan)")
    return kommentar


def svara(
    granskning: Granskning, nummer: int, text: str, vem: Behorighet, tid: dt.datetime
) -> Granskning:
    """An answer to comment ``nummer``; answering a resolved comment opens it again."""
    _far_kommentera(granskning, vem)
    kommentar = _hitta(granskning, nummer)
    svar = Svar(text=_text(text, "svaret"), av=som_person(vem.person), tid=tid)
    return _byt(
        granskning, kommentar.model_copy(update={"svar": [*kommentar.svar, svar], "lost": None})
    )


def los(granskning: Granskning, nummer: int, vem: Behorighet, tid: dt.datetime) -> Granskning:
    """Mark comment ``nummer`` resolved (by its author, a granskare or the unit's rektor)."""
    kommentar = _hitta(granskning, nummer)
    forfattare = som_identitet(kommentar.av)
    if not (vem.far_kommentera(granskning.enhet) or vem.person.ar_samma(forfattare)):
        raise Otillatet(
            "bara granskare, enhetens rektor och den som skrev kommentaren kan lösa den"
        )
    if kommentar.lost is not None:
        return granskning
    losning = Losning(av=som_person(vem.person), tid=tid)
    return _byt(granskning, kommentar.model_copy(update={"lost": losning}))
