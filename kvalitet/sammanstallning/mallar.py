"""The sammanställning across rapportmallar: which template each unit follows, the templates'
parts compared by their ids (side by side where they match, the differences named), and every
bedömningsskala table summed (units per step and row, with the steps' words)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kvalitet.modell import Avsnitt, Enhetsrapport, Huvudavsnitt, Resultat, Tabell
from kvalitet.modell.genomgang import har_innehall
from kvalitet.modell.rapportmall import Del, Rapportmall
from kvalitet.modell.rapportmall_disposition import delens_varde
from kvalitet.modell.rapportmall_tabell import Skala

IFYLLD, TOM, SAKNAS = "ifylld", "tom", "finns inte i mallen"
"""What a unit has at a part: written, empty, or its template has no such part."""


@dataclass
class Mallgrupp:
    """One template in use and the units that follow it."""

    namn: str
    rubrik: str
    enheter: list[tuple[str, str]]
    """(id, name) of the units, by name."""


@dataclass
class Delrad:
    """One part id across the templates in use: its heading, and per unit what it holds."""

    id: str
    rubrik: str
    mallar: list[str]
    """The templates (names) that have the part."""
    per_enhet: dict[str, str]
    """Unit id → IFYLLD, TOM or SAKNAS."""

    @property
    def ifyllda(self) -> int:
        return sum(v == IFYLLD for v in self.per_enhet.values())


@dataclass
class Skalrad:
    rad: str
    antal: list[int]
    """Units per step, in the scale's order."""
    ej_bedomda: int
    """Units with the row but no step on the scale (blank or another word)."""


@dataclass
class Skalsummering:
    """A bedömningsskala table of one template, summed over the units that follow it."""

    mall: str
    del_rubrik: str
    tabell: str
    skala: Skala
    enheter: int
    rader: list[Skalrad] = field(default_factory=list)


@dataclass
class Mallsammanstallning:
    mallar: list[Mallgrupp]
    delar: list[Delrad]
    skillnader: list[str]
    skalor: list[Skalsummering]

    @property
    def visas(self) -> bool:
        """Whether the sammanställning has a section for the templates: more than one template
        in use, or a scale to sum (with only the standard nothing changes)."""
        return len(self.mallar) > 1 or bool(self.skalor)


def _ifylld(rapport: Enhetsrapport, del_: Del) -> bool:
    if del_.sort == "verksamhetsplan":
        return bool(rapport.styrtal)
    varde = delens_varde(rapport, del_.falt, del_.id)
    if isinstance(varde, Avsnitt | Huvudavsnitt | Resultat):
        return har_innehall(varde)
    if isinstance(varde, str):
        return bool(varde.strip())
    return varde not in (None, [], {})


def mallens_tabell(rapport: Enhetsrapport, del_: Del, plats: int) -> Tabell | None:
    """The unit's table for the template table at ``plats`` in the part: the one that names it
    by ``id``, else the part's table at the same place that names no other (the form and
    ``kvalitet ny enhet`` write them in the template's order)."""
    varde = delens_varde(rapport, del_.falt, del_.id)
    tabeller: list[Tabell] = getattr(varde, "tabeller", None) or []
    mallens_id = del_.tabeller[plats].id
    namngiven = [t for t in tabeller if getattr(t, "id", None) == mallens_id]
    if namngiven:
        return namngiven[0]
    if plats < len(tabeller) and getattr(tabeller[plats], "id", None) is None:
        return tabeller[plats]
    return None


def _steg(skala: Skala, varde: object) -> int | None:
    """The step a cell names: its value (``grön``) or its words, whatever the case."""
    text = str(varde).strip().casefold() if varde is not None else ""
    for i, s in enumerate(skala.steg):
        if text in (s.varde.casefold(), s.ord.casefold()):
            return i
    return None


def _summera(
    namn: str, mall: Rapportmall, del_: Del, plats: int, rapporter: list[Enhetsrapport]
) -> Skalsummering | None:
    tabell = del_.tabeller[plats]
    skala = mall.skalor.get(tabell.skala or "")
    if skala is None:
        return None
    ut = Skalsummering(namn, del_.rubrik, tabell.rubrik or del_.rubrik, skala, 0)
    rader: dict[str, list[int | None]] = {r: [] for r in tabell.rader}
    for rapport in rapporter:
        t = mallens_tabell(rapport, del_, plats)
        if t is None:
            continue
        ut.enheter += 1
        for r in t.rader:
            forsta = r.varden[0] if r.varden else None
            rader.setdefault(r.rad, []).append(_steg(skala, forsta))
    for namnet, steg in rader.items():
        antal = Counter(s for s in steg if s is not None)
        ut.rader.append(
            Skalrad(namnet, [antal[i] for i in range(len(skala.steg))], steg.count(None))
        )
    return ut


def _lista(namn: Sequence[str]) -> str:
    delar = [f"'{n}'" for n in namn]
    return delar[0] if len(delar) == 1 else ", ".join(delar[:-1]) + " och " + delar[-1]


def _skillnader(grupper: list[Mallgrupp], delar: list[Delrad]) -> list[str]:
    """Per template in use beside the most used one: the parts only it has, and the most used
    template's parts it lacks ("Förskolan Lingonet följer 'forskola-avdelning': delen
    'Fortbildning' finns bara där")."""
    if len(grupper) < 2:
        return []
    forsta = grupper[0].namn
    ut = []
    for g in grupper[1:]:
        bara = [d.rubrik for d in delar if d.mallar == [g.namn]]
        saknas = [d.rubrik for d in delar if forsta in d.mallar and g.namn not in d.mallar]
        if not bara and not saknas:
            continue
        vem = _lista([n for _, n in g.enheter]).replace("'", "")
        text = f"{vem} följer '{g.namn}'"
        if bara:
            ord_ = "delen" if len(bara) == 1 else "delarna"
            text += f": {ord_} {_lista(bara)} finns bara där"
        if saknas:
            ord_ = "delen" if len(saknas) == 1 else "delarna"
            text += (
                "; " if bara else ": "
            ) + f"{ord_} {_lista(saknas)} i '{forsta}' finns inte där"
        ut.append(text + ".")
    return ut


def mallsammanstall(
    enheter: list[tuple[str, Enhetsrapport]],
    mall_per_enhet: Mapping[str, str],
    mallar: Mapping[str, Rapportmall | None],
) -> Mallsammanstallning:
    """The templates of the period's valid units (``mall_per_enhet``: the template each one
    follows, as ``kontrollera`` resolved it) compared and their scales summed."""
    per_mall: dict[str, list[tuple[str, Enhetsrapport]]] = {}
    for eid, rapport in sorted(enheter, key=lambda x: x[1].namn):
        namn = mall_per_enhet.get(eid)
        if namn is not None and mallar.get(namn) is not None:
            per_mall.setdefault(namn, []).append((eid, rapport))
    ordning = sorted(per_mall, key=lambda n: (-len(per_mall[n]), n))
    grupper = []
    delar: dict[str, Delrad] = {}
    skalor = []
    for namn in ordning:
        mall = mallar[namn]
        assert mall is not None
        grupper.append(Mallgrupp(namn, mall.namn, [(e, r.namn) for e, r in per_mall[namn]]))
        for _, del_ in mall.alla_delar():
            rad = delar.setdefault(del_.id, Delrad(del_.id, del_.rubrik, [], {}))
            rad.mallar.append(namn)
            for eid, rapport in per_mall[namn]:
                rad.per_enhet[eid] = IFYLLD if _ifylld(rapport, del_) else TOM
            for plats, tabell in enumerate(del_.tabeller):
                if tabell.sort == "bedömningsskala":
                    rapporter = [r for _, r in per_mall[namn]]
                    summa = _summera(namn, mall, del_, plats, rapporter)
                    if summa is not None:
                        skalor.append(summa)
    for rad in delar.values():
        for eid, _ in enheter:
            if eid in mall_per_enhet:
                rad.per_enhet.setdefault(eid, SAKNAS)
    lista = list(delar.values())
    return Mallsammanstallning(grupper, lista, _skillnader(grupper, lista), skalor)
