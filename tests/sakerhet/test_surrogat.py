"""A lone surrogate (issue 25, point 4): ``namn: "Resurs\\uD800centrum"`` passed kontrollera with
0 errors, and bygg aborted in the CSV export with an internal UnicodeEncodeError, building no
unit. Now it is a located error, and one bad unit never stops the others."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_yaml
from kvalitet.sammanstallning.export import ofarlig_text

ENHET = Path("rapporter") / "2025-26" / "resurscentrum.yaml"


def _med_surrogat(projekt: Path) -> None:
    fil = projekt / ENHET
    text = fil.read_text(encoding="utf-8")
    assert "\nnamn: Resurscentrum\n" in text
    fil.write_text(text.replace("\nnamn: Resurscentrum\n", '\nnamn: "Resurs\\uD800centrum"\n'))


def test_kontrollera_pekar_pa_raden(projekt: Path, runner: CliRunner) -> None:
    _med_surrogat(projekt)
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1, res.output
    assert "rapporter/2025-26/resurscentrum.yaml:5:7: fel:" in res.output
    assert "'\\uD800'" in res.output


def test_bygg_bygger_de_andra_enheterna(projekt: Path, runner: CliRunner) -> None:
    _med_surrogat(projekt)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "internt fel" not in res.output
    ut = projekt / "ut"
    assert (ut / "bjorkbackaskolan.html").is_file()
    assert (ut / "sammanstallning.csv").is_file()
    assert "resurscentrum" in res.output


def test_surrogat_i_nyckel_och_lista_och_alias(tmp_path: Path) -> None:
    fil = tmp_path / "x.yaml"
    fil.write_text('"a\\uDC00": [&x "b\\uD83D", *x, *x]\nc: "\\U0001F600"\n', encoding="utf-8")
    kalla = las_yaml(fil)
    fel = [p for p in kalla.problem if p.ar_fel]
    assert [p.rad for p in fel] == [1, 1]  # the key and the anchored value (once, not per alias)
    assert kalla.data == {"a\ufffd": ["b\ufffd"] * 3, "c": "😀"}


def test_filnamn_som_inte_ar_utf8_stoppar_inte_bygget(projekt: Path) -> None:
    """A variant: a file name with a byte that is not UTF-8 gives a name with surrogates."""
    mapp = os.fsencode(projekt / ENHET.parent)
    (Path(os.fsdecode(mapp + b"/res\xffurs.yaml"))).write_bytes((projekt / ENHET).read_bytes())
    res = subprocess.run(
        [sys.executable, "-m", "kvalitet", "bygg", "--format", "html"],
        cwd=projekt,
        capture_output=True,
        check=False,
    )
    utdata = (res.stdout + res.stderr).decode("utf-8", "replace")
    assert res.returncode == 1, utdata
    assert "internt fel" not in utdata and "filnamnet" in utdata
    assert (projekt / "ut" / "bjorkbackaskolan.html").is_file()


def test_exporten_tal_en_surrogat() -> None:
    assert ofarlig_text("Resurs\ud800centrum").encode("utf-8") == "Resurs\ufffdcentrum".encode()
