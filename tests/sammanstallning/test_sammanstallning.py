"""The huvudman's sammanställning: content, counts, exports and many units."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.modell.status import styrtalsstatus
from kvalitet.modell.verksamhetsplan import galler_for

PERIOD = Path("rapporter") / "2025-26"


def _csv(fil: Path) -> list[dict[str, str]]:
    data = fil.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV ska ha BOM för Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _forvantat(rot: Path) -> tuple[set[tuple[str, str]], Counter[str]]:
    """Unit × styrtal pairs and status counts computed straight from the files."""
    lage = las_period(hitta_projekt(rot))
    par: set[tuple[str, str]] = set()
    antal: Counter[str] = Counter()
    marginal = lage.huvudman.installningar.delvis_marginal
    for k in lage.enheter:
        for ps in galler_for(lage.huvudman, k.rapport.skolform):
            par.add((k.id, ps.styrtal.id))
            antal[styrtalsstatus(ps.styrtal, k.rapport.styrtal.get(ps.styrtal.id), marginal)] += 1
    return par, antal


def test_varje_enhet_och_styrtal_i_csv_och_xlsx(byggt_exempel: Path) -> None:
    par, antal = _forvantat(byggt_exempel.parent)
    rader = _csv(byggt_exempel / "sammanstallning.csv")
    assert list(rader[0]) == [
        "Period", "Enhets-id", "Enhet", "Skolform", "Område", "Styrtal", "Styrtalets text",
        "Målvärde", "Utfall", "Flickor", "Pojkar", "Status",
    ]  # fmt: skip
    assert {(r["Enhets-id"], r["Styrtal"]) for r in rader} == par
    assert len(rader) == len(par)
    assert Counter(r["Status"] for r in rader) == antal
    bjork = {r["Styrtal"]: r for r in rader if r["Enhets-id"] == "bjorkbackaskolan"}
    assert bjork["1.1.1"]["Utfall"] == "89,5"  # decimalkomma, som svenska Excel läser

    bok = load_workbook(byggt_exempel / "sammanstallning.xlsx")
    assert bok.sheetnames == ["Förskola", "Grundskola", "Gymnasieskola", "Annan"]
    csv_utfall = {(r["Enhets-id"], r["Styrtal"]): r["Utfall"] for r in rader}
    xlsx_par = set()
    numeriska = 0
    for blad in bok.worksheets:
        assert blad.freeze_panes == "A2"
        rubriker = [c.value for c in blad[1]]
        assert rubriker[:3] == ["Period", "Enhets-id", "Enhet"]
        for rad in blad.iter_rows(min_row=2):
            nyckel = (rad[1].value, rad[5].value)
            xlsx_par.add(nyckel)
            if re.fullmatch(r"-?\d+(,\d+)?", csv_utfall[nyckel]):
                assert rad[8].data_type == "n", (nyckel, rad[8].value)
                assert rad[8].value == float(csv_utfall[nyckel].replace(",", "."))
                numeriska += 1
    assert xlsx_par == par
    assert numeriska >= 10


def test_raknade_antal_stammer_med_enheternas_filer(byggt_exempel: Path) -> None:
    _, antal = _forvantat(byggt_exempel.parent)
    html = (byggt_exempel / "sammanstallning.html").read_text(encoding="utf-8")
    rad = re.search(r"<dt>Styrtal</dt><dd>(.*?)</dd>", html).group(1)
    assert rad == (
        f"{antal['uppnått']} uppnått, {antal['delvis uppnått']} delvis uppnått, "
        f"{antal['ej uppnått']} ej uppnått, {antal['saknas']} saknas"
    )
    assert "6 enheter har lämnat rapport för 2025/26: 1 godkänd, 4 klara och 1 utkast." in html


def test_utkast_visas_som_utkast(byggt_exempel: Path) -> None:
    html = (byggt_exempel / "sammanstallning.html").read_text(encoding="utf-8")
    assert re.search(
        r'<tr class="rapport-utkast"><th scope="row"><a href="alvmora-gymnasium.html">Älvmora gymnasium</a></th>.*?<td>Utkast</td>',
        html,
    )
    assert (
        '<a href="alvmora-gymnasium.html">Älvmora gymnasium</a> <span class="utkastmarkering">(utkast)</span>'
        in html
    )


def test_slutsatser_lankar_till_enheternas_rapporter(byggt_exempel: Path) -> None:
    html = (byggt_exempel / "sammanstallning.html").read_text(encoding="utf-8")
    assert (
        '<h3 id="slutsats-resurscentrum" class="rubrik onumrerad"><a href="resurscentrum.html">Resurscentrum</a></h3>'
        in html
    )
    assert "Elevhälsoarbetet behöver flytta tyngdpunkten" in html
    pdf = PdfReader(byggt_exempel / "sammanstallning.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert b'pdfuaid:part="1"' in pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert "Älvmora kommun, Sammanställning 2(" in pdf.pages[1].extract_text()


def test_enhet_som_saknar_rapport_listas(projekt: Path, runner: CliRunner) -> None:
    (projekt / PERIOD / "bjorkbackaskolan.yaml").unlink()
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "1 enhet som rapporterade 2024/25 saknar rapport." in html
    assert "<li>Björkbackaskolan (bjorkbackaskolan)</li>" in html
    assert not (projekt / "ut" / "resurscentrum.html").exists(), "bara sammanställningen byggs"


def test_dolda_varden_ar_dolda_aven_i_exporterna(byggt_exempel: Path) -> None:
    text = (byggt_exempel / "sammanstallning.csv").read_bytes().decode("utf-8-sig")
    bok = load_workbook(byggt_exempel / "sammanstallning.xlsx")
    celler = " ".join(str(c.value) for b in bok.worksheets for r in b.iter_rows() for c in r)
    for dolt in ("95,2", "95.2", "80,6", "80.6", "66,7", "66.7", "72,2", "72.2"):
        assert dolt not in text and dolt not in celler


@pytest.fixture(scope="module")
def manga_enheter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project with 70 units (45 grundskolor, 25 förskolor)."""
    rot = tmp_path_factory.mktemp("manga")
    shutil.copytree(Path(__file__).resolve().parents[2] / "rapporter", rot / "rapporter")
    mapp = rot / PERIOD
    skola = (mapp / "bjorkbackaskolan.yaml").read_text(encoding="utf-8")
    forskola = (mapp / "forskolan-lingonet.yaml").read_text(encoding="utf-8")
    for i in range(45):
        text = skola.replace("namn: Björkbackaskolan", f"namn: Skola {i:02d} i Älvmora")
        text = text.replace("utfall: 89,5", f"utfall: {70 + i % 25},5")
        text = text.replace("Område Norr", ["Område Norr", "Område Söder", "Område Öster"][i % 3])
        (mapp / f"skola-{i:02d}.yaml").write_text(text, encoding="utf-8")
    for i in range(25):
        text = forskola.replace("namn: Förskolan Lingonet", f"namn: Förskolan Nr {i:02d}")
        (mapp / f"forskola-{i:02d}.yaml").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(kvalitet, ["sammanstall", str(rot), "--format", "pdf"])
    assert res.exit_code == 0, res.output
    return rot / "ut"


def test_matrisens_rubrikrad_upprepas_pa_varje_sida(manga_enheter: Path) -> None:
    reader = PdfReader(manga_enheter / "sammanstallning.pdf")
    grundskolesidor = [
        i
        for i, sida in enumerate(reader.pages)
        if "Skola " in sida.extract_text()
        and "Uppnått" in sida.extract_text()
        and "Spridning" not in sida.extract_text()
    ]
    assert len(grundskolesidor) >= 2, "grundskolans matris ska gå över flera sidor"
    for i in grundskolesidor:
        sida = reader.pages[i]
        text = re.sub(r"\s+", " ", sida.extract_text())
        assert re.search(r"Enhet Område 1\.1\.1", text), f"sida {i + 1} saknar rubrikraden"
        assert sida.mediabox.width > sida.mediabox.height, f"sida {i + 1} ska vara liggande"
    rader = _csv(manga_enheter / "sammanstallning.csv")
    assert len({r["Enhets-id"] for r in rader}) == 76


def test_svensk_numerusbojning_i_statusraden(projekt: Path, runner: CliRunner) -> None:
    """'1 enheter har lämnat rapport' read wrong: a count agrees with its noun."""
    for fil in (
        "bjorkbackaskolan",
        "bjorkbackaskolan-mellanstadiet",
        "forskolan-lingonet",
        "lingonet-blabaret",
        "alvmora-gymnasium",
    ):
        (projekt / "rapporter" / "2025-26" / f"{fil}.yaml").unlink()
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "1 enhet har lämnat rapport för 2025/26: 1 godkänd, 0 klara och 0 utkast." in html
    assert "1 enheter" not in html
    assert "1 enhet som rapporterade 2024/25 saknar rapport." in html
