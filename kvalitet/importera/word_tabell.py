"""A Word table's cells as a kvalitet table: a Flickor/Pojkar/Totalt header becomes those
groups, 'Antal' rows become the counts of the rows above them, Swedish numbers ('86,4 %')
become numbers, and symbols such as '..' and '*' are kept as written."""

from __future__ import annotations

import re
from typing import Any

_GRUPPER = {
    "flickor": "flickor",
    "pojkar": "pojkar",
    "totalt": "totalt",
    "alla": "totalt",
    "samtliga": "totalt",
    "elever totalt": "totalt",
}
_TAL = re.compile(r"^[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?$|^[-−]?\d+(?:,\d+)?$")
_HELTAL = re.compile(r"^\d{1,3}(?:[ \u00a0]\d{3})*$|^\d+$")


def _grupp(rubrik: str) -> str | None:
    ren = re.sub(r"\(.*?\)|%|\bandel\b", "", rubrik.lower()).strip(" ,:")
    return _GRUPPER.get(ren)


def _tal(text: str) -> tuple[Any, bool] | None:
    """('86,4', True) for '86,4 %', (47, False) for '47'; None for anything that is no number."""
    ren = text.strip()
    procent = ren.endswith("%")
    ren = ren.rstrip("%").strip()
    if not _TAL.match(ren):
        return None
    ren = ren.replace("\u00a0", " ").replace("−", "-")
    if "," in ren:
        return ren.replace(" ", ""), procent
    return int(ren.replace(" ", "")), procent


def _antal(text: str) -> int | None:
    ren = text.strip()
    return int(re.sub(r"[ \u00a0]", "", ren)) if _HELTAL.match(ren) else None


def _cell(text: str, procent_bort: bool) -> Any:
    tal = _tal(text)
    if tal is None:
        return text.strip() or None
    varde, procent = tal
    if procent and not procent_bort:
        return text.strip()
    return varde


def som_tabell(
    rader: list[list[str]], rubrik: str | None
) -> tuple[dict[str, Any] | None, list[str]]:
    """The table as a unit file writes it, and what was guessed; None for a table of one row."""
    gissat: list[str] = []
    bredd = max(len(r) for r in rader)
    rader = [r + [""] * (bredd - len(r)) for r in rader]
    if len(rader) < 2 or bredd < 2:
        return None, gissat
    huvud, kropp = rader[0], rader[1:]
    grupper = [_grupp(k) for k in huvud[1:]]
    gruppform = all(grupper) and len(set(grupper)) == len(grupper)
    celler = [
        c
        for r in kropp
        if not re.match(r"^antal\b", r[0].strip().lower())
        for c in r[1:]
        if c.strip()
    ]
    tal = [t for t in (_tal(c) for c in celler) if t is not None]
    from kvalitet.importera.varde import SYMBOLER

    symboler = all(_tal(c) is not None or c.strip() in SYMBOLER for c in celler)
    procent_bort = bool(tal) and all(t[1] for t in tal) and symboler
    tabell: dict[str, Any] = {}
    if rubrik:
        tabell["rubrik"] = rubrik
    if huvud[0].strip():
        tabell["radrubrik"] = huvud[0].strip()
    if not gruppform:
        tabell["kolumner"] = [k.strip() or "–" for k in huvud[1:]]
    if procent_bort:
        tabell["mått"] = "procent"
    ut: list[dict[str, Any]] = []
    ovanfor: list[dict[str, Any]] = []
    for_nasta: Any = None
    antal_rader = 0
    for rad in kropp:
        namn = rad[0].strip()
        antal = [_antal(c) for c in rad[1:]]
        ar_antal = re.match(r"^antal\b", namn.lower()) and any(a is not None for a in antal)
        if ar_antal and all(
            a is not None or not c.strip() for a, c in zip(antal, rad[1:], strict=False)
        ):
            varde: Any = (
                {str(g): a for g, a in zip(grupper, antal, strict=False) if a is not None}
                if gruppform
                else antal
            )
            for post in ovanfor:
                post["antal"] = varde
            for_nasta = None if ovanfor else varde
            ovanfor = []
            antal_rader += 1
            synlig: dict[str, Any] = {"rad": namn, "mått": "antal"}  # still shown, as in Word
            if gruppform:
                synlig.update(varde)
            else:
                synlig["värden"] = antal
            ut.append(synlig)
            continue
        post = {"rad": namn or "–"}
        if gruppform:
            for g, c in zip(grupper, rad[1:], strict=False):
                v = _cell(c, procent_bort)
                if v is not None:
                    post[str(g)] = v
        else:
            post["värden"] = [_cell(c, procent_bort) for c in rad[1:]]
        if for_nasta is not None:
            post["antal"] = for_nasta
        else:
            ovanfor.append(post)
        ut.append(post)
    if not [r for r in ut if r.get("mått") != "antal"]:
        return None, gissat
    tabell["rader"] = ut
    namn = f"tabellen '{rubrik}'" if rubrik else f"tabellen med raden '{ut[0]['rad']}'"
    if gruppform:
        gissat.append(
            f"{namn} lästes med grupperna {', '.join(str(g) for g in grupper)} (rubrikraden)"
        )
    if antal_rader:
        gissat.append(
            f"{namn}: {antal_rader} rad(er) 'Antal …' lästes också som antal elever för "
            "raderna ovanför (för röjandekontrollen) och står kvar som rad med 'mått: antal'"
        )
    if procent_bort:
        gissat.append(f"{namn} lästes som procent (alla tal hade %)")
    return tabell, gissat
