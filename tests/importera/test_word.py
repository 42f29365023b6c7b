"""kvalitet importera word: a rektor's Word report into a valid unit, the loss report counted
against what the test wrote, tracked changes, an existing unit kept, images and alt text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from tests.importera.wordfiler import FOTNOT, TEXTRUTA, W, rektorns_rapport

ENHET = Path("rapporter") / "2025-26" / "ekhagen.yaml"


def _ord(*texter: str) -> int:
    return sum(len(re.findall(r"\w+(?:[,.:'’/-]\w+)*", t)) for t in texter)


def _importera(runner: CliRunner, *arg: str, kod: int = 0) -> str:
    res = runner.invoke(kvalitet, ["importera", "word", *arg])
    assert res.exit_code == kod, res.output
    assert "Traceback" not in res.output
    return res.output


def _ny(runner: CliRunner, fil: Path, *arg: str, kod: int = 0) -> str:
    return _importera(
        runner,
        str(fil),
        "--enhet",
        "ekhagen",
        "--skolform",
        "grundskola",
        "--namn",
        "Ekhagen",
        *arg,
        kod=kod,
    )


def _block(del_: dict) -> list:  # type: ignore[type-arg]
    return del_["innehåll"]


def test_rektorns_rapport_blir_en_giltig_enhet(projekt: Path, runner: CliRunner) -> None:
    fil = rektorns_rapport(projekt / "rapport.docx")
    ut = _ny(runner, fil)
    assert not (projekt / ENHET).exists()  # no --skriv: only shown
    assert "+++ b/rapporter/2025-26/ekhagen.yaml" in ut and "Kör med --skriv" in ut
    ut = _ny(runner, fil, "--skriv")
    data = yaml.safe_load((projekt / ENHET).read_text(encoding="utf-8"))
    assert data["namn"] == "Ekhagen" and data["period"] == "2025/26"
    assert data["beskrivning"].startswith("Björkbackaskolan är en F–9-skola")
    kva = _block(data["kvalitetsarbete"])
    assert kva[0]["text"].startswith(
        "Vi har under året arbetat **särskilt** med *trygghet och studiero*."
    )
    assert (
        "- Elevrådet har deltagit i analysen.\n- Vårdnadshavare har svarat på en enkät."
        in kva[0]["text"]
    )
    obj = _block(data["resultat"]["objektiva"])
    assert obj[0]["text"].startswith(
        "Siffrorna kommer från [Skolverkets statistik](https://www.skolverket.se/statistik) "
        "(betyg A–E\\*).\n\nBehörigheten"  # the link, and a '*' that is no emphasis
    )
    assert FOTNOT in obj[0]["text"]  # the footnote stays with its text
    tabell = obj[1]["tabell"]
    # '*' is no statistics symbol: no 'mått: procent', each number keeps its '%' (a number)
    assert "mått" not in tabell and tabell["radrubrik"] == "Årskurs 9"
    assert "kolumner" not in tabell  # the groups
    behoriga, merit, antal = tabell["rader"]
    assert antal == {
        "rad": "Antal elever",
        "mått": "antal",
        "flickor": 22,
        "pojkar": 25,
        "totalt": 47,
    }
    assert behoriga == {
        "rad": "Behöriga till yrkesprogram",
        "flickor": "86,4 %",
        "pojkar": "80,1 %",
        "totalt": "83,0 %",
        "antal": {"flickor": 22, "pojkar": 25, "totalt": 47},
    }
    assert merit["flickor"] == ".." and merit["pojkar"] == "*"  # symbols as written
    bild = obj[2]["bild"]
    assert bild["alt"] == "Stapeldiagram över behörigheten 2023–2025"
    assert (projekt / ENHET).parent.joinpath(bild["fil"]).resolve().read_bytes()[:4] == b"\x89PNG"
    analys = _block(data["analys"])
    assert analys[1] == {
        "slutsats": {
            "rubrik": "Slutsatser",
            "punkter": ["Fler vuxna behövs på rasterna.", "Ordningsreglerna ska bli tydligare."],
        }
    }
    egen = analys[2]  # a heading the template does not have: its own heading, level kept
    assert egen["rubrik"] == "Fritidshemmet"
    assert egen["innehåll"][1] == {
        "slutsats": {"rubrik": "Slutsats", "punkter": ["Lokalerna ger bättre förutsättningar."]}
    }
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert kontroll.exit_code == 0, kontroll.output
    assert "ekhagen.yaml" not in "\n".join(r for r in kontroll.output.splitlines() if ": fel:" in r)
    # the loss report, counted against what the test wrote
    skrivet = _ord(
        "Kvalitetsrapport 2024/25",
        "Om enheten",
        "Björkbackaskolan är en F–9-skola med 420 elever och 58 medarbetare.",
        "1 Det systematiska kvalitetsarbetet",
        "Vi har under året arbetat särskilt med trygghet och studiero.",
        "Arbetslagen träffas varje vecka för att följa upp resultaten.",
        "Elevrådet har deltagit i analysen.",
        "Vårdnadshavare har svarat på en enkät.",
        "2 Resultat",
        "2.1 Objektiva resultat",
        "Siffrorna kommer från Skolverkets statistik (betyg A–E*).",
        "Behörigheten till yrkesprogram ökade jämfört med förra året.",
        FOTNOT,
        "Årskurs 9 Flickor Pojkar Totalt Behöriga till yrkesprogram 86,4 80,1 83,0",
        "Meritvärde (andel över 230) 41,2 Antal elever 22 25 47",
        "3 Analys",
        "Resultaten hänger ihop med hur trygga eleverna känner sig.",
        TEXTRUTA,
        "Slutsatser:",
        "Fler vuxna behövs på rasterna.",
        "Ordningsreglerna ska bli tydligare.",
        "Fritidshemmet",
        "Fritidshemmet har fått nya lokaler under våren.",
        "Slutsats",
        "Lokalerna ger bättre förutsättningar.",
    )
    forlorat = _ord("Kvalitetsrapport 2024/25", TEXTRUTA)
    andel = f"{100 * (skrivet - forlorat) / skrivet:.1f}".replace(".", ",")
    assert f"Ord: {skrivet} i Word-filen, {skrivet - forlorat} i enheten ({andel} %)." in ut
    assert f"en textruta: '{TEXTRUTA}' (under rubriken '3 Analys'), 8 ord" in ut
    assert TEXTRUTA not in (projekt / ENHET).read_text(encoding="utf-8")  # never twice
    assert "kommentar Maria: 'Stämmer det för alla arbetslag?'" in ut
    assert "sidhuvudet: 'Björkbackaskolan – Kvalitetsrapport 2024/25'" in ut
    assert "dokumentets titel 'Kvalitetsrapport 2024/25'" in ut
    assert "rubriken '2.1 Objektiva resultat' matchades mot mallens del 'objektiva'" in ut
    assert "rubriken 'Fritidshemmet' finns inte i mallen" in ut
    assert "lästes med grupperna flickor, pojkar, totalt" in ut
    assert "'Antal …' lästes också som antal elever för raderna ovanför" in ut


def test_bild_utan_alternativtext_varnar(projekt: Path, runner: CliRunner) -> None:
    fil = rektorns_rapport(projekt / "rapport.docx", alt=None)
    ut = _ny(runner, fil, "--skriv")
    assert re.search(
        r"bilden \.\./bilder/ekhagen-word-1\.png \(under rubriken '2\.1 Objektiva "
        r"resultat'\) saknar alternativtext i Word-filen",
        ut,
    )
    assert "alt: 'ÄNDRA: beskriv vad bilden visar'" in (projekt / ENHET).read_text(encoding="utf-8")


def _med_sparade(fil: Path) -> Path:
    from docx import Document
    from docx.oxml import parse_xml

    dok = Document()
    dok.add_heading("Analys", 1)
    p = dok.add_paragraph("Eleverna är ")
    p._p.append(
        parse_xml(
            f'<w:del {W} w:id="1" w:author="Rektor" w:date="2025-06-01T10:00:00Z"><w:r>'
            "<w:delText>ganska</w:delText></w:r></w:del>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:ins {W} w:id="2" w:author="Rektor" w:date="2025-06-01T10:00:00Z"><w:r>'
            "<w:t>mycket</w:t></w:r></w:ins>"
        )
    )
    p.add_run(" trygga.")
    dok.save(fil)
    return fil


def test_sparade_andringar_vagras_utan_val(projekt: Path, runner: CliRunner) -> None:
    fil = _med_sparade(projekt / "sparat.docx")
    ut = _ny(runner, fil, kod=1)
    assert "fel: sparat.docx: filen har 2 spårade ändringar som inte är godkända" in ut
    assert "--spårade godkänn" in ut
    godkand = _ny(runner, fil, "--spårade", "godkänn")
    assert "Eleverna är mycket trygga." in godkand and "ganska" not in godkand.split("Förlust")[0]
    forkastad = _ny(runner, fil, "--sparade", "forkasta")  # the ASCII spelling
    assert "Eleverna är ganska trygga." in forkastad
    assert "2 spårade ändringar förkastades" in forkastad
    _ny(runner, fil, "--spårade", "kanske", kod=2)


def test_befintlig_enhet_behaller_sina_delar(projekt: Path, runner: CliRunner) -> None:
    fil = rektorns_rapport(projekt / "rapport.docx")
    bjork = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    fore = bjork.read_text(encoding="utf-8")
    ut = _importera(runner, str(fil), "--enhet", "bjorkbackaskolan", "--skriv")
    assert "'analys' har redan innehåll och behölls (--skriv-over ersätter det)" in ut
    efter = bjork.read_text(encoding="utf-8")
    assert efter.startswith(fore.split("\nanalys:")[0][:200])  # the head of the file as it was
    data = yaml.safe_load(efter)
    assert "Fritidshemmet" not in str(data["analys"])
    # the image belonged to a kept part (resultat): not written
    assert not list((projekt / "rapporter" / "bilder").glob("bjorkbackaskolan-word-*"))
    over = _importera(runner, str(fil), "--enhet", "bjorkbackaskolan", "--skriv-over", "--skriv")
    assert "behölls" not in over
    assert "Fritidshemmet" in str(yaml.safe_load(bjork.read_text(encoding="utf-8"))["analys"])


def test_ny_enhet_utan_skolform_och_okand_mall(projekt: Path, runner: CliRunner) -> None:
    fil = rektorns_rapport(projekt / "rapport.docx")
    ut = _importera(runner, str(fil), "--enhet", "ekhagen", kod=1)
    assert "enheten 'ekhagen' finns inte för 2025/26" in ut and "--skolform" in ut
    ut = _ny(runner, fil, "--mall", "stadierapprt", kod=1)
    assert "rapportmallen 'stadierapprt' finns inte (menade du 'stadierapport'?)" in ut


def test_annan_mall_ger_delar(projekt: Path, runner: CliRunner) -> None:
    from docx import Document

    dok = Document()
    dok.add_heading("Trygghet och studiero", 1)
    dok.add_paragraph("Eleverna känner sig trygga i klassrummen.")
    dok.add_heading("Analys och åtgärder", 1)
    dok.add_paragraph("Rastvakterna blir fler.")
    dok.save(projekt / "stadie.docx")
    _ny(runner, projekt / "stadie.docx", "--mall", "stadierapport", "--skriv")
    data = yaml.safe_load((projekt / ENHET).read_text(encoding="utf-8"))
    assert data["rapportmall"] == "stadierapport"
    assert data["delar"]["trygghet"]["innehåll"] == [
        {"text": "Eleverna känner sig trygga i klassrummen."}
    ]
    assert data["analys"]["innehåll"] == [{"text": "Rastvakterna blir fler."}]


def test_gammalt_importkommando_fungerar_som_forut(projekt: Path, runner: CliRunner) -> None:
    from kvalitet.cli.importera_word import word

    res = runner.invoke(kvalitet, ["importera", "--hjälp"])
    assert res.exit_code == 0 and "importera word FIL.docx" in res.output
    assert res.output.startswith("Användning: kvalitet importera [FLAGGOR] FIL...")
    res = runner.invoke(kvalitet, ["importera", "word", "--hjälp"])
    assert res.exit_code == 0
    assert res.output.startswith("Användning: kvalitet importera word [FLAGGOR] FIL.docx")
    dokumentation = (Path(__file__).resolve().parents[2] / "docs" / "kommandon.md").read_text()
    assert "kvalitet importera word" in dokumentation
    for param in word.params:
        for flagga in getattr(param, "opts", []):
            if flagga.startswith("--") and flagga not in ("--help", "--hjälp"):
                assert flagga in dokumentation, f"docs/kommandon.md saknar {flagga}"
    res = runner.invoke(kvalitet, ["importera", "word", "saknas.docx", "--enhet", "x"])
    assert res.exit_code == 2 and "filen 'saknas.docx' finns inte" in res.output


def test_utvecklingsomraden_delaktighet_och_forra_periodens(
    projekt: Path, runner: CliRunner
) -> None:
    from docx import Document

    dok = Document()
    dok.add_heading("1 Det systematiska kvalitetsarbetet", 1)
    dok.add_paragraph("Vi följer upp resultaten fyra gånger per år.")
    dok.add_heading("Delaktighet i uppföljning och analys", 2)
    dok.add_paragraph("Personal: Alla arbetslag har analyserat resultaten.")
    dok.add_paragraph("Elever")
    dok.add_paragraph("Elevrådet deltog i två workshoppar.")
    dok.add_heading("1.1 Uppföljning av föregående periods utvecklingsområden", 2)
    dok.add_heading("Ökad närvaro", 3)
    dok.add_paragraph("Närvaron ökade till 94 procent.")
    dok.add_heading("4 Prioriterade utvecklingsområden", 1)
    dok.add_heading("4.1 Studiero i årskurs 7–9", 2)
    dok.add_heading("Varför är utvecklingsområdet prioriterat?", 3)
    dok.add_paragraph("Var tredje elev upplever inte studiero.")
    dok.add_heading("Vilka insatser ska genomföras?", 3)
    dok.add_heading("På kort sikt", 4)
    dok.add_paragraph("Gemensam lektionsstart.")
    dok.add_heading("På lång sikt", 4)
    dok.add_paragraph("Kollegialt lärande om ledarskap.")
    dok.save(projekt / "omraden.docx")
    ut = _ny(runner, projekt / "omraden.docx", "--skriv")
    data = yaml.safe_load((projekt / ENHET).read_text(encoding="utf-8"))
    assert data["delaktighet"] == {
        "personal": "Alla arbetslag har analyserat resultaten.",
        "elever": "Elevrådet deltog i två workshoppar.",
    }
    assert data["tidigare_utvecklingsområden"] == [
        {"rubrik": "Ökad närvaro", "uppföljning": "Närvaron ökade till 94 procent."}
    ]
    assert data["utvecklingsområden"] == [
        {
            "rubrik": "Studiero i årskurs 7–9",  # kvalitet numbers it
            "varför": "Var tredje elev upplever inte studiero.",
            "insatser": {
                "kort_sikt": "Gemensam lektionsstart.",
                "lång_sikt": "Kollegialt lärande om ledarskap.",
            },
        }
    ]
    # every word came along: the questions and 'På kort sikt' are the template's headings
    assert "i enheten (100,0 %)." in ut
    assert (
        "rubriken '4 Prioriterade utvecklingsområden' matchades mot mallens del 'utvecklingsomraden'"
        in ut
    )
    assert runner.invoke(kvalitet, ["kontrollera"]).exit_code == 0


def test_sparade_andringar_i_en_fotnot(projekt: Path, runner: CliRunner) -> None:
    from docx import Document

    from tests.importera.wordfiler import fotnot

    dok = Document()
    dok.add_heading("Analys", 1)
    p = dok.add_paragraph("Frånvaron minskade.")
    fotnot(
        dok,
        p,
        '</w:t></w:r><w:del w:id="7" w:author="R"><w:r><w:delText>Gammal källa.'
        '</w:delText></w:r></w:del><w:ins w:id="8" w:author="R"><w:r><w:t>Ny källa.</w:t></w:r>'
        "</w:ins><w:r><w:t>",
    )
    dok.save(projekt / "fot.docx")
    ut = _ny(runner, projekt / "fot.docx", kod=1)
    assert "filen har 2 spårade ändringar" in ut
    assert "(fotnot: Ny källa.)" in _ny(runner, projekt / "fot.docx", "--spårade", "godkänn")
    assert "(fotnot: Gammal källa.)" in _ny(runner, projekt / "fot.docx", "--spårade", "förkasta")
