"""Röjandekontroll: hide values based on few pupils, children or respondents, once, before
anything is rendered or exported.

The rule depends on who the counts are (``röjande:`` on a table, chart or styrtal, or the
default by measure and skolform; see kontroll/roj_regler.py and docs/rojandekontroll.md):

- ``..`` a value based on fewer than the threshold (default 10), or one that would let a
  hidden value be computed back (complementary suppression across a table's rows, columns
  and total row, solved as a linear system: kontroll/roj_komplement.py);
- ``~100`` a share where 1–4 pupils or children did not reach the level (not for survey
  respondents); a group is never shown more exactly than its ``~100`` total;
- ``-`` none (the count is 0); ``.`` data missing (shown by the templates for an empty cell).

A status computed from a hidden value is not published either (``ej redovisat``, shown as –).
A status the unit states itself (``status``, ``ej_aktuellt``) is published as written.

The counts (``antal``) come from the YAML and are used only here; they are removed from the
masked report, so no template, chart or export can show them. ``kvalitet kontrollera`` tells
each hidden value and why at its line (kontroll/maskering.py), from the same computation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kvalitet.kontroll.maskering import (
    Sokvag,
    definitioner,
    omforma,
    styrtalets_rutnat,
    tabellens_rutnat,
)
from kvalitet.kontroll.roj_komplement import DOLDA
from kvalitet.kontroll.roj_regler import PERSONER, TEXTER, symboltexter
from kvalitet.kontroll.roj_tabell import GRUPPER, maskera_rutnat, rutnat_for_rader
from kvalitet.modell import Diagram, Enhetsrapport, Huvudmannafil, Rad, Styrtalsresultat, Tabell
from kvalitet.modell.status import Status, ar_tal
from kvalitet.modell.styrtalsmodell import StyrtalsDefinition

__all__ = [
    "DOLDA",
    "GRUPPER",
    "SYMBOLER",
    "forklaring",
    "maskera",
    "maskera_enhet",
    "maskera_rad",
    "maskera_rapport",
    "maskera_tabell",
    "publicerad_status",
    "sammanstallningens_forklaring",
    "symboler_i",
]

SYMBOLER = {k: v.replace("{vem}", "elever") for k, v in TEXTER.items()}
"""The legend for pupils, with ``{grans}`` left to fill in (the sammanställning's default)."""


def maskera(
    varden: dict[str, Any],
    antal: dict[str, int | None],
    matt: str | None,
    grans: int,
    slag: str = "elever",
) -> dict[str, Any]:
    """Apply the rules to one set of values per group (flickor, pojkar, totalt)."""
    rad = Rad.model_validate({"rad": "", **varden, "antal": antal})
    return {**varden, **maskera_rad(rad, matt, grans, slag).model_dump(include=set(varden))}


def maskera_rad(rad: Rad, matt: str | None, grans: int, slag: str = "elever") -> Rad:
    """A table row on its own with its values masked and its counts removed."""
    if rad.antal is None:
        return rad
    rutnat = rutnat_for_rader([rad], matt, None)
    return _rader([rad], maskera_rutnat(rutnat, slag, grans))[0]


def _rader(rader: list[Rad], dolda: Mapping[tuple[int, str | int], Any]) -> list[Rad]:
    ut = []
    for i, rad in enumerate(rader):
        varden = list(rad.varden) if rad.varden is not None else None
        grupper: dict[str, Any] = {}
        for (r, k), d in dolda.items():
            if r != i:
                continue
            if isinstance(k, int) and varden is not None:
                varden[k] = d.symbol
            elif isinstance(k, str):
                grupper[k] = d.symbol
        ut.append(rad.model_copy(update={"varden": varden, **grupper, "antal": None}))
    return ut


def maskera_tabell(t: Tabell | Diagram, slag: str, grans: int) -> Any:
    """A table or chart with its values masked by the rule of ``slag``, its counts removed and
    its kind kept in ``röjande`` (for the legend)."""
    if all(r.antal is None for r in t.rader):
        return t.model_copy(update={"rojande": slag})
    dolda = maskera_rutnat(tabellens_rutnat(t), slag, grans)
    return t.model_copy(update={"rader": _rader(list(t.rader), dolda), "rojande": slag})


def _resultat(res: Styrtalsresultat, slag: str, matt: str | None, grans: int) -> Any:
    if res.antal is None:
        return res
    dolda = maskera_rutnat(styrtalets_rutnat(res, matt), slag, grans)
    falt = {"flickor": "flickor", "pojkar": "pojkar", "totalt": "utfall"}
    return res.model_copy(
        update={**{falt[str(k)]: d.symbol for (_, k), d in dolda.items()}, "antal": None}
    )


def maskera_rapport(
    rapport: Enhetsrapport,
    grans: int,
    matt_per_styrtal: Mapping[str, str],
    definitioner_: Mapping[str, StyrtalsDefinition] | None = None,
) -> Enhetsrapport:
    """The whole report with every value that could reveal individuals hidden. The styrtal's
    definitions (``definitioner_``) give their kind of data; without them only the measure."""
    defs = dict(definitioner_ or {})
    for sid, matt in matt_per_styrtal.items():
        if sid not in defs:
            defs[sid] = StyrtalsDefinition.model_validate({"id": sid, "text": sid, "mått": matt})

    def tabell(_: Sokvag, t: Any, slag: str) -> Any:
        return maskera_tabell(t, slag, grans)

    def styrtal(_: Sokvag, res: Styrtalsresultat, slag: str, matt: str | None) -> Any:
        return _resultat(res, slag, matt, grans)

    return omforma(rapport, tabell, styrtal, defs)


def maskera_enhet(rapport: Enhetsrapport, huvudman: Huvudmannafil | None) -> Enhetsrapport:
    """A unit's report masked with its huvudman's threshold and styrtal."""
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    return maskera_rapport(rapport, grans, {}, definitioner(huvudman))


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


def forklaring(slag: Sequence[str | None], grans: int) -> dict[str, str]:
    """The legend in the words of the kinds of data in one table ("färre än 10 svarande",
    "1–4 barn"); several kinds are named together ("elever eller svarande")."""
    vilka = list(dict.fromkeys(s or "elever" for s in slag)) or ["elever"]
    if len(vilka) == 1:
        return symboltexter(vilka[0], grans)
    vem = " eller ".join(PERSONER.get(s, s) for s in vilka)
    return {k: v.format(grans=grans, vem=vem) for k, v in TEXTER.items()}


def sammanstallningens_forklaring(data: Any, huvudman: Huvudmannafil | None) -> dict[str, str]:
    """The legend of a sammanställning (``data``: its groups per skolform, their styrtal and
    units' cells) in the words of the data its hidden cells come from: "färre än 10 elever
    eller svarande" when a pupils' styrtal and a guardian survey are both hidden."""
    from kvalitet.kontroll.maskering import styrtalets_slag

    grans = huvudman.installningar.rojandegrans if huvudman else 10
    slag = [
        styrtalets_slag(s, g.skolform)
        for g in data.grupper
        for s in g.styrtal
        if any(str(getattr(e.celler.get(s.id), "text", "")) in DOLDA for e in g.enheter)
    ]
    return forklaring(slag, grans)
