"""The source values of a project, read straight from its YAML files with PyYAML (not through
kvalitet's reader or models), each with its file, line and YAML path.

A source value is a number or text a person typed that a document shows: a styrtal's utfall,
flickor, pojkar and målvärde, each cell of a table, each value of a chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HUVUDMANNAFILER = ("huvudman.yaml", "huvudmannens-rapport.yaml")
GRUPPER = (("flickor", "Flickor"), ("pojkar", "Pojkar"), ("totalt", "Totalt"))
Sokvag = tuple[str | int, ...]


def las_yaml_med_rader(fil: Path) -> tuple[Any, dict[Sokvag, int]]:
    """The file's data and the line (1-based) of every value by its YAML path."""
    text = fil.read_text(encoding="utf-8")
    laddare = yaml.SafeLoader(text)
    try:
        nod = laddare.get_single_node()
        data = laddare.construct_document(nod) if nod is not None else None
    finally:
        laddare.dispose()
    rader: dict[Sokvag, int] = {}

    def ga(n: yaml.Node, sokvag: Sokvag) -> None:
        rader[sokvag] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                ga(v, (*sokvag, str(k.value)))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                ga(v, (*sokvag, i))

    if nod is not None:
        ga(nod, ())
    return data, rader


@dataclass(frozen=True)
class Planstyrtal:
    id: str
    text: str
    matt: str
    malvarde: object
    mal: str
    """The mål's number (``1.1``): the unit's section 5 has one table per mål."""
    skolformer: tuple[str, ...]
    rad: int

    def galler(self, skolform: str) -> bool:
        return not self.skolformer or skolform in self.skolformer


@dataclass
class Plan:
    fil: Path
    styrtal: list[Planstyrtal]
    grans: int
    """The röjandekontroll's threshold (``inställningar.röjandegräns``), default 10."""


def las_plan(fil: Path) -> Plan:
    data, rader = las_yaml_med_rader(fil)
    styrtal = []
    plan = data.get("verksamhetsplan") or {}
    for p, persp in enumerate(plan.get("perspektiv") or [], start=1):
        for m, mal in enumerate(persp.get("mål") or [], start=1):
            for s, st in enumerate(mal.get("styrtal") or []):
                sokvag = ("verksamhetsplan", "perspektiv", p - 1, "mål", m - 1, "styrtal", s)
                styrtal.append(
                    Planstyrtal(
                        str(st["id"]),
                        str(st["text"]),
                        st.get("mått", "procent"),
                        st.get("målvärde"),
                        str(mal.get("id") or f"{p}.{m}"),
                        tuple(st.get("skolformer") or ()),
                        rader.get((*sokvag, "målvärde"), rader[sokvag]),
                    )
                )
    installningar = data.get("inställningar") or {}
    return Plan(fil, styrtal, int(installningar.get("röjandegräns", 10)))


@dataclass(frozen=True)
class Kalltabell:
    """A table or chart as written: what a reader should find, heading by heading."""

    rubrik: str | None
    kolumner: tuple[str, ...]
    """Column headings (``kolumner``, or the groups Flickor/Pojkar/Totalt that are used)."""
    radrubrik: str
    rader: tuple[str, ...]
    tabell: bool
    """Shown as a table (a ``diagram:`` block is a chart only)."""
    diagram: bool
    """Shown as a bar chart (a ``diagram:`` block, or a table with ``diagram: stapel``)."""
    sokvag: Sokvag


@dataclass(frozen=True)
class Kallvarde:
    enhet: str
    fil: Path
    rad: int
    sokvag: Sokvag
    """Where the value stands in the unit's file (the path kvalitet's models dump to)."""
    varde: object
    """As YAML gives it: ``'90,5'`` is a string, ``47`` an int."""
    matt: str | None
    sort: str
    """``styrtal``, ``eget_styrtal``, ``malvarde`` (the plan's, in a unit's report), ``historik``
    (an earlier utfall), ``jamforelse`` (riket, kommunen …) or ``cell``."""
    styrtal: str | None = None
    falt: str | None = None
    """For a styrtal: ``utfall``, ``flickor``, ``pojkar`` or ``målvärde``."""
    tabell: Kalltabell | None = None
    radnr: int | None = None
    kolumn: str | None = None
    period: str | None = None
    """For an earlier utfall (``historik``, or the unit's file of an earlier period): its period."""

    @property
    def plats(self) -> str:
        """Where the value stands, in the words of the report."""
        if self.tabell is not None:
            namn = self.tabell.rubrik or "utan rubrik"
            rad = self.tabell.rader[self.radnr or 0]
            return f"tabellen '{namn}', raden '{rad}', kolumnen '{self.kolumn}'"
        if self.sort == "malvarde":
            return f"styrtal {self.styrtal}, målvärde (huvudmannens plan)"
        if self.sort == "historik":
            return f"styrtal {self.styrtal}, utfall {self.period}"
        if self.sort == "huvudmansresultat":
            return f"styrtal {self.styrtal}, huvudmannens resultat"
        if self.sort == "jamforelse":
            return f"styrtal {self.styrtal}, jämförelsen '{self.falt}'"
        return f"styrtal {self.styrtal}, {self.falt}"

    @property
    def var(self) -> str:
        return f"{self.fil.name}:{self.rad}"


@dataclass
class Kallenhet:
    id: str
    fil: Path
    namn: str
    skolform: str
    period: str
    varden: list[Kallvarde] = field(default_factory=list)
    tabeller: list[Kalltabell] = field(default_factory=list)
    styrtal: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The unit's results per styrtal id as written (``styrtal:``, ``egna_styrtal:``)."""
    egna: dict[str, Planstyrtal] = field(default_factory=dict)


def _tabeller(data: Any, sokvag: Sokvag, ut: list[tuple[Sokvag, dict[str, Any], bool]]) -> None:
    """Every table and chart in the file: a mapping with ``rader`` whose rows have ``rad``."""
    if isinstance(data, dict):
        rader = data.get("rader")
        if (
            isinstance(rader, list)
            and rader
            and all(isinstance(r, dict) and "rad" in r for r in rader)
        ):
            ut.append((sokvag, data, sokvag[-1:] == ("diagram",)))
            return
        for k, v in data.items():
            _tabeller(v, (*sokvag, str(k)), ut)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _tabeller(v, (*sokvag, i), ut)


def _som_text(varde: object) -> str:
    return "" if varde is None else str(varde)


def _foljer_upp_planen(fil: Path, data: dict[str, Any]) -> bool:
    """Whether the unit's rapportmall has the part that prints the plan's styrtal (``sort:
    verksamhetsplan``); a unit on a template without it prints none of the plan's målvärden."""
    namn = data.get("rapportmall") or "standard"
    mallfil = fil.parent.parent / "mallar" / f"{namn}.rapportmall.yaml"
    if not mallfil.is_file():
        return True  # the built-in standard template has it
    mall = yaml.safe_load(mallfil.read_text(encoding="utf-8")) or {}
    return any(d.get("sort") == "verksamhetsplan" for d in mall.get("delar") or [])


def las_enhet(fil: Path, plan: Plan | None) -> Kallenhet:
    data, rader = las_yaml_med_rader(fil)
    enhet = Kallenhet(fil.stem, fil, str(data["namn"]), str(data["skolform"]), str(data["period"]))
    planmatt = {s.id: s.matt for s in plan.styrtal} if plan else {}
    for sid, res in (data.get("styrtal") or {}).items():
        enhet.styrtal[str(sid)] = res or {}
        for falt in ("utfall", "flickor", "pojkar"):
            if (res or {}).get(falt) is not None:
                sokvag = ("styrtal", str(sid), falt)
                enhet.varden.append(
                    Kallvarde(
                        enhet.id,
                        fil,
                        rader[sokvag],
                        sokvag,
                        res[falt],
                        planmatt.get(str(sid)),
                        "styrtal",
                        str(sid),
                        falt,
                    )
                )
    for i, eget in enumerate(data.get("egna_styrtal") or []):
        sid = str(eget["id"])
        matt = eget.get("mått", "procent")
        enhet.styrtal[sid] = eget
        enhet.egna[sid] = Planstyrtal(
            sid, str(eget["text"]), matt, eget.get("målvärde"), "", (), rader[("egna_styrtal", i)]
        )
        for falt in ("utfall", "flickor", "pojkar", "målvärde"):
            if eget.get(falt) is not None:
                sokvag = ("egna_styrtal", i, falt)
                enhet.varden.append(
                    Kallvarde(
                        enhet.id,
                        fil,
                        rader[sokvag],
                        sokvag,
                        eget[falt],
                        matt,
                        "eget_styrtal",
                        sid,
                        falt,
                    )
                )
    for sid, res in enhet.styrtal.items():
        egen = sid in enhet.egna
        for period, varde in (res.get("historik") or {}).items():
            if varde is None:
                continue
            if egen:
                i = next(i for i, e in enumerate(data["egna_styrtal"]) if str(e["id"]) == sid)
                sokvag = ("egna_styrtal", i, "historik", str(period))
            else:
                sokvag = ("styrtal", sid, "historik", str(period))
            enhet.varden.append(
                Kallvarde(
                    enhet.id,
                    fil,
                    rader[sokvag],
                    sokvag,
                    varde,
                    enhet.egna[sid].matt if egen else planmatt.get(sid),
                    "historik",
                    sid,
                    "utfall",
                    period=str(period),
                )
            )
    for sid, res in enhet.styrtal.items():
        for namn, varde in (res.get("jämförelser") or {}).items():
            if varde is None:
                continue
            if sid in enhet.egna:
                i = next(i for i, e in enumerate(data["egna_styrtal"]) if str(e["id"]) == sid)
                sokvag = ("egna_styrtal", i, "jämförelser", str(namn))
            else:
                sokvag = ("styrtal", sid, "jämförelser", str(namn))
            matt = enhet.egna[sid].matt if sid in enhet.egna else planmatt.get(sid)
            enhet.varden.append(
                Kallvarde(
                    enhet.id, fil, rader[sokvag], sokvag, varde, matt, "jamforelse", sid, str(namn)
                )
            )
    for st in plan.styrtal if plan and _foljer_upp_planen(fil, data) else []:
        if st.galler(enhet.skolform) and st.malvarde is not None:
            enhet.varden.append(
                Kallvarde(
                    enhet.id,
                    plan.fil,
                    st.rad,
                    ("plan", st.id),
                    st.malvarde,
                    st.matt,
                    "malvarde",
                    st.id,
                    "målvärde",
                )
            )
    hittade: list[tuple[Sokvag, dict[str, Any], bool]] = []
    _tabeller(data, (), hittade)
    for sokvag, t, ar_diagram in hittade:
        _lagg_till_tabell(enhet, rader, sokvag, t, ar_diagram)
    return enhet


def _lagg_till_tabell(
    enhet: Kallenhet,
    rader: dict[Sokvag, int],
    sokvag: Sokvag,
    t: dict[str, Any],
    ar_diagram: bool,
) -> None:
    if t.get("kolumner") is not None:
        kolumner = [_som_text(k) for k in t["kolumner"]]
        falt = [("värden", k) for k in kolumner]
    else:
        falt = [
            (namn, rubrik)
            for namn, rubrik in GRUPPER
            if any(r.get(namn) is not None for r in t["rader"])
        ]
        kolumner = [rubrik for _, rubrik in falt]
    tabell = Kalltabell(
        _som_text(t.get("rubrik")) or None,
        tuple(kolumner),
        _som_text(t.get("radrubrik")),
        tuple(_som_text(r["rad"]) for r in t["rader"]),
        not ar_diagram,
        ar_diagram or t.get("diagram") == "stapel",
        sokvag,
    )
    enhet.tabeller.append(tabell)
    for i, rad in enumerate(t["rader"]):
        matt = rad.get("mått") or t.get("mått")
        for k, (namn, rubrik) in enumerate(falt):
            if namn == "värden":
                varden = rad.get("värden") or []
                if k >= len(varden) or varden[k] is None:
                    continue
                cell: Sokvag = (*sokvag, "rader", i, "värden", k)
                varde = varden[k]
            else:
                if rad.get(namn) is None:
                    continue
                cell = (*sokvag, "rader", i, str(namn))
                varde = rad[namn]
            enhet.varden.append(
                Kallvarde(
                    enhet.id,
                    enhet.fil,
                    rader[cell],
                    cell,
                    varde,
                    matt,
                    "cell",
                    tabell=tabell,
                    radnr=i,
                    kolumn=rubrik,
                )
            )


@dataclass
class Kallprojekt:
    rot: Path
    period: str
    plan: Plan | None
    enheter: list[Kallenhet]
    huvudmansresultat: list[Kallvarde] = field(default_factory=list)
    """The results typed in huvudmannens-rapport.yaml (``uppföljning.styrtal.<id>.resultat``)."""

    @property
    def varden(self) -> list[Kallvarde]:
        return [*(v for e in self.enheter for v in e.varden), *self.huvudmansresultat]


def las_huvudmansresultat(fil: Path, plan: Plan | None) -> list[Kallvarde]:
    data, rader = las_yaml_med_rader(fil)
    planmatt = {s.id: s.matt for s in plan.styrtal} if plan else {}
    ut = []
    for sid, post in ((data.get("uppföljning") or {}).get("styrtal") or {}).items():
        if (post or {}).get("resultat") is None:
            continue
        sokvag = ("uppföljning", "styrtal", str(sid), "resultat")
        ut.append(
            Kallvarde(
                "",
                fil,
                rader[sokvag],
                sokvag,
                post["resultat"],
                planmatt.get(str(sid)),
                "huvudmansresultat",
                str(sid),
                "resultat",
            )
        )
    return ut


def las_projekt(rot: Path) -> Kallprojekt:
    """The latest period's units (the period ``kvalitet bygg`` builds by default)."""
    mappar = sorted(
        (m for m in (rot / "rapporter").iterdir() if m.is_dir() and m.name[:4].isdigit()),
        key=lambda m: m.name,
    )
    mapp = mappar[-1]
    planfil = mapp / "huvudman.yaml"
    plan = las_plan(planfil) if planfil.is_file() else None
    enheter = [
        las_enhet(f, plan) for f in sorted(mapp.glob("*.yaml")) if f.name not in HUVUDMANNAFILER
    ]
    period = enheter[0].period if enheter else mapp.name.replace("-", "/")
    for enhet in enheter:
        for tidigare in mappar[:-1]:
            if (tidigare / enhet.fil.name).is_file():
                _tidigare_utfall(enhet, tidigare / enhet.fil.name, plan)
    rapportfil = mapp / "huvudmannens-rapport.yaml"
    resultat = las_huvudmansresultat(rapportfil, plan) if rapportfil.is_file() else []
    return Kallprojekt(rot, period, plan, enheter, resultat)


def _tidigare_utfall(enhet: Kallenhet, fil: Path, plan: Plan | None) -> None:
    """The unit's utfall in its file of an earlier period: they go before the current file's
    ``historik`` for that period (which is then not shown)."""
    data, rader = las_yaml_med_rader(fil)
    period = str(data["period"])
    planmatt = {s.id: s.matt for s in plan.styrtal} if plan else {}
    tidigare: list[tuple[str, Sokvag, object]] = [
        (str(sid), ("styrtal", str(sid), "utfall"), res["utfall"])
        for sid, res in (data.get("styrtal") or {}).items()
        if (res or {}).get("utfall") is not None
    ]
    tidigare += [
        (str(e["id"]), ("egna_styrtal", i, "utfall"), e["utfall"])
        for i, e in enumerate(data.get("egna_styrtal") or [])
        if e.get("utfall") is not None
    ]
    for sid, sokvag, varde in tidigare:
        egen = sid in enhet.egna
        enhet.varden = [
            v
            for v in enhet.varden
            if not (v.sort == "historik" and v.styrtal == sid and v.period == period)
        ]
        enhet.varden.append(
            Kallvarde(
                enhet.id,
                fil,
                rader[sokvag],
                sokvag,
                varde,
                enhet.egna[sid].matt if egen else planmatt.get(sid),
                "historik",
                sid,
                "utfall",
                period=period,
            )
        )
