"""tema.word_mall: a missing file, a file that is not a .docx, a zip that is no Word document
and a zip bomb each get a located Swedish error at 'kvalitet kontrollera' and 'bygg'."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kontroll.wordmall import MAX_OPACKAD

HUVUDMAN = Path("rapporter/2025-26/huvudman.yaml")
RAD = "  word_mall: ../mallar/alvmora.docx\n"


def _med_mall(projekt: Path, referens: str) -> int:
    """Point tema.word_mall at ``referens``; the line number of the key."""
    fil = projekt / HUVUDMAN
    text = fil.read_text("utf-8")
    assert RAD in text
    fil.write_text(text.replace(RAD, f"  word_mall: {referens}\n"), "utf-8")
    return text[: text.index(RAD)].count("\n") + 1


def _fel(runner: CliRunner, kommando: list[str]) -> list[str]:
    """Run ``kommando``; the lines about word_mall (the exit code must be 1)."""
    res = runner.invoke(kvalitet, kommando)
    assert "Traceback" not in res.output
    assert res.exit_code == 1, res.output
    return [r for r in res.output.splitlines() if "word_mall" in r]


@pytest.mark.parametrize(
    ("skapa", "referens", "vantat"),
    [
        (None, "../mallar/finns-inte.docx", "filen '../mallar/finns-inte.docx' finns inte"),
        (
            None,
            "../mallar/standard.rapportmall.yaml",
            "'standard.rapportmall.yaml' är ingen .docx-fil",
        ),
        (b"inte ett zip-arkiv", "../mallar/trasig.docx", "'trasig.docx' är ingen Word-fil"),
        ("zip", "../mallar/zip.docx", "'zip.docx' är ett zip-arkiv men inget Word-dokument"),
        ("bomb", "../mallar/bomb.docx", "'bomb.docx' packas upp till"),
        (None, "/etc/passwd.docx", "är en absolut sökväg"),
    ],
)
def test_trasig_word_mall_ger_placerat_fel(
    projekt: Path, runner: CliRunner, skapa: object, referens: str, vantat: str
) -> None:
    mallar = projekt / "rapporter/mallar"
    mal = mallar / Path(referens).name
    if isinstance(skapa, bytes):
        mal.write_bytes(skapa)
    elif skapa == "zip":
        with zipfile.ZipFile(mal, "w") as arkiv:
            arkiv.writestr("hej.txt", "hej")
    elif skapa == "bomb":
        with zipfile.ZipFile(mal, "w", compression=zipfile.ZIP_DEFLATED) as arkiv:
            arkiv.writestr("[Content_Types].xml", "<Types/>")
            arkiv.writestr("word/document.xml", b"\0" * (MAX_OPACKAD + 1))
        assert mal.stat().st_size < 1024 * 1024
    rad = _med_mall(projekt, referens)
    fel = _fel(runner, ["kontrollera"])
    assert len(fel) == 1, fel
    assert fel[0].startswith(f"{HUVUDMAN}:{rad}:")
    assert ": fel: tema.word_mall: " in fel[0] and vantat in fel[0], fel[0]
    assert "spara mallen i Word som 'Word-dokument (*.docx)'" in fel[0]
    bygge = runner.invoke(kvalitet, ["bygg", "--format", "docx"])
    assert bygge.exit_code == 1 and "Traceback" not in bygge.output
    assert f"huvudmannafilen {HUVUDMAN} har fel" in bygge.output
    assert not list(projekt.glob("ut/*.docx"))


def test_exemplets_word_mall_godtas(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    assert "word_mall" not in res.output
