"""What Word's accessibility checker asks, read back from every exported Word file (nr 29.4):
heading styles in order without skips, alt text on every picture, a header row on every table,
title and language set, and no empty paragraphs used as spacing."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from tests.bygg.docx_las import DOKUMENT, Lasning, W, bilder, las, rubriker, sprak, text
from tests.conftest import kopiera_exempel


@pytest.fixture(scope="module")
def wordfiler(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built to HTML and DOCX with the CLI, once for the module."""
    rot = kopiera_exempel(tmp_path_factory.mktemp("word"))
    resultat = CliRunner().invoke(
        kvalitet, ["bygg", str(rot), "--format", "html,docx", "--jobb", "1"]
    )
    assert resultat.exit_code == 0, resultat.output
    return rot / "ut"


@pytest.fixture(params=sorted(DOKUMENT))
def lasning(request: pytest.FixtureRequest, wordfiler: Path) -> Lasning:
    return las(wordfiler / f"{request.param}.docx")


def test_rubrikerna_i_ordning_utan_hopp(lasning: Lasning) -> None:
    niva = [n for n, _ in rubriker(lasning)]
    assert niva, "inga rubriker med rubrikstil"
    assert niva[0] == 1
    for fore, efter in itertools.pairwise(niva):
        assert efter <= fore + 1, f"hopp från Heading {fore} till Heading {efter}"
    assert all(t.strip() for _, t in rubriker(lasning)), "tom rubrik"


def test_varje_bild_har_alt_text(lasning: Lasning) -> None:
    for bild in bilder(lasning):
        docpr = bild.find(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        assert docpr is not None and (docpr.get("descr") or "").strip(), docpr.attrib


def test_varje_tabell_har_rubrikrad(lasning: Lasning) -> None:
    tabeller = list(lasning.kropp.iter(f"{W}tbl"))
    for tabell in tabeller:
        forsta = tabell.find(f"{W}tr")
        assert forsta is not None
        assert forsta.find(f"{W}trPr/{W}tblHeader") is not None, text(forsta)[:80]


def test_titel_och_sprak(lasning: Lasning) -> None:
    egenskaper = lasning.dokument.core_properties
    assert egenskaper.title.strip()
    assert egenskaper.language == "sv-SE"
    assert sprak(lasning) == {"sv-SE"}
    tema = lasning.xml["word/settings.xml"].find(f"{W}themeFontLang")
    assert tema is not None and tema.get(f"{W}val") == "sv-SE"


def test_inga_tomma_stycken_som_mellanrum(lasning: Lasning) -> None:
    for p in lasning.kropp.iterchildren(f"{W}p"):
        har_innehall = (
            text(p).strip()
            or p.find(f".//{W}drawing") is not None
            or p.find(f".//{W}fldChar") is not None
        )
        assert har_innehall, "ett tomt stycke i brödtexten"


def test_kontrollen_fangar_en_bild_utan_alt_text(wordfiler: Path, tmp_path: Path) -> None:
    """The checks can fail: a picture whose descr is removed is caught."""
    import docx

    dokument = docx.Document(str(wordfiler / "bjorkbackaskolan.docx"))
    forsta = dokument.element.body.find(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert forsta is not None
    forsta.attrib.pop("descr")
    dokument.add_paragraph("")
    dokument.save(str(tmp_path / "trasig.docx"))
    trasig = las(tmp_path / "trasig.docx")
    with pytest.raises(AssertionError):
        test_varje_bild_har_alt_text(trasig)
    with pytest.raises(AssertionError):
        test_inga_tomma_stycken_som_mellanrum(trasig)
