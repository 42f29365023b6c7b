"""New values land where a person would put them: in the model's key order, under their own
section comment, in place of the commented-out example; the '# ÄNDRA' hint goes with the change.

The golden test fills the scaffold of ``kvalitet ny enhet`` (grundskola; a copy in tests/data so
that a change of the scaffold is a deliberate change here) the way the editor does: the whole
document through ``uppdatera`` after each change, and compares with a file written by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kvalitet.kalla.rundtur import Rundtur
from kvalitet.modell.schema import schema

DATA = Path(__file__).resolve().parents[1] / "data" / "rundtur"

AVSNITT = """\
kvalitetsarbete:
  text:
  # Underavsnitt. Ta bort '# ' framför raderna:
  # avsnitt:
  #   - rubrik: Rubrik på underavsnittet
  styrkor:  # Vilka styrkor finns? En punkt per rad:
    # - Skriv en punkt här.
  slutsatser:  # Visas i rutan 'Slutsats'. En punkt per rad:
    # - Skriv en punkt här.

# 3 Analys: varför ser resultaten ut som de gör?
analys:
  text:
"""


def _formular(dok: Rundtur, andra: Callable[[dict[str, Any]], None]) -> str:
    """One change as the editor makes it: the whole document, as JSON, through ``uppdatera``."""
    data = json.loads(json.dumps(dok.som_data()))
    andra(data)
    dok.uppdatera(data)
    return dok.text()


def _rad_fore(text: str, rad: str) -> str:
    rader = text.split("\n")
    return rader[rader.index(rad) - 1]


def test_ny_nyckel_sist_i_avsnittet_hamnar_fore_nasta_avsnitts_kommentar() -> None:
    dok = Rundtur(AVSNITT)  # no schema: the key follows the last one, as the form sent it
    text = _formular(dok, lambda d: d["kvalitetsarbete"].update(bilder=[{"fil": "a.svg"}]))
    assert _rad_fore(text, "analys:") == "# 3 Analys: varför ser resultaten ut som de gör?"
    assert "    # - Skriv en punkt här.\n  bilder:\n    - fil: a.svg\n\n# 3 Analys" in text


def test_ny_nyckel_i_modellens_ordning_efter_narmaste_foregaende() -> None:
    dok = Rundtur(AVSNITT, schema=schema())
    text = _formular(dok, lambda d: d["kvalitetsarbete"].update(bilder=[{"fil": "a.svg"}]))
    assert "  text:\n  bilder:\n    - fil: a.svg\n  # Underavsnitt." in text
    assert _rad_fore(text, "analys:").startswith("# 3 Analys")


def test_utkommenterat_exempel_ersatts_av_nyckeln_dar_det_stod() -> None:
    dok = Rundtur(AVSNITT)
    text = _formular(dok, lambda d: d["kvalitetsarbete"].update(avsnitt=[{"rubrik": "Årshjulet"}]))
    assert "# avsnitt:" not in text and "#   - rubrik" not in text
    assert (
        "  # Underavsnitt. Ta bort '# ' framför raderna:\n"
        "  avsnitt:\n    - rubrik: Årshjulet\n  styrkor:"
    ) in text


def test_forsta_punkten_ersatter_exempelpunkten_och_fragan_blir_kvar() -> None:
    dok = Rundtur(AVSNITT)
    text = _formular(dok, lambda d: d["kvalitetsarbete"].update(styrkor=["Tydlig plan"]))
    assert "  styrkor:  # Vilka styrkor finns? En punkt per rad:\n    - Tydlig plan\n" in text
    assert text.count("# - Skriv en punkt här.") == 1  # the one under 'slutsatser' stays


def test_andra_hint_forsvinner_nar_vardet_andras() -> None:
    text = "ansvarig:\n  namn: Namn Efternamn  # ÄNDRA till ditt namn\n  roll: rektor\n"
    dok = Rundtur(text)
    assert _formular(dok, lambda d: None) == text  # unchanged: the hint stays
    ny = _formular(dok, lambda d: d["ansvarig"].update(namn="Karin Berg"))
    assert ny == "ansvarig:\n  namn: Karin Berg\n  roll: rektor\n"
    dok = Rundtur("a:\n  # ÄNDRA: skriv ditt namn\n  namn: X\n  roll: rektor\n")
    assert _formular(dok, lambda d: d["a"].update(namn="Y")) == "a:\n  namn: Y\n  roll: rektor\n"


def test_borttagen_nyckel_tar_inte_med_sig_nasta_avsnitts_kommentar() -> None:
    dok = Rundtur(AVSNITT)
    text = _formular(dok, lambda d: d["kvalitetsarbete"].pop("slutsatser"))
    assert _rad_fore(text, "analys:").startswith("# 3 Analys")


def _ifyllnad() -> list[Callable[[dict[str, Any]], None]]:
    """What a person filling in the form does, one change at a time."""

    def tabell(d: dict[str, Any]) -> None:
        rad = {"rad": "Behöriga", "flickor": "81,3", "pojkar": "83,0", "totalt": "86,2"}
        rad["antal"] = {"flickor": 21, "pojkar": 26, "totalt": 47}  # type: ignore[assignment]
        d["resultat"]["objektiva"]["tabeller"] = [
            {"rubrik": "Behörighet till yrkesprogram, årskurs 9", "mått": "procent", "rader": [rad]}
        ]

    def omrade(d: dict[str, Any]) -> None:
        d["utvecklingsområden"] = [
            {
                "rubrik": "Läsförståelse",
                "varför": "Resultaten i svenska sjunker i årskurs 3.",
                "förväntade_effekter": {
                    "kort_sikt": "Fler elever läser med flyt.",
                    "lång_sikt": "Alla når kravnivån.",
                },
                "insatser": {
                    "kort_sikt": "Lästräning i små grupper.",
                    "lång_sikt": "Gemensam läsplan.",
                },
            }
        ]

    def styrtal(d: dict[str, Any]) -> None:
        d["styrtal"]["1.1.1"]["utfall"] = 89
        d["styrtal"]["2.1.2"]["utfall"] = 4.1
        d["styrtal"]["2.1.2"]["kommentar"] = "Frånvaron har ökat i årskurs 8."

    return [
        lambda d: d["ansvarig"].update(namn="Karin Berg"),
        lambda d: d["ansvarig"].update(roll="rektor för Testskolan"),
        lambda d: d.update(
            beskrivning="Testskolan är en F–9-skola med 320 elever.\n\n"
            "Skolan har 45 anställda och ett fritidshem."
        ),
        lambda d: d["kvalitetsarbete"].update(
            styrkor=["Tydlig årsplanering", "Kollegialt lärande varje vecka"]
        ),
        lambda d: d["kvalitetsarbete"]["styrkor"].append("Elevhälsan deltar i analysen"),
        tabell,
        lambda d: d["kvalitetsarbete"].update(
            bilder=[{"fil": "../bilder/arshjul.svg", "alt": "Årshjulet med uppföljningens forum"}]
        ),
        omrade,
        styrtal,
    ]


def _fyll_i(text: str) -> str:
    for andring in _ifyllnad():
        # each save starts from the file as written (the editor reopens it after a save)
        text = _formular(Rundtur(text, schema=schema()), andring)
    return text


def test_mallen_ifylld_genom_formularet_blir_som_for_hand() -> None:
    mall = (DATA / "mall-grundskola.yaml").read_text(encoding="utf-8")
    orord = Rundtur(mall, schema=schema())
    assert _formular(orord, lambda d: None) == mall  # opened and saved: byte for byte
    forvantad = (DATA / "ifylld-for-hand.yaml").read_text(encoding="utf-8")
    assert _fyll_i(mall) == forvantad


def test_dagens_mall_fran_ny_enhet_fylls_i_utan_felplacerade_kommentarer(
    projekt: Path, runner: CliRunner
) -> None:
    from kvalitet.cli import kvalitet

    svar = runner.invoke(
        kvalitet, ["ny", "enhet", "testskolan", "--namn", "Testskolan", "--skolform", "grundskola"]
    )
    assert svar.exit_code == 0, svar.output
    fil = next(projekt.glob("rapporter/*/testskolan.yaml"))
    text = _fyll_i(fil.read_text(encoding="utf-8"))
    assert "ÄNDRA" not in text
    assert "# utvecklingsområden:" not in text and "# tabeller:" not in text
    for nyckel, kommentar in [
        ("analys:", "# 3 Analys"),
        ("resultat:", "# observerade"),
        ("styrtal:", "# en kommentar"),
    ]:
        assert _rad_fore(text, nyckel).startswith(kommentar), nyckel
    assert _rad_fore(text, "utvecklingsområden:").startswith("# framför raderna")


def test_satt_och_ta_bort_placerar_som_uppdatera() -> None:
    dok = Rundtur(AVSNITT, schema=schema())
    dok.satt(("kvalitetsarbete", "bilder", 0, "fil"), "a.svg")
    assert "  text:\n  bilder:\n    - fil: a.svg\n  # Underavsnitt." in dok.text()
    dok.ta_bort(("kvalitetsarbete", "slutsatser"))
    assert _rad_fore(dok.text(), "analys:").startswith("# 3 Analys")
