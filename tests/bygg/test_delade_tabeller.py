"""A table split over pages: its title with "(forts.)" and its header on every page it
continues on, and for a screen reader one table with one header (the repeats are artifacts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pikepdf import Array, Dictionary

from kvalitet.bygg.pdftabeller import tabellfragment
from kvalitet.cli import kvalitet

DOKUMENT = [
    "bjorkbackaskolan",
    "forskolan-lingonet",
    "alvmora-gymnasium",
    "resurscentrum",
    "sammanstallning",
    "huvudmannens-rapport",
]
TITEL = "Andel vårdnadshavare som instämmer, våren 2026"
ARTEFAKT = re.compile(rb"/Artifact\b[^\n]*?BDC.*?EMC", re.S)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")


def _lista(k: Any) -> list[Any]:
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def _element(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    stack = list(_lista(pdf.Root.StructTreeRoot.K))
    while stack:
        el = stack.pop()
        if isinstance(el, Dictionary) and el.get("/Type") not in ("/OBJR", "/MCR"):
            yield el
            stack.extend(reversed(_lista(el.get("/K"))))


def _sidtexter(pdf: Path, utan_artefakter: bool = False) -> list[str]:
    """Each page's text; with ``utan_artefakter`` only the tagged content (what a screen reader
    reads): every /Artifact … EMC run is cut from the pages first."""
    data = pdf.read_bytes()
    if utan_artefakter:
        with pikepdf.open(BytesIO(data)) as dokument:
            for sida in dokument.pages:
                sida.contents_coalesce()
                innehall = sida.obj.Contents.read_bytes()
                sida.obj.Contents = dokument.make_stream(ARTEFAKT.sub(b"", innehall))
            ut = BytesIO()
            dokument.save(ut)
            data = ut.getvalue()
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text.split("\f")


@pytest.fixture(scope="module")
def lang_tabell(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Förskolan Lingonet with its guardian survey table made 70 rows long (three pages)."""
    from tests.conftest import kopiera_exempel

    rot = kopiera_exempel(tmp_path_factory.mktemp("lang"))
    fil = rot / "rapporter" / "2025-26" / "forskolan-lingonet.yaml"
    text = fil.read_text(encoding="utf-8")
    rader = "".join(
        f"              - rad: Påstående {i}\n                värden: [{50 + i % 40}, {51 + i % 40}]\n"
        for i in range(1, 71)
    )
    ny = text.replace(
        "                värden: [78, 84]\n", "                värden: [78, 84]\n" + rader, 1
    )
    assert ny != text
    fil.write_text(ny, encoding="utf-8")
    svar = CliRunner().invoke(kvalitet, ["bygg", "--enhet", "forskolan-lingonet", str(rot)])
    assert svar.exit_code == 0, svar.output
    return rot / "ut" / "forskolan-lingonet.pdf"


def _tabellens_sidor(sidor: list[str]) -> list[int]:
    return [nr for nr, text in enumerate(sidor) if re.search(r"Påstående \d+ ", text)]


def test_fortsatt_tabell_har_titel_med_forts_och_rubrikrad(lang_tabell: Path) -> None:
    sidor = _sidtexter(lang_tabell)
    delar = _tabellens_sidor(sidor)
    assert len(delar) >= 2, "tabellen ska gå över flera sidor"
    forsta, *fortsattningar = delar
    assert TITEL in sidor[forsta] and f"{TITEL} (forts.)" not in sidor[forsta]
    for nr in fortsattningar:
        rader = [r.strip() for r in sidor[nr].splitlines() if r.strip()]
        titel = next(i for i, r in enumerate(rader) if r.startswith(f"{TITEL} (forts.)"))
        assert re.match(r"Påstående\s+2024/25\s+2025/26", rader[titel + 1]), rader[:4]
    alla = "\f".join(sidor)
    assert alla.count("(forts.)") == len(fortsattningar)


def test_skarmlasaren_moter_titeln_och_rubrikraden_en_gang(lang_tabell: Path) -> None:
    sidor = _sidtexter(lang_tabell, utan_artefakter=True)
    delar = _tabellens_sidor(sidor)
    assert len(delar) >= 2
    text = "\f".join(sidor)
    assert "(forts.)" not in text
    assert len(re.findall(r"Påstående\s+2024/25\s+2025/26", text)) == 1
    with pikepdf.open(lang_tabell) as dokument:
        tabeller = _en_tabell_var(dokument, lang_tabell.with_suffix(".html"))
        sidnr = {s.obj.objgen: i for i, s in enumerate(dokument.pages)}
        lang = max(tabeller, key=lambda t: len(_lista(t.K)))
        kroppar = [k for k in _lista(lang.K) if isinstance(k, Dictionary) and k.S == "/TBody"]
        assert {sidnr[k.Pg.objgen] for k in kroppar} == set(delar)


def _en_tabell_var(dokument: pikepdf.Pdf, html: Path) -> list[Dictionary]:
    """As many Tables in the tag tree as the HTML has tables, each with at most one THead and
    Caption, and every /Headers pointing at a header cell that is still there."""
    tabeller = [el for el in _element(dokument) if el.S == "/Table"]
    assert len(tabeller) == html.read_text(encoding="utf-8").count("<table"), (
        "en delad tabell ska vara en tabell"
    )
    for tabell in tabeller:
        barn = [k.S for k in _lista(tabell.K) if isinstance(k, Dictionary)]
        assert barn.count("/THead") <= 1 and barn.count("/Caption") <= 1, barn
    ider = {str(el.ID) for el in _element(dokument) if "/ID" in el}
    for el in _element(dokument):
        attribut = el.get("/A")
        if isinstance(attribut, Dictionary) and "/Headers" in attribut:
            assert all(str(h) in ider for h in attribut.Headers), "Headers till en borttagen TH"
    return tabeller


@pytest.fixture(scope="module")
def manga_enheter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with seven more grundskolor: the sammanställning's spread table for
    grundskola no longer fits its page (the reproduction: it went on with no title)."""
    import tempfile

    from kvalitet.bygg.enhet import projektets_mallar
    from kvalitet.bygg.sammanstallningen import bygg_sammanstallning
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kontroll.period import las_period
    from kvalitet.rendera.miljo import skapa_miljo
    from tests.conftest import kopiera_exempel

    rot = kopiera_exempel(tmp_path_factory.mktemp("manga"))
    mapp = rot / "rapporter" / "2025-26"
    text = (mapp / "bjorkbackaskolan.yaml").read_text(encoding="utf-8")
    for i in range(2, 9):
        ny = text.replace("\nnamn: Björkbackaskolan\n", f"\nnamn: Björkbackaskolan {i}\n", 1)
        (mapp / f"bjorkbacka-{i}.yaml").write_text(ny, encoding="utf-8")
    proj = hitta_projekt(rot)
    lage = las_period(proj, None)
    ut = rot / "ut"
    ut.mkdir()
    with tempfile.TemporaryDirectory(dir=ut) as tmp:
        resultat = bygg_sammanstallning(
            proj, lage, ut, Path(tmp), ("html", "pdf"), skapa_miljo(projektets_mallar(proj, lage))
        )
    assert resultat.fel is None and not resultat.varningar
    return ut / "sammanstallning.pdf"


def test_delad_spridningstabell_fortsatter_med_titel_och_en_tabell(manga_enheter: Path) -> None:
    titel = "Spridning per styrtal, grundskola, 2025/26"
    sidor = _sidtexter(manga_enheter)
    fortsatt = [s for s in sidor if f"{titel} (forts.)" in s]
    assert len(fortsatt) == 1, "spridningstabellen för grundskola ska delas av ett sidbyte"
    rader = [r.strip() for r in fortsatt[0].splitlines() if r.strip()]
    i = next(i for i, r in enumerate(rader) if r.startswith(f"{titel} (forts.)"))
    assert re.match(r"Styrtal\s+Målvärde\s+Lägst\s+Median\s+Högst", rader[i + 1]), rader[: i + 3]
    upplast = "\f".join(_sidtexter(manga_enheter, utan_artefakter=True))
    assert "(forts.)" not in upplast and upplast.count(titel) == 1
    with pikepdf.open(manga_enheter) as dokument:
        _en_tabell_var(dokument, manga_enheter.with_suffix(".html"))


def _marginaltext(sida: Any, ruta: str) -> str:
    from weasyprint.formatting_structure import boxes

    text = " ".join(
        b.text
        for m in sida._page_box.children
        if isinstance(m, boxes.MarginBox) and m.at_keyword == ruta
        for b in m.descendants()
        if isinstance(b, boxes.TextBox)
    )
    return " ".join(text.split())


@pytest.mark.parametrize("namn", DOKUMENT)
def test_forts_star_bara_dar_en_tabell_fortsatter(byggt_exempel: Path, namn: str) -> None:
    """Every page: '<titel> (forts.)' above the page exactly when a titled table continues
    from the page before, read from WeasyPrint's layout of the example's documents."""
    from weasyprint import HTML

    dokument = HTML(filename=str(byggt_exempel / f"{namn}.html")).render()
    titel: dict[int, str] = {}  # numbered by first appearance, as tabellfragment numbers them
    nummer: dict[int, int] = {}
    for sida in dokument.pages:
        for box in sida._page_box.descendants():
            if getattr(box, "is_table_wrapper", False) and id(box.element) not in nummer:
                nummer[id(box.element)] = len(nummer)
                huvud = box.element.find("thead")
                if huvud is not None and huvud.get("data-forts"):
                    titel[nummer[id(box.element)]] = huvud.get("data-forts")
    fragment = tabellfragment(dokument)
    assert fragment is not None
    for nr, (sida, rad) in enumerate(zip(dokument.pages, fragment, strict=True), start=1):
        vantat = ""
        if rad and not rad[0].forsta and _forst_pa_sidan(sida):
            vantat = titel.get(rad[0].tabell, "")
        text = _marginaltext(sida, "@top-left").replace("UTKAST – inte godkänd", "").strip()
        assert text == vantat, f"{namn} sida {nr}"


def _forst_pa_sidan(sida: Any) -> bool:
    """Whether the page's first content is a table (a continued one, then)."""
    box = sida._page_box
    while box.children:
        box = box.children[0]
        if getattr(box, "is_table_wrapper", False):
            return True
    return False


def test_summaraden_star_en_gang_efter_sista_raden(tmp_path: Path) -> None:
    """A tfoot (the matrix's status counts) is printed once, after the last row, and is the
    one table's last part in the tag tree."""
    from kvalitet.bygg.pdf import skriv_pdf

    stil = (Path(__file__).resolve().parents[2] / "mallar" / "stil" / "rapport.css").read_text(
        encoding="utf-8"
    )
    rader = "".join(f'<tr><th scope="row">Rad {i}</th><td>{i}</td></tr>' for i in range(90))
    html = (
        f'<!DOCTYPE html><html lang="sv"><head><title>T</title><style>{stil}</style></head>'
        '<body><main><div class="tabell-ram"><table><caption>Lång</caption>'
        '<thead data-forts="Lång (forts.)"><tr><th scope="col">Rad</th><th scope="col">Värde'
        f'</th></tr></thead><tbody>{rader}</tbody><tfoot><tr><th scope="row">Summa</th>'
        "<td>4005</td></tr></tfoot></table></div></main></body></html>"
    )
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(skriv_pdf(html, tmp_path).data)
    sidor = _sidtexter(pdf)
    assert len(sidor) > 2 and "\f".join(sidor).count("Summa") == 1
    assert "Summa" in sidor[-1] or "Summa" in sidor[-2]
    assert "\f".join(_sidtexter(pdf, utan_artefakter=True)).count("Lång") == 1
    with pikepdf.open(pdf) as dokument:
        (tabell,) = [el for el in _element(dokument) if el.S == "/Table"]
        delar = [k.S for k in _lista(tabell.K) if isinstance(k, Dictionary)]
        assert delar[:2] == ["/Caption", "/THead"] and delar[-1] == "/TFoot"
        assert delar.count("/THead") == 1 and delar.count("/TFoot") == 1
