"""A request's JSON body, read defensively: bad UTF-8 or JSON, nesting deeper than any report,
``NaN``/``Infinity`` and lone surrogates (``"\\uD800"``, which no file can hold and which would
break every later build) are refused with a Swedish message naming the field."""

from __future__ import annotations

import json
import re
from typing import Any

from kvalitet.visa.behorighet import Nekad

MAX_DJUP = 64
"""A report nests about a dozen levels; a body nested deeper is a mistake or an attack."""
_STRANGAR = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGAT = re.compile("[\ud800-\udfff]")
_HAKPARENTESER = bytes(range(256)).translate(None, b"[]{}")


def djup(kropp: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, in linear time."""
    parenteser = _STRANGAR.sub(b"", kropp).translate(None, _HAKPARENTESER)
    nu = storst = 0
    for tecken in parenteser:
        if tecken in b"[{":
            nu += 1
            storst = max(storst, nu)
        else:
            nu -= 1
    return storst


def _ingen_konstant(namn: str) -> Any:
    raise Nekad(f"det som skickades innehåller {namn}, som inte är ett tal; skriv ett tal")


def las_json(kropp: bytes) -> dict[str, Any]:
    """The body as a JSON object, or ``Nekad``."""
    try:
        text = kropp.decode("utf-8")
    except UnicodeDecodeError:
        raise Nekad("det som skickades kan inte läsas (inte UTF-8); ladda om sidan") from None
    if djup(kropp) > MAX_DJUP:
        raise Nekad(
            f"det som skickades är nästlat djupare än {MAX_DJUP} nivåer, vilket ingen rapport "
            "är; ladda om sidan"
        )
    try:
        data = json.loads(text or "{}", parse_constant=_ingen_konstant)
    except (json.JSONDecodeError, RecursionError):
        raise Nekad("det som skickades kan inte läsas (inte JSON); ladda om sidan") from None
    if not isinstance(data, dict):
        raise Nekad("det som skickades kan inte läsas (inget JSON-objekt); ladda om sidan")
    if (sokvag := _surrogat(data)) is not None:
        falt = " → ".join(str(s + 1 if isinstance(s, int) else s) for s in sokvag[1:]) or sokvag[0]
        raise Nekad(
            f"fältet '{falt}' innehåller ett tecken som inte finns (en ensam surrogathalva, "
            "t.ex. från en trasig kopiering); ta bort tecknet eller skriv om texten och spara igen"
        )
    return data


def _surrogat(data: Any) -> list[str | int] | None:
    """The path of the first text (value or key) holding a lone surrogate; None when none."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        nod, sokvag = stack.pop()
        if isinstance(nod, str):
            if _SURROGAT.search(nod):
                return sokvag
        elif isinstance(nod, dict):
            for nyckel, varde in nod.items():
                if _SURROGAT.search(nyckel):
                    return [*sokvag, nyckel.encode("utf-8", "replace").decode()]
                stack.append((varde, [*sokvag, nyckel]))
        elif isinstance(nod, list):
            stack.extend((v, [*sokvag, i]) for i, v in enumerate(nod))
    return None
