"""A new unit's YAML file for a rapportmall other than the standard: the template's parts in its
order, each with its heading and guidance as comments and an empty field to write in."""

from __future__ import annotations

from dataclasses import dataclass, field

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.rapportmallar import STANDARD
from kvalitet.kontroll.modellfel import menade_du
from kvalitet.kontroll.period import Periodlage
from kvalitet.modell.rapportmall import Del, Rapportmall
from kvalitet.modell.rapportmall_tabell import Tabellmall
from kvalitet.ny.skapa import PLATSHALLARE, Underlag, yv


@dataclass
class _Nod:
    """A key of the file with the comments above it, its own lines and its children in order."""

    kommentarer: list[str] = field(default_factory=list)
    rader: list[str] = field(default_factory=list)
    barn: dict[str, _Nod] = field(default_factory=dict)


def _kommentar(text: str | None) -> list[str]:
    """A Markdown text as comment lines (without the ``# ``)."""
    if not text or not text.strip():
        return []
    return [rad.rstrip() for rad in text.strip().split("\n")]


def _delkommentar(del_: Del) -> list[str]:
    krav = " (krävs)" if del_.kravs else ""
    return [f"{del_.rubrik}{krav}", *_kommentar(del_.vagledning)]


def _skala(mall: Rapportmall, tabell: Tabellmall) -> list[str]:
    skala = mall.skalor.get(tabell.skala or "")
    if skala is None:
        return []
    steg = ", ".join(f"'{s.varde}' ({s.ord})" for s in skala.steg)
    return [f"{skala.rubrik}: skriv ett av {steg} i kolumnen '{_kolumner(tabell)[0]}'."]


def _kolumner(tabell: Tabellmall) -> list[str]:
    return [k.rubrik for k in tabell.kolumner] or ["Värde"]


def _tabell(mall: Rapportmall, tabell: Tabellmall) -> list[str]:
    """A template table as YAML lines at indent 0: its columns, its fixed rows (or one empty row
    to write over) and an empty cell per column."""
    kolumner = _kolumner(tabell)
    tomma = "[" + ", ".join("null" for _ in kolumner) + "]"
    rader = [f"# Tabell: {tabell.rubrik or tabell.id}" + (" (krävs)" if tabell.kravs else "")]
    rader += [f"# {t}" for t in _skala(mall, tabell)]
    if tabell.fotnot:
        rader.append(f"# Fotnoten skrivs av mallen: {' '.join(_kommentar(tabell.fotnot))}")
    forsta = True
    for nyckel, varde in (("rubrik", tabell.rubrik), ("radrubrik", tabell.radrubrik)):
        if varde:
            rader.append(("- " if forsta else "  ") + f"{nyckel}: {yv(varde)}")
            forsta = False
    rader.append(("- " if forsta else "  ") + f"kolumner: [{', '.join(yv(k) for k in kolumner)}]")
    rader.append("  rader:  # en rad per post; värdena i kolumnernas ordning, null = tom cell")
    for rad in tabell.rader or [""]:
        namn = yv(rad) if rad else '""  # radens namn'
        rader += [f"    - rad: {namn}", f"      värden: {tomma}"]
    return rader


def _utvecklingsomraden(del_: Del) -> list[str]:
    """The development areas as a commented example, one line per question of the part."""
    rader = [
        "Ta bort '# ' framför raderna när du skriver ditt första område:",
        "utvecklingsområden:",
    ]
    rader.append("  - rubrik: Områdets namn")
    fragor = del_.fragor
    if not fragor:
        return [*rader, "    varför: Varför är området prioriterat?"]
    oppen = ""
    for f in fragor:
        forsta, _, sista = f.falt.partition(".")
        if sista:
            if oppen != forsta:
                rader.append(f"    {forsta}:")
                oppen = forsta
            rader.append(f"      {sista}: {f.fraga}")
        else:
            oppen = ""
            rader.append(f"    {f.falt}: {f.fraga}")
    return rader


def _innehall(del_: Del, mall: Rapportmall) -> list[str]:
    """The lines under a part's key (indent 0; the key's indent is added)."""
    if del_.sort == "delaktighet":
        return ["personal:", "elever:", "vårdnadshavare:"]
    if del_.sort != "avsnitt":
        return []
    if not del_.tabeller:
        return [] if del_.delar else ["text:"]
    rader = ["text:", "tabeller:"]
    for tabell in del_.tabeller:
        rader += ["  " + r for r in _tabell(mall, tabell)]
    return rader


def _styrtal(u: Underlag) -> list[str]:
    """The huvudman's styrtal for the skolform, each with an empty result (under ``styrtal:``)."""
    rader = []
    for ps in u.styrtal:
        s = ps.styrtal
        mal = f", målvärde {s.malvarde}" if s.malvarde is not None else ""
        rader += [f"# {s.id} {s.text} ({s.matt}{mal})", f"{yv(s.id)}:", "  utfall:"]
    return rader


def _lagg(rot: _Nod, sokvag: list[str], kommentarer: list[str], rader: list[str]) -> None:
    nod = rot
    for nyckel in sokvag:
        nod = nod.barn.setdefault(nyckel, _Nod())
    nod.kommentarer += kommentarer
    nod.rader += rader


def _skriv(nod: _Nod, indrag: int) -> list[str]:
    luft = " " * indrag
    ut: list[str] = []
    for nyckel, barn in nod.barn.items():
        if indrag == 0:
            ut.append("")
        ut += [f"{luft}# {k}".rstrip() for k in barn.kommentarer]
        if nyckel.startswith("#"):  # a commented block of its own (no key)
            ut += [f"{luft}# {r}".rstrip() for r in barn.rader]
            continue
        ut.append(f"{luft}{nyckel}:")
        ut += [f"{luft}  {r}" for r in barn.rader]
        ut += _skriv(barn, indrag + 2)
    return ut


def _delarna(mall: Rapportmall, u: Underlag) -> _Nod:
    """The template's parts as a tree of keys: a key at its first part's place, and the parts
    written under the same key (``delar:``, ``resultat:``) together there, in the template's
    order."""
    rot = _Nod()
    for _, del_ in mall.alla_delar():
        kommentar = _delkommentar(del_)
        if del_.sort == "verksamhetsplan":
            if u.styrtal:
                _lagg(rot, ["styrtal"], kommentar, _styrtal(u))
            else:
                _lagg(
                    rot, ["#styrtal"], kommentar, ["Huvudmannen har inga styrtal för skolformen."]
                )
            continue
        if del_.sort == "utvecklingsområden":
            _lagg(rot, [f"#{del_.id}"], kommentar, _utvecklingsomraden(del_))
            continue
        if del_.sort == "uppföljning":
            if u.tidigare:
                rader = [x for r in u.tidigare for x in (f"- rubrik: {yv(r)}", "  uppföljning:")]
                _lagg(rot, [del_.falt or "tidigare_utvecklingsområden"], kommentar, rader)
            continue
        sokvag = del_.falt.split(".") if del_.falt else ["delar", del_.id]
        _lagg(rot, sokvag, kommentar, _innehall(del_, mall))
    return rot


def enhetsfil_for_mall(u: Underlag, mall: Rapportmall, namn: str, skriv_namnet: bool) -> str:
    """The text of a new unit's file for the rapportmall ``namn``. ``skriv_namnet``: the file
    names its template (``rapportmall:``), because the huvudman's choice would be another."""
    titel = mall.titel_for(u.skolform)
    r: list[str] = [
        f"# yaml-language-server: $schema=../../schema/rapportmallar/{namn}.enhet.schema.json",
        f"# {titel} för {u.namn}, {u.period}.",
        f"# Rapportmall: {mall.namn} (rapporter/mallar/{namn}.rapportmall.yaml).",
        "# Delarna står i mallens ordning, med mallens vägledning i kommentarerna. Text efter | skrivs indragen på raderna under och",
        "# får innehålla Markdown. Kör 'kvalitet kontrollera' efter varje ändring.",
        "# Handbok: docs/skriva-rapporten.md och docs/rapportmall.md",
        "",
        f"namn: {yv(u.namn)}",
        f"skolform: {u.skolform}",
        f"period: {yv(u.period)}",
        "status: utkast  # utkast, klar eller godkänd",
    ]
    if skriv_namnet:
        r.append(f"rapportmall: {namn}")
    r += [
        f"område:{' ' + yv(u.omrade) if u.omrade else ''}",
        "ansvarig:",
        f"  namn: {yv(u.ansvarig_namn) if u.ansvarig_namn else PLATSHALLARE + '  # ÄNDRA till ditt namn'}",
        f"  roll: {yv(u.ansvarig_roll) if u.ansvarig_roll else 'rektor'}",
        "# datum: 2026-06-20",
    ]
    r += _skriv(_delarna(mall, u), 0)
    return "\n".join(r) + "\n"


def valj_rapportmall(
    lage: Periodlage, enhets_id: str, skolform: str, onskad: str | None
) -> tuple[str, Rapportmall | None, bool]:
    """The template a new unit follows: ``onskad`` (``--rapportmall``), else the huvudman's
    choice per unit, per skolform, its standard, else ``standard``. Returns its name, the
    template (None for the standard, which has the classic scaffold) and whether the file must
    name it because the huvudman's choice would be another."""
    val = lage.huvudman.installningar.rapportmallar if lage.huvudman else None
    huvudmannens = STANDARD
    if val is not None:
        huvudmannens = val.enheter.get(enhets_id) or val.skolformer.get(skolform) or val.standard
    namn = onskad or huvudmannens
    if namn not in lage.rapportmallar:
        forslag = menade_du(namn, lage.rapportmallar)
        hur = (
            f"menade du '{forslag}'?"
            if forslag
            else "välj en av " + ", ".join(f"'{n}'" for n in sorted(lage.rapportmallar))
        )
        raise KvalitetError(f"rapportmallen '{namn}' finns inte ({hur}); ingen fil har skrivits")
    mall = lage.rapportmallar[namn]
    if mall is None:
        raise KvalitetError(
            f"rapportmallen '{namn}' har fel (kör 'kvalitet kontrollera' och rätta den först); "
            "ingen fil har skrivits"
        )
    return namn, None if namn == STANDARD else mall, namn != huvudmannens
