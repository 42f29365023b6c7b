"""The disposition of a unit under a rapportmall: numbering per level, parts left out without a
number, empty parts with the template's text, fixed texts per skolform."""

from __future__ import annotations

from kvalitet.modell import Enhetsrapport
from kvalitet.modell.rapportmall import Rapportmall
from kvalitet.modell.rapportmall_disposition import (
    disposition,
    dokumentvarden,
    fyll_i,
    varde_i_rapport,
)

MALL = {
    "namn": "Prov",
    "dokument": {"titel_per_skolform": {"förskola": "Blankett"}},
    "numrering": {"nivåer": [True, False], "skiljetecken": ":"},
    "delar": [
        {"id": "egen", "rubrik": "Året i korthet", "numrerad": False, "fält": "sammanfattning"},
        {
            "id": "resultat",
            "rubrik": "Resultat",
            "fält": "resultat",
            "fast_text_per_skolform": {"förskola": "Inga betyg."},
            "delar": [
                {"id": "a", "rubrik": "A", "fält": "resultat.objektiva", "om_tom": "utelämna"},
                {"id": "b", "rubrik": "B", "fält": "resultat.subjektiva", "numrerad": True},
            ],
        },
        {"id": "analys", "rubrik": "Analys", "fält": "analys", "tom_text": "Ingen analys."},
        {"id": "plan", "rubrik": "Plan", "sort": "verksamhetsplan", "om_tom": "utelämna"},
    ],
}


def _enhet(**falt: object) -> Enhetsrapport:
    return Enhetsrapport.model_validate(
        {"namn": "Lingonet", "skolform": "förskola", "period": "2025/26", **falt}
    )


def test_numrering_utelamnade_och_tomma_delar() -> None:
    mall = Rapportmall.model_validate(MALL)
    enhet = _enhet(sammanfattning="Ett bra år.", resultat={"subjektiva": {"text": "Enkäten."}})
    delar = disposition(mall, enhet)
    assert [(d.nummer, d.rubrik, d.tom_text) for d in delar] == [
        ("", "Året i korthet", None),
        ("1", "Resultat", None),
        ("2", "Analys", "Ingen analys."),
    ]
    # A is left out and takes no number; B is numbered by its own 'numrerad' at level 2
    assert [(d.nummer, d.rubrik) for d in delar[1].delar] == [("1:1", "B")]
    assert delar[1].fast_text == "Inga betyg."
    assert [d.id for d in disposition(mall, enhet, har_plan=True)][-1] == "plan"


def test_en_tom_del_har_inga_underdelar() -> None:
    mall = Rapportmall.model_validate(MALL)
    delar = disposition(mall, _enhet())
    assert [(d.nummer, d.tom) for d in delar] == [("", True), ("1", True), ("2", True)]
    assert delar[1].delar == []


def test_dokumentets_texter() -> None:
    mall = Rapportmall.model_validate(MALL)
    enhet = _enhet()
    varden = dokumentvarden(mall, enhet, "Älvmora kommun")
    assert fyll_i(mall.dokument.sidhuvud or "", varden) == "Lingonet, Kvalitetsrapport"
    assert fyll_i("{titel} {period} – {enhet} ({okänd})", varden) == (
        "Blankett 2025/26 – Lingonet ({okänd})"
    )
    assert varde_i_rapport(enhet, "resultat.objektiva") is None
    assert varde_i_rapport(enhet, "finns.inte") is None
