"""Hypothesis strategies for small valid projects, and writing one into a folder.

A project has a huvudman file whose plan has 2–5 styrtal (each mått: procent, antal, skala,
text; målvärden as numbers and as text; some for certain skolformer only), 1–4 units with
results for some of them (flickor and pojkar, counts sometimes below the röjandegräns, charts on
and off), tables with groups or with columns (measure per table or per row, counts per cell),
charts of tables and chart blocks, earlier utfall (``historik``, last period's files),
comparisons (riket, kommunen), and huvudmannens rapport with results typed for some styrtal. Numbers are written as a Swedish
author writes them: ``90,5``, ``47``, ``1 266``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

PERIOD = "2025/26"
FORRA = "2024/25"
TIDIGARE = ("2021/22", "2022/23", "2023/24", "2024/25")
SKOLFORMER = ("grundskola", "gymnasieskola", "förskola")
ENHETSNAMN = ("Ekskolan", "Björkskolan", "Förskolan Tallen", "Lönngymnasiet", "Almskolan")
RADNAMN = ("Årskurs 1", "Årskurs 2", "Årskurs 3", "Åk 7", "Åk 8", "Åk 9", "Samtliga")
KOLUMNNAMN = ("2023/24", "2024/25", "2025/26", "Höst", "Vår")
TABELLNAMN = ("Resultat i svenska", "Närvaro per årskurs", "Enkätens svar", "Betyg i matematik")
STYRTALSTEXT = (
    "Andel elever som känner sig trygga",
    "Antal elever i kö",
    "Nöjdhet med verksamheten",
    "Utvecklingen av studieron",
    "Andel med godkända betyg",
)


def svenskt(varde: float, decimaler: int) -> object:
    """The number as an author types it: an int, or a text with decimal comma (``90,5``),
    thousands with a space (``1 266``)."""
    if decimaler == 0:
        heltal = round(varde)
        return f"{heltal:,}".replace(",", " ") if heltal >= 1000 and heltal % 3 == 0 else heltal
    return f"{varde:.{decimaler}f}".replace(".", ",")


@st.composite
def tal(draw: st.DrawFn, matt: str) -> object:
    if matt == "procent":
        decimaler = draw(st.integers(0, 1))
        return svenskt(draw(st.integers(0, 1000)) / 10, decimaler)
    if matt == "antal":
        return svenskt(draw(st.integers(0, 2500)), 0)
    if matt == "skala":
        if draw(st.booleans()):
            return f"{draw(st.integers(10, 99)) / 10:.1f} av 10".replace(".", ",")
        return svenskt(draw(st.integers(10, 99)) / 10, 1)
    return draw(st.sampled_from(("Bättre", "Oförändrat", "Sämre")))


def malvarde(draw: st.DrawFn, matt: str) -> object:
    if matt == "procent":
        return draw(st.sampled_from((80, 85, 90, "87,5", 95)))
    if matt == "antal":
        return draw(st.sampled_from((10, 100, 1200)))
    if matt == "skala":
        return draw(st.sampled_from((6, "7,5", "6 på en 10-gradig skala")))
    return draw(st.sampled_from(("Ökar", "Minst som i fjol")))


@st.composite
def antal(draw: st.DrawFn, grans: int) -> dict[str, int]:
    """Counts per group, sometimes below the threshold; a total is the sum of its groups."""
    liten = st.integers(0, grans + 2)
    stor = st.integers(grans, 400)
    flickor = draw(st.one_of(liten, stor))
    pojkar = draw(st.one_of(liten, stor))
    form = draw(st.sampled_from(("alla", "utan totalt", "bara totalt")))
    if form == "alla":
        return {"flickor": flickor, "pojkar": pojkar, "totalt": flickor + pojkar}
    if form == "utan totalt":
        return {"flickor": flickor, "pojkar": pojkar}
    return {"totalt": flickor + pojkar}


@st.composite
def plan(draw: st.DrawFn) -> dict[str, Any]:
    antal_styrtal = draw(st.integers(2, 5))
    mal: list[dict[str, Any]] = [{"text": "Alla elever lär sig mer.", "styrtal": []}]
    if antal_styrtal > 2 and draw(st.booleans()):
        mal.append({"text": "Alla känner sig trygga.", "styrtal": []})
    for i in range(antal_styrtal):
        m = min(i % len(mal), len(mal) - 1)
        matt = draw(st.sampled_from(("procent", "procent", "antal", "skala", "text")))
        styrtal: dict[str, Any] = {
            "id": f"1.{m + 1}.{len(mal[m]['styrtal']) + 1}",
            "text": STYRTALSTEXT[i],
            "mått": matt,
        }
        if draw(st.integers(0, 4)):
            styrtal["målvärde"] = malvarde(draw, matt)
        if matt in ("procent", "antal") and draw(st.integers(0, 3)) == 0:
            styrtal["riktning"] = "lägre"
        if draw(st.integers(0, 2)) == 0:
            styrtal["skolformer"] = draw(
                st.lists(st.sampled_from(SKOLFORMER), min_size=1, max_size=2, unique=True)
            )
        mal[m]["styrtal"].append(styrtal)
    grans = draw(st.sampled_from((10, 10, 5)))
    return {
        "namn": "Testkommunen",
        "period": PERIOD,
        "inställningar": {"röjandegräns": grans},
        "verksamhetsplan": {"perspektiv": [{"namn": "Kunskap", "mål": mal}]},
    }


def styrtalen(huvudman: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s for p in huvudman["verksamhetsplan"]["perspektiv"] for m in p["mål"] for s in m["styrtal"]
    ]


@st.composite
def resultat(draw: st.DrawFn, matt: str, grans: int) -> dict[str, Any]:
    res: dict[str, Any] = {"utfall": draw(tal(matt))}
    if matt in ("procent", "antal") and draw(st.booleans()):
        res["flickor"] = draw(tal(matt))
        res["pojkar"] = draw(tal(matt))
        if draw(st.booleans()):
            res["antal"] = draw(antal(grans))
    elif matt == "procent" and draw(st.booleans()):
        res["antal"] = {"totalt": draw(st.integers(1, 300))}
    if matt != "text" and draw(st.integers(0, 2)) == 0:
        perioder = draw(st.lists(st.sampled_from(TIDIGARE), min_size=1, max_size=4, unique=True))
        res["historik"] = {p: draw(tal(matt)) for p in sorted(perioder)}
    if matt in ("procent", "antal") and draw(st.integers(0, 3)) == 0:
        namn = draw(st.lists(st.sampled_from(("riket", "kommunen")), min_size=1, unique=True))
        res["jämförelser"] = {n: draw(tal(matt)) for n in namn}
    if draw(st.integers(0, 4)) == 0:
        res["diagram"] = False
    if matt in ("skala", "text") and draw(st.booleans()):
        res["status"] = draw(st.sampled_from(("uppnått", "delvis uppnått", "ej uppnått")))
    return res


@st.composite
def tabell(draw: st.DrawFn, grans: int, blockdiagram: bool = False) -> dict[str, Any]:
    rader = draw(st.lists(st.sampled_from(RADNAMN), min_size=1, max_size=4, unique=True))
    matt = draw(st.sampled_from(("procent", "antal", None)))
    t: dict[str, Any] = {"rubrik": draw(st.sampled_from(TABELLNAMN))}
    if matt:
        t["mått"] = matt
    if draw(st.booleans()):
        kolumner = draw(st.lists(st.sampled_from(KOLUMNNAMN), min_size=1, max_size=3, unique=True))
        t["radrubrik"] = "Grupp"
        t["kolumner"] = kolumner
        t["rader"] = []
        for namn in rader:
            rad: dict[str, Any] = {
                "rad": namn,
                "värden": [draw(st.one_of(tal(matt or "antal"), st.none())) for _ in kolumner],
            }
            if matt == "procent" and draw(st.booleans()):
                rad["antal"] = [draw(st.one_of(st.integers(1, 60), st.none())) for _ in kolumner]
            t["rader"].append(rad)
    else:
        grupper = draw(
            st.lists(
                st.sampled_from(("flickor", "pojkar", "totalt")),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        t["rader"] = []
        for namn in rader:
            radmatt = matt or draw(st.sampled_from(("procent", "antal")))
            rad = {"rad": namn, **{g: draw(tal(radmatt)) for g in grupper}}
            if not matt:
                rad["mått"] = radmatt
            if radmatt == "procent" and draw(st.booleans()):
                n = draw(antal(grans))
                rad["antal"] = {g: n[g] for g in grupper if g in n} or {"totalt": 5}
            t["rader"].append(rad)
    if not blockdiagram and draw(st.booleans()):
        t["diagram"] = "stapel"
    if not matt and (blockdiagram or "diagram" in t):
        # a chart has one measure: the rows' own, when they share one
        rad_matt = {r.get("mått") for r in t["rader"]}
        if len(rad_matt) > 1:
            for r in t["rader"]:
                r.pop("mått", None)
    return t


@st.composite
def enhet(draw: st.DrawFn, nr: int, huvudman: dict[str, Any]) -> dict[str, Any]:
    skolform = draw(st.sampled_from(SKOLFORMER))
    grans = huvudman["inställningar"]["röjandegräns"]
    data: dict[str, Any] = {
        "namn": ENHETSNAMN[nr],
        "skolform": skolform,
        "område": draw(st.sampled_from(("Område Norr", "Område Syd"))),
        "period": PERIOD,
        "status": draw(st.sampled_from(("utkast", "klar"))),
    }
    galler = [
        s for s in styrtalen(huvudman) if not s.get("skolformer") or skolform in s["skolformer"]
    ]
    valda = draw(st.lists(st.sampled_from(galler), unique_by=lambda s: s["id"])) if galler else []
    data["styrtal"] = {s["id"]: draw(resultat(s["mått"], grans)) for s in valda}
    if draw(st.integers(0, 3)) == 0:
        matt = draw(st.sampled_from(("procent", "antal")))
        eget: dict[str, Any] = {
            "id": "E.1",
            "text": "Enhetens eget mått",
            "mått": matt,
            "målvärde": malvarde(draw, matt),
        }
        eget.update(draw(resultat(matt, grans)))
        data["egna_styrtal"] = [eget]
    tabeller = draw(st.lists(tabell(grans), max_size=2))
    avsnitt: dict[str, Any] = {"rubrik": "Kunskapsresultat", "text": "Resultaten i år."}
    if tabeller:
        avsnitt["tabeller"] = tabeller
    data["resultat"] = {"objektiva": {"avsnitt": [avsnitt]}}
    if draw(st.integers(0, 2)) == 0:
        block = draw(tabell(grans, blockdiagram=True))
        block.pop("diagram", None)
        data["resultat"]["subjektiva"] = {
            "innehåll": [{"text": "Diagrammet visar enkätens svar."}, {"diagram": block}]
        }
    return data


@st.composite
def forra_aret(draw: st.DrawFn, data: dict[str, Any], huvudman: dict[str, Any]) -> dict[str, Any]:
    """The unit's file of last period: utfall (sometimes on few pupils) for some styrtal, which
    the report shows as the earlier utfall before any ``historik`` for that period."""
    grans = huvudman["inställningar"]["röjandegräns"]
    matt = {s["id"]: s["mått"] for s in styrtalen(huvudman)}
    styrtal: dict[str, Any] = {}
    for sid in data["styrtal"]:
        if matt[sid] == "text" or draw(st.booleans()):
            continue
        res: dict[str, Any] = {"utfall": draw(tal(matt[sid]))}
        if matt[sid] == "procent" and draw(st.booleans()):
            res["antal"] = {"totalt": draw(st.integers(1, grans * 4))}
        styrtal[sid] = res
    return {
        **{k: data[k] for k in ("namn", "skolform")},
        "period": FORRA,
        "status": "klar",
        "styrtal": styrtal,
    }


@st.composite
def projekt(draw: st.DrawFn) -> dict[str, Any]:
    huvudman = draw(plan())
    antal_enheter = draw(st.integers(1, 4))
    enheter = [draw(enhet(i, huvudman)) for i in range(antal_enheter)]
    forra: dict[int, dict[str, Any]] = {}
    if draw(st.integers(0, 2)) == 0:
        for i, data in enumerate(enheter):
            if draw(st.booleans()):
                forra[i] = draw(forra_aret(data, huvudman))
    uppfoljning: dict[str, Any] = {"text": "Planens styrtal med målvärden och resultat."}
    typade = {
        s["id"]: {"resultat": draw(tal(s["mått"]))}
        for s in styrtalen(huvudman)
        if draw(st.integers(0, 2)) == 0
    }
    if typade:
        uppfoljning["styrtal"] = typade
    rapport = {
        "titel": "Huvudmannens kvalitetsrapport 2025/26",
        "period": PERIOD,
        "status": "klar",
        "uppföljning": uppfoljning,
    }
    return {"huvudman": huvudman, "enheter": enheter, "förra": forra, "rapport": rapport}


def skriv_projekt(rot: Path, projektdata: dict[str, Any]) -> Path:
    """Write the project's YAML files under ``rot/rapporter/2025-26``; returns ``rot``."""
    mapp = rot / "rapporter" / "2025-26"
    mapp.mkdir(parents=True)

    def skriv(fil: Path, data: dict[str, Any]) -> None:
        fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    skriv(mapp / "huvudman.yaml", projektdata["huvudman"])
    skriv(mapp / "huvudmannens-rapport.yaml", projektdata["rapport"])
    for i, data in enumerate(projektdata["enheter"]):
        skriv(mapp / f"enhet-{i + 1}.yaml", data)
    if projektdata.get("förra"):
        forra = rot / "rapporter" / "2024-25"
        forra.mkdir()
        skriv(forra / "huvudman.yaml", {**projektdata["huvudman"], "period": FORRA})
        for i, data in projektdata["förra"].items():
            skriv(forra / f"enhet-{i + 1}.yaml", data)
    return rot
