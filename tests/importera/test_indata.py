"""Hostile import input (issue 25, point 6): cells that look almost like numbers, sources outside
the project, sources too large to read, and a unit whose aliases expand to gigabytes (point 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.importera.kallfil import MAX_KALLBYTES
from kvalitet.importera.varde import tolka

DATA = Path(__file__).resolve().parents[1] / "data" / "importera"
BJORK = Path("rapporter") / "2025-26" / "bjorkbackaskolan.yaml"
CSV = "skolverket-behorighet-2025-26.csv"
RAD = "Björkbackaskolan;29384756;Älvmora;9999;Kommunal;Älvmora kommun;47;88,1;~100;..;"


@pytest.fixture
def kallprojekt(projekt: Path) -> Path:
    """The example project with the Skolverket CSV and a mapping that reads only it."""
    (projekt / "statistik").mkdir()
    shutil.copy(DATA / CSV, projekt / "statistik" / CSV)
    karta = (DATA / "karta.yaml").read_text(encoding="utf-8")
    karta = karta[: karta.index("  - fil: skolverket-api.json")]
    (projekt / "statistik" / "karta.yaml").write_text(
        karta.replace("  - fil: ", "  - fil: statistik/"), encoding="utf-8"
    )
    return projekt


def _importera(runner: CliRunner, *argument: str) -> tuple[int, str]:
    res = runner.invoke(kvalitet, ["importera", "--karta", "statistik/karta.yaml", *argument])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.output


@pytest.mark.parametrize("cell", ["<5", ">95", "~95", "A5", "*", "5 st", "≤5", "1e3", "٣"])
def test_cell_som_nastan_ar_ett_tal_behalls_som_text(
    kallprojekt: Path, runner: CliRunner, cell: str
) -> None:
    """'[+-−]' was the range U+002B–U+2212: '<5' matched as a number and float() raised."""
    fil = kallprojekt / "statistik" / CSV
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace(RAD, RAD.replace(";88,1;", f";{cell};")), encoding="utf-8")
    kod, utdata = _importera(runner)
    assert kod == 0, utdata
    assert tolka(cell) == cell
    assert f"källan har '{cell}'" in utdata


@pytest.mark.parametrize("cell", ["1 266", "1\u00a0266", "1\u202f266", "−3,5", "+4", "86,2 %"])
def test_riktiga_tal_lases_fortfarande(cell: str) -> None:
    assert isinstance(tolka(cell), int | float)


def test_hundratals_siffror_blir_inte_oandligt() -> None:
    assert tolka("9" * 400) == "9" * 400


def _karta_med(projekt: Path, fil: str) -> None:
    karta = projekt / "statistik" / "karta.yaml"
    karta.write_text(
        karta.read_text(encoding="utf-8").replace(f"fil: statistik/{CSV}", f"fil: {fil}"),
        encoding="utf-8",
    )


@pytest.mark.parametrize("referens", ["absolut", "../utanfor.csv", "statistik/../../utanfor.csv"])
def test_kalla_utanfor_projektet_lases_inte(
    kallprojekt: Path, runner: CliRunner, referens: str
) -> None:
    utanfor = kallprojekt.parent / "utanfor.csv"
    hemligt = RAD.replace(";88,1;", ";12,3;")
    utanfor.write_text((DATA / CSV).read_text(encoding="utf-8").replace(RAD, hemligt), "utf-8")
    _karta_med(kallprojekt, str(utanfor) if referens == "absolut" else referens)
    kod, utdata = _importera(runner)
    assert kod == 1, utdata
    assert "12,3" not in utdata
    assert "utanför projektmappen" in utdata or "absolut sökväg" in utdata
    assert "kvalitet importera FIL" in utdata


def test_lank_ut_ur_projektet_lases_inte(kallprojekt: Path, runner: CliRunner) -> None:
    utanfor = kallprojekt.parent / "utanfor.csv"
    utanfor.write_text((DATA / CSV).read_text(encoding="utf-8"), "utf-8")
    (kallprojekt / "statistik" / "lank.csv").symlink_to(utanfor)
    _karta_med(kallprojekt, "statistik/lank.csv")
    kod, utdata = _importera(runner)
    assert kod == 1 and "utanför projektmappen" in utdata, utdata


def test_fil_pa_kommandoraden_far_ligga_utanfor(kallprojekt: Path, runner: CliRunner) -> None:
    """A file the user names on the command line is read wherever it is."""
    utanfor = kallprojekt.parent / "nedladdat" / CSV
    utanfor.parent.mkdir()
    shutil.move(kallprojekt / "statistik" / CSV, utanfor)
    kod, utdata = _importera(runner, str(utanfor))
    assert kod == 0 and "källan har '88,1'" in utdata, utdata


def test_for_stor_kalla_vagras(kallprojekt: Path, runner: CliRunner) -> None:
    fil = kallprojekt / "statistik" / CSV
    with fil.open("r+b") as strom:
        strom.truncate(MAX_KALLBYTES + 1)  # sparse: costs no disk
    kod, utdata = _importera(runner)
    assert kod == 1, utdata
    assert "är för stor" in utdata and "högst 20 MB" in utdata


def test_for_manga_celler_vagras(kallprojekt: Path, runner: CliRunner) -> None:
    fil = kallprojekt / "statistik" / CSV
    with fil.open("a", encoding="utf-8") as strom:
        strom.write(";;;;;;;;;;;;;;;;;;;;\n" * 110_000)
    kod, utdata = _importera(runner)
    assert kod == 1, utdata
    assert "för många celler" in utdata


def test_djupt_nastlad_json_ger_svenskt_fel(kallprojekt: Path, runner: CliRunner) -> None:
    (kallprojekt / "statistik" / "api.json").write_text("[" * 200_000, encoding="utf-8")
    karta = kallprojekt / "statistik" / "karta.yaml"
    karta.write_text(
        "källor:\n  - fil: statistik/api.json\n    format: skolverket-api\n"
        "    styrtal:\n      '2.1.1': {fält: x}\n",
        encoding="utf-8",
    )
    kod, utdata = _importera(runner)
    assert kod == 1, utdata
    assert "api.json" in utdata and ("nästlad" in utdata or "JSON" in utdata)


def test_alias_som_fylls_i_till_gigabyte_stoppas_av_lasaren(
    kallprojekt: Path, runner: CliRunner
) -> None:
    """Point 5: nine levels of '&a'/'*a' in a unit: MemoryError after 29 s at 2.1 GB (exit 3).
    The unit is read through the reader's limits, skipped with a located error, and the other
    units are still imported."""
    rader = ['x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rader += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    fil = kallprojekt / BJORK
    text = fil.read_text(encoding="utf-8").replace("namn: Björkbackaskolan", "namn: *a9", 1)
    fil.write_text("\n".join(rader) + "\n" + text, encoding="utf-8")
    enkat = (DATA / "enkat-2026.csv").read_text(encoding="utf-8")
    (kallprojekt / "statistik" / "enkat.csv").write_text(enkat, encoding="utf-8")
    karta = kallprojekt / "statistik" / "karta.yaml"
    karta.write_text(
        karta.read_text(encoding="utf-8")
        + "  - fil: statistik/enkat.csv\n    format: enkät\n    enhet: Enhet\n"
        "    styrtal:\n      '1.1.1': {utfall: Trygg totalt (%)}\n",
        encoding="utf-8",
    )
    kod, utdata = _importera(runner)
    assert kod == 1, utdata
    assert f"{BJORK.as_posix()}:" in utdata and "ankarna ('&namn')" in utdata
    assert "hoppades över" in utdata
    assert "alvmora-gymnasium.yaml" in utdata  # the other units were still imported


def test_surrogat_i_json_kalla_blir_ersattningstecken() -> None:
    """A variant of point 4: '\\ud800' in a saved JSON answer would be written into the unit's
    file, and writing it fails."""
    import json

    assert tolka(json.loads('"A\\ud800"')) == "A\ufffd"
