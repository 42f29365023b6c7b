"""Three-way merge on the YAML tree (base, mine, theirs): pure data in, merged data, the paths
taken from theirs and the conflicts out."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kvalitet.kalla.sammanfoga import lika, sammanfoga, skillnader

BAS: dict[str, Any] = {
    "namn": "Björkbackaskolan",
    "ansvarig": {"namn": "Helena Sandberg", "roll": "rektor"},
    "område": "Område Norr",
    "resultat": {"styrkor": ["Trygghet", "Läsning", "Studiero"]},
    "tabell": [["Åk", "2024", "2025"], ["7", 81.3, 83.0], ["8", 80.0, 86.2]],
}


def _med(**andringar: Any) -> dict[str, Any]:
    data = copy.deepcopy(BAS)
    for nyckel, varde in andringar.items():
        data[nyckel] = varde
    return data


def test_olika_falt_sammanfogas() -> None:
    min_ = _med(område="Område Söder")
    deras = copy.deepcopy(BAS)
    deras["ansvarig"]["namn"] = "Kim"
    s = sammanfoga(BAS, min_, deras)
    assert s.konflikter == []
    assert s.data["område"] == "Område Söder" and s.data["ansvarig"]["namn"] == "Kim"
    assert s.fran_deras == [["ansvarig", "namn"]]
    assert list(s.data) == list(BAS)


def test_samma_falt_samma_varde() -> None:
    s = sammanfoga(BAS, _med(område="X"), _med(område="X"))
    assert s.konflikter == [] and s.data["område"] == "X" and s.fran_deras == []


def test_samma_falt_olika_varden_ar_konflikt_med_deras_varde() -> None:
    s = sammanfoga(BAS, _med(område="Min"), _med(område="Deras", namn="Ny"))
    assert s.konflikter == [
        {"sokvag": ["område"], "bas": "Område Norr", "min": "Min", "deras": "Deras"}
    ]
    assert s.data["område"] == "Deras" and s.data["namn"] == "Ny"
    assert ["namn"] in s.fran_deras


def test_lista_infogning_mot_redigering() -> None:
    min_ = _med(resultat={"styrkor": ["Ny först", "Trygghet", "Läsning", "Studiero"]})
    deras = _med(resultat={"styrkor": ["Trygghet", "Läsning", "Studiero bättre"]})
    s = sammanfoga(BAS, min_, deras)
    assert s.konflikter == []
    assert s.data["resultat"]["styrkor"] == ["Ny först", "Trygghet", "Läsning", "Studiero bättre"]
    assert s.fran_deras == [["resultat", "styrkor", 3]]


def test_bada_lagger_till_sist() -> None:
    min_ = _med(resultat={"styrkor": [*BAS["resultat"]["styrkor"], "Min"]})
    deras = _med(resultat={"styrkor": [*BAS["resultat"]["styrkor"], "Deras"]})
    s = sammanfoga(BAS, min_, deras)
    assert s.konflikter == []
    assert s.data["resultat"]["styrkor"] == ["Trygghet", "Läsning", "Studiero", "Min", "Deras"]
    assert s.fran_deras == [["resultat", "styrkor", 4]]


def test_borttagen_mot_redigerad_ar_konflikt() -> None:
    min_ = _med(resultat={"styrkor": ["Trygghet", "Studiero"]})
    deras = _med(resultat={"styrkor": ["Trygghet", "Läsning och skrivning", "Studiero"]})
    s = sammanfoga(BAS, min_, deras)
    assert len(s.konflikter) == 1
    k = s.konflikter[0]
    assert k["sokvag"] == ["resultat", "styrkor"]
    assert k["min"] == ["Trygghet", "Studiero"]
    assert k["deras"] == ["Trygghet", "Läsning och skrivning", "Studiero"]
    assert s.data["resultat"]["styrkor"] == k["deras"]


def test_borttagen_nyckel_mot_redigerad_ar_konflikt() -> None:
    min_ = copy.deepcopy(BAS)
    del min_["område"]
    s = sammanfoga(BAS, min_, _med(område="Söder"))
    assert s.konflikter == [
        {
            "sokvag": ["område"],
            "bas": "Område Norr",
            "min": None,
            "deras": "Söder",
            "saknas": ["min"],
        }
    ]
    assert s.data["område"] == "Söder"
    # deleted on one side, untouched on the other: deleted
    s = sammanfoga(BAS, min_, copy.deepcopy(BAS))
    assert "område" not in s.data and s.konflikter == []


def test_tabellceller_i_samma_rad() -> None:
    min_ = copy.deepcopy(BAS)
    min_["tabell"][1][1] = 82.0
    deras = copy.deepcopy(BAS)
    deras["tabell"][1][2] = 84.0
    s = sammanfoga(BAS, min_, deras)
    assert s.konflikter == [] and s.data["tabell"][1] == ["7", 82.0, 84.0]
    assert s.fran_deras == [["tabell", 1, 2]]
    deras["tabell"][1][1] = 99.0
    s = sammanfoga(BAS, min_, deras)
    assert s.konflikter == [{"sokvag": ["tabell", 1, 1], "bas": 81.3, "min": 82.0, "deras": 99.0}]


def test_tomma_celler_i_samma_rad_sammanfogas_pa_sin_plats() -> None:
    """A template table's empty row: blank cells are alike, so difflib could pair them any way;
    a row neither side made longer is merged place by place (issue 28)."""
    bas = {"värden": [None, None, None]}
    s = sammanfoga(bas, {"värden": ["A", None, None]}, {"värden": [None, None, "B"]})
    assert s.konflikter == [] and s.data["värden"] == ["A", None, "B"]
    assert s.fran_deras == [["värden", 2]]
    s = sammanfoga(bas, {"värden": ["A", None, None]}, {"värden": ["B", None, None]})
    assert s.konflikter == [{"sokvag": ["värden", 0], "bas": None, "min": "A", "deras": "B"}]


def test_nastlat() -> None:
    bas = {"a": {"b": {"c": 1, "d": [{"e": "x", "f": "y"}]}}}
    min_ = {"a": {"b": {"c": 2, "d": [{"e": "x", "f": "y"}]}}}
    deras = {"a": {"b": {"c": 1, "d": [{"e": "x", "f": "z"}]}, "ny": True}}
    s = sammanfoga(bas, min_, deras)
    assert s.data == {"a": {"b": {"c": 2, "d": [{"e": "x", "f": "z"}]}, "ny": True}}
    assert s.konflikter == []
    assert sorted(map(str, s.fran_deras)) == sorted(
        map(str, [["a", "b", "d", 0, "f"], ["a", "ny"]])
    )


def test_typbyte() -> None:
    s = sammanfoga({"a": "text"}, {"a": {"ny": 1}}, {"a": ["lista"]})
    assert s.konflikter == [{"sokvag": ["a"], "bas": "text", "min": {"ny": 1}, "deras": ["lista"]}]
    s = sammanfoga({"a": "text"}, {"a": {"ny": 1}}, {"a": "text"})
    assert s.data == {"a": {"ny": 1}} and s.konflikter == []
    assert not lika(1, True) and lika(1, 1.0) and not lika("1", 1)
    s = sammanfoga({"a": 1}, {"a": True}, {"a": 1})
    assert s.data == {"a": True}


def test_ny_nyckel_hos_bada_och_ordning() -> None:
    s = sammanfoga({"a": 1, "c": 3}, {"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 3, "d": 4})
    assert list(s.data) == ["a", "b", "c", "d"] and s.konflikter == []
    s = sammanfoga({}, {"x": {"p": 1}}, {"x": {"q": 2}})
    assert s.data == {"x": {"p": 1, "q": 2}} and s.konflikter == []


def test_skillnader_utan_bas() -> None:
    assert skillnader({"a": 1, "b": [1, 2]}, {"a": 2, "b": [1, 3]}) == [
        {"sokvag": ["a"], "bas": None, "min": 1, "deras": 2},
        {"sokvag": ["b", 1], "bas": None, "min": 2, "deras": 3},
    ]


_data = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "b", ""]),
    lambda barn: (
        st.lists(barn, max_size=4) | st.dictionaries(st.sampled_from("xyz"), barn, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_data, _data, _data)
def test_egenskaper(bas: Any, min_: Any, deras: Any) -> None:
    # a side that did not change gives the other side; the same change on both is that change
    assert lika(sammanfoga(bas, bas, deras).data, deras)
    assert lika(sammanfoga(bas, min_, bas).data, min_)
    assert lika(sammanfoga(bas, min_, min_).data, min_)
    s = sammanfoga(bas, min_, deras)
    for k in s.konflikter:  # every conflict is at a path of the merged data, holding theirs
        if "saknas" in k:
            continue
        nod = s.data
        for steg in k["sokvag"]:
            nod = nod[steg]
        assert lika(nod, k["deras"])
