"""What ``kvalitet kontrollera`` says about a file, put at the fields of the form: each problem
carries the YAML path of its field when the check knows it (a missing field has no line of its
own), else its line and column are turned back into the YAML path of the value there; the field
is named in the form's words (``falt``), and so is the text. And the huvudman's styrtal that
apply to the unit, with the status the report would show (never one for an invalid value)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import las_yaml


def platskarta(kalla: Any) -> tuple[dict[tuple[int, int], tuple], dict[int, tuple]]:
    """(line, column) → the longest path there, and line → the longest path on it; the whole
    document's own place (where problems of the file as a whole stand) maps to ()."""
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


def problemets_sokvag(p: Problem, exakt: dict[tuple[int, int], tuple], per_rad: dict) -> tuple:
    """The path the problem names, else the path at its line and column."""
    if p.sokvag is not None:
        return tuple(p.sokvag)
    plats = (p.rad, p.kolumn)
    return exakt[plats] if plats in exakt else per_rad.get(p.rad, ())


def formtext(p: Problem, sokvag: tuple) -> str:
    """The message in the form's words: the check's own form text, else its message without
    the YAML path it starts with (the field is named by ``falt``), with how to fix it."""
    from kvalitet.kontroll.modellfel import visa_sokvag

    if p.falttext:
        return p.falttext
    text = p.vad.removeprefix(f"{visa_sokvag(sokvag)}: ") if sokvag else p.vad
    text = text[:1].upper() + text[1:]
    return f"{text} ({p.hur})" if p.hur else text


def faltproblem(fil: Path, problem: list[Problem], rot: Path) -> list[dict[str, Any]]:
    """The problems of ``fil`` as ``{sokvag, falt, grad, text, rad}``: ``falt`` names the field
    in the form's words ("Utvecklingsområden › Område 1 › Rubrik"), ``text`` says what is wrong
    in them ("Rubrik saknas"), ``rad`` is the line in the file. The path is () when the problem
    concerns the whole file (the form shows those above the fields)."""
    from kvalitet.visa.faltord import falt

    egna = [p for p in problem if p.fil.resolve() == fil.resolve()]
    if not egna:
        return []
    data: Any = None
    try:
        kalla = las_yaml(fil)
        exakt, per_rad = platskarta(kalla)
        data = kalla.data
    except Exception:  # an unreadable file: the messages still say the line
        exakt, per_rad = {}, {}
    ut = []
    for p in sorted(egna):
        sokvag = problemets_sokvag(p, exakt, per_rad)
        ut.append(
            {
                "sokvag": list(sokvag),
                "falt": falt(sokvag, data),
                "grad": str(p.grad),
                "text": formtext(p, sokvag),
                "rad": p.rad,
            }
        )
    return ut


def _ogiltigt(st: Any, varde: Any) -> str | None:
    """Why a styrtal's result is invalid (the model, or the measure: 120 in procent), as
    ``kvalitet kontrollera`` says it; None when it is valid."""
    from pydantic import ValidationError

    from kvalitet.kalla.las import Kalla
    from kvalitet.kontroll.styrtal import kontrollera_varde
    from kvalitet.modell import Styrtalsresultat

    try:
        res = Styrtalsresultat.model_validate(varde)
    except ValidationError as exc:
        fel = exc.errors(include_url=False)[0]
        namn = ".".join(str(d) for d in fel["loc"]) or "styrtalet"
        return f"{namn}: {fel['msg']}" if fel["type"] != "kvalitet" else fel["ctx"]["vad"]
    kalla = Kalla(Path(""))
    for falt in ("utfall", "flickor", "pojkar"):
        for p in kontrollera_varde(getattr(res, falt), st.matt, kalla, (falt,), st.id, falt):
            return formtext(p, (falt,))
    for period, tidigare in res.historik.items():
        for p in kontrollera_varde(tidigare, st.matt, kalla, ("historik",), st.id, period):
            return formtext(p, ("historik",))
    return None


def styrtalslage(huvudman: Any, innehall: Any) -> list[dict[str, Any]]:
    """Each of the huvudman's styrtal that applies to the unit's skolform: text, målvärde, the
    mål it belongs to, and the status computed from what the author has written so far. An
    invalid value (``utfall: 120`` for a percentage, a text where a number belongs) gets no
    status: "Värdet är ogiltigt: …" with the symbol "!", and ``ogiltigt`` true."""
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
        fel = _ogiltigt(st, varde) if varde is not None else None
        if fel is not None:
            status, symbol = f"Värdet är ogiltigt: {fel}", "!"
        else:
            res = Styrtalsresultat.model_validate(varde) if varde is not None else None
            status = styrtalsstatus(st, res, marginal)
            symbol = SYMBOL.get(status, "!")
        ut.append(
            {
                "id": st.id,
                "text": st.text,
                "mal": f"{ps.mal_nr} {ps.mal.text}",
                "malvarde": "" if st.malvarde is None else str(st.malvarde),
                "matt": st.matt,
                "riktning": st.riktning,
                "status": status,
                "symbol": symbol,
                "ogiltigt": fel is not None,
            }
        )
    return ut
