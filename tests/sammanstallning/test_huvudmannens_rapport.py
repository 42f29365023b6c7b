"""The huvudman's own report: title, multi-year målvärden, computed results, the nämnd's page,
validation against the plan, the PDF read back, and reference document 003 written in it."""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from kvalitet.cli import kvalitet

ROT = Path(__file__).resolve().parents[2]
REFERENS_003 = ROT / "tests" / "data" / "referens-003"
PERIOD = "2025-26"
TITEL = "Huvudmannens kvalitetsrapport 2025/26"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


def _omslag(html: str) -> str:
    return _text(html.split('<header class="omslag">')[1].split("</header>")[0])


def _rad(html: str, styrtal_id: str) -> str:
    """The text of one row of a follow-up table, by its styrtal id."""
    rad = re.search(
        rf'<tr class="status-[^"]*">\s*<th scope="row"><span class="nr">{re.escape(styrtal_id)}'
        r"</span>.*?</tr>",
        html,
        flags=re.S,
    )
    assert rad, f"ingen rad för {styrtal_id}"
    return _text(rad.group(0))


@pytest.fixture(scope="module")
def html(byggt_exempel: Path) -> str:
    return (byggt_exempel / "huvudmannens-rapport.html").read_text(encoding="utf-8")


def _enhetsvarden(styrtal_id: str) -> list[tuple[float, int | None]]:
    """(utfall, antal totalt) for each unit file of the example that reports the styrtal."""
    ut = []
    for fil in sorted((ROT / "rapporter" / PERIOD).glob("*.yaml")):
        data = yaml.safe_load(fil.read_text(encoding="utf-8"))
        res = (data.get("styrtal") or {}).get(styrtal_id) if "skolform" in data else None
        if res and res.get("utfall") is not None:
            utfall = float(str(res["utfall"]).replace(",", "."))
            ut.append((utfall, (res.get("antal") or {}).get("totalt")))
    return ut


def _svenskt(varde: float) -> str:
    return f"{round(varde, 1):.1f}".replace(".", ",").removesuffix(",0")


def test_egen_titel_pa_omslaget_och_i_titeln(html: str) -> None:
    omslag = _omslag(html)
    assert "Älvmora kommun" in omslag and TITEL in omslag
    assert "Kvalitetsrapport" not in omslag.replace(TITEL, "")
    assert f"<title>{TITEL} – Älvmora kommun</title>" in html


def test_malvarden_for_flera_perioder_i_kolumner(html: str) -> None:
    assert '<th scope="col" class="malvarde-kolumn">Målvärde 2024/25</th>' in html
    assert '<th scope="col" class="malvarde-kolumn">Målvärde 2025/26</th>' in html
    # 1.1.1: 85 % in the plan for 2024/25 (its huvudman file), 87 % for 2025/26
    assert "85 % 87 %" in _rad(html, "1.1.1")
    # 1.1.3 is new in 2025/26: no målvärde for 2024/25
    assert "– 6 på en 10-gradig skala" in _rad(html, "1.1.3")


def test_uttraknade_resultat_ar_de_ur_enhetsfilerna(html: str) -> None:
    # 1.1.1 beräkna: medel – weighted by each unit's 'antal: totalt'
    varden = _enhetsvarden("1.1.1")
    viktade = [(v, n) for v, n in varden if n]
    medel = sum(v * n for v, n in viktade) / sum(n for _, n in viktade)
    assert f"{_svenskt(medel)} % Medelvärde viktat med antal elever" in _rad(html, "1.1.1")
    # 1.1.2 beräkna: median
    median = statistics.median(v for v, _ in _enhetsvarden("1.1.2"))
    assert f"{_svenskt(median)} % Median av 1 enhet" in _rad(html, "1.1.2")
    # 2.1.2 beräkna: median over the units that report it
    median = statistics.median(v for v, _ in _enhetsvarden("2.1.2"))
    assert f"{_svenskt(median)} % Median av 2 enheter" in _rad(html, "2.1.2")
    # 3.1.1 beräkna: andel_uppnått – målvärde 5, lägre är bättre
    varden = _enhetsvarden("3.1.1")
    uppnadda = sum(v <= 5 for v, _ in varden)
    andel = 100 * uppnadda / len(varden)
    assert f"{_svenskt(andel)} % {uppnadda} av {len(varden)} enheter nådde målvärdet" in _rad(
        html, "3.1.1"
    )


def test_skrivna_resultat_star_som_de_ar_skrivna(html: str) -> None:
    assert "Över 90 %" in _rad(html, "2.1.3")
    assert "7,8 av 10" in _rad(html, "1.1.3")
    assert "Uppnått" in _rad(html, "2.1.3")


def test_aktiviteter_uppdrag_och_insatser(html: str) -> None:
    text = _text(html)
    assert "Aktivitet 1.1.2 och 2.1.2 Gemensam modell för studiero" in text
    assert "Övriga aktiviteter" in text and "Digitalt stöd för uppföljning" in text
    assert "2 Uppdrag från nämnden" in text and "2.1 Halvera den ogiltiga frånvaron" in text
    assert "Vad vi vill uppnå" in text and "Nästa steg" in text
    assert "Tilldelade medel 450 000 kronor" in text
    assert "B.2 Måluppfyllelse per enhet och styrtal" in text


def test_namndens_sida_visar_diarienumret(html: str) -> None:
    sida = _text(html.split('<section class="tjansteskrivelse"')[1].split("</section>")[0])
    assert "Diarienummer BUN 2026/0412" in sida
    assert "Beredande tjänsteperson: Karin Ek, kvalitetsstrateg" in sida
    assert "Förslag till beslut" in sida
    assert "godkänner huvudmannens kvalitetsrapport 2025/26" in sida


def test_pdf_sidhuvud_innehall_sprak_titel_och_pdfua(byggt_exempel: Path) -> None:
    reader = PdfReader(byggt_exempel / "huvudmannens-rapport.pdf")
    antal = len(reader.pages)
    assert antal >= 8
    assert f"{TITEL} 1({antal})" not in reader.pages[0].extract_text()
    for nr, sida in enumerate(reader.pages[1:], start=2):
        text = re.sub(r"\s+", " ", sida.extract_text())
        assert f"Älvmora kommun, {TITEL} {nr}({antal})" in text, f"sida {nr}"
    rot = reader.trailer["/Root"]
    assert rot["/Lang"] == "sv"
    assert reader.metadata.title == f"{TITEL} – Älvmora kommun"
    assert "/StructTreeRoot" in rot
    assert b'pdfuaid:part="1"' in rot["/Metadata"].get_object().get_data()
    # the table of contents' page numbers are those of the headings
    toc = next(s.extract_text() for s in reader.pages if "Innehåll" in s.extract_text())
    poster = re.findall(r"^(\d[\d.]* [^.\n]+?)\s*\.{3,}\s*(\d+)$", toc, flags=re.M)
    assert len(poster) >= 8
    for titel, sida in poster:
        assert titel.strip() in re.sub(r"\s+", " ", reader.pages[int(sida) - 1].extract_text())


def _kor(runner: CliRunner, *args: str) -> tuple[int, str]:
    res = runner.invoke(kvalitet, list(args))
    return res.exit_code, res.output


def test_okant_styrtal_i_en_aktivitet_ar_ett_fel_pa_raden(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / PERIOD / "huvudmannens-rapport.yaml"
    text = fil.read_text(encoding="utf-8").replace(
        "styrtal: [1.1.2, 2.1.2]", "styrtal: [1.1.2, 2.1.9]"
    )
    fil.write_text(text, encoding="utf-8")
    rad = next(i for i, r in enumerate(text.splitlines(), 1) if "2.1.9" in r)
    kod, utdata = _kor(runner, "kontrollera")
    assert kod == 1
    assert f"huvudmannens-rapport.yaml:{rad}:" in utdata
    assert "styrtal '2.1.9' finns inte i verksamhetsplanen" in utdata
    assert "menade du" in utdata


def test_resultat_och_berakna_samtidigt_ar_ett_fel(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / PERIOD / "huvudmannens-rapport.yaml"
    text = fil.read_text(encoding="utf-8").replace(
        "      beräkna: median\n      kommentar: |\n        Studieron",
        "      beräkna: median\n      resultat: 66\n      kommentar: |\n        Studieron",
    )
    fil.write_text(text, encoding="utf-8")
    kod, utdata = _kor(runner, "kontrollera")
    assert kod == 1
    assert "styrtal 1.1.2 har både 'resultat' och 'beräkna'" in utdata


def test_en_andrad_enhet_bygger_om_huvudmannens_rapport(projekt: Path, runner: CliRunner) -> None:
    assert _kor(runner, "bygg", "--format", "html")[0] == 0
    fil = projekt / "rapporter" / PERIOD / "bjorkbackaskolan.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("utfall: 65,6", "utfall: 71,2"), encoding="utf-8"
    )
    kod, utdata = _kor(runner, "bygg", "--format", "html")
    assert kod == 0
    assert "✓ huvudmannens rapport: ut/huvudmannens-rapport.html" in utdata
    html = (projekt / "ut" / "huvudmannens-rapport.html").read_text(encoding="utf-8")
    assert "71,2 % Median av 1 enhet" in _rad(html, "1.1.2")


def test_referensdokument_003_i_den_nya_formen(tmp_path: Path, runner: CliRunner) -> None:
    """003 (Timrå's follow-up of its verksamhetsplan 2020): no fake unit, no empty sections,
    both years' målvärden, the results as written."""
    projekt = tmp_path / "referens-003"
    shutil.copytree(REFERENS_003, projekt)
    kod, utdata = _kor(runner, "kontrollera", str(projekt))
    assert kod == 0, utdata
    assert "Huvudmannens rapport för 2020 kontrollerad: 0 fel och 0 varningar." in utdata
    kod, utdata = _kor(runner, "bygg", str(projekt))
    assert kod == 0, utdata
    html = (projekt / "ut" / "huvudmannens-rapport.html").read_text(encoding="utf-8")
    text = _text(html.split("<body")[1])
    assert "Avsnittet är inte ifyllt" not in text and 'class="ej-ifyllt"' not in html
    assert "Kvalitetsrapport" not in _omslag(html)
    assert "Målvärde 2019" in text and "Målvärde 2020" in text
    assert "5 på en 10 gradig skala 6 på en 10 gradig skala 7,5" in _rad(html, "1.1.1")
    assert "80 % 80 % Över 80 %" in _rad(html, "1.1.2")
    assert "Mål 1:1 Varje enhet är välskött" in text
    assert "Aktivitet 1.1.1 och 1.1.2 Stödjande aktiviteter för elevhälsans arbete." in text
    reader = PdfReader(projekt / "ut" / "huvudmannens-rapport.pdf")
    sista = len(reader.pages)
    assert f"Timrå kommun, Uppföljning av verksamhetsplan och budget 2020 2({sista})" in re.sub(
        r"\s+", " ", reader.pages[1].extract_text()
    )


def test_ny_period_for_vidare_planen_och_oppna_uppdrag(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / PERIOD / "huvudmannens-rapport.yaml"
    text = fil.read_text(encoding="utf-8").replace(
        "beslut: Verksamhetsplan 2025/26\n    status: pågår",
        "beslut: Verksamhetsplan 2025/26\n    status: klart",
    )
    fil.write_text(text, encoding="utf-8")
    kod, utdata = _kor(runner, "ny", "period", "2026/27")
    assert kod == 0, utdata
    ny = projekt / "rapporter" / "2026-27" / "huvudmannens-rapport.yaml"
    data = yaml.safe_load(ny.read_text(encoding="utf-8"))
    assert data["titel"] == "Huvudmannens kvalitetsrapport 2026/27"
    assert [u["rubrik"] for u in data["uppdrag"]] == ["Halvera den ogiltiga frånvaron"]
    assert data["uppdrag"][0]["uppföljning"] is None
    assert len(data["aktiviteter"]) == 4 and all(
        a["uppföljning"] is None for a in data["aktiviteter"]
    )
    assert data["uppföljning"]["styrtal"]["1.1.2"] == {"beräkna": "median"}
    kod, utdata = _kor(runner, "kontrollera")
    assert kod == 0, utdata
    assert "huvudmannens rapport för 2026/27" in utdata


def test_rubriknivaerna_hoppar_aldrig_over_en_niva(html: str) -> None:
    """'Övriga aktiviteter' (h3) is followed by its activities as h4, not h6 (vnu, outloud)."""
    forra = 1
    for niva, text in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, flags=re.S):
        assert int(niva) <= forra + 1, f"h{forra} följs av h{niva}: {_text(text)}"
        forra = int(niva)
