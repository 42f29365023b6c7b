"""Every mistake a user can make: a located Swedish message and exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

GRUND = """\
namn: Testskolan
skolform: grundskola
huvudman: Testkommun
ansvarig:
  namn: Anna Andersson
  roll: rektor
period: 2025/26
"""


def kontrollera(tmp_path: Path, innehall: str | bytes, namn: str = "testskolan.yaml") -> list[str]:
    """Write one unit file, run 'kvalitet kontrollera', return the error lines (exit must be 1)."""
    (tmp_path / "rapporter").mkdir(exist_ok=True)
    fil = tmp_path / "rapporter" / namn
    if isinstance(innehall, bytes):
        fil.write_bytes(innehall)
    else:
        fil.write_text(innehall, encoding="utf-8")
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    assert res.exit_code == 1, res.output
    return [rad for rad in res.output.splitlines() if ": fel: " in rad]


@pytest.fixture(autouse=True)
def _i_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_tabb_i_indrag(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND.replace("  namn: Anna", "\tnamn: Anna"))
    assert fel.startswith("rapporter/testskolan.yaml:5:1: fel: tabbtecken används för indrag")
    assert "mellanslag" in fel


def test_felaktigt_indrag(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND.replace("skolform: grundskola", "  skolform: grundskola"))
    assert fel.startswith("rapporter/testskolan.yaml:2:")
    assert "indraget är fel" in fel


def test_citattecken_som_aldrig_avslutas(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND.replace("namn: Testskolan", 'namn: "Testskolan'))
    assert fel.startswith(
        "rapporter/testskolan.yaml:1:7: fel: citattecknet på rad 1 avslutas aldrig"
    )


def test_dubbla_nycklar(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND + "namn: Annan skola\n")
    assert fel == (
        "rapporter/testskolan.yaml:8:1: fel: fältet 'namn' förekommer två gånger "
        "(första gången på rad 1) (ta bort det ena eller slå ihop innehållet)"
    )


def test_okant_falt_med_forslag(tmp_path: Path) -> None:
    text = GRUND + "analys:\n  text: Hej\n  slutsatserr:\n    - En slutsats\n"
    (fel,) = kontrollera(tmp_path, text)
    assert fel == (
        "rapporter/testskolan.yaml:10:3: fel: okänt fält 'slutsatserr' under 'analys' – "
        "menade du 'slutsatser'? (ändra till 'slutsatser')"
    )


def test_okant_falt_utan_diakriter(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND + "forvaltning: Barn- och utbildning\n")
    assert "okänt fält 'forvaltning' – menade du 'förvaltning'?" in fel


def test_fel_typ(tmp_path: Path) -> None:
    text = GRUND + "analys:\n  slutsatser:\n    punkt: En slutsats\n"
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith("rapporter/testskolan.yaml:10:5: fel: 'analys.slutsatser' ska vara")
    assert "men är underfält" in fel


def test_saknat_obligatoriskt_falt(tmp_path: Path) -> None:
    text = GRUND + "analys:\n  avsnitt:\n    - text: Analysen.\n"
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith(
        "rapporter/testskolan.yaml:10:7: fel: fältet 'rubrik' saknas under 'analys.avsnitt[1]'"
    )
    assert "lägg till 'rubrik: ...'" in fel


def test_ansvarig_far_saknas(tmp_path: Path) -> None:
    """No invented name on the cover: a report may name no one responsible (or only a role)."""
    (tmp_path / "rapporter").mkdir()
    fil = tmp_path / "rapporter" / "testskolan.yaml"
    fil.write_text(GRUND.replace("  namn: Anna Andersson\n", ""), encoding="utf-8")
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert res.exit_code == 0, res.output
    fil.write_text(GRUND.replace("ansvarig:\n  namn: Anna Andersson\n  roll: rektor\n", ""))
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert res.exit_code == 0, res.output


def test_ogiltigt_varde_med_forslag(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND.replace("skolform: grundskola", "skolform: grundskolan"))
    assert "rapporter/testskolan.yaml:2:11: fel: 'grundskolan' är inget tillåtet värde" in fel
    assert "menade du 'grundskola'?" in fel


def test_ogiltig_period(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND.replace("period: 2025/26", "period: 2025/27"))
    assert fel.startswith(
        "rapporter/testskolan.yaml:7:9: fel: period: läsåret '2025/27' hänger inte ihop"
    )
    assert "'2025/26'" in fel


def test_aktivitet_med_okant_styrtal(tmp_path: Path) -> None:
    text = GRUND + (
        "egna_styrtal:\n"
        "  - id: E.1\n"
        "    text: Trivsel\n"
        "    målvärde: 80\n"
        "    utfall: 85\n"
        "aktiviteter:\n"
        "  - rubrik: Rastaktiviteter\n"
        "    styrtal: [E.2]\n"
    )
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith(
        "rapporter/testskolan.yaml:15:15: fel: styrtalet 'E.2' finns inte i verksamhetsplanen"
    )
    assert "menade du 'E.1'?" in fel


def test_fil_som_inte_ar_utf8(tmp_path: Path) -> None:
    text = GRUND.replace("Anna Andersson", "Åsa Öberg").encode("cp1252")
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith("rapporter/testskolan.yaml:5:9: fel: filen är inte sparad som UTF-8")
    assert "Spara som" in fel


def test_utf8_med_bom_godtas(tmp_path: Path) -> None:
    (tmp_path / "rapporter").mkdir()
    (tmp_path / "rapporter" / "testskolan.yaml").write_bytes(b"\xef\xbb\xbf" + GRUND.encode())
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert " fel:" not in res.output
    assert res.exit_code == 0


def test_tom_fil(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, "# bara en kommentar\n")
    assert fel.startswith("rapporter/testskolan.yaml:1:1: fel: filen är tom")


def test_bild_utan_alttext(tmp_path: Path) -> None:
    (tmp_path / "rapporter" / "bilder").mkdir(parents=True)
    (tmp_path / "rapporter" / "bilder" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = GRUND + "analys:\n  bilder:\n    - fil: bilder/b.png\n"
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith("rapporter/testskolan.yaml:10:7: fel: fältet 'alt' saknas")
    assert "alternativtext" in fel


def test_bild_med_tom_alttext(tmp_path: Path) -> None:
    (tmp_path / "rapporter" / "bilder").mkdir(parents=True)
    (tmp_path / "rapporter" / "bilder" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = GRUND + "analys:\n  bilder:\n    - fil: bilder/b.png\n      alt: ''\n"
    (fel,) = kontrollera(tmp_path, text)
    assert "analys.bilder[1].alt: fältet är tomt" in fel


def test_bild_som_saknas(tmp_path: Path) -> None:
    text = GRUND + "analys:\n  bilder:\n    - fil: bilder/finns-inte.png\n      alt: Ett diagram\n"
    (fel,) = kontrollera(tmp_path, text)
    assert fel.startswith(
        "rapporter/testskolan.yaml:10:12: fel: analys.bilder[1].fil: filen 'bilder/finns-inte.png' finns inte"
    )


def test_tabell_med_decimalkomma_i_hakparentes(tmp_path: Path) -> None:
    text = GRUND + (
        "analys:\n  tabeller:\n    - rubrik: Behörighet\n      kolumner: [2024, 2025]\n"
        "      rader:\n        - rad: Skolan\n          värden: [81,3, 83,0]\n"
    )
    (fel,) = kontrollera(tmp_path, text)
    assert "har 4 värden men tabellen har 2 kolumner" in fel
    assert "'81,3'" in fel


def test_filnamn_med_versaler_och_mellanslag(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND, namn="Test Skolan.yaml")
    assert "döp om filen till 'test-skolan.yaml'" in fel


def test_objekttaggar_kors_aldrig(tmp_path: Path) -> None:
    text = GRUND + "sammanfattning: !!python/object/apply:os.system ['touch hackad']\n"
    (fel,) = kontrollera(tmp_path, text)
    assert "taggen" in fel and "är inte tillåten" in fel
    assert not (tmp_path / "hackad").exists()


def test_alla_fel_samlas_i_samma_korning(tmp_path: Path) -> None:
    (tmp_path / "rapporter").mkdir()
    (tmp_path / "rapporter" / "a.yaml").write_text(GRUND.replace("grundskola", "skola"))
    fel = kontrollera(tmp_path, GRUND + "okand: 1\n", namn="b.yaml")
    assert [f.split(":")[0] for f in fel] == ["rapporter/a.yaml", "rapporter/b.yaml"]


def test_html_i_text_ger_varning(tmp_path: Path) -> None:
    (tmp_path / "rapporter").mkdir()
    text = GRUND + "sammanfattning: 'Hej <script>alert(1)</script> [x](javascript:alert(1))'\n"
    (tmp_path / "rapporter" / "testskolan.yaml").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert res.exit_code == 0
    assert (
        "rapporter/testskolan.yaml:8:17: varning: 'sammanfattning' innehåller HTML-koden "
        "'<script>'" in res.output
    )
    assert "har en länk av typen 'javascript:', som tas bort" in res.output


def test_gammal_verksamhetsplan_i_enhetsfilen_far_rad(tmp_path: Path) -> None:
    (fel,) = kontrollera(tmp_path, GRUND + "verksamhetsplan:\n  perspektiv: []\n")
    assert fel.startswith(
        "rapporter/testskolan.yaml:8:1: fel: verksamhetsplanen hör hemma i huvudmannafilen"
    )
    assert "docs/huvudman.md" in fel
