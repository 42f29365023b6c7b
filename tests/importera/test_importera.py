"""kvalitet importera: each source format, a dry run, writing, symbols, and a round trip."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kvalitet.cli import kvalitet
from kvalitet.importera.tabell import las_tabell
from kvalitet.importera.varde import SYMBOLER, tolka

DATA = Path(__file__).resolve().parents[1] / "data" / "importera"
BJORK = Path("rapporter") / "2025-26" / "bjorkbackaskolan.yaml"


@pytest.fixture
def importprojekt(projekt: Path) -> Path:
    (projekt / "statistik").mkdir()
    for fil in DATA.iterdir():
        shutil.copy(fil, projekt / "statistik" / fil.name)
    karta = projekt / "statistik" / "karta.yaml"
    karta.write_text(karta.read_text(encoding="utf-8").replace("  - fil: ", "  - fil: statistik/"))
    # the unit's own values for 2.1.1 are left for the import to fill in
    fil = projekt / BJORK
    text = fil.read_text(encoding="utf-8")
    gammalt = "  2.1.1:\n    utfall: 86,2\n    flickor: 90,5\n    pojkar: 80,8\n    antal: {flickor: 21, pojkar: 26, totalt: 47}\n"
    assert gammalt in text
    fil.write_text(text.replace(gammalt, "  2.1.1:\n"), encoding="utf-8")
    return projekt


def _kor(runner: CliRunner, *argument: str) -> str:
    res = runner.invoke(kvalitet, ["importera", "--karta", "statistik/karta.yaml", *argument])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res.output


def test_torrkorning_skriver_ingenting(importprojekt: Path, runner: CliRunner) -> None:
    fore = {f: f.read_bytes() for f in (importprojekt / "rapporter").rglob("*.yaml")}
    utdata = _kor(runner, "statistik/skolverket-behorighet-2025-26.csv")
    assert "+++ b/rapporter/2025-26/bjorkbackaskolan.yaml" in utdata
    assert "+    utfall: 88,1" in utdata
    assert "skulle ändras" in utdata and "Kör med --skriv" in utdata
    assert "'51726394' (skolenhetskod) finns inte i någon enhetsfil" in utdata
    assert {f: f.read_bytes() for f in (importprojekt / "rapporter").rglob("*.yaml")} == fore


def test_skolverket_csv_med_symboler_och_kalla(importprojekt: Path, runner: CliRunner) -> None:
    _kor(runner, "statistik/skolverket-behorighet-2025-26.csv", "--skriv")
    text = (importprojekt / BJORK).read_text(encoding="utf-8")
    blocket = text[text.index("  2.1.1:\n") :].split("  2.1.2:")[0]
    assert "utfall: 88,1" in blocket
    assert "flickor: ~100" in blocket or "flickor: '~100'" in blocket
    assert "pojkar: .." in blocket or "pojkar: '..'" in blocket
    assert "totalt: 47" in blocket
    assert (
        "källa: statistik/skolverket-behorighet-2025-26.csv rad 6" in blocket
        or "källa: skolverket-behorighet-2025-26.csv rad 6" in blocket
    )
    assert "# Resultat för huvudmannens styrtal" in text  # comments survive


def test_andra_gangen_gor_ingenting(importprojekt: Path, runner: CliRunner) -> None:
    _kor(runner, "--skriv")
    efter = {f: f.read_bytes() for f in (importprojekt / "rapporter").rglob("*.yaml")}
    utdata = _kor(runner, "--skriv")
    assert "0 enheter för 2025/26 ändrades" in utdata
    assert {f: f.read_bytes() for f in (importprojekt / "rapporter").rglob("*.yaml")} == efter


def test_forfattarens_varde_skrivs_inte_over_utan_flagga(
    importprojekt: Path, runner: CliRunner
) -> None:
    utdata = _kor(runner, "statistik/enkat-2026.csv", "--skriv")
    assert "styrtal 1.1.1 utfall: behåller '89,5'" in utdata
    assert "utfall: 89,5" in (importprojekt / BJORK).read_text(encoding="utf-8")
    _kor(runner, "statistik/enkat-2026.csv", "--skriv", "--skriv-over")
    text = (importprojekt / BJORK).read_text(encoding="utf-8")
    assert "utfall: 90,2" in text[text.index("  1.1.1:") :]


def test_andrad_rubrik_och_api_och_kolada(importprojekt: Path, runner: CliRunner) -> None:
    tabell = las_tabell(DATA / "skolverket-behorighet-2024-25.csv", "Skol-enhetskod")
    assert tabell.banner[0] == "Statistik från Skolverket"
    assert tabell.kolumn(["Andel (%) behöriga till yrkesprogram", "Behöriga yrkesprogram (%)"]) == 7
    utdata = _kor(runner, "statistik/skolverket-api.json")
    assert "+    utfall: 88,1" in utdata
    utdata = _kor(runner, "statistik/kolada-ou.json", "statistik/kolada-kommun.json", "--skriv")
    text = (importprojekt / BJORK).read_text(encoding="utf-8")
    blocket = text[text.index("  2.1.1:\n") :].split("  2.1.2:")[0]
    assert "pojkar: 84,6" in blocket and ("flickor: ." in blocket or "flickor: '.'" in blocket)
    assert "riket: 85,1" in blocket and "kommunen: 83,0" in blocket
    assert "'V15E999900199' (kolada_ou) finns inte i någon enhetsfil" in utdata


def test_rundtur_till_html_pdf_och_csv(importprojekt: Path, runner: CliRunner) -> None:
    _kor(
        runner,
        "statistik/skolverket-behorighet-2025-26.csv",
        "statistik/kolada-kommun.json",
        "--skriv",
    )
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert kontroll.exit_code == 0, kontroll.output
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "bjorkbackaskolan"])
    assert res.exit_code == 0, res.output
    html = (importprojekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert "88,1\u00a0%" in html and "~100" in html
    assert "Källa: 2.1.1: skolverket-behorighet-2025-26.csv rad 6" in html
    assert ">Riket<" in html and "85,1\u00a0%" in html
    assert (
        "Riket: 2025/26 85,1 procent" in html or "Riket: 2025/26 85,1" in html
    )  # in the chart too
    from pypdf import PdfReader

    pdf = " ".join(
        s.extract_text() for s in PdfReader(importprojekt / "ut" / "bjorkbackaskolan.pdf").pages
    )
    assert "88,1" in pdf and "Riket" in pdf
    assert runner.invoke(kvalitet, ["sammanstall", "--format", "html"]).exit_code == 0
    csv = (importprojekt / "ut" / "sammanstallning.csv").read_text(encoding="utf-8-sig")
    rad = next(
        r for r in csv.splitlines() if r.startswith("2025/26;bjorkbackaskolan;") and ";2.1.1;" in r
    )
    assert ";88,1;~100;..;" in rad


def test_kartfil_med_fel_pekar_pa_raden(importprojekt: Path, runner: CliRunner) -> None:
    karta = importprojekt / "statistik" / "karta.yaml"
    karta.write_text(
        karta.read_text(encoding="utf-8").replace("format: kolada", "format: koladaa", 1)
    )
    res = runner.invoke(kvalitet, ["importera", "--karta", "statistik/karta.yaml"])
    assert res.exit_code == 1
    assert (
        "statistik/karta.yaml:" in res.output and "'koladaa' är inget tillåtet värde" in res.output
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(SYMBOLER),
            st.floats(0, 100, allow_nan=False).map(lambda x: f"{x:.1f}".replace(".", ",")),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_symbol_blir_aldrig_tal(celler: list[str]) -> None:
    for cell in celler:
        varde = tolka(cell)
        if cell in SYMBOLER:
            assert varde == cell
        else:
            assert isinstance(varde, int | float)


def test_slumpade_csv_ger_aldrig_tal_for_symbol(tmp_path: Path) -> None:
    slump = random.Random(7)
    for n in range(100):
        rader = ["Statistik från Skolverket", "", "Skolenhetskod;A;B;"]
        facit = []
        for i in range(slump.randint(1, 6)):
            celler = [slump.choice([*SYMBOLER, "12,5", "0", "99,9", "1 266"]) for _ in range(2)]
            facit.append(celler)
            rader.append(f"{10000000 + i};{celler[0]};{celler[1]};")
        fil = tmp_path / f"slump{n}.csv"
        fil.write_text("\n".join(rader), encoding="utf-8")
        tabell = las_tabell(fil, "Skolenhetskod")
        for (_, rad), celler in zip(tabell.rader, facit, strict=True):
            for kalla_, varde in zip(celler, rad[1:3], strict=True):
                tolkat = tolka(varde)
                assert (tolkat == kalla_) if kalla_ in SYMBOLER else isinstance(tolkat, int | float)


def test_xlsx_med_bannerrader_och_andrad_rubrik() -> None:
    tabell = las_tabell(
        DATA / "skolverket-behorighet-2024-25.xlsx", ["Skol-enhetskod", "Skolenhetskod"]
    )
    assert tabell.banner[0] == "Statistik från Skolverket"
    kolumn = tabell.kolumn(["Andel (%) behöriga till yrkesprogram", "Behöriga yrkesprogram (%)"])
    assert kolumn is not None
    ((_, rad),) = tabell.rader
    assert tolka(rad[kolumn]) == 84.0
    assert tolka(rad[kolumn + 1]) == "-"
