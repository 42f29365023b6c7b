"""Loading YAML with positions; limits against hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvalitet.kalla.las import las_yaml


def test_positioner_for_varden_och_nycklar(tmp_path: Path) -> None:
    fil = tmp_path / "a.yaml"
    fil.write_text("namn: A\nansvarig:\n  namn: B\nlista:\n  - x\n  - y\n")
    kalla = las_yaml(fil)
    assert kalla.ok
    assert kalla.plats(("ansvarig", "namn")) == (3, 9)
    assert kalla.plats(("ansvarig", "namn"), nyckel=True) == (3, 3)
    assert kalla.plats(("lista", 1)) == (6, 5)
    assert kalla.plats(("lista", 7, "saknas")) == (5, 3)


def test_tal_minns_hur_de_skrevs(tmp_path: Path) -> None:
    fil = tmp_path / "a.yaml"
    fil.write_text("id: 1.10\nar: 2020\n")
    data = las_yaml(fil).data
    assert data["id"].kalltext == "1.10"
    assert data["ar"].kalltext == "2020"


def test_aliasbomb_vagras(tmp_path: Path) -> None:
    rader = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, namn in enumerate("bcdefgh"):
        forra = "abcdefgh"[i]
        rader.append(f"{namn}: &{namn} [" + ", ".join([f"*{forra}"] * 9) + "]")
    fil = tmp_path / "bomb.yaml"
    fil.write_text("\n".join(rader) + "\n")
    kalla = las_yaml(fil)
    assert not kalla.ok
    assert "filen blir för stor när ankarna" in kalla.problem[0].vad


def test_djup_nastling_vagras(tmp_path: Path) -> None:
    fil = tmp_path / "djup.yaml"
    fil.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    kalla = las_yaml(fil)
    assert not kalla.ok
    assert "djupt nästlad" in kalla.problem[0].vad


def test_utf16_med_bom_lases_med_varning(tmp_path: Path) -> None:
    fil = tmp_path / "a.yaml"
    fil.write_bytes("namn: Åsa\n".encode("utf-16"))
    kalla = las_yaml(fil)
    assert kalla.ok
    assert kalla.data == {"namn": "Åsa"}
    assert kalla.problem[0].grad == "varning"


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 5000 + "]" * 5000, "a: " + "{b: " * 3000 + "}" * 3000],
    ids=["listor", "mappningar"],
)
def test_djup_nastling_vagras_ocksa_i_pythonparsern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """The pure-Python path (PyYAML without libyaml, or libyaml refusing the depth and handing over
    to the explaining parser) says the same, never an internal RecursionError."""
    import yaml

    import kvalitet.kalla.las as las

    fil = tmp_path / "djup.yaml"
    fil.write_text(text + "\n")
    for laddare in (yaml.SafeLoader, _VagrarDjup):
        monkeypatch.setattr(las, "SNABB_LADDARE", laddare)
        kalla = las_yaml(fil)
        assert not kalla.ok
        assert "djupt nästlad" in kalla.problem[0].vad
        assert kalla.problem[0].rad == 1


class _VagrarDjup:
    """Stands in for a libyaml that refuses deep nesting with a syntax error."""

    def __init__(self, text: str) -> None:
        import yaml

        raise yaml.MarkedYAMLError("while parsing", None, "maximum nesting depth exceeded", None)
