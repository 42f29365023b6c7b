"""Incremental builds (not timed): what is rebuilt, what is not, and what a crash leaves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.bygg.utfor import bygg
from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import hitta_projekt

PERIOD = Path("rapporter") / "2025-26"


def _tillstand(ut: Path) -> dict[str, tuple[int, int]]:
    """Every file in the output folder with its inode and modification time."""
    return {
        str(f.relative_to(ut)): (f.stat().st_ino, f.stat().st_mtime_ns)
        for f in ut.rglob("*")
        if f.is_file()
    }


def _bygg(projekt: Path, **flaggor: object):  # type: ignore[no-untyped-def]
    return bygg(hitta_projekt(projekt), (projekt / "ut").resolve(), ("html",), jobb=1, **flaggor)


def _byggda(bygge) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.id for r in bygge.enheter if not r.oforandrad}


def test_andra_bygget_skriver_ingenting(projekt: Path) -> None:
    forsta = _bygg(projekt)
    assert _byggda(forsta) == {
        "alvmora-gymnasium",
        "bjorkbackaskolan",
        "bjorkbackaskolan-mellanstadiet",
        "forskolan-lingonet",
        "lingonet-blabaret",
        "resurscentrum",
    }
    fore = _tillstand(projekt / "ut")
    andra = _bygg(projekt)
    assert _byggda(andra) == set()
    assert andra.sammanstallning is None
    assert _tillstand(projekt / "ut") == fore


def test_en_andrad_enhet_byggs_om_med_sammanstallningen(projekt: Path) -> None:
    _bygg(projekt)
    fore = _tillstand(projekt / "ut")
    fil = projekt / PERIOD / "resurscentrum.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("utfall: 5,3", "utfall: 5,1"), encoding="utf-8"
    )
    bygge = _bygg(projekt)
    assert _byggda(bygge) == {"resurscentrum"}
    assert bygge.sammanstallning is not None and bygge.sammanstallning.fel is None
    efter = _tillstand(projekt / "ut")
    andrade = {namn for namn in efter if efter[namn] != fore.get(namn)}
    assert andrade == {
        "resurscentrum.html",
        "sammanstallning.html",
        "sammanstallning.csv",
        "sammanstallning.xlsx",
        "huvudmannens-rapport.html",
        ".kvalitet/cache.json",
    }


def test_andring_som_inte_syns_i_sammanstallningen_skriver_inte_om_den(projekt: Path) -> None:
    _bygg(projekt)
    fore = _tillstand(projekt / "ut")
    fil = projekt / PERIOD / "resurscentrum.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\n# en kommentar\n", encoding="utf-8")
    bygge = _bygg(projekt)
    assert _byggda(bygge) == {"resurscentrum"}
    assert bygge.sammanstallning is not None and bygge.sammanstallning.oforandrad
    efter = _tillstand(projekt / "ut")
    andrade = {namn for namn in efter if efter[namn] != fore.get(namn)}
    assert andrade == {"resurscentrum.html", ".kvalitet/cache.json"}
    # the next change that does show is written again
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("utfall: 5,3", "utfall: 5,1"), encoding="utf-8"
    )
    bygge = _bygg(projekt)
    assert bygge.sammanstallning is not None and not bygge.sammanstallning.oforandrad
    assert "5,1" in (projekt / "ut" / "sammanstallning.csv").read_text(encoding="utf-8-sig")


def test_cli_visar_oforandrad_sammanstallning(projekt: Path, runner: CliRunner) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    fil = projekt / PERIOD / "resurscentrum.yaml"
    fil.write_text(fil.read_text(encoding="utf-8") + "\n# en kommentar\n", encoding="utf-8")
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    assert "= sammanställningen: oförändrad" in res.output
    assert "Byggda: 1, oförändrade: 5" in res.output


def test_andrad_mall_bygger_om_allt(projekt: Path) -> None:
    _bygg(projekt)
    omslag = projekt / "rapporter" / "egna-mallar" / "delar" / "omslag.html.j2"
    omslag.write_text(omslag.read_text(encoding="utf-8") + "\n{# ändrad #}\n", encoding="utf-8")
    assert len(_byggda(_bygg(projekt))) == 6


@pytest.mark.parametrize(
    "andring",
    ["huvudman", "bild", "tidigare period", "format"],
)
def test_andra_indata_bygger_om(projekt: Path, andring: str) -> None:
    _bygg(projekt)
    if andring == "huvudman":
        fil = projekt / PERIOD / "huvudman.yaml"
        fil.write_text(
            fil.read_text(encoding="utf-8").replace("målvärde: 87", "målvärde: 88"),
            encoding="utf-8",
        )
        vantat = 6
    elif andring == "bild":
        bild = projekt / "rapporter" / "bilder" / "samverkan-organisation.svg"
        bild.write_text(
            bild.read_text(encoding="utf-8").replace("Grundskolor", "Skolor"), encoding="utf-8"
        )
        vantat = 6
    elif andring == "tidigare period":
        fil = projekt / "rapporter" / "2024-25" / "bjorkbackaskolan.yaml"
        fil.write_text(
            fil.read_text(encoding="utf-8").replace("utfall: 86,4", "utfall: 86,0"),
            encoding="utf-8",
        )
        vantat = 1
    else:
        bygge = bygg(hitta_projekt(projekt), (projekt / "ut").resolve(), ("html", "pdf"), jobb=1)
        assert len(_byggda(bygge)) == 6
        return
    assert len(_byggda(_bygg(projekt))) == vantat


def test_alla_bygger_om_allt(projekt: Path) -> None:
    _bygg(projekt)
    bygge = _bygg(projekt, alla=True)
    assert len(_byggda(bygge)) == 6
    assert bygge.sammanstallning is not None


def test_avbruten_pdf_skrivning_gors_om(projekt: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kvalitet.bygg.utfor as build

    riktig = build.skriv_atomiskt

    def kraschar(fil: Path, data: bytes, tmpmapp: Path | None = None) -> None:
        if fil.name == "forskolan-lingonet.pdf":
            raise KeyboardInterrupt  # the process dies while writing this PDF
        riktig(fil, data, tmpmapp)

    monkeypatch.setattr(build, "skriv_atomiskt", kraschar)
    with pytest.raises(KeyboardInterrupt):
        bygg(hitta_projekt(projekt), (projekt / "ut").resolve(), ("html", "pdf"), jobb=1)
    monkeypatch.setattr(build, "skriv_atomiskt", riktig)
    import json

    cache = projekt / "ut" / ".kvalitet" / "cache.json"
    klara = set(json.loads(cache.read_text())["enheter"]) if cache.exists() else set()
    assert "forskolan-lingonet" not in klara
    bygge = bygg(hitta_projekt(projekt), (projekt / "ut").resolve(), ("html", "pdf"), jobb=1)
    # exactly the units not finished before the crash are built, the PDF that died among them
    assert _byggda(bygge) == {r.id for r in bygge.enheter} - klara
    assert "forskolan-lingonet" in _byggda(bygge)
    assert (projekt / "ut" / "forskolan-lingonet.pdf").read_bytes().startswith(b"%PDF-")


def test_borttagen_utfil_byggs_om(projekt: Path) -> None:
    _bygg(projekt)
    (projekt / "ut" / "bjorkbackaskolan.html").unlink()
    assert _byggda(_bygg(projekt)) == {"bjorkbackaskolan"}


def test_parallella_pdfer_med_arbetsprocesser(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(
        kvalitet,
        ["bygg", "--jobb", "2", "--enhet", "resurscentrum", "--enhet", "forskolan-lingonet"],
    )
    assert res.exit_code == 0, res.output
    assert "Bygger 2 enheter med 2 jobb." in res.output
    for enhet in ("resurscentrum", "forskolan-lingonet"):
        assert (projekt / "ut" / f"{enhet}.pdf").read_bytes().startswith(b"%PDF-")


SKRIPT = """
import sys
from kvalitet.cli import main
sys.argv = ["kvalitet", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("LADDADE:", " ".join(m for m in ("weasyprint", "pydantic", "jinja2") if m in sys.modules))
"""


def test_kontrollera_och_bygge_utan_andringar_laddar_inte_weasyprint(projekt: Path) -> None:
    def kor(*argument: str) -> str:
        res = subprocess.run(
            [sys.executable, "-c", SKRIPT, *argument], cwd=projekt, capture_output=True, text=True
        )
        return res.stdout.strip().splitlines()[-1]

    assert "weasyprint" not in kor("kontrollera")
    assert "weasyprint" in kor("bygg", "--jobb", "1", "--enhet", "resurscentrum")
    tomt = kor("bygg", "--jobb", "1", "--enhet", "resurscentrum")
    assert tomt == "LADDADE:", tomt  # nothing changed: no PDF engine, no validation, no templates
