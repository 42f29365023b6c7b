"""Faults are answered, not crashed: a worker that dies, a full disk, a read-only folder."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.bygg.utfor import bygg
from kvalitet.bygg.verkstad import PdfVerkstad
from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import hitta_projekt


def test_arbetare_som_dor_faller_bara_sin_enhet(
    projekt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bygg"))
    from arbetare_som_dor import rendera_eller_do

    monkeypatch.setenv("KVALITET_TEST_DOD", "forskolan-lingonet")
    verkstad = PdfVerkstad(2)
    verkstad._mal = rendera_eller_do
    from kvalitet.bygg.minne import Byggminne

    with verkstad:
        resultat = bygg(
            hitta_projekt(projekt), (projekt / "ut").resolve(), ("pdf",), minne=Byggminne(verkstad)
        )
    per_enhet = {r.id: r for r in resultat.enheter}
    assert per_enhet["forskolan-lingonet"].fel is not None
    assert (
        "arbetsprocessen som gjorde PDF:en avslutades oväntat"
        in per_enhet["forskolan-lingonet"].fel
    )
    for enhet in ("alvmora-gymnasium", "bjorkbackaskolan", "resurscentrum"):
        assert per_enhet[enhet].ok, per_enhet[enhet].fel
        assert (projekt / "ut" / f"{enhet}.pdf").read_bytes().startswith(b"%PDF-")
    assert resultat.sammanstallning is not None and resultat.sammanstallning.fel is None
    cache = json.loads((projekt / "ut" / ".kvalitet" / "cache.json").read_text())
    assert "forskolan-lingonet" not in cache["enheter"] and "resurscentrum" in cache["enheter"]


@pytest.mark.parametrize(
    ("kod", "ord"),
    [(errno.ENOSPC, "disken är full"), (errno.EROFS, "skrivskyddad"), (errno.EACCES, "behörighet")],
)
def test_full_disk_och_skrivskydd_ger_svenskt_fel(
    projekt: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, kod: int, ord: str
) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    fore = {f.name: f.read_bytes() for f in (projekt / "ut").glob("*.html")}
    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    fil.write_text(fil.read_text(encoding="utf-8").replace("Resurscentrum", "Resurscentret"))
    riktig = os.replace

    def fullt(a: object, b: object, *args: object, **kwargs: object) -> None:
        if str(b).endswith(".html"):
            raise OSError(kod, os.strerror(kod), str(b))
        riktig(a, b, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fullt)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1, res.output
    assert "internt fel" not in res.output and "Traceback" not in res.output
    assert ord in res.output and "ut" in res.output
    monkeypatch.setattr(os, "replace", riktig)
    # every file is still a whole old file, and the next build finishes the job
    assert {f.name: f.read_bytes() for f in (projekt / "ut").glob("*.html")} == fore
    assert not list((projekt / "ut").rglob("*.tmp"))
    igen = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert (
        igen.exit_code == 0
        and "Resurscentret" in (projekt / "ut" / "resurscentrum.html").read_text()
    )
