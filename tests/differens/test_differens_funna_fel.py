"""Faults the generated projects found, each kept as a small project of its own."""

from __future__ import annotations

from pathlib import Path

from differens_bygg import bygg
from differens_generera import skriv_projekt
from differens_jamfor import jamfor_projekt

PLAN = {
    "namn": "Testkommunen",
    "period": "2025/26",
    "verksamhetsplan": {
        "perspektiv": [
            {
                "namn": "Kunskap",
                "mål": [
                    {
                        "text": "Alla elever lär sig mer.",
                        "styrtal": [{"id": "1.1.1", "text": "Andel", "mått": "procent"}],
                    }
                ],
            }
        ]
    },
}


def test_diagrammet_av_en_tabell_med_radernas_matt_sager_procent(tmp_path: Path) -> None:
    """A table without a measure of its own whose rows are all ``mått: procent``: the table shows
    ``74 %``, and its chart's text alternative said ``74`` (the chart took only the table's
    measure). Found by test_differens_genererade.py."""
    enhet = {
        "namn": "Ekskolan",
        "skolform": "grundskola",
        "period": "2025/26",
        "status": "klar",
        "resultat": {
            "objektiva": {
                "avsnitt": [
                    {
                        "rubrik": "Närvaro",
                        "tabeller": [
                            {
                                "rubrik": "Närvaro per årskurs",
                                "diagram": "stapel",
                                "rader": [
                                    {
                                        "rad": "Åk 7",
                                        "mått": "procent",
                                        "flickor": 74,
                                        "pojkar": "27,1",
                                    },
                                    {"rad": "Åk 8", "mått": "procent", "flickor": 80, "pojkar": 10},
                                ],
                            }
                        ],
                    }
                ]
            }
        },
    }
    rapport = {"titel": "Huvudmannens rapport", "period": "2025/26", "status": "klar"}
    rot = skriv_projekt(tmp_path, {"huvudman": PLAN, "enheter": [enhet], "rapport": rapport})
    resultat = jamfor_projekt(rot, bygg(rot))
    assert resultat.antal["diagrammets textalternativ"] == 4
    assert not resultat.avvikelser, "\n" + resultat.rapport()
