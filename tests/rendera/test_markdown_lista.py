"""A Markdown list right under a line of text (no blank line between) is a list, in the HTML,
the PDF (made from the same HTML), the preview and the editor's preview (nr 26.5): all Markdown
is made by one function (rendera/markdown_granser.markdown)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.rendera.markdown_granser import lista_efter_stycke
from kvalitet.rendera.miljo import markdown_html

TEXT = "Vi prioriterar tre områden:\n- studiero\n- läsning\n- trygghet"
LISTA = "<ul>\n<li>studiero</li>\n<li>läsning</li>\n<li>trygghet</li>\n</ul>"


def test_lista_direkt_under_en_rad() -> None:
    assert str(markdown_html(TEXT)) == f"<p>Vi prioriterar tre områden:</p>\n{LISTA}"


def test_numrerad_lista_direkt_under_en_rad() -> None:
    html = str(markdown_html("Steg:\n1. kartlägga\n2. pröva"))
    assert html == "<p>Steg:</p>\n<ol>\n<li>kartlägga</li>\n<li>pröva</li>\n</ol>"


def test_ett_artal_forst_pa_raden_ar_ingen_lista() -> None:
    """CommonMark's rule: only a numbered list that starts at 1 interrupts a paragraph."""
    assert str(markdown_html("Resultatet förbättrades under\n2026. Därför fortsätter vi.")) == (
        "<p>Resultatet förbättrades under\n2026. Därför fortsätter vi.</p>"
    )


def test_lista_som_redan_har_tom_rad_och_punkternas_fortsattning_orord() -> None:
    for text in (
        "Text.\n\n- a\n- b",
        "- a\n  fortsätter\n- b",
        "- a\nfortsätter lat\n- b",
        "## Rubrik\n- a",
        "    kod\n    - b",
        "En rad",
    ):
        assert lista_efter_stycke(text) == text, text


def test_bygget_forhandsvisningen_och_redigeraren_visar_en_lista(projekt: Path) -> None:
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.visa.redigera import Redigering
    from kvalitet.visa.server import Forhandsvisning

    fil = projekt / "rapporter/2025-26/bjorkbackaskolan.yaml"
    text = fil.read_text(encoding="utf-8")
    gammal = "  och *läsutveckling i förskoleklass till årskurs 3*.\n"
    ny = gammal + "  Vi prioriterar tre områden:\n  - studiero\n  - läsning\n  - trygghet\n"
    fil.write_text(text.replace(gammal, ny), encoding="utf-8")
    res = CliRunner().invoke(
        kvalitet, ["bygg", "--format", "html,pdf", "--enhet", "bjorkbackaskolan", str(projekt)]
    )
    assert res.exit_code == 0, res.output
    assert LISTA in (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    from pypdf import PdfReader

    pdftext = "\n".join(
        s.extract_text() for s in PdfReader(projekt / "ut" / "bjorkbackaskolan.pdf").pages
    )
    assert "- studiero" not in pdftext  # one run-on line before: "områden: - studiero - läsning"
    rader = [r.strip() for r in pdftext.splitlines()]
    assert any(r.endswith("studiero") and len(r) < 12 for r in rader), rader[:40]
    visning = Forhandsvisning(hitta_projekt(projekt))
    sida, _ = visning.enhet("bjorkbackaskolan")
    assert LISTA in sida.decode("utf-8")
    assert LISTA in Redigering(visning).markdown(TEXT)
