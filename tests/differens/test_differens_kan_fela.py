"""The differential check can fail: a wrong figure injected into one output is reported, naming
the source value (file:line, where in the report), the output file and what it shows instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from differens_bygg import bygg
from differens_jamfor import Avvikelse, jamfor_projekt

from kvalitet.grund import format as fmt


def _avvikelser(rot: Path, ut: Path, pdf: bool = False) -> list[Avvikelse]:
    return jamfor_projekt(rot, ut, pdf).avvikelser


def test_ett_felaktigt_tal_i_mallarnas_formatering_fangas(
    projekt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The templates format through ``format.varde``; the check's expectations use only
    ``format.tal`` and ``format.procent``. One figure shown wrong, 86,2 as 86,3, everywhere the
    report shows a value (table, styrtal table, chart, matrix) is found in each of them."""
    verklig = fmt.varde

    def fel_varde(varde: object, matt: str | None = None) -> str:
        if isinstance(varde, float) and abs(varde - 86.2) < 1e-9:
            return verklig(86.3, matt)
        return verklig(varde, matt)

    monkeypatch.setattr(fmt, "varde", fel_varde)
    ut = bygg(projekt)
    avvikelser = _avvikelser(projekt, ut)
    assert avvikelser
    assert {a.varde.varde for a in avvikelser} == {"86,2"}
    platser = {(a.varde.var, a.utfil, a.utdata) for a in avvikelser}
    rad = next(a.varde.rad for a in avvikelser if a.varde.sort == "styrtal")
    assert (f"bjorkbackaskolan.yaml:{rad}", "bjorkbackaskolan.html", "HTML") in platser
    assert any(p[1:] == ("bjorkbackaskolan.html", "diagrammets textalternativ") for p in platser)
    assert any(p[1:] == ("bjorkbackaskolan.html", "diagrammets etiketter") for p in platser)
    assert any(p[1:] == ("sammanstallning.html", "sammanställningen") for p in platser)
    assert any(p[1:] == ("huvudmannens-rapport.html", "huvudmannens rapport") for p in platser)
    tabellfel = next(a for a in avvikelser if a.varde.sort == "cell" and a.utdata == "HTML")
    text = str(tabellfel)
    assert text.startswith("bjorkbackaskolan.yaml:")
    assert "tabellen 'Behörighet" in text and "'86,3\\xa0%'" in text and "'86,2\\xa0%'" in text
    # the exports do not format through the templates: CSV and XLSX still hold 86,2
    assert not any(a.utdata in ("CSV", "XLSX") for a in avvikelser)


def test_en_felaktig_siffra_i_exporten_fangas(
    projekt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CSV and XLSX round their numbers: 89,5 becomes 90."""
    from kvalitet.sammanstallning import export

    monkeypatch.setattr(export, "_tal", lambda v: round(float(v)))
    avvikelser = _avvikelser(projekt, bygg(projekt))
    assert {a.utdata for a in avvikelser} == {"CSV", "XLSX"}
    fel = next(a for a in avvikelser if a.varde.varde == "89,5" and a.utdata == "CSV")
    assert "sammanstallning.csv visar '90'" in str(fel)


def test_ett_varde_som_skulle_maskeras_men_visas_fangas(
    projekt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Björkbackaskolan's 1.1.1 is based on 8 girls: flickor must be '..' (and pojkar too, since
    the total is shown). The sammanställning forgets to mask: the check names both values in the
    CSV and XLSX, and those of 2.1.1, which the example masks already (1 of 21 girls short: ~100,
    and then the boys' ..); the unit's own report is still right."""
    fil = projekt / "rapporter/2025-26/bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    gammal = "antal: {flickor: 151, pojkar: 162, totalt: 313}\n    kommentar: Tryggheten"
    assert gammal in text
    fil.write_text(
        text.replace(
            gammal, "antal: {flickor: 8, pojkar: 162, totalt: 170}\n    kommentar: Tryggheten"
        ),
        encoding="utf-8",
    )
    from kvalitet.sammanstallning import sammanstall

    assert not _avvikelser(projekt, bygg(projekt)), "rätt maskerat före felet"
    monkeypatch.setattr(sammanstall, "maskera_enhet", lambda rapport, huvudman: rapport)
    avvikelser = _avvikelser(projekt, bygg(projekt))
    assert {(a.varde.styrtal, a.varde.falt) for a in avvikelser} == {
        ("1.1.1", "flickor"),
        ("1.1.1", "pojkar"),
        ("2.1.1", "flickor"),
        ("2.1.1", "pojkar"),
    }
    assert {a.utdata for a in avvikelser} == {"CSV", "XLSX"}
    assert {(a.varde.styrtal, a.vantat, a.fann) for a in avvikelser if a.utdata == "CSV"} == {
        ("1.1.1", "..", "88"),
        ("1.1.1", "..", "91"),
        ("2.1.1", "~100", "90,5"),
        ("2.1.1", "..", "80,8"),
    }


def test_ett_felaktigt_tal_i_pdf_texten_fangas(
    byggt_exempel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF's text with one figure changed (as if the PDF showed 63,1 where the file says
    65,6) is reported for the PDF only, at Björkbackaskolan's 1.1.2 and its table."""
    import differens_pdf

    verklig = differens_pdf.pdf_text

    def andrad(fil: Path) -> str:
        text = verklig(fil)
        return (
            text.replace("65,6\u00a0%", "63,1\u00a0%") if fil.stem == "bjorkbackaskolan" else text
        )

    monkeypatch.setattr(differens_pdf, "pdf_text", andrad)
    avvikelser = _avvikelser(byggt_exempel.parent, byggt_exempel, pdf=True)
    assert avvikelser
    assert {(a.utfil, a.utdata) for a in avvikelser} == {("bjorkbackaskolan.pdf", "PDF")}
    assert {a.varde.varde for a in avvikelser} >= {"65,6"}
    assert any(a.varde.sort == "styrtal" and a.varde.styrtal == "1.1.2" for a in avvikelser)
    assert any(a.varde.sort == "cell" for a in avvikelser)
