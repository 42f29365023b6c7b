"""Röjandekontroll: hide values based on few pupils, once, before anything is rendered or exported.

The rules follow the conventions of Skolverket's public statistics:

- ``..`` a value based on fewer pupils than the threshold (default 10);
- ``~100`` a share where 1–4 pupils did not reach the level; the other gender's value is then
  shown as ``..`` so that it cannot be derived from the total (complementary suppression);
- when one gender is hidden and the total is shown, the other gender is hidden too, for the same
  reason;
- ``-`` no pupils (the count is 0);
- ``.`` data missing (shown by the templates for an empty cell).

A status computed from a hidden value is not published either (``ej redovisat``, shown as –):
"uppnått" for a group of 8 against a målvärde of 90 % would tell that all 8 reached it. A status
the unit states itself (``status``, ``ej_aktuellt``) is published as written.

The counts (``antal``) come from the YAML and are used only here; they are removed from the
masked report, so no template, chart or export can show them.
"""

from __future__ import annotations

from typing import Any

from kvalitet.modell import (
    Avsnitt,
    Diagram,
    Diagramblock,
    EgetStyrtal,
    Enhetsrapport,
    Huvudavsnitt,
    Rad,
    Styrtalsresultat,
    Tabell,
    Tabellblock,
)
from kvalitet.modell.status import Status, ar_tal

SYMBOLER = {
    "..": "uppgiften bygger på färre än {grans} elever och visas inte, och inte heller den status "
    "som skulle räknas fram ur den (–, ej redovisat)",
    "~100": "1–4 elever når inte upp; exakt andel visas inte (inte heller dess status), och den "
    "andra gruppens värde visas då som .. så att det inte kan räknas fram",
    ".": "uppgift saknas",
    "-": "inga elever, eller inte tillämpligt",
}
GRUPPER = ("flickor", "pojkar", "totalt")


def maskera(
    varden: dict[str, Any], antal: dict[str, int | None], matt: str | None, grans: int
) -> dict[str, Any]:
    """Apply the rules to one set of values per group (flickor, pojkar, totalt)."""
    ut = dict(varden)
    dolda: set[str] = set()
    for grupp, varde in varden.items():
        n = antal.get(grupp)
        if varde is None or n is None:
            continue
        if n == 0:
            ut[grupp] = "-"
        elif n < grans:
            ut[grupp] = ".."
            dolda.add(grupp)
        elif matt == "procent" and ar_tal(varde):
            ej_upp = round(n * (100 - varde) / 100)
            if 1 <= ej_upp <= 4:
                ut[grupp] = "~100"
    # only the total's count given: a group is never larger than the total
    totalt = antal.get("totalt")
    if totalt is not None and totalt < grans:
        for grupp in ("flickor", "pojkar"):
            if antal.get(grupp) is None and ar_tal(ut.get(grupp)):
                ut[grupp] = ".."
                dolda.add(grupp)
    for en, andra in (("flickor", "pojkar"), ("pojkar", "flickor")):
        if not ar_tal(ut.get(andra)):
            continue
        if ut.get(en) == "~100" or (en in dolda and ar_tal(ut.get("totalt"))):
            ut[andra] = ".."
    return ut


def _summakolumn(antal: list[int | None]) -> int | None:
    """The column whose count is the sum of the others' (a total), if there is one."""
    kanda = [(i, n) for i, n in enumerate(antal) if n is not None]
    if len(kanda) < 3:
        return None
    summa = sum(n for _, n in kanda)
    return next((i for i, n in kanda if n * 2 == summa), None)


def maskera_rad(rad: Rad, matt: str | None, grans: int) -> Rad:
    """A table row with its values masked and its counts removed."""
    matt = rad.matt or matt
    if rad.antal is None:
        return rad
    if isinstance(rad.antal, list):
        varden = list(rad.varden or [])
        for i, n in enumerate(rad.antal[: len(varden)]):
            if n is not None:
                varden[i] = maskera({"v": varden[i]}, {"v": n}, matt, grans)["v"]
        # complementary suppression: one hidden part and a shown total give the part back
        total = _summakolumn(list(rad.antal[: len(varden)]))
        if total is not None and ar_tal(varden[total]):
            delar = [i for i in range(len(varden)) if i != total and rad.antal[i] is not None]
            dolda = [i for i in delar if varden[i] in DOLDA]
            synliga = [i for i in delar if ar_tal(varden[i])]
            if len(dolda) == 1 and synliga:
                minsta = min(synliga, key=lambda i: rad.antal[i] or 0)  # type: ignore[index]
                varden[minsta] = ".."
        return rad.model_copy(update={"varden": varden, "antal": None})
    antal = rad.antal.model_dump()
    grupper = {g: getattr(rad, g) for g in GRUPPER}
    return rad.model_copy(update={**maskera(grupper, antal, matt, grans), "antal": None})


def _tabell(tabell: Tabell | Diagram, grans: int) -> Any:
    return tabell.model_copy(
        update={"rader": [maskera_rad(r, tabell.matt, grans) for r in tabell.rader]}
    )


def _block(block: Any, grans: int) -> Any:
    """A block of ``innehåll``: its table or chart masked, a heading's blocks in turn."""
    if isinstance(block, Tabellblock):
        return block.model_copy(update={"tabell": _tabell(block.tabell, grans)})
    if isinstance(block, Diagramblock):
        return block.model_copy(update={"diagram": _tabell(block.diagram, grans)})
    if isinstance(block, Avsnitt):
        return _del(block, grans)
    return block


def _del(del_: Huvudavsnitt | Avsnitt | None, grans: int) -> Any:
    if del_ is None:
        return None
    return del_.model_copy(
        update={
            "tabeller": [_tabell(t, grans) for t in del_.tabeller],
            "innehall": [_block(b, grans) for b in del_.innehall],
            "avsnitt": [_del(a, grans) for a in del_.avsnitt],
        }
    )


def _resultat(res: Styrtalsresultat, matt: str | None, grans: int) -> Styrtalsresultat:
    if res.antal is None:
        return res
    varden = {"flickor": res.flickor, "pojkar": res.pojkar, "totalt": res.utfall}
    ut = maskera(varden, res.antal.model_dump(), matt, grans)
    return res.model_copy(
        update={
            "flickor": ut["flickor"],
            "pojkar": ut["pojkar"],
            "utfall": ut["totalt"],
            "antal": None,
        }
    )


def maskera_rapport(
    rapport: Enhetsrapport, grans: int, matt_per_styrtal: dict[str, str]
) -> Enhetsrapport:
    """The whole report with every value that could reveal individual pupils hidden."""
    resultat = rapport.resultat
    if resultat is not None:
        resultat = resultat.model_copy(
            update={
                "innehall": [_block(b, grans) for b in resultat.innehall],
                **{
                    g: _del(getattr(resultat, g), grans)
                    for g in ("objektiva", "subjektiva", "observerade")
                },
            }
        )
    egna: list[EgetStyrtal] = [_resultat(e, e.matt, grans) for e in rapport.egna_styrtal]  # type: ignore[misc]
    return rapport.model_copy(
        update={
            "kvalitetsarbete": _del(rapport.kvalitetsarbete, grans),
            "resultat": resultat,
            "analys": _del(rapport.analys, grans),
            "styrtal": {
                sid: _resultat(res, matt_per_styrtal.get(sid), grans)
                for sid, res in rapport.styrtal.items()
            },
            "egna_styrtal": egna,
        }
    )


DOLDA = ("..", "~100")


def publicerad_status(
    status: Status, verklig: Styrtalsresultat | None, visad: Styrtalsresultat | None
) -> Status:
    """The status that may be shown: ``ej redovisat`` when it was computed from a value that
    röjandekontrollen hides (the status would narrow the hidden value down)."""
    if verklig is None or visad is None or verklig.status or verklig.ej_aktuellt:
        return status
    if ar_tal(verklig.utfall) and str(visad.utfall) in DOLDA:
        return "ej redovisat"
    return status


def symboler_i(varden: list[Any]) -> list[str]:
    """The suppression symbols among displayed values, in legend order."""
    finns = {str(v).strip() for v in varden}
    return [s for s in SYMBOLER if s in finns]
