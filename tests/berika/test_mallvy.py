"""The report follows its rapportmall: the förskola avdelning's form and the stage report print
their own parts, headings, numbering, cover, document title and running header."""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.rendera.miljo import skapa_miljo


def _pa_mall(projekt: Path, enhet: str, mall: str) -> str:
    """The unit's HTML after it names ``mall`` as its rapportmall."""
    fil = projekt / "rapporter" / "2025-26" / f"{enhet}.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("\nnamn:", f"\nrapportmall: {mall}\nnamn:", 1), encoding="utf-8")
    proj = hitta_projekt(projekt)
    lage = las_period(proj, None, [enhet])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    assert lage.mall_per_enhet[enhet] == mall
    return html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))


def _rubriker(html: str) -> list[tuple[str, str]]:
    """(number, text) of every section heading after the cover."""
    kropp = html.split("</header>", 1)[1]
    return [
        (m[1] or "", m[2])
        for m in re.finditer(
            r'<h\d id="[^"]*" class="(?:huvudrubrik|rubrik)[^"]*">'
            r'(?:<span class="nr">([^<]*)</span> )?([^<]*)</h\d>',
            kropp,
        )
    ]


def test_forskolans_blankett_utan_nummer_och_innehall(projekt: Path) -> None:
    html = _pa_mall(projekt, "forskolan-lingonet", "forskola-avdelning")
    assert "<title>Kvalitetsredovisning 2025/26 – Förskolan Lingonet</title>" in html
    rubriker = _rubriker(html)
    assert all(nr == "" for nr, _ in rubriker), rubriker  # nivåer: [false]
    texter = [t for _, t in rubriker]
    assert texter[0] == "Organisation"  # the unit's beskrivning, under the template's heading
    assert "Förbättringsområden" in texter and "Självvärdering" in texter
    assert "Det systematiska kvalitetsarbetet" not in texter and "Analys" not in texter
    assert "Inga förbättringsområden är valda ännu." in html  # the template's tom_text
    assert 'class="innehall"' not in html  # innehållsförteckning_djup: 0
    assert 'string-set: doktyp "Kvalitetsredovisning 2025/26"' in html  # the running header
    assert "Förskolan sätter inga betyg" not in html  # no sentence the template did not give


def test_forskolans_omslag_visar_bara_mallens_falt(projekt: Path) -> None:
    html = _pa_mall(projekt, "forskolan-lingonet", "forskola-avdelning")
    omslag = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert '<span class="rapporttyp">Kvalitetsredovisning</span>' in omslag
    assert '<span class="undertitel">Förskoleavdelning</span>' in omslag
    assert "<dt>Förskolechef</dt>" in omslag and "Amir Karimi" in omslag
    for aldrig in ("Skolform", "Status", "Älvmora kommun", "Område"):
        assert aldrig not in omslag, aldrig


def test_stadierapporten_numrerar_forsta_nivan(projekt: Path) -> None:
    html = _pa_mall(projekt, "bjorkbackaskolan", "stadierapport")
    assert "<title>Stadierapport 2025/26 – Björkbackaskolan</title>" in html
    rubriker = _rubriker(html)
    numrerade = [nr for nr, _ in rubriker if nr]
    assert numrerade and all("." not in nr for nr in numrerade), rubriker  # [true, false]
    assert "Läsåret i korthet" not in [t for _, t in rubriker]  # om_tom: utelämna, empty
    assert any(t == "Analys och åtgärder" for _, t in rubriker)
    assert "Avsnittet är inte ifyllt." in html  # 'delar.<id>' parts are not in the unit yet
    assert '<span class="rapporttyp">Stadierapport</span>' in html
    assert 'string(enhet) ", " string(doktyp)' in html  # "{enhet}, Stadierapport"
    assert 'string-set: doktyp "Stadierapport"' in html


def test_mallens_egen_del_skrivs_under_delar(projekt: Path) -> None:
    """A part without 'fält' is written at 'delar.<id>' and prints under its heading."""
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    with fil.open("a", encoding="utf-8") as f:
        f.write("delar:\n  trygghet:\n    text: Nio av tio elever känner sig trygga.\n")
    html = _pa_mall(projekt, "bjorkbackaskolan", "stadierapport")
    del_ = html.split("</span> Trygghet och studiero</h2>", 1)[1].split("</section>", 1)[0]
    assert "<p>Nio av tio elever känner sig trygga.</p>" in del_
    assert "Avsnittet är inte ifyllt." not in del_


def test_rubriker_under_h6_behaller_sin_niva(tmp_path: Path) -> None:
    """The reference report has headings below h6: the standard template writes them as h6 (as
    before), a template with 'djupa_rubriker: behåll' gives them their level."""
    import shutil

    from kvalitet.kalla.rapportmallar import inbyggd_rapportmall

    rot = Path(__file__).resolve().parents[1] / "data" / "referens-004"
    shutil.copytree(rot / "rapporter", tmp_path / "rapporter")
    proj = hitta_projekt(tmp_path)

    def html() -> str:
        lage = las_period(proj, None, ["stodcentrum"])
        (kontroll,) = lage.enheter
        assert kontroll.rapport is not None, kontroll.problem
        return html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))

    fore = html()
    assert 'aria-level="7"' not in fore
    assert '<h6 id="avsnitt-2-1-4-r2-r1-r1"' in fore
    (tmp_path / "rapporter" / "mallar").mkdir()
    text = inbyggd_rapportmall().read_text(encoding="utf-8")
    (tmp_path / "rapporter" / "mallar" / "standard.rapportmall.yaml").write_text(
        text.replace("djupa_rubriker: h6", "djupa_rubriker: behåll"), encoding="utf-8"
    )
    efter = html()
    assert (
        '<div role="heading" aria-level="7" id="avsnitt-2-1-4-r2-r1-r1" class="rubrik onumrerad">'
        "Förskole-, grupp- och individnivå</div>"
    ) in efter


def test_utvecklingsomradenas_fragor_i_mallens_ordalydelse(projekt: Path) -> None:
    """The development areas ask the template's questions, in its words and order: no "?" or
    question the template did not give."""
    fil = projekt / "rapporter" / "mallar" / "standard.rapportmall.yaml"
    text = fil.read_text(encoding="utf-8")
    start = text.index("    frågor:\n")
    slut = text.index("\n\n", start)
    fil.write_text(
        text[:start]
        + "    frågor:\n      - fält: insatser\n        fråga: Insatser\n"
        + "      - fält: varför\n        fråga: Därför är området prioriterat"
        + text[slut:],
        encoding="utf-8",
    )
    proj = hitta_projekt(projekt)
    lage = las_period(proj, None, ["bjorkbackaskolan"])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    html = html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))
    omrade = html.split('<section class="utvecklingsomrade"', 1)[1].split("</section>", 1)[0]
    fragor = re.findall(r'<h4 class="fraga">([^<]*)</h4>', omrade)
    assert fragor == ["Insatser", "Därför är området prioriterat"]


def test_sidhuvud_och_utkastmarkering_ur_mallen() -> None:
    """The standard writes no extra CSS (its HTML is unchanged); another template's running
    header and draft mark (or none: '') are set in the PDF's stylesheet, quotes escaped."""
    from kvalitet.berika.mallvy import dokument_css, standardmall

    varden = {"enhet": "Lingonet", "titel": "T", "period": "2025/26", "huvudman": "K"}
    assert dokument_css(standardmall(), varden) == ""
    mall = standardmall().model_copy(deep=True)
    mall.dokument.sidhuvud = 'Rapport "{titel}" {period}'
    mall.dokument.utkastmarkering = ""
    css = dokument_css(mall, varden)
    assert '@top-right { content: string(doktyp) " " counter(page)' in css
    assert 'string-set: doktyp "Rapport \\"T\\" 2025/26"' in css
    assert "@page utkast { @top-left { content: string(forts, start); } }" in css
    mall.dokument.sidhuvud = ""
    assert "@page { @top-right { content: none; } }" in dokument_css(mall, varden)


def test_egna_rubriker_forst_pa_forsta_nivan(projekt: Path) -> None:
    """The stage report's own headings come first, at the top level (h2, their sub-headings
    h3), not under '1 Det systematiska kvalitetsarbetet' or '2.1 Objektiva resultat'."""
    proj = hitta_projekt(projekt)
    lage = las_period(proj, None, ["bjorkbackaskolan-mellanstadiet"])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    html = html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))
    kropp = html.split('<nav class="innehall"', 1)[1].split("</nav>", 1)[1]
    rubriker = re.findall(
        r'<h([23]) id="[^"]*" class="[^"]*">(?:<span class="nr">[^<]*</span> )?([^<]*)</h', kropp
    )
    assert rubriker[:3] == [
        ("2", "Läsåret i korthet"),
        ("3", "Ett nytt schema"),
        ("3", "Personalen"),
    ], rubriker
    assert ("2", "Kunskapsresultat") in rubriker
    texter = [t for _, t in rubriker]
    assert "Det systematiska kvalitetsarbetet" not in texter and "Objektiva resultat" not in texter
