"""Links in Markdown: only web addresses, e-mail and same-page anchors become links."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.rendera.miljo import markdown_html

FARLIGA = [
    "rapport.pdf",
    "../../hemlig.txt",
    "//server/delning/fil.docx",
    "/etc/passwd",
    "C:/x.txt",
]


@pytest.mark.parametrize("mal", FARLIGA)
def test_relativ_lank_blir_text(mal: str) -> None:
    html = str(markdown_html(f"Se [bilagan]({mal})."))
    assert "href" not in html and "bilagan" in html


@pytest.mark.parametrize(
    "mal", ["https://www.skolverket.se/", "mailto:rektor@alvmora.se", "#avsnitt-2"]
)
def test_webbadress_blir_lank(mal: str) -> None:
    assert f'href="{mal}"' in str(markdown_html(f"Se [texten]({mal})."))


def test_ingen_fil_eller_unc_lank_i_pdf_och_varning(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    text = fil.read_text(encoding="utf-8")
    rad = "beskrivning: |\n"
    assert rad in text
    tillagg = "  Se [bilagan](bilaga.pdf), [delningen](//server/delning) och [Skolverket](https://www.skolverket.se/).\n\n"
    fil.write_text(text.replace(rad, rad + tillagg, 1), encoding="utf-8")
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert "har länken 'bilaga.pdf', som inte är en webbadress" in kontroll.output
    assert "har länken '//server/delning'" in kontroll.output
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "resurscentrum"])
    assert res.exit_code == 0, res.output
    uri = []
    with pikepdf.open(projekt / "ut" / "resurscentrum.pdf") as pdf:
        for sida in pdf.pages:
            for annot in sida.get("/Annots", []):
                if "/A" in annot and "/URI" in annot.A:
                    uri.append(str(annot.A.URI))
    assert "https://www.skolverket.se/" in uri
    assert not [u for u in uri if u.startswith(("file:", "//", "\\\\")) or "bilaga" in u], uri
