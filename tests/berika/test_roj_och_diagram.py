"""Röjandekontroll, charts with text alternatives, and Swedish number formats in the output."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kvalitet.berika.roj import maskera, maskera_rad
from kvalitet.cli import kvalitet
from kvalitet.modell import Rad

G = {"flickor": 0, "pojkar": 0, "totalt": 0}


def test_farre_an_grans_visas_som_tva_punkter() -> None:
    ut = maskera(
        {"flickor": 50.0, "pojkar": 60.0, "totalt": 56.0},
        {"flickor": 8, "pojkar": 14, "totalt": 22},
        "procent",
        10,
    )
    assert ut["flickor"] == ".."
    # flickornas andel kan räknas fram ur totalen och pojkarnas: pojkarnas döljs också
    assert ut["pojkar"] == ".."
    assert ut["totalt"] == 56.0


def test_grans_ar_en_installning() -> None:
    varden = {"flickor": 25.0, "pojkar": 50.0, "totalt": 40.9}
    antal = {"flickor": 8, "pojkar": 14, "totalt": 22}
    assert maskera(varden, antal, "procent", 5)["flickor"] == 25.0
    assert maskera(varden, antal, "procent", 15)["pojkar"] == ".."
    assert maskera(varden, antal, "procent", 23)["totalt"] == ".."


def test_nara_hundra_och_kompletterande_doljning() -> None:
    # 1 av 21 flickor når inte upp: ~100, och pojkarnas andel döljs så att den inte kan räknas fram
    ut = maskera(
        {"flickor": 95.2, "pojkar": 80.8, "totalt": 87.2},
        {"flickor": 21, "pojkar": 26, "totalt": 47},
        "procent",
        10,
    )
    assert ut == {"flickor": "~100", "pojkar": "..", "totalt": 87.2}


@pytest.mark.parametrize(
    ("andel", "n", "vantat"),
    [(100.0, 30, 100.0), (96.7, 30, "~100"), (86.7, 30, "~100"), (83.3, 30, 83.3)],
)
def test_nara_hundra_galler_1_till_4_elever(andel: float, n: int, vantat: object) -> None:
    # 0 som inte når upp visas (100 %); 1-4 ger ~100; 5 eller fler visas
    assert maskera({"totalt": andel}, {"totalt": n}, "procent", 10)["totalt"] == vantat


def test_nara_hundra_bara_for_andelar() -> None:
    assert maskera({"totalt": 97}, {"totalt": 100}, "antal", 10)["totalt"] == 97


def test_inga_elever_och_saknade_uppgifter() -> None:
    ut = maskera(
        {"flickor": 0, "pojkar": None, "totalt": 12}, {"flickor": 0, "totalt": 12}, "antal", 10
    )
    assert ut["flickor"] == "-"
    assert ut["pojkar"] is None  # visas som '.' av mallen
    assert ut["totalt"] == 12


def test_rad_med_antal_per_kolumn_och_antalen_forsvinner() -> None:
    rad = Rad.model_validate({"rad": "Åk 1", "värden": [50, 80, 90], "antal": [8, 25, 40]})
    ut = maskera_rad(rad, "procent", 10)
    assert ut.varden == ["..", 80, "~100"]
    assert ut.antal is None


def test_inget_dolt_tal_nar_nagon_utdata(byggt_exempel: Path) -> None:
    dolda = {
        "bjorkbackaskolan": ["95,2", "80,6"],  # idrott och hälsa: ~100 och ..
        "alvmora-gymnasium": ["66,7", "72,2"],  # bygg- och anläggning: 6 flickor
    }
    for enhet, tal in dolda.items():
        html = (byggt_exempel / f"{enhet}.html").read_text(encoding="utf-8")
        pdf = " ".join(s.extract_text() for s in PdfReader(byggt_exempel / f"{enhet}.pdf").pages)
        for varde in tal:
            for text in (html, pdf, html.replace(",", ".")):
                assert varde not in text and varde.replace(",", ".") not in text, (enhet, varde)
        assert "~100" in html or ".." in html
    bjork = (byggt_exempel / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert "<dt>~100</dt>" in bjork and "<dt>..</dt>" in bjork
    assert "1–4 elever når inte upp; exakt andel visas inte" in bjork
    gymn = (byggt_exempel / "alvmora-gymnasium.html").read_text(encoding="utf-8")
    assert "uppgiften bygger på färre än 10 elever" in gymn


class _Figurer(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svg: list[dict[str, str | None]] = []
        self.titlar: dict[str, str] = {}
        self._id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg" and "diagram" in (a.get("class") or ""):
            self.svg.append(a)
        if tag in ("title", "desc") and a.get("id"):
            self._id = a["id"]

    def handle_data(self, data: str) -> None:
        if self._id:
            self.titlar[self._id] = self.titlar.get(self._id, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "desc"):
            self._id = None


def test_varje_diagram_har_roll_titel_beskrivning_och_datatabell(byggt_exempel: Path) -> None:
    antal = 0
    for fil in byggt_exempel.glob("*.html"):
        html = fil.read_text(encoding="utf-8")
        parser = _Figurer()
        parser.feed(html)
        for svg in parser.svg:
            antal += 1
            assert svg["role"] == "img"
            titel, besk = (svg["aria-labelledby"] or "").split()
            assert parser.titlar[titel].strip()
            assert parser.titlar[besk].startswith("Stapeldiagram.")
        # data: every chart comes right after the table that holds its numbers
        for traff in re.finditer(r'<svg xmlns="http://www.w3.org/2000/svg" role="img"', html):
            slut = html.rfind("</table>", 0, traff.start())
            assert slut != -1 and "<table" not in html[slut : traff.start()]
        assert html.count(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="diagram"'
        ) == len(parser.svg)
    assert antal >= 10


def test_enhet_kan_stanga_av_ett_diagram(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(
        text.replace(
            "  2.1.3:\n    utfall: 91\n", "  2.1.3:\n    utfall: 91\n    diagram: false\n"
        ),
        encoding="utf-8",
    )
    assert (
        runner.invoke(
            kvalitet, ["bygg", "--format", "html", "--enhet", "bjorkbackaskolan"]
        ).exit_code
        == 0
    )
    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert 'id="diagram-styrtal-2-1-1-titel"' in html
    assert 'id="diagram-styrtal-2-1-3-titel"' not in html


def test_inga_engelska_decimaltal(byggt_exempel: Path) -> None:
    engelska = re.compile(r"\d\.\d+\s?%|\d\.\d\s")
    for fil in byggt_exempel.glob("*.html"):
        synlig = re.sub(r"<[^>]+>", " ", fil.read_text(encoding="utf-8"))
        synlig = re.sub(r"<style.*?</style>", "", synlig, flags=re.S)
        assert not engelska.search(re.sub(r"\b\d+(\.\d+)+\b(?! ?%)", "", synlig)), fil.name
        assert "96.4" not in synlig
    for fil in byggt_exempel.glob("*.pdf"):
        text = " ".join(s.extract_text() for s in PdfReader(fil).pages)
        assert not re.search(r"\d\.\d+\s?%", text), fil.name
        if fil.stem != "lingonet-blabaret":  # the förskola avdelning's form has no percentages
            assert "\u00a0%" in text or " %" in text
