"""Every value röjandekontrollen hides in a unit's report, with its YAML path and why: the one
walk over a report's tables, charts and styrtal that the masking itself uses, and the
``kvalitet kontrollera`` lines that explain each hidden value at its line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kvalitet.grund import format as fmt
from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla
from kvalitet.kontroll.roj_komplement import Nyckel, Rutnat
from kvalitet.kontroll.roj_regler import Dold, valj_slag
from kvalitet.kontroll.roj_tabell import maskera_rutnat, rutnat_for_rader, rutnat_for_styrtal
from kvalitet.modell import (
    Avsnitt,
    Diagram,
    Diagramblock,
    Enhetsrapport,
    Huvudavsnitt,
    Huvudmannafil,
    Styrtalsresultat,
    Tabell,
    Tabellblock,
)
from kvalitet.modell.styrtalsmodell import StyrtalsDefinition
from kvalitet.modell.verksamhetsplan import planens_styrtal

Sokvag = tuple[str | int, ...]
TabellF = Callable[[Sokvag, Any, str], Any]
StyrtalF = Callable[[Sokvag, Styrtalsresultat, str, str | None], Styrtalsresultat]
GRUPPFALT = {"flickor": "flickor", "pojkar": "pojkar", "totalt": "utfall"}


def definitioner(huvudman: Huvudmannafil | None) -> dict[str, StyrtalsDefinition]:
    """The huvudman's styrtal by id: their measure, text and ``röjande:`` decide the rule."""
    return {ps.styrtal.id: ps.styrtal for ps in planens_styrtal(huvudman)}


def tabellens_slag(t: Tabell | Diagram, skolform: str, rubriker: tuple[str, ...]) -> str:
    return valj_slag(t.rojande, skolform, t.matt, t.rubrik, *rubriker)


def styrtalets_slag(d: StyrtalsDefinition | None, skolform: str) -> str:
    if d is None:
        return valj_slag(None, skolform, None)
    return valj_slag(d.rojande, skolform, d.matt, d.text)


def omforma(
    rapport: Enhetsrapport,
    tabell_f: TabellF,
    styrtal_f: StyrtalF,
    defs: dict[str, StyrtalsDefinition],
) -> Enhetsrapport:
    """The report with ``tabell_f`` applied to each table and chart (YAML path, table, kind)
    and ``styrtal_f`` to each styrtal result (path, result, kind, measure)."""
    sf = rapport.skolform

    def block(b: Any, sokvag: Sokvag, rub: tuple[str, ...]) -> Any:
        if isinstance(b, Tabellblock):
            t = b.tabell
            return b.model_copy(
                update={"tabell": tabell_f((*sokvag, "tabell"), t, tabellens_slag(t, sf, rub))}
            )
        if isinstance(b, Diagramblock):
            d = b.diagram
            ny = tabell_f((*sokvag, "diagram"), d, tabellens_slag(d, sf, rub))
            return b.model_copy(update={"diagram": ny})
        if isinstance(b, Avsnitt):
            return del_(b, sokvag, (*rub, b.rubrik))
        return b

    def del_(d: Huvudavsnitt | Avsnitt | None, sokvag: Sokvag, rub: tuple[str, ...]) -> Any:
        if d is None:
            return None
        return d.model_copy(
            update={
                "tabeller": [
                    tabell_f((*sokvag, "tabeller", i), t, tabellens_slag(t, sf, rub))
                    for i, t in enumerate(d.tabeller)
                ],
                "innehall": [
                    block(b, (*sokvag, "innehåll", i), rub) for i, b in enumerate(d.innehall)
                ],
                "avsnitt": [
                    del_(a, (*sokvag, "avsnitt", i), (*rub, a.rubrik))
                    for i, a in enumerate(d.avsnitt)
                ],
            }
        )

    resultat = rapport.resultat
    if resultat is not None:
        resultat = resultat.model_copy(
            update={
                "innehall": [
                    block(b, ("resultat", "innehåll", i), ())
                    for i, b in enumerate(resultat.innehall)
                ],
                **{
                    g: del_(getattr(resultat, g), ("resultat", g), ())
                    for g in ("objektiva", "subjektiva", "observerade")
                },
            }
        )
    styrtal = {
        sid: styrtal_f(
            ("styrtal", sid),
            res,
            styrtalets_slag(defs.get(sid), sf),
            defs[sid].matt if sid in defs else None,
        )
        for sid, res in rapport.styrtal.items()
    }
    egna = [
        styrtal_f(("egna_styrtal", i), e, styrtalets_slag(e, sf), e.matt)
        for i, e in enumerate(rapport.egna_styrtal)
    ]
    return rapport.model_copy(
        update={
            "kvalitetsarbete": del_(rapport.kvalitetsarbete, ("kvalitetsarbete",), ()),
            "resultat": resultat,
            "analys": del_(rapport.analys, ("analys",), ()),
            "styrtal": styrtal,
            "egna_styrtal": egna,
        }
    )


def tabellens_rutnat(t: Tabell | Diagram) -> Rutnat:
    return rutnat_for_rader(t.rader, t.matt, t.kolumner)


def styrtalets_rutnat(res: Styrtalsresultat, matt: str | None) -> Rutnat:
    antal = res.antal.model_dump() if res.antal is not None else None
    return rutnat_for_styrtal(res.utfall, res.flickor, res.pojkar, antal, matt)


def cellens_sokvag(bas: Sokvag, k: Nyckel, styrtal: bool) -> Sokvag:
    rad, kol = k
    if styrtal:
        return (*bas, GRUPPFALT[str(kol)])
    if isinstance(kol, int):
        return (*bas, "rader", rad, "värden", kol)
    return (*bas, "rader", rad, kol)


@dataclass(frozen=True)
class MaskeratVarde:
    """One value of the file that is shown as a symbol: where, what, as what, and why."""

    sokvag: Sokvag
    varde: Any
    symbol: str
    skal: str
    var: str
    """Where in the report, in words: "tabellen 'Betyg i årskurs 9', raden 'Åk 7', totalt"."""

    @property
    def text(self) -> str:
        return f"{fmt.varde(self.varde)} visas som {self.symbol} eftersom {self.skal}"


def maskerade_varden(rapport: Enhetsrapport, huvudman: Huvudmannafil | None) -> list[MaskeratVarde]:
    """Per hidden value of a unit's report: its YAML path, the symbol shown and the reason.
    The masking (berika.roj) hides exactly these."""
    grans = huvudman.installningar.rojandegrans if huvudman else 10
    ut: list[MaskeratVarde] = []

    def samla(bas: Sokvag, rutnat: Rutnat, dolda: dict[Nyckel, Dold], var: str, st: bool) -> None:
        for k, d in sorted(dolda.items(), key=lambda p: (p[0][0], str(p[0][1]))):
            plats = f"{var}, {rutnat.namn(k)}"
            ut.append(
                MaskeratVarde(cellens_sokvag(bas, k, st), rutnat.varden[k], d.symbol, d.skal, plats)
            )

    def tabell(sokvag: Sokvag, t: Any, slag: str) -> Any:
        if any(r.antal is not None for r in t.rader):
            rutnat = tabellens_rutnat(t)
            namn = f"tabellen '{t.rubrik}'" if t.rubrik else "tabellen"
            samla(sokvag, rutnat, maskera_rutnat(rutnat, slag, grans), namn, False)
        return t

    def styrtal(sokvag: Sokvag, res: Styrtalsresultat, slag: str, matt: str | None) -> Any:
        if res.antal is not None:
            rutnat = styrtalets_rutnat(res, matt)
            namn = f"styrtal {getattr(res, 'id', sokvag[-1])}"
            samla(sokvag, rutnat, maskera_rutnat(rutnat, slag, grans), namn, True)
        return res

    omforma(rapport, tabell, styrtal, definitioner(huvudman))
    return ut


HOGST_PER_TABELL = 5
"""More hidden values than this in one table are told on one line at the table."""


def maskeringsnoter(
    kalla: Kalla, rapport: Enhetsrapport, huvudman: Huvudmannafil | None
) -> list[tuple[int, int, str]]:
    """``kvalitet kontrollera``'s notes on the hidden values (line, column, text: "87,1 visas
    som ~100 eftersom …"), one per value, or one per table when it has many."""
    grupper: dict[Sokvag, list[MaskeratVarde]] = {}
    for m in maskerade_varden(rapport, huvudman):
        bas = m.sokvag[: m.sokvag.index("rader")] if "rader" in m.sokvag else m.sokvag[:-1]
        grupper.setdefault(bas, []).append(m)
    ut: list[tuple[int, int, str]] = []
    for bas, varden in grupper.items():
        if len(varden) > HOGST_PER_TABELL:
            rad, kol = kalla.plats(bas)
            rader = ", ".join(f"rad {kalla.plats(m.sokvag)[0]} ({m.symbol})" for m in varden)
            namn = varden[0].var.split(", raden")[0]
            ut.append((rad, kol, f"{namn}: {len(varden)} värden döljs: {rader}"))
            continue
        for m in varden:
            rad, kol = kalla.plats(m.sokvag)
            ut.append((rad, kol, f"{m.var}: {m.text}"))
    return ut


def antalets_form(kalla: Kalla, rapport: Enhetsrapport) -> list[Problem]:
    """A warning for each row whose ``antal`` does not fit its values (a list for
    flickor/pojkar/totalt, a mapping for ``värden``, a list of another length): röjande-
    kontrollen cannot use such counts, so nothing on the row would be hidden."""
    ut: list[Problem] = []

    def tabell(sokvag: Sokvag, t: Any, slag: str) -> Any:
        for i, rad in enumerate(t.rader):
            plats = (*sokvag, "rader", i, "antal")
            if rad.antal is None:
                continue
            lista = isinstance(rad.antal, list)
            if rad.varden is not None and not lista:
                vad = f"raden '{rad.rad}' har 'värden' men 'antal' per flickor/pojkar/totalt"
                hur = f"skriv ett antal per kolumn, t.ex. 'antal: {[25] * len(rad.varden)}'"
            elif rad.varden is None and lista:
                vad = f"raden '{rad.rad}' har flickor/pojkar/totalt men 'antal' som en lista"
                hur = "skriv 'antal: {flickor: 21, pojkar: 26, totalt: 47}'"
            elif lista and rad.varden is not None and len(rad.antal) != len(rad.varden):
                vad = f"raden '{rad.rad}' har {len(rad.varden)} värden men {len(rad.antal)} antal"
                hur = "skriv ett antal per värde, i samma ordning ('null' där antalet saknas)"
            else:
                continue
            ut.append(
                kalla.varning(plats, f"{vad}, så röjandekontrollen kan inte använda dem", hur)
            )
        return t

    omforma(rapport, tabell, lambda s, res, slag, matt: res, {})
    return ut
