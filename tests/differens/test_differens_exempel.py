"""The differential check on the example project: every figure typed in rapporter/ is what the
unit's HTML, its chart's text alternative, the PDFs' text, the sammanställning (HTML, CSV, XLSX)
and huvudmannens rapport show, or it is masked by röjandekontrollen with that very symbol."""

from __future__ import annotations

from pathlib import Path

from differens_jamfor import jamfor_projekt
from differens_kalla import las_projekt
from differens_maskering import maskerade_varden


def test_varje_siffra_i_exemplet_stammer(byggt_exempel: Path) -> None:
    resultat = jamfor_projekt(byggt_exempel.parent, byggt_exempel, pdf=True)
    assert not resultat.avvikelser, "\n" + resultat.rapport()
    # the check compared what it should: every output, and the masked values among them
    for utdata in (
        "HTML",
        "diagrammets textalternativ",
        "diagrammets etiketter",
        "PDF",
        "sammanställningen",
        "huvudmannens rapport",
        "CSV",
        "XLSX",
    ):
        assert resultat.antal[utdata] >= 30, (utdata, resultat.antal)
    assert resultat.maskerade >= 8


def test_exemplets_kallvarden_ar_alla_med(byggt_exempel: Path) -> None:
    """The reading of the sources finds every table, chart and styrtal of the example (counted by
    hand in rapporter/2025-26), so that a value the reader misses cannot pass unchecked."""
    projekt = las_projekt(byggt_exempel.parent)
    per_enhet = {e.id: e for e in projekt.enheter}
    assert sorted(per_enhet) == [
        "alvmora-gymnasium",
        "bjorkbackaskolan",
        "bjorkbackaskolan-mellanstadiet",
        "forskolan-lingonet",
        "lingonet-blabaret",
        "resurscentrum",
    ]
    bjorkbacka = per_enhet["bjorkbackaskolan"]
    assert [t.rubrik for t in bjorkbacka.tabeller] == [
        "Behörighet och meritvärde, årskurs 9, läsåret 2025/26",
        "Behörighet till yrkesprogram över tid",
        "Elever med extra anpassningar i läsning",
        "Andel elever som instämmer, elevenkäten våren 2026",
    ]
    celler = [v for v in bjorkbacka.varden if v.sort == "cell"]
    assert len(celler) == 12 + 6 + 8 + 9
    styrtal = {(v.styrtal, v.falt) for v in bjorkbacka.varden if v.sort == "styrtal"}
    assert ("1.1.1", "flickor") in styrtal and ("2.1.3", "utfall") in styrtal
    assert len(styrtal) == 3 + 3 + 1 + 3 + 1 + 1 + 1
    resurs = per_enhet["resurscentrum"]
    assert any(t.diagram and not t.tabell for t in resurs.tabeller), "diagram-blocket"
    assert {(v.styrtal, v.falt) for v in resurs.varden if v.sort == "eget_styrtal"} == {
        ("E.1", "utfall"),
        ("E.1", "målvärde"),
    }


def test_maskerade_varden_i_exemplet(byggt_exempel: Path) -> None:
    """The adapter names the example's masked cells: Björkbackaskolan's first table, where 1 of 21
    girls lacks the grade (~100) and the boys' value is then hidden (..)."""
    maskerade = maskerade_varden(byggt_exempel.parent)
    fil = (byggt_exempel.parent / "rapporter/2025-26/bjorkbackaskolan.yaml").resolve()
    tabell = ("resultat", "objektiva", "avsnitt", 0, "tabeller", 0, "rader")
    assert maskerade[(fil, (*tabell, 1, "flickor"))].symbol == "~100"
    assert maskerade[(fil, (*tabell, 1, "pojkar"))].symbol == ".."
    assert maskerade[(fil, (*tabell, 3, "flickor"))].symbol == "~100"
    assert all(m.skal for m in maskerade.values())


def test_varje_maskerat_varde_forklaras_av_kontrollera_pa_sin_rad(byggt_exempel: Path) -> None:
    """Issue 26.2: a masked value has a stated reason that ``kontrollera`` reports at the value's
    line ("87,1 visas som ~100 eftersom …"): a problem at the value's file and line that names
    the symbol shown."""
    import os

    from click.testing import CliRunner

    from kvalitet.cli import kvalitet

    rot = byggt_exempel.parent
    fore = Path.cwd()
    os.chdir(rot)
    try:
        utskrift = CliRunner().invoke(kvalitet, ["kontrollera"]).output
    finally:
        os.chdir(fore)
    noter = [r for r in utskrift.splitlines() if ": upplysning: " in r]
    projekt = las_projekt(rot)
    maskerade = maskerade_varden(rot)
    saknas = []
    for v in projekt.varden:
        m = maskerade.get((v.fil.resolve(), v.sokvag))
        if m is None:
            continue
        plats = f"{v.fil.relative_to(rot)}:{v.rad}:"
        if not any(r.startswith(plats) and f"visas som {m.symbol} eftersom" in r for r in noter):
            saknas.append(f"{v.var}: {v.plats} visas som {m.symbol}")
    assert maskerade and not saknas, "ingen förklaring i kontrollera:\n" + "\n".join(saknas)


def test_roj_kontrollens_lista_ar_det_rapporten_doljer(byggt_exempel: Path) -> None:
    """The masking's own account of what it hides (which kontrollera explains) is exactly what
    the masked report hides, leaf by leaf: neither says more or less than the other."""
    from differens_maskering import maskering_i_rapporten

    rot = byggt_exempel.parent
    lista = {k: m.symbol for k, m in maskerade_varden(rot).items()}
    assert lista and lista == maskering_i_rapporten(rot)
