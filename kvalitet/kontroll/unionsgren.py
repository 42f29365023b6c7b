"""Pydantic's errors of a union (``antal: AntalPerGrupp | list[int]``): only the branch the
author wrote is told."""

from __future__ import annotations

from typing import Any

Sokvag = tuple[str | int, ...]

_FEL_SORT = {"list_type", "model_type", "model_attributes_type", "dict_type"}


def utan_fel_gren(per_plats: dict[Sokvag, list[dict[str, Any]]]) -> None:
    """Drop "should be a list" where a union's other branch fits and has errors further in
    ('antal: {flickor: åttio}' is not also "ska vara en lista"): only the branch written is told."""
    for sokvag in list(per_plats):
        if any(len(s) > len(sokvag) and s[: len(sokvag)] == sokvag for s in per_plats):
            per_plats[sokvag] = [f for f in per_plats[sokvag] if f["type"] not in _FEL_SORT]
            if not per_plats[sokvag]:
                del per_plats[sokvag]
