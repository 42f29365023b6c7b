"""A shown value read back as a figure, and the rule 'same figure at the printed precision':
what 'beräkna:' prints is never called a difference when typed back (nr 26.4)."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kvalitet.berika.huvudmansresultat import Enhetsvarde, berakna, visa_varde
from kvalitet.grund.format import tal
from kvalitet.grund.siffra import Siffra, avrunda, las_siffra


@pytest.mark.parametrize(
    ("text", "siffra"),
    [
        ("7,1 av 10", Siffra(7.1, 1, 10.0)),
        ("7,8/10", Siffra(7.8, 1, 10.0)),
        ("6 på en 10-gradig skala", Siffra(6.0, 0, 10.0)),
        ("86,4 %", Siffra(86.4, 1)),
        ("1 266", Siffra(1266.0, 0)),
        ("Över 90 %", Siffra(90.0, 0, None, "över")),
        ("minst 85", Siffra(85.0, 0, None, "minst")),
        ("ca 81", Siffra(81.0, 0, None, "ca")),
        ("..", None),
        ("~100", None),
        ("Nära 80 % i alla förskolor", None),
        ("Ja", None),
    ],
)
def test_las_siffra(text: str, siffra: Siffra | None) -> None:
    assert las_siffra(text) == siffra


def test_avrundning_halva_uppat() -> None:
    assert avrunda(7.75, 1) == 7.8
    assert avrunda(80.25, 1) == 80.3  # round() gives 80.2
    assert avrunda(2.5, 0) == 3.0
    assert las_siffra("80").rymmer(80.33) and not las_siffra("80,4").rymmer(80.33)


VARDEN = st.lists(st.integers(0, 1000).map(lambda n: n / 10), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(VARDEN, st.sampled_from(["median", "medel"]), st.booleans())
@example([0.0, 50.1, 77.5, 8.2], "medel", False)  # 33,95 summed as 33,949999999999996
@example([0.1, 0.2], "median", False)  # 0,15: round() gave 0,1
def test_beraknat_varde_skrivet_tillbaka_stammer(
    varden: list[float], satt: str, skala: bool
) -> None:
    """The value 'beräkna:' prints, typed as 'resultat:', agrees with the figure it was
    computed from (the check's rule), on a skala too."""
    if skala:
        utfall: list[object] = [f"{tal(v, 1)} av 10" for v in varden]
        matt, malvarde = "skala", "6 på en 10-gradig skala"
    else:
        utfall, matt, malvarde = list(varden), "procent", 90
    enheter = [Enhetsvarde(str(i), u, "uppnått", None) for i, u in enumerate(utfall)]
    varde, _ = berakna(satt, enheter, matt, malvarde)
    skrivet = las_siffra(visa_varde(varde, matt))
    assert skrivet is not None
    exakt = statistics.median(varden) if satt == "median" else statistics.fmean(varden)
    assert skrivet.rymmer(exakt), (visa_varde(varde, matt), exakt)
    assert (skrivet.skala == 10.0) is skala
