"""Walking a report's sections in reading order, with each one's path in the file.

The checks, the röjandekontroll and the sammanställning all need every section, table and
conclusion wherever it stands: in the fixed form, in a section's ``innehåll``, or under an
unnumbered heading. The walk and the numbering rule are here, once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kvalitet.kalla.las import Sokvag
from kvalitet.modell.avsnitt import Avsnitt, Huvudavsnitt, Resultat
from kvalitet.modell.rapport import Enhetsrapport

Del = Huvudavsnitt | Avsnitt | Resultat
RESULTATGRUPPER = ("objektiva", "subjektiva", "observerade")


def ar_numrerad(avsnitt: Avsnitt, i_innehall: bool, foralder_numrerad: bool = True) -> bool:
    """Whether a heading gets a number: as it says (``numrerad``), else numbered under
    ``avsnitt`` and unnumbered in ``innehåll``; never under an unnumbered heading."""
    if not foralder_numrerad:
        return False
    if avsnitt.numrerad is not None:
        return avsnitt.numrerad
    return not i_innehall


def underavsnitt(
    del_: Del, sokvag: Sokvag, numrerad: bool = True
) -> Iterator[tuple[Sokvag, Avsnitt, bool]]:
    """A section's own subsections in reading order: the headings among its blocks, then
    ``avsnitt``; each with its path and whether it is numbered."""
    for i, block in enumerate(del_.innehall):
        if isinstance(block, Avsnitt):
            yield (*sokvag, "innehåll", i), block, ar_numrerad(block, True, numrerad)
    for i, barn in enumerate(getattr(del_, "avsnitt", [])):
        yield (*sokvag, "avsnitt", i), barn, ar_numrerad(barn, False, numrerad)


def delar_under(
    del_: Del, sokvag: Sokvag, numrerad: bool = True
) -> Iterator[tuple[Sokvag, Del, bool]]:
    """A section and every section below it, in reading order."""
    yield sokvag, del_, numrerad
    for barnsok, barn, barn_numrerad in underavsnitt(del_, sokvag, numrerad):
        yield from delar_under(barn, barnsok, barn_numrerad)


def rapportens_delar(rapport: Enhetsrapport) -> Iterator[tuple[Sokvag, Del, bool]]:
    """Every section of sections 1–3 and of the rapportmall's own parts (``delar:``) in reading
    order, with its path in the file."""
    if rapport.kvalitetsarbete:
        yield from delar_under(rapport.kvalitetsarbete, ("kvalitetsarbete",))
    if rapport.resultat:
        yield ("resultat",), rapport.resultat, True
        for grupp in RESULTATGRUPPER:
            del_ = getattr(rapport.resultat, grupp)
            if del_:
                yield from delar_under(del_, ("resultat", grupp))
    if rapport.analys:
        yield from delar_under(rapport.analys, ("analys",))
    for id_, del_ in rapport.delar.items():  # the rapportmall's own parts
        yield from delar_under(del_, ("delar", id_))


def block_i(del_: Del, sokvag: Sokvag) -> Iterator[tuple[Sokvag, Any]]:
    """The blocks of a section's ``innehåll`` that are not headings, with their paths."""
    for i, block in enumerate(del_.innehall):
        if not isinstance(block, Avsnitt):
            yield (*sokvag, "innehåll", i), block


def har_innehall(del_: Del) -> bool:
    """Whether a section shows anything under its heading: text, a table, an image, a block, a
    closing list, or a subsection that does. A subsection without is not printed (an empty
    heading), and kontrollera warns of it."""
    if (del_.text or "").strip():
        return True
    if any(not isinstance(b, Avsnitt) or har_innehall(b) for b in del_.innehall):
        return True
    if isinstance(del_, Resultat):
        grupper = (getattr(del_, g) for g in RESULTATGRUPPER)
        return any(g is not None and har_innehall(g) for g in grupper)
    listor = (del_.tabeller, del_.bilder, del_.styrkor, del_.svagheter, del_.slutsatser)
    return any(listor) or bool(del_.till_analys) or any(har_innehall(a) for a in del_.avsnitt)
