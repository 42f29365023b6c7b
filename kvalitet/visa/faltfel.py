"""What ``kvalitet kontrollera`` says about a file, put at the fields of the form: each problem's
line and column are turned back into the YAML path of the value there. And the huvudman's
styrtal that apply to the unit, with the status the report would show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import las_yaml


def _platskarta(fil: Path) -> tuple[dict[tuple[int, int], tuple], dict[int, tuple]]:
    """(line, column) → the longest path there, and line → the longest path on it; the whole
    document's own place (where problems of the file as a whole stand) maps to ()."""
    kalla = las_yaml(fil)
    rot = kalla.positioner.get(())
    exakt: dict[tuple[int, int], tuple] = {}
    per_rad: dict[int, tuple] = {}
    for karta in (kalla.nyckelpositioner, kalla.positioner):
        for sokvag, (rad, kol) in karta.items():
            if len(sokvag) >= len(exakt.get((rad, kol), ())):
                exakt[(rad, kol)] = sokvag
            if len(sokvag) >= len(per_rad.get(rad, ())):
                per_rad[rad] = sokvag
    if rot is not None:
        exakt[rot] = ()
    return exakt, per_rad


def faltproblem(fil: Path, problem: list[Problem], rot: Path) -> list[dict[str, Any]]:
    """The problems of ``fil`` as ``{sokvag, grad, text, rad}``; the path is () when the line
    holds no value (the form shows those above the fields)."""
    egna = [p for p in problem if p.fil.resolve() == fil.resolve()]
    if not egna:
        return []
    try:
        exakt, per_rad = _platskarta(fil)
    except Exception:  # an unreadable file: the messages still say the line
        exakt, per_rad = {}, {}
    ut = []
    for p in sorted(egna):
        plats = (p.rad, p.kolumn)
        sokvag = exakt[plats] if plats in exakt else per_rad.get(p.rad, ())
        text = p.vad[:1].upper() + p.vad[1:]
        if p.hur:
            text += f" ({p.hur})"
        ut.append({"sokvag": list(sokvag), "grad": str(p.grad), "text": text, "rad": p.rad})
    return ut


def styrtalslage(huvudman: Any, innehall: Any) -> list[dict[str, Any]]:
    """Each of the huvudman's styrtal that applies to the unit's skolform: text, målvärde, the
    mål it belongs to, and the status computed from what the author has written so far."""
    from pydantic import ValidationError

    from kvalitet.modell import Styrtalsresultat
    from kvalitet.modell.status import SYMBOL, styrtalsstatus
    from kvalitet.modell.verksamhetsplan import galler_for

    if huvudman is None or not isinstance(innehall, dict):
        return []
    skolform = innehall.get("skolform")
    resultat = innehall.get("styrtal") if isinstance(innehall.get("styrtal"), dict) else {}
    marginal = huvudman.installningar.delvis_marginal
    ut = []
    for ps in galler_for(huvudman, str(skolform or "")):
        st = ps.styrtal
        varde = resultat.get(st.id)
        try:
            res = Styrtalsresultat.model_validate(varde) if varde is not None else None
            status = styrtalsstatus(st, res, marginal)
        except ValidationError:
            status = "kan inte räknas fram (rätta felet i styrtalet)"
        ut.append(
            {
                "id": st.id,
                "text": st.text,
                "mal": f"{ps.mal_nr} {ps.mal.text}",
                "malvarde": "" if st.malvarde is None else str(st.malvarde),
                "matt": st.matt,
                "riktning": st.riktning,
                "status": status,
                "symbol": SYMBOL.get(status, "!"),
            }
        )
    return ut
