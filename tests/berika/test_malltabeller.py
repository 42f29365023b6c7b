"""Tables as written (issue 28, point 4): prose cells that wrap, Markdown in cells, a unit of
measure per column, blank cells blank, the author's column order, empty columns, a year column,
footnotes, consecutive tables apart, and the rows of a bedömningsskala with words and colour."""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import las_period
from kvalitet.rendera.miljo import skapa_miljo

BLABARET = "lingonet-blabaret"
MELLANSTADIET = "bjorkbackaskolan-mellanstadiet"


def _fil(projekt: Path, enhet: str) -> Path:
    return projekt / "rapporter" / "2025-26" / f"{enhet}.yaml"


def _andra(projekt: Path, enhet: str, gammal: str, ny: str) -> None:
    fil = _fil(projekt, enhet)
    text = fil.read_text(encoding="utf-8")
    assert gammal in text, gammal
    fil.write_text(text.replace(gammal, ny, 1), encoding="utf-8")


def _html(projekt: Path, enhet: str) -> str:
    proj = hitta_projekt(projekt)
    lage = las_period(proj, None, [enhet])
    (kontroll,) = lage.enheter
    assert kontroll.rapport is not None, kontroll.problem
    return html_for_enhet(proj, lage, kontroll, skapa_miljo(projektets_mallar(proj, lage)))


def _tabeller(html: str) -> list[str]:
    return re.findall(r'<div class="tabell-ram".*?</div>\n', html, flags=re.S)


def _tabell(html: str, rubrik: str) -> str:
    (traff,) = [t for t in _tabeller(html) if rubrik in t]
    return traff


def _rubrikrad(tabell: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', tabell.split("</thead>", 1)[0])


def test_prosaceller_bryts_och_visar_markdown(projekt: Path) -> None:
    """The three-column form: every prose cell is a wrapping 'text' cell (never nowrap, so no
    column is cut off), and its Markdown prints as bold, italics, a link and a list."""
    tabell = _tabell(_html(projekt, BLABARET), "Så här har vi arbetat")
    assert _rubrikrad(tabell) == ["Förbättringsområde", "Så här har vi arbetat", "Resultat"]
    celler = re.findall(r"<td( class=\"[^\"]*\")?>", tabell)
    assert celler and all(c == ' class="text"' for c in celler), celler
    assert "<strong>närvarande i leken</strong>" in tabell
    assert "<em>Läslyftet i förskolan</em>" in tabell
    assert "<li>sortera och räkna kottar och stenar</li>" in tabell
    assert "**" not in tabell and "](" not in tabell


def test_markdown_i_cell_ar_saker(projekt: Path) -> None:
    """Markdown in a cell is sanitised like all Markdown: no raw HTML, no script link."""
    _andra(
        projekt,
        BLABARET,
        "- Varje fredag har vi skickat",
        "- <script>alert(1)</script> [klicka](javascript:alert(1)) *Varje* fredag har vi skickat",
    )
    tabell = _tabell(_html(projekt, BLABARET), "Så här har vi arbetat")
    assert "<script" not in tabell and "javascript:" not in tabell
    assert "<em>Varje</em>" in tabell


def test_mattenhet_per_kolumn(projekt: Path) -> None:
    """Each column has the template's unit ('st', '%'), not ' %' on every number; a column
    without one prints the bare number."""
    kurser = _tabell(_html(projekt, BLABARET), "Kurs eller utbildning")
    assert "<td>3\u00a0st</td>" in kurser and "%" not in kurser
    resultat = _tabell(_html(projekt, MELLANSTADIET), "godkänt i alla ämnen")
    assert "<td>84\u00a0%</td>" in resultat
    mall = projekt / "rapporter" / "mallar" / "forskola-avdelning.rapportmall.yaml"
    text = mall.read_text(encoding="utf-8")
    mall.write_text(text.replace("            måttenhet: st\n", ""), encoding="utf-8")
    kurser = _tabell(_html(projekt, BLABARET), "Kurs eller utbildning")
    assert "<td>3</td>" in kurser and "st<" not in kurser


def test_tomma_celler_ar_tomma_och_symboler_bara_dar_de_skrivits(projekt: Path) -> None:
    """A blank cell prints blank, with no '.' and no legend; a '.' the author wrote keeps its
    legend."""
    tabell = _tabell(_html(projekt, BLABARET), "Så här har vi arbetat")
    assert '<td class="text"></td>' in tabell
    assert "<td>.</td>" not in tabell and "teckenforklaring" not in tabell
    _andra(projekt, BLABARET, 'värden: [grön, ""]', 'värden: [grön, "."]')
    tabell = _tabell(_html(projekt, BLABARET), "Målområde i läroplanen")
    assert "<dt>.</dt><dd>uppgift saknas</dd>" in tabell


def test_streck_for_ar_utan_uppgift_och_fotnot(projekt: Path) -> None:
    """'---' stands as written (not a rule), and the template's footnote prints under the table,
    before the unit's own."""
    _andra(
        projekt,
        MELLANSTADIET,
        "        källa: Skolans betygsstatistik",
        "        fotnot: Årskurs 4 fick inga betyg *2023/24*.\n        källa: Skolans betygsstatistik",
    )
    tabell = _tabell(_html(projekt, MELLANSTADIET), "godkänt i alla ämnen")
    assert "<td>---</td>" in tabell and "<hr" not in tabell
    fotnoter = re.findall(r'<div class="fotnot">(.*?)</div>', tabell, flags=re.S)
    assert fotnoter == [
        "<p>Flickor och pojkar redovisas bara för det senaste läsåret, och bara där minst tio "
        "elever finns i gruppen.</p>",
        "<p>Årskurs 4 fick inga betyg <em>2023/24</em>.</p>",
    ]


def test_forfattarens_kolumnordning_arskolumn_och_tom_kolumn(projekt: Path) -> None:
    """The author's order of flickor/pojkar/totalt, a year column beside them (as written:
    2025, not 2 025) and a column left empty all print as written, without errors."""
    fil = _fil(projekt, MELLANSTADIET)
    text = fil.read_text(encoding="utf-8")
    egen = (
        "      - rubrik: Elever per år\n"
        "        kolumner: [År, Totalt, Pojkar, Flickor, Kommentar]\n"
        "        mått: antal\n"
        "        rader:\n"
        "          - rad: Årskurs 4\n"
        '            värden: [2025, 56, 29, 27, ""]\n'
        "          - rad: Årskurs 5\n"
        "            värden: [2025, 55, 26, 29, ~]\n"
    )
    fil.write_text(text.replace("\nanalys:\n", "\n" + egen + "\nanalys:\n", 1), encoding="utf-8")
    tabell = _tabell(_html(projekt, MELLANSTADIET), "Elever per år")
    assert _rubrikrad(tabell) == ["År", "Totalt", "Pojkar", "Flickor", "Kommentar"]
    assert '<td class="ar">2025</td><td>56</td><td>29</td><td>27</td><td></td>' in tabell


def test_tva_tabeller_i_foljd_halls_isar(projekt: Path) -> None:
    """Two tables in a row are two tables, each with its own caption and header."""
    html = _html(projekt, MELLANSTADIET)
    trygghet = html.split("Trygghet och studiero</h2>", 1)[1].split("</section>", 1)[0]
    assert trygghet.count("<table") == 2 and trygghet.count("<thead") == 2
    assert "<caption>Andel elever som instämmer, elevenkäten våren 2026</caption>" in trygghet
    assert "<caption>Antal svarande</caption>" in trygghet


def test_bedomningsskala_med_ord_och_farg(projekt: Path) -> None:
    """Each assessed row has the step's words in the cell; the colour is a marker beside them
    (hidden from screen readers, which read the words); 'Grön' is the step 'grön'."""
    _andra(projekt, BLABARET, "värden: [grön, Barnen hjälper", "värden: [Grön, Barnen hjälper")
    tabell = _tabell(_html(projekt, BLABARET), "Målområde i läroplanen")
    rader = re.findall(r'<th scope="row">([^<]*)</th><td class="skala">(.*?)</td>', tabell)
    assert [r for r, _ in rader] == [
        "Normer och värden",
        "Omsorg, utveckling och lärande",
        "Barns delaktighet och inflytande",
        "Förskola och hem",
        "Övergång och samverkan",
    ]
    markor = '<span class="skalmarkor" style="background-color: {}" aria-hidden="true"></span>'
    assert rader[0][1] == (
        markor.format("#2e7d32") + "<strong>grön</strong>: Vi arbetar så här i hela verksamheten"
    )
    assert (
        rader[4][1] == markor.format("#c62828") + "<strong>röd</strong>: Vi har inte kommit i gång"
    )


def test_bedomningsskalans_farg_ar_bara_en_farg(projekt: Path) -> None:
    """A colour that is not a colour never reaches the style attribute."""
    from kvalitet.berika.tabellvy import tabell as vytabell
    from kvalitet.modell import Tabell
    from kvalitet.modell.rapportmall_tabell import Skala, Tabellmall

    skala = Skala.model_validate(
        {
            "rubrik": "S",
            "steg": [
                {"värde": "a", "ord": "Bra", "färg": "red; background-image: url(x)"},
                {"värde": "b", "ord": "Sämre", "färg": "#c62828"},
            ],
        }
    )
    mall = Tabellmall.model_validate({"id": "t", "sort": "bedömningsskala", "skala": "s"})
    t = Tabell.model_validate(
        {
            "kolumner": ["Bedömning"],
            "rader": [{"rad": "x", "värden": ["a"]}, {"rad": "y", "värden": ["b"]}],
        }
    )
    vy = vytabell(t, "t", 10, mall, {"s": skala})
    forsta, andra = (celler[0] for _, celler in vy.rader)
    assert forsta.ord == "Bra" and forsta.farg is None
    assert andra.farg == "#c62828"


def test_skalans_steg_for_sammanstallningen() -> None:
    """The model's helper gives a bedömningsskala table's steps, best first (W7's
    sammanställning counts a part's assessments with it); any other table has none."""
    from kvalitet.kalla.las import las_data
    from kvalitet.modell.malltabell import skalans_steg, steg_for
    from kvalitet.modell.rapportmall import Rapportmall

    rot = Path(__file__).resolve().parents[2]
    data, fel = las_data(rot / "rapporter" / "mallar" / "forskola-avdelning.rapportmall.yaml")
    assert not fel
    mall = Rapportmall.model_validate(data)
    delar = {d.id: d for _, d in mall.alla_delar()}
    (malomraden,) = delar["sjalvvardering"].tabeller
    steg = skalans_steg(mall, malomraden)
    assert [s.varde for s in steg] == ["grön", "gul", "röd"]
    assert steg_for(steg, " GUL ") is steg[1] and steg_for(steg, "blå") is None
    assert skalans_steg(mall, delar["fortbildning"].tabeller[0]) == []
