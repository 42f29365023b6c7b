"""The huvudman's verksamhetsplan: walk perspektiv → mål → styrtal, and which apply to a unit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kvalitet.modell import Huvudmannafil, HuvudmansStyrtal, Mal, Perspektiv


@dataclass(frozen=True)
class Planstyrtal:
    """One styrtal of the plan with its place: perspektiv, mål, the mål's number and YAML path."""

    perspektiv_nr: int
    perspektiv: Perspektiv
    mal_nr: str
    mal: Mal
    styrtal: HuvudmansStyrtal
    sokvag: tuple[str | int, ...]

    def galler(self, skolform: str) -> bool:
        return not self.styrtal.skolformer or skolform in self.styrtal.skolformer


def malnummer(p: int, m: int, mal: Mal, stil: str = "1.1") -> str:
    """The mål's number: as written (``id``), else ``<perspektiv>.<mål>`` like ``1.1``, or with
    the huvudman's ``målnumrering: "1:1"`` like ``1:1``."""
    return mal.id or f"{p}{':' if stil == '1:1' else '.'}{m}"


def planens_styrtal(huvudman: Huvudmannafil | None) -> Iterator[Planstyrtal]:
    if huvudman is None or huvudman.verksamhetsplan is None:
        return
    stil = huvudman.installningar.malnumrering
    for p, persp in enumerate(huvudman.verksamhetsplan.perspektiv, start=1):
        for m, mal in enumerate(persp.mal, start=1):
            for s, styrtal in enumerate(mal.styrtal):
                sokvag = ("verksamhetsplan", "perspektiv", p - 1, "mål", m - 1, "styrtal", s)
                yield Planstyrtal(p, persp, malnummer(p, m, mal, stil), mal, styrtal, sokvag)


def galler_for(huvudman: Huvudmannafil | None, skolform: str) -> list[Planstyrtal]:
    """The plan's styrtal that apply to a unit of ``skolform``, in plan order."""
    return [ps for ps in planens_styrtal(huvudman) if ps.galler(skolform)]
