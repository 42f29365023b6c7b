"""Röjandekontrollen per sorts data and without derivable values: the reproductions of issue 26
(a guardian survey masked as pupils, a total without a count, a total row, the list form, a
group more exact than its total), the legend's words, and the notes of ``kontrollera``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from kvalitet.berika.roj import maskera, maskera_tabell
from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_yaml
from kvalitet.kontroll.maskering import maskerade_varden
from kvalitet.kontroll.roj_regler import valj_slag
from kvalitet.kontroll.validera import validera_enhet, validera_huvudman
from kvalitet.modell import Tabell

BJORK = Path("rapporter") / "2025-26" / "bjorkbackaskolan.yaml"
LINGON = Path("rapporter") / "2025-26" / "forskolan-lingonet.yaml"
GAMMAL_111 = (
    "  1.1.1:\n    utfall: 89,5\n    flickor: 88\n    pojkar: 91\n"
    "    antal: {flickor: 151, pojkar: 162, totalt: 313}\n"
)


def _byt(fil: Path, gammalt: str, nytt: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert gammalt in text
    fil.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


def test_sort_efter_matt_skolform_och_text() -> None:
    assert valj_slag(None, "grundskola", "procent", "Andel elever med betyget E") == "elever"
    assert valj_slag(None, "förskola", "procent", "Andel barn som ...") == "barn"
    text = "Andel vårdnadshavare som anser att barnet känner sig tryggt"
    assert valj_slag(None, "förskola", "procent", text) == "svarande"
    assert valj_slag(None, "grundskola", "skala", "Nöjdhet") == "svarande"
    assert valj_slag(None, "grundskola", "text", "x") == "ingen"
    assert valj_slag("elever", "förskola", "procent", "Vårdnadshavarenkät") == "elever"


def test_svarande_far_ingen_nara_hundra() -> None:
    """Issue: 87,1 % of 31 respondents printed as ~100; 93,8/95,5/92,3 % of 48 too."""
    assert maskera({"totalt": 87.1}, {"totalt": 31}, "procent", 10, "svarande") == {"totalt": 87.1}
    for andel in (93.8, 95.5, 92.3):
        ut = maskera({"totalt": andel}, {"totalt": 48}, "procent", 10, "svarande")
        assert ut == {"totalt": andel}
        # the same figure for pupils is ~100: 2–3 of 48 pupils did not reach
        assert maskera({"totalt": andel}, {"totalt": 48}, "procent", 10)["totalt"] == "~100"
    # the threshold still holds for respondents
    assert maskera({"totalt": 80}, {"totalt": 5}, "procent", 10, "svarande") == {"totalt": ".."}


def test_vardnadshavarenkat_i_forskolan_ar_svarande(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / LINGON
    _byt(fil, "  1.1.4:\n    utfall: 96\n", "  1.1.4:\n    utfall: 87,1\n    antal: {totalt: 31}\n")
    _byt(
        fil,
        "              - rad: Mitt barn känner sig tryggt på förskolan\n"
        "                värden: [94, 96]\n",
        "              - rad: Mitt barn känner sig tryggt på förskolan\n"
        "                värden: [94, 96]\n                antal: [6, 48]\n",
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "html", "--enhet", "forskolan-lingonet"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "forskolan-lingonet.html").read_text(encoding="utf-8")
    assert "87,1" in html and "~100" not in html
    # 6 respondents are too few: '..', and the legend speaks of respondents, not pupils
    assert "uppgiften bygger på färre än 10 svarande" in html
    assert "färre än 10 elever" not in html


def test_barn_i_forskolans_teckenforklaring() -> None:
    t = Tabell.model_validate(
        {
            "rubrik": "Barn som deltar i språkgruppen",
            "mått": "procent",
            "rader": [{"rad": "Avd 1", "totalt": 95, "antal": {"totalt": 40}}],
        }
    )
    slag = valj_slag(t.rojande, "förskola", t.matt, t.rubrik)
    ut = maskera_tabell(t, slag, 10)
    assert ut.rader[0].totalt == "~100" and ut.rojande == "barn"
    from kvalitet.berika.roj import forklaring

    assert forklaring(["barn"], 10)["~100"].startswith("1–4 barn når inte upp")
    assert "färre än 10 barn" in forklaring(["barn"], 10)[".."]
    assert "färre än 10 elever eller svarande" in forklaring(["elever", "svarande"], 10)[".."]


def test_a_totalen_utan_antal_doljs_overallt(projekt: Path, runner: CliRunner) -> None:
    """(a) utfall 42,9 with antal {flickor: 4, pojkar: 3}: the total (7 pupils) is hidden in
    the report, its chart and text, the status, CSV, XLSX, sammanställning and huvudmannens
    rapport."""
    ny = (
        "  1.1.1:\n    utfall: 42,9\n    flickor: 50\n    pojkar: 33,3\n"
        "    antal: {flickor: 4, pojkar: 3}\n"
    )
    _byt(projekt / BJORK, GAMMAL_111, ny)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    ut = projekt / "ut"
    for namn in ("bjorkbackaskolan.html", "sammanstallning.html", "huvudmannens-rapport.html"):
        html = (ut / namn).read_text(encoding="utf-8")
        assert "42,9" not in html and ">42.9" not in html, namn
    html = (ut / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    rad = html[html.index("1.1.1</span> Andel elever som känner sig trygga i skolan</th>") :]
    rad = rad[: rad.index("</tr>")]
    assert "Ej redovisat" in rad and "Ej uppnått" not in rad
    rader = list(
        csv.DictReader(
            io.StringIO((ut / "sammanstallning.csv").read_text("utf-8-sig")), delimiter=";"
        )
    )
    cell = next(
        r for r in rader if r["Enhets-id"] == "bjorkbackaskolan" and r["Styrtal"] == "1.1.1"
    )
    assert cell["Utfall"] == ".." and cell["Status"] == "ej redovisat"
    bok = load_workbook(ut / "sammanstallning.xlsx")
    celler = [str(c.value) for blad in bok for r in blad.iter_rows() for c in r if c.value]
    assert not any("42,9" in c or "42.9" in c for c in celler)
    res = runner.invoke(kvalitet, ["bygg", "--format", "pdf", "--enhet", "bjorkbackaskolan"])
    assert res.exit_code == 0, res.output
    pdf = " ".join(s.extract_text() for s in PdfReader(ut / "bjorkbackaskolan.pdf").pages)
    assert "42,9" not in pdf and "Ej redovisat" in pdf
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    rad_nr = ny.count("\n", 0, ny.index("utfall"))  # the line of 'utfall' within the block
    start = (projekt / BJORK).read_text(encoding="utf-8").index(ny)
    forvantad = (projekt / BJORK).read_text(encoding="utf-8").count("\n", 0, start) + 1 + rad_nr
    assert (
        f"bjorkbackaskolan.yaml:{forvantad}:13: upplysning: styrtal 1.1.1, utfallet: 42,9 visas "
        "som .. eftersom utfallet inte har något antal och flickor (4) och pojkar (3) "
        "tillsammans är 7 elever, färre än 10"
    ) in res.output


def test_b_summaraden_ger_inte_tillbaka_den_dolda_raden() -> None:
    t = Tabell.model_validate(
        {
            "rubrik": "b",
            "mått": "antal",
            "rader": [
                {"rad": "Åk 7", "totalt": 3, "antal": {"totalt": 6}},
                {"rad": "Åk 8", "totalt": 12, "antal": {"totalt": 40}},
                {"rad": "Samtliga", "totalt": 15, "antal": {"totalt": 46}},
            ],
        }
    )
    ut = maskera_tabell(t, "elever", 10)
    assert [r.totalt for r in ut.rader] == ["..", "..", 15]


def test_b_summaraden_kanns_igen_pa_antalen() -> None:
    t = Tabell.model_validate(
        {
            "rubrik": "b",
            "mått": "procent",
            "rader": [
                {"rad": "Åk 7", "totalt": 50, "antal": {"totalt": 6}},
                {"rad": "Åk 8", "totalt": 75, "antal": {"totalt": 40}},
                {"rad": "Åk 9", "totalt": 80, "antal": {"totalt": 30}},
                {"rad": "Skolan", "totalt": 75.4, "antal": {"totalt": 76}},
            ],
        }
    )
    ut = maskera_tabell(t, "elever", 10)
    assert [r.totalt for r in ut.rader] == ["..", 75, "..", 75.4]


def test_c_listformen_som_dictformen() -> None:
    t = Tabell.model_validate(
        {
            "rubrik": "c",
            "mått": "antal",
            "kolumner": ["Åk 7", "Åk 8", "Åk 9", "Samtliga"],
            "rader": [{"rad": "Elever", "värden": [4, 12, 9, 25], "antal": [6, 40, 38, None]}],
        }
    )
    assert maskera_tabell(t, "elever", 10).rader[0].varden == ["..", 12, "..", 25]
    # without a telling header: the values of 'mått: antal' add up
    data = t.model_dump(by_alias=True, exclude_none=True)
    data["kolumner"] = ["A", "B", "C", "D"]
    assert maskera_tabell(Tabell.model_validate(data), "elever", 10).rader[0].varden == [
        "..",
        12,
        "..",
        25,
    ]


def test_d_gruppen_inte_exaktare_an_totalen() -> None:
    ut = maskera({"totalt": 97.5, "flickor": 100, "pojkar": 95}, {"totalt": 40}, "procent", 10)
    assert ut == {"totalt": "~100", "flickor": 100, "pojkar": "~100"}


def test_d_diagrammets_text_och_csv_visar_inte_pojkarna(projekt: Path, runner: CliRunner) -> None:
    ny = "  1.1.1:\n    utfall: 97,5\n    flickor: 100\n    pojkar: 95\n    antal: {totalt: 40}\n"
    _byt(projekt / BJORK, GAMMAL_111, ny)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    styrtal = html[html.index("1.1.1</span>") :]
    styrtal = styrtal[: styrtal.index("1.1.2</span>")]
    assert "95" not in styrtal.replace("95,", "")  # neither the table nor the chart text
    assert "97,5" not in html
    text = (projekt / "ut" / "sammanstallning.csv").read_text("utf-8-sig")
    assert ";95;" not in text and "97,5" not in text


def test_maskerade_varden_med_sokvag_och_skal(projekt: Path) -> None:
    """The function h2's differential check calls: each hidden value, its path and reason."""
    hkalla = las_yaml(projekt / "rapporter" / "2025-26" / "huvudman.yaml")
    huvudman, _ = validera_huvudman(hkalla, projekt)
    rapport, _ = validera_enhet(las_yaml(projekt / BJORK), projekt, huvudman)
    assert rapport is not None
    varden = {m.sokvag: m for m in maskerade_varden(rapport, huvudman)}
    idrott = next(m for m in varden.values() if m.varde == 95.2)
    assert idrott.symbol == "~100" and "1 av 21 elever inte når upp" in idrott.skal
    assert idrott.sokvag[-1] == "flickor" and "rader" in idrott.sokvag
    assert varden[("styrtal", "2.1.1", "pojkar")].symbol == ".."


def test_delaktighetsvarningen_sager_barn_i_forskolan(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / LINGON
    text = fil.read_text(encoding="utf-8")
    start = text.index("delaktighet:\n")
    slut = text.index("kvalitetsarbete:\n")
    fil.write_text(text[:start] + text[slut:], encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    rad = next(r for r in res.output.splitlines() if "har deltagit" in r)
    assert "personal, barn och vårdnadshavare" in rad and "elever och" not in rad


def test_sammanstallningens_teckenforklaring_sager_svarande(
    projekt: Path, runner: CliRunner
) -> None:
    _byt(
        projekt / LINGON,
        "  1.1.4:\n    utfall: 96\n",
        "  1.1.4:\n    utfall: 80\n    antal: {totalt: 5}\n",
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    sam = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "<dt>..</dt>" in sam
    assert "uppgiften bygger på färre än 10 svarande" in sam
    assert "färre än 10 elever" not in sam
    enhet = (projekt / "ut" / "forskolan-lingonet.html").read_text(encoding="utf-8")
    mal = enhet[enhet.index("1.1.4</span>") :]
    mal = mal[: mal.index("</dl>")]
    assert "<dt>..</dt><dd>uppgiften bygger på färre än 10 svarande" in mal
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    assert (
        "upplysning: styrtal 1.1.4, utfallet: 80 visas som .. eftersom det bygger på 5 svarande, "
        "färre än 10"
    ) in res.output


def test_manga_dolda_varden_i_en_tabell_star_pa_en_rad(projekt: Path) -> None:
    from kvalitet.kontroll.maskering import maskeringsnoter

    fil = projekt / BJORK
    rader = "".join(
        f"          - rad: Klass {i}\n            totalt: 50\n            antal: {{totalt: 6}}\n"
        for i in range(7)
    )
    _byt(
        fil,
        "resultat:\n",
        "resultat:\n  innehåll:\n    - tabell:\n        rubrik: Små klasser\n"
        f"        mått: procent\n        rader:\n{rader}",
    )
    kalla = las_yaml(fil)
    hkalla = las_yaml(projekt / "rapporter" / "2025-26" / "huvudman.yaml")
    huvudman, _ = validera_huvudman(hkalla, projekt)
    rapport, problem = validera_enhet(kalla, projekt, huvudman)
    assert rapport is not None, [p.visa() for p in problem]
    noter = [t for _, _, t in maskeringsnoter(kalla, rapport, huvudman)]
    sma = [t for t in noter if "Små klasser" in t]
    assert len(sma) == 1 and sma[0].startswith("tabellen 'Små klasser': 7 värden döljs: rad ")


def test_upplysningar_raknas_inte_som_varningar(projekt: Path, runner: CliRunner) -> None:
    """A correctly masked report passes --strikt: each hidden value is a note at its line."""
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan", "--strikt"])
    assert res.exit_code == 0, res.output
    assert res.output.endswith("1 rapport för 2025/26 kontrollerad: 0 fel och 0 varningar.\n")
    assert (
        "bjorkbackaskolan.yaml:123:26: upplysning: tabellen 'Behörighet och meritvärde, årskurs "
        "9, läsåret 2025/26', raden 'Andel med lägst E i idrott och hälsa', flickor: 95,2 visas "
        "som ~100 eftersom 1 av 21 elever inte når upp (1–4 pekar ut enskilda)"
    ) in res.output
    assert res.output.count("upplysning:") == 6


def test_antal_i_fel_form_ger_varning_pa_raden(projekt: Path) -> None:
    """Counts the masking cannot use would leave the row unprotected: warned at 'antal'."""
    fil = projekt / BJORK
    _byt(
        fil,
        "resultat:\n",
        "resultat:\n  innehåll:\n    - tabell:\n        rubrik: Fel form\n"
        "        kolumner: [A, B]\n        rader:\n"
        "          - rad: Lista\n            värden: [50, 60]\n"
        "            antal: {totalt: 6}\n"
        "          - rad: Kort\n            värden: [50, 60]\n            antal: [6]\n"
        "    - tabell:\n        rubrik: Grupper\n        rader:\n"
        "          - rad: Grupper\n            totalt: 50\n            antal: [6, 7]\n",
    )
    kalla = las_yaml(fil)
    hkalla = las_yaml(projekt / "rapporter" / "2025-26" / "huvudman.yaml")
    huvudman, _ = validera_huvudman(hkalla, projekt)
    _, problem = validera_enhet(kalla, projekt, huvudman)
    rader = fil.read_text(encoding="utf-8").splitlines()
    varningar = {p.rad: p.vad for p in problem if "röjandekontrollen kan inte" in p.vad}
    assert len(varningar) == 3, [p.visa() for p in problem]
    for nr, vad in varningar.items():
        assert rader[nr - 1].strip().startswith("antal:"), (nr, vad)
    assert any("har 2 värden men 1 antal" in v for v in varningar.values())
    assert any(
        "har 'värden' men 'antal' per flickor/pojkar/totalt" in v for v in varningar.values()
    )
    assert any(
        "har flickor/pojkar/totalt men 'antal' som en lista" in v for v in varningar.values()
    )
