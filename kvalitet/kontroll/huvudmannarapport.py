"""Validation of the huvudman's own report: the model, then its links to the verksamhetsplan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.korskontroll import kontrollera_delar, textkontroller
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.obesvarat import obesvarade_fragor
from kvalitet.kontroll.styrtal import kontrollera_varde
from kvalitet.kontroll.validera import las_modell, period_i_mappen
from kvalitet.modell import Huvudmannafil, Huvudmannarapport
from kvalitet.modell.genomgang import Del, delar_under
from kvalitet.modell.verksamhetsplan import Planstyrtal, planens_styrtal


def validera_huvudmannarapport(
    kalla: Kalla,
    projektrot: Path,
    huvudman: Huvudmannafil | None,
    mappperiod: str | None = None,
    huvudman_trasig: bool = False,
) -> tuple[Huvudmannarapport | None, list[Problem]]:
    """Validate the huvudman's report of a period against that period's huvudman file: every
    problem located; the model when there are no errors."""
    problem: list[Problem] = list(kalla.problem)
    rapport = las_modell(kalla, Huvudmannarapport, problem, "'titel:' och 'period:'")
    if rapport is None:
        return None, problem
    problem.extend(period_i_mappen(kalla, rapport.period, mappperiod))
    if huvudman is None and not huvudman_trasig:
        problem.append(
            kalla.fel(
                (),
                "huvudmannens rapport behöver periodens huvudmannafil (huvudmannens namn, "
                "verksamhetsplanen)",
                f"lägg till rapporter/{rapport.period.replace('/', '-')}/huvudman.yaml "
                "(se docs/huvudman.md)",
            )
        )
    problem.extend(kontrollera_delar(_delar(rapport), kalla, projektrot))
    problem.extend(textkontroller(kalla))
    problem.extend(obesvarade_fragor(rapport.utvecklingsomraden, kalla))
    if huvudman is not None:
        problem.extend(_mot_planen(rapport, huvudman, kalla))
    if any(p.ar_fel for p in problem):
        return None, problem
    return rapport, problem


def _delar(rapport: Huvudmannarapport) -> Iterator[tuple[Sokvag, Del, bool]]:
    if rapport.inledning:
        yield from delar_under(rapport.inledning, ("inledning",))
    if rapport.analys:
        yield from delar_under(rapport.analys, ("analys",))


def _okant_styrtal(
    sid: str, kanda: dict[str, Planstyrtal], kalla: Kalla, sokvag: Sokvag, nyckel: bool = False
) -> Problem:
    forslag = menade_du(sid, list(kanda))
    return kalla.fel(
        sokvag,
        f"styrtal '{sid}' finns inte i verksamhetsplanen"
        + (f" – menade du '{forslag}'?" if forslag else ""),
        "skriv ett id ur huvudmannafilens verksamhetsplan: " + ", ".join(list(kanda)[:12]),
        nyckel=nyckel,
    )


def _mot_planen(rapport: Huvudmannarapport, huvudman: Huvudmannafil, kalla: Kalla) -> list[Problem]:
    """Results and activities refer to styrtal of the plan; results fit the styrtal's measure."""
    ut: list[Problem] = []
    kanda = {ps.styrtal.id: ps for ps in planens_styrtal(huvudman)}
    uppf = rapport.uppfoljning
    if uppf is not None:
        if not kanda:
            ut.append(
                kalla.fel(
                    ("uppföljning",),
                    "huvudmannafilen har ingen verksamhetsplan med styrtal att följa upp",
                    "skriv verksamhetsplanen i huvudman.yaml, eller ta bort 'uppföljning:'",
                    nyckel=True,
                )
            )
        for sid, res in uppf.styrtal.items():
            sokvag: Sokvag = ("uppföljning", "styrtal", sid)
            ps = kanda.get(sid)
            if ps is None:
                if kanda:
                    ut.append(_okant_styrtal(sid, kanda, kalla, sokvag, nyckel=True))
                continue
            if res.resultat is not None and res.berakna is not None:
                ut.append(
                    kalla.fel(
                        (*sokvag, "beräkna"),
                        f"styrtal {sid} har både 'resultat' och 'beräkna'",
                        "skriv antingen resultatet själv eller 'beräkna: median' (ta bort det ena)",
                    )
                )
            if res.berakna in ("median", "medel") and ps.styrtal.matt == "text":
                ut.append(
                    kalla.fel(
                        (*sokvag, "beräkna"),
                        f"styrtal {sid} mäts i text; ett {res.berakna}värde går inte att räkna "
                        "fram",
                        "skriv resultatet själv, eller 'beräkna: andel_uppnått'",
                    )
                )
            ut.extend(
                kontrollera_varde(
                    res.resultat, ps.styrtal.matt, kalla, (*sokvag, "resultat"), sid, "resultatet"
                )
            )
        utan = [sid for sid in kanda if sid not in uppf.styrtal]
        if kanda and utan:
            ut.append(
                kalla.varning(
                    ("uppföljning", "styrtal"),
                    f"{len(utan)} av verksamhetsplanens styrtal saknar resultat i uppföljningen: "
                    + ", ".join(utan),
                    "skriv 'resultat:' eller 'beräkna:' under styrtalets id; utan det står "
                    "'saknas' i tabellen",
                    nyckel=True,
                )
            )
    for i, aktivitet in enumerate(rapport.aktiviteter):
        for j, sid in enumerate(aktivitet.styrtal):
            if sid not in kanda:
                ut.append(_okant_styrtal(sid, kanda, kalla, ("aktiviteter", i, "styrtal", j)))
    namnd = rapport.namnd
    if namnd is not None and not namnd.forslag_till_beslut:
        ut.append(
            kalla.varning(
                ("nämnd",),
                "ärendet till nämnden har inget förslag till beslut",
                "skriv 'förslag_till_beslut:' med en punkt per beslutssats, t.ex. "
                "'- Rapporten godkänns.'",
                nyckel=True,
            )
        )
    return ut
