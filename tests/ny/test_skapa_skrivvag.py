"""``kvalitet ny`` writes through the one write path: a new file never replaces one that
appeared meanwhile (O_EXCL semantics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import hitta_projekt


def test_ny_enhet_skriver_aldrig_over_en_fil_som_dok_upp(
    projekt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kvalitet.ny.skapa as skapa

    fil = projekt / "rapporter" / "2025-26" / "nyskolan.yaml"
    original = skapa.enhetsfil

    def hann_fore(underlag):  # type: ignore[no-untyped-def]
        text = original(underlag)
        fil.write_text("namn: Någon annans fil\n", encoding="utf-8")  # a colleague, meanwhile
        return text

    monkeypatch.setattr(skapa, "enhetsfil", hann_fore)
    with pytest.raises(KvalitetError, match="finns redan"):
        skapa.ny_enhet(hitta_projekt(projekt), "nyskolan", "Nyskolan", "grundskola", None)
    assert fil.read_text(encoding="utf-8") == "namn: Någon annans fil\n"
    assert not [p for p in fil.parent.iterdir() if p.name.endswith(".tmp")]


def test_ny_enhet_far_uttryckligt_lage(projekt: Path) -> None:
    import os

    from kvalitet.ny.skapa import ny_enhet

    fil = ny_enhet(hitta_projekt(projekt), "nyskolan", "Nyskolan", "grundskola", None)
    assert os.stat(fil).st_mode & 0o777 == 0o644 and "namn: Nyskolan" in fil.read_text()
