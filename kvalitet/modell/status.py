"""The status of a styrtal for a period: the rule in one place, used by validation and rendering."""

from __future__ import annotations

from typing import Literal, TypeGuard

from kvalitet.modell import StyrtalsDefinition, Styrtalsresultat

Status = Literal[
    "uppnått", "delvis uppnått", "ej uppnått", "ej aktuellt", "saknas", "ej bedömt", "ej redovisat"
]

SYMBOL: dict[str, str] = {
    "uppnått": "✔",
    "delvis uppnått": "◐",
    "ej uppnått": "✘",
    "ej aktuellt": "○",
    "saknas": "?",
    "ej bedömt": "–",
    "ej redovisat": "–",
}
TOMMA = (None, "", ".", "..", "-")


def ar_tal(varde: object) -> TypeGuard[int | float]:
    return isinstance(varde, int | float) and not isinstance(varde, bool)


def styrtalsstatus(
    definition: StyrtalsDefinition, resultat: Styrtalsresultat | None, delvis_marginal: float = 10
) -> Status:
    """The status of one styrtal.

    - ``ej aktuellt`` when the unit gives a reason in ``ej_aktuellt``;
    - a status the unit states (``status``) always wins;
    - ``saknas`` without an utfall;
    - ``ej bedömt`` when the målvärde is missing, or målvärde or utfall is a text;
    - otherwise utfall is compared with målvärde in the styrtal's direction: ``uppnått`` when it
      reaches the målvärde, ``delvis uppnått`` when it is within ``delvis_marginal`` per cent of
      the målvärde (``högre``: utfall ≥ målvärde × (1 − marginal/100); ``lägre``: utfall ≤
      målvärde × (1 + marginal/100)), else ``ej uppnått``. A marginal of 0 turns ``delvis`` off.
    """
    if resultat is None:
        return "saknas"
    if resultat.ej_aktuellt:
        return "ej aktuellt"
    if resultat.status:
        return resultat.status
    if resultat.utfall in TOMMA:
        return "saknas"
    mal = definition.malvarde
    utfall = resultat.utfall
    if not ar_tal(mal) or not ar_tal(utfall):
        return "ej bedömt"
    andel = delvis_marginal / 100
    if definition.riktning == "lägre":
        if utfall <= mal:
            return "uppnått"
        return "delvis uppnått" if andel and utfall <= mal * (1 + andel) else "ej uppnått"
    if utfall >= mal:
        return "uppnått"
    return "delvis uppnått" if andel and utfall >= mal * (1 - andel) else "ej uppnått"
