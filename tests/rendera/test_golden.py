"""Every example unit and the reference report build byte-identical HTML with the default
rapportmall. If this fails after an intended change: python3 tests/uppdatera_golden.py"""

from __future__ import annotations

import pytest
from golden import fall, golden_mapp, rendera_period


@pytest.mark.parametrize(("projekt", "period"), fall())
def test_varje_enhet_som_golden(projekt: str, period: str) -> None:
    byggda = rendera_period(projekt, period)
    mapp = golden_mapp(projekt, period)
    assert sorted(byggda) == sorted(f.stem for f in mapp.glob("*.html"))
    for enhet, html in byggda.items():
        forvantad = (mapp / f"{enhet}.html").read_text(encoding="utf-8")
        assert html == forvantad, f"{projekt}/{period}/{enhet}.html skiljer sig"
