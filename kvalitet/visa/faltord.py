"""A YAML path said in the words of the editor's form: ``("utvecklingsområden", 0, "rubrik")`` →
``Utvecklingsområden › Område 1: Studiero › Rubrik``. The words are the form tree's own labels
(``formular.py``), so a message names the field as it stands on the screen."""

from __future__ import annotations

from typing import Any

from kvalitet.visa.formular import Nod, formular

SKILJE = " › "
HELA = "Rapporten"
"""The place of a problem of the whole file (no field)."""


def _passar(nod: Nod, varde: Any) -> bool:
    sort = nod.get("sort")
    if isinstance(varde, dict):
        return sort in ("ref", "objekt", "ordbok")
    if isinstance(varde, list):
        return sort in ("lista", "textlista", "block")
    return sort in ("text", "textlista", "cell", "val", "heltal", "datum", "sant")


def _upplos(nod: Nod, varde: Any, defs: dict[str, Nod]) -> Nod:
    """A reference is its model's node; a node of several forms is the form of the value."""
    for _ in range(8):
        if nod.get("sort") == "ref":
            nod = defs.get(nod["def"], {})
        elif nod.get("sort") == "eller":
            alternativ = [a["nod"] for a in nod.get("alternativ", [])]
            nod = next(
                (a for a in alternativ if _passar(a, varde)), alternativ[0] if alternativ else {}
            )
        else:
            break
    return nod


def _postnamn(nod: Nod, i: int, post: Any) -> str:
    namn = f"{nod.get('postrubrik') or 'Post'} {i + 1}"
    nyckel = nod.get("rubriknyckel")
    if nyckel and isinstance(post, dict):
        rubrik = post.get(nyckel)
        if isinstance(rubrik, str | int | float) and str(rubrik).strip():
            namn += f": {str(rubrik).strip()}"
    return namn


def _hamta(varde: Any, steg: str | int) -> Any:
    try:
        return varde[steg]
    except (KeyError, IndexError, TypeError):
        return None


def faltdelar(sokvag: tuple[str | int, ...] | list[str | int], data: Any) -> list[str]:
    """The labels from the top of the form down to the field at ``sokvag``."""
    form = formular()
    defs: dict[str, Nod] = form["defs"]
    nod: Nod = form["rot"]
    varde = data
    ut: list[str] = []
    hoppa: str | None = None  # a block's own key: the block is already named
    for steg in sokvag:
        nod = _upplos(nod, varde, defs)
        sort = nod.get("sort")
        if hoppa is not None and steg == hoppa:
            nod, hoppa = nod.get("_blocknod", {}), None
        elif sort in ("objekt", "rutnat", "bild") and isinstance(steg, str):
            falt = next((f for f in nod.get("falt", []) if f["nyckel"] == steg), None)
            ut.append(falt["etikett"] if falt else steg)
            nod = falt["nod"] if falt else {}
        elif sort in ("lista", "textlista") and isinstance(steg, int):
            ut.append(_postnamn(nod, steg, _hamta(varde, steg)))
            nod = nod.get("post", {"sort": "text"})
        elif sort == "block" and isinstance(steg, int):
            post = _hamta(varde, steg)
            blocksort = next(
                (
                    s
                    for s in nod.get("sorter", [])
                    if isinstance(post, dict) and s["nyckel"] in post
                ),
                None,
            )
            namn = f"{nod.get('postrubrik') or 'Block'} {steg + 1}"
            ut.append(f"{namn}: {blocksort['etikett']}" if blocksort else namn)
            if blocksort is None:
                nod = {}
            elif blocksort["hel"]:
                nod = {"sort": "ref", "def": blocksort["def"]}
            else:
                egen = defs.get(blocksort["def"], {}).get("falt", [{}])[0]
                nod = {"sort": "blockpost", "_blocknod": egen.get("nod", {})}
                hoppa = blocksort["nyckel"]
        elif sort in ("ordbok", "styrtal"):
            ut.append(f"{nod.get('postrubrik') or ''} {steg}".strip())
            nod = nod.get("varde", {})
        else:
            ut.append(str(steg))
            nod = {}
        varde = _hamta(varde, steg)
    return ut


def falt(sokvag: tuple[str | int, ...] | list[str | int], data: Any) -> str:
    """``Resultat › Objektiva resultat › Styrkor › Punkt 2``; ``Rapporten`` for the whole file."""
    return SKILJE.join(faltdelar(sokvag, data)) or HELA
