"""Röjandekontroll without leaks: statuses of hidden values, complementary cells, the legend."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from kvalitet.berika.roj import SYMBOLER, maskera, maskera_rad
from kvalitet.cli import kvalitet
from kvalitet.modell import Rad

BJORK = Path("rapporter") / "2025-26" / "bjorkbackaskolan.yaml"


def test_status_for_dolt_varde_publiceras_inte(projekt: Path, runner: CliRunner) -> None:
    """8 pupils, all feel safe: 'uppnått' against 87 % would tell that the hidden share is high."""
    fil = projekt / BJORK
    text = fil.read_text(encoding="utf-8")
    gammalt = "  1.1.1:\n    utfall: 89,5\n    flickor: 88\n    pojkar: 91\n    antal: {flickor: 151, pojkar: 162, totalt: 313}\n"
    assert gammalt in text
    fil.write_text(text.replace(gammalt, "  1.1.1:\n    utfall: 100\n    antal: {totalt: 8}\n"))
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    rad = html[html.index("1.1.1</span> Andel elever som känner sig trygga i skolan</th>") :]
    rad = rad[: rad.index("</tr>")]
    assert "Ej redovisat" in rad and "Uppnått" not in rad and "100" not in rad
    assert ">..<" in rad or "..</td>" in rad
    sam = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "ej redovisat" in sam
    text = (projekt / "ut" / "sammanstallning.csv").read_text("utf-8-sig")
    rader = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    rad_csv = next(
        r for r in rader if r["Enhets-id"] == "bjorkbackaskolan" and r["Styrtal"] == "1.1.1"
    )
    assert rad_csv["Status"] == "ej redovisat" and rad_csv["Utfall"] == ".."
    bok = load_workbook(projekt / "ut" / "sammanstallning.xlsx")
    celler = [str(c.value) for blad in bok for rad in blad.iter_rows() for c in rad if c.value]
    assert "ej redovisat" in celler


def test_egen_status_och_ej_aktuellt_publiceras() -> None:
    from kvalitet.berika.roj import publicerad_status
    from kvalitet.modell import Styrtalsresultat

    verklig = Styrtalsresultat.model_validate(
        {"utfall": 100, "status": "uppnått", "antal": {"totalt": 8}}
    )
    visad = verklig.model_copy(update={"utfall": ".."})
    assert publicerad_status("uppnått", verklig, visad) == "uppnått"
    beraknad = Styrtalsresultat.model_validate({"utfall": 100, "antal": {"totalt": 8}})
    assert (
        publicerad_status("uppnått", beraknad, beraknad.model_copy(update={"utfall": ".."}))
        == "ej redovisat"
    )
    stor = Styrtalsresultat.model_validate({"utfall": 95, "antal": {"totalt": 80}})
    assert publicerad_status("uppnått", stor, stor) == "uppnått"


def test_egna_kolumner_dold_del_kan_inte_raknas_fram_ur_totalen() -> None:
    rad = Rad.model_validate({"rad": "Elever", "värden": [40, 60, 50], "antal": [8, 14, 22]})
    ut = maskera_rad(rad, "procent", 10)
    assert ut.varden == ["..", "..", 50]
    assert ut.antal is None
    # no total column (counts do not add up): only the small group is hidden
    rad = Rad.model_validate({"rad": "Elever", "värden": [40, 60, 50], "antal": [8, 14, 30]})
    assert maskera_rad(rad, "procent", 10).varden == ["..", 60, 50]


def test_bara_totalt_antal_doljer_grupperna() -> None:
    ut = maskera({"flickor": 75, "pojkar": 50, "totalt": 62.5}, {"totalt": 8}, "procent", 10)
    assert ut == {"flickor": "..", "pojkar": "..", "totalt": ".."}


def test_tilde_100_forklaras_som_det_ar() -> None:
    text = SYMBOLER["~100"]
    assert "1–4 elever når inte upp" in text and "exakt andel visas inte" in text
    assert "nära 100" not in text


def test_flickor_pojkar_utan_antal_ger_varning(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / BJORK
    text = fil.read_text(encoding="utf-8")
    rad = "\n    antal: {flickor: 21, pojkar: 26, totalt: 47}\n"
    assert rad in text
    fil.write_text(text.replace(rad, "\n", 1), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    assert (
        "varning: styrtal 2.1.1 har värden för flickor och pojkar men inget 'antal'" in res.output
    )
    assert "(lägg till hur många elever värdena bygger på" in res.output
