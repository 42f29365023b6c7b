"""Templates get data, not objects with behaviour (issue 25, point 1), checked by reflection:
every value reachable from the context the example build hands its templates (every unit, the
sammanställning and huvudmannens rapport) is plain data, and nothing callable can be reached
through the sandbox except the mapping readers on its allow-list — so that the next pydantic or
Jinja release cannot reopen what ``parse_raw`` opened."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kvalitet.cli import kvalitet
from kvalitet.rendera import dokument
from kvalitet.rendera.sandlada import MAPPNINGSMETODER, Sandlada

SKALARER = (str, int, float, bool, type(None), date, Decimal)
GLOBALA = {"range", "namespace"}
"""The only helpers a template may call by name (the sandbox's own, tests/sakerhet)."""


def anropbart(varde: Any, miljo: Sandlada, sokvag: str = "sammanhang") -> list[str]:
    """Every place under ``varde`` where a template could reach something callable (or anything
    that is not plain data) through the sandbox; empty when it is all data."""
    fynd: list[str] = []
    sedda: set[int] = set()
    kvar: list[tuple[str, Any]] = [(sokvag, varde)]
    while kvar:
        var, v = kvar.pop()
        if id(v) in sedda:
            continue
        sedda.add(id(v))
        if not isinstance(v, (*SKALARER, dict, list, tuple)):
            fynd.append(f"{var}: {type(v).__name__} är inte data")
            continue
        for namn in dir(v):
            if namn.startswith("_"):
                continue
            try:
                attribut = getattr(v, namn)
            except Exception:
                continue
            if not miljo.is_safe_attribute(v, namn, attribut) or not callable(attribut):
                continue
            if isinstance(v, dict) and namn in MAPPNINGSMETODER:
                continue
            if miljo.is_safe_callable(attribut):
                fynd.append(f"{var}.{namn}() kan anropas av en mall")
            else:
                fynd.append(f"{var}.{namn} är en metod som sandlådan lämnar ut")
        if isinstance(v, dict):
            kvar += [(f"{var}[{k!r}]", x) for k, x in v.items()]
        elif isinstance(v, list | tuple):
            kvar += [(f"{var}[{i}]", x) for i, x in enumerate(v)]
    return fynd


@pytest.fixture
def sammanhangen(projekt: Path, runner, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every context the example build hands a template, as the template gets it."""
    fangade: list[dict[str, Any]] = []
    verklig = dokument.som_malldata

    def fanga(x: Any) -> Any:
        data = verklig(x)
        fangade.append(data)
        return data

    monkeypatch.setattr(dokument, "som_malldata", fanga)
    svar = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert svar.exit_code == 0, svar.output
    return fangade


def test_mallarna_far_bara_data(sammanhangen: list[dict[str, Any]]) -> None:
    mallar = {m for s in sammanhangen for m in s}
    assert {"r", "enhet", "s"} <= mallar  # units, the sammanställning and huvudmannens rapport
    assert len(sammanhangen) >= 6
    miljo = Sandlada()
    fynd = [f for s in sammanhangen for f in anropbart(s, miljo)]
    assert not fynd, "\n".join(fynd[:40])


def test_bara_de_tillatna_hjalparna_finns_i_mallarna() -> None:
    from kvalitet.rendera.miljo import skapa_miljo

    miljo = skapa_miljo()
    assert isinstance(miljo, Sandlada)
    assert set(miljo.globals) <= GLOBALA, sorted(set(miljo.globals) - GLOBALA)


def test_genomgangen_hittar_en_modells_metoder() -> None:
    """The walk can fail: a pydantic model handed over as it is (as before the fix) is found, and
    so is a plain object; converted to data, the same model passes."""
    from kvalitet.modell import Enhetsrapport
    from kvalitet.rendera.data import som_malldata

    modell = Enhetsrapport.model_validate(
        {"namn": "Testskolan", "skolform": "grundskola", "period": "2025/26"}
    )
    fynd = anropbart({"enhet": modell}, Sandlada())
    assert any("Enhetsrapport är inte data" in f for f in fynd), fynd
    assert anropbart({"x": object()}, Sandlada())
    assert anropbart(som_malldata({"enhet": modell}), Sandlada()) == []
    # and the sandbox itself refuses the methods a walk of the model would meet
    miljo = Sandlada()
    assert not miljo.is_safe_attribute(modell, "parse_raw", getattr(modell, "parse_raw", None))
    assert not miljo.is_safe_attribute(modell, "model_validate_json", modell.model_validate_json)
