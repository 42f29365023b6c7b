"""The differential check on generated projects (Hypothesis): 200 small valid projects per run,
each built and every source value compared with every output, or found masked."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from differens_bygg import Snabbygge, bygg
from differens_generera import projekt, skriv_projekt
from differens_jamfor import Jamforelse, jamfor_projekt
from hypothesis import HealthCheck, Phase, given, settings

PROJEKT_PER_KORNING = 200
PDF_PROJEKT_PER_KORNING = 4
INSTALLNING: dict[str, Any] = {
    "deadline": None,
    "database": None,  # nothing written outside tmp_path
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def _rakna(summa: Counter[str], resultat: Jamforelse) -> None:
    summa["projekt"] += 1
    summa["jämförelser"] += sum(resultat.antal.values())
    summa["maskerade"] += resultat.maskerade
    summa.update(resultat.antal)


def test_genererade_projekt_html_csv_xlsx_diagram_sammanstallning(tmp_path: Path) -> None:
    """200 projects: the units' HTML, the charts' text alternatives, the sammanställning's HTML,
    CSV and XLSX and huvudmannens rapport. Each project is written in the same folder and built
    by ``Snabbygge`` (kvalitet's own document functions, the compiled templates kept): about
    0,1 s of CPU per project with the comparison, against 0,4–0,6 s for a new ``bygg``."""
    snabb = Snabbygge()
    summa: Counter[str] = Counter()
    rot = tmp_path / "projekt"

    @settings(max_examples=PROJEKT_PER_KORNING, **INSTALLNING)
    @given(projekt())
    def ett_projekt(data: dict[str, Any]) -> None:
        shutil.rmtree(rot, ignore_errors=True)
        skriv_projekt(rot, data)
        resultat = jamfor_projekt(rot, snabb.bygg(rot))
        _rakna(summa, resultat)
        assert not resultat.avvikelser, "\n" + resultat.rapport()

    ett_projekt()
    assert summa["projekt"] >= PROJEKT_PER_KORNING, summa
    # the generator reaches what it should: masked values, charts, every output
    assert summa["maskerade"] >= PROJEKT_PER_KORNING // 4, summa
    for utdata in (
        "HTML",
        "diagrammets textalternativ",
        "diagrammets etiketter",
        "sammanställningen",
        "CSV",
        "XLSX",
    ):
        assert summa[utdata] >= PROJEKT_PER_KORNING, (utdata, summa)
    assert summa["huvudmannens rapport"] >= PROJEKT_PER_KORNING, summa


def test_genererade_projekt_pdf(tmp_path: Path) -> None:
    """The PDF text and the charts' /Alt for a smaller subset: the first 4 projects Hypothesis
    draws in a run (a new draw each run), through ``kvalitet bygg`` itself. WeasyPrint needs
    1–3 s per document and a project has up to six (units, sammanställning, huvudmannens
    rapport): a project takes 5–15 s, and 200 would take 20–50 minutes. The PDFs are made from
    the same HTML the other test checks on 200 projects, so this subset proves that the PDF
    shows what the HTML does; the cells' figures are proved on all 200. A failing project is
    not shrunk (each try is a PDF build): the report names the values and files all the same."""
    summa: Counter[str] = Counter()
    nummer = iter(range(10_000))

    @settings(
        max_examples=PDF_PROJEKT_PER_KORNING,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        **INSTALLNING,
    )
    @given(projekt())
    def ett_projekt(data: dict[str, Any]) -> None:
        rot = skriv_projekt(tmp_path / f"p{next(nummer)}", data)
        resultat = jamfor_projekt(rot, bygg(rot, pdf=True), pdf=True)
        _rakna(summa, resultat)
        shutil.rmtree(rot)
        assert not resultat.avvikelser, "\n" + resultat.rapport()

    ett_projekt()
    assert summa["projekt"] >= PDF_PROJEKT_PER_KORNING, summa
    assert summa["PDF"] > 0 and summa["PDF-diagrammets textalternativ"] > 0, summa


def test_snabbygget_skriver_samma_som_kvalitet_bygg(tmp_path: Path) -> None:
    """``Snabbygge`` (used for the 200) writes byte for byte what ``kvalitet bygg`` writes: the
    units' HTML, the sammanställning's HTML, CSV and XLSX content and huvudmannens rapport."""
    from openpyxl import load_workbook

    snabb = Snabbygge()
    nummer = iter(range(10_000))

    def xlsx(fil: Path) -> list[list[object]]:
        bok = load_workbook(fil, read_only=True)
        rader = [list(r) for blad in bok.worksheets for r in blad.iter_rows(values_only=True)]
        bok.close()
        return rader

    @settings(max_examples=5, **INSTALLNING)
    @given(projekt())
    def ett_projekt(data: dict[str, Any]) -> None:
        n = next(nummer)
        fort = snabb.bygg(skriv_projekt(tmp_path / f"snabb{n}", data))
        riktigt = bygg(skriv_projekt(tmp_path / f"bygg{n}", data))
        filer = sorted(f.name for f in fort.iterdir() if f.suffix in (".html", ".csv"))
        assert filer == sorted(f.name for f in riktigt.iterdir() if f.suffix in (".html", ".csv"))
        for namn in filer:
            assert (fort / namn).read_bytes() == (riktigt / namn).read_bytes(), namn
        assert xlsx(fort / "sammanstallning.xlsx") == xlsx(riktigt / "sammanstallning.xlsx")

    ett_projekt()
