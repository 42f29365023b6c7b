"""What stands before the first heading is the cover: its 'Skolform: Grundskola' lines are
read as the unit's fields (for a new unit), the rest is named in the loss report. And the text
a template writes itself (an empty part's 'Avsnittet är inte ifyllt.', a fixed text) is left
out where the part is matched."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kvalitet.importera.word_las import Bildelement, Element, Forlust, Stycke, rakna_ord

if TYPE_CHECKING:
    from kvalitet.modell.rapportmall import Del

OMSLAGSFALT = {
    "skolform": "skolform",
    "område": "område",
    "ansvarig": "ansvarig",
    "rektor": "ansvarig",
    "förskolechef": "ansvarig",
    "datum": "datum",
    "status": "status",
    "huvudman": "huvudman",
    "förvaltning": "förvaltning",
}
_RAD = re.compile(r"^\s*([A-Za-zÅÄÖåäö]+)\s*:\s*(.+?)\s*$")
PLATS = "före första rubriken (omslaget)"


def las_omslag(innehall: list[Element]) -> tuple[dict[str, tuple[str, int]], list[Forlust]]:
    """The cover's fields (name → value and its words) and what else stood there, as losses."""
    falt: dict[str, tuple[str, int]] = {}
    ovrigt: list[str] = []
    bilder = 0
    for el in innehall:
        if isinstance(el, Stycke):
            traff = _RAD.match(el.ren)
            namn = OMSLAGSFALT.get(traff.group(1).lower()) if traff else None
            if traff and namn and namn not in falt:
                falt[namn] = (traff.group(2), rakna_ord(el.ren))
            else:
                ovrigt.append(el.ren)
        elif isinstance(el, Bildelement):
            bilder += 1
        else:
            ovrigt.append("en tabell")
    forluster: list[Forlust] = []
    if ovrigt:
        text = " / ".join(ovrigt)
        forluster.append(
            Forlust(
                f"omslagets text: '{text[:80]}{'…' if len(text) > 80 else ''}' (kvalitet skriver "
                "omslaget ur enhetsfilen och huvudmannafilen)",
                PLATS,
                sum(rakna_ord(t) for t in ovrigt),
            )
        )
    if bilder:
        forluster.append(
            Forlust(
                f"{bilder} bild(er) på omslaget (t.ex. logotypen; den står i "
                "huvudmannafilens tema)",
                PLATS,
            )
        )
    return falt, forluster


def omslagsdata(falt: dict[str, tuple[str, int]]) -> tuple[dict[str, Any], int, list[str]]:
    """A new unit's fields from the cover, the words they carry, and what was guessed."""
    from kvalitet.modell.falt import SKOLFORMER

    ut: dict[str, Any] = {}
    ord_ = 0
    gissat: list[str] = []
    for namn, (varde, antal) in falt.items():
        if namn == "skolform" and varde.lower() in SKOLFORMER:
            ut["skolform"] = varde.lower()
        elif namn == "ansvarig":
            person, _, roll = varde.partition(",")
            ut["ansvarig"] = {
                "namn": person.strip(),
                **({"roll": roll.strip()} if roll.strip() else {}),
            }
        elif namn in ("område", "förvaltning", "huvudman"):
            ut[namn] = varde
        else:  # the date and the status are the new report's own
            gissat.append(f"omslagets '{namn}: {varde}' lästes inte (en import börjar som utkast)")
            continue
        ord_ += antal
        gissat.append(f"omslagets '{namn}: {varde}' lästes som enhetens {namn}")
    return ut, ord_, gissat


def mallens_text(d: Del) -> set[str]:
    """The texts a part's template writes itself, normalised."""
    texter = [d.tom_text, d.fast_text or "", *d.fast_text_per_skolform.values()]
    return {_norm(t) for t in texter if t and t.strip()}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*_\\]", "", text)).strip().lower()


def utan_mallens_text(innehall: list[Element], d: Del) -> tuple[list[Element], int]:
    """The elements without the template's own texts, and the words left out."""
    mallens = mallens_text(d)
    ut: list[Element] = []
    ord_ = 0
    for el in innehall:
        if isinstance(el, Stycke) and _norm(el.ren) in mallens:
            ord_ += rakna_ord(el.ren)
            continue
        ut.append(el)
    return ut, ord_
