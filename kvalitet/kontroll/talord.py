"""Swedish number words as numbers ('åttio' 80), for the fix of a word in a number field."""

from __future__ import annotations

import re

_ORD = {
    0: "noll",
    1: "en ett",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
    13: "tretton",
    14: "fjorton",
    15: "femton",
    16: "sexton",
    17: "sjutton",
    18: "arton",
    19: "nitton",
    20: "tjugo tjugu",
    30: "trettio tretti",
    40: "fyrtio fyrti förtio förti",
    50: "femtio femti",
    60: "sextio sexti",
    70: "sjuttio sjutti",
    80: "åttio åtti",
    90: "nittio nitti",
    100: "hundra",
    1000: "tusen",
}
TALORD = {ord_: tal for tal, orden in _ORD.items() for ord_ in orden.split()}
"""Swedish number words, in their written and spoken forms."""
_LANGST_FORST = sorted(TALORD, key=len, reverse=True)


def tal_ur_ord(text: str) -> int | None:
    """A Swedish number word as a number ('åttio' 80, 'tjugoett' 21, 'etthundratolv' 112);
    None when the text is not one."""
    rest = re.sub(r"[\s-]", "", text.strip().lower()).removesuffix("procent").rstrip("%")
    delar: list[int] = []
    while rest:
        ord_ = next((o for o in _LANGST_FORST if rest.startswith(o)), None)
        if ord_ is None:
            return None
        delar.append(TALORD[ord_])
        rest = rest[len(ord_) :]
    if not delar:
        return None
    summa, nu = 0, 0
    for del_ in delar:
        if del_ == 1000:
            summa += (nu or 1) * 1000
            nu = 0
        elif del_ == 100:
            nu = (nu or 1) * 100
        else:
            nu += del_
    return summa + nu
