"""Hostile Word files: each refused with a clear Swedish error and exit code 1 (never a
traceback, never a fetch) – zip bombs, XXE, billion laughs, huge images, not a zip, an old
.doc, a password – and external relationships named in the loss report, never fetched."""

from __future__ import annotations

import io
import socket
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image

from kvalitet.cli import kvalitet


def _importera(runner: CliRunner, fil: Path, kod: int = 1) -> str:
    res = runner.invoke(
        kvalitet, ["importera", "word", str(fil), "--enhet", "ekhagen", "--skolform", "grundskola"]
    )
    assert res.exit_code == kod, res.output
    assert "Traceback" not in res.output and "internt fel" not in res.output
    return res.output


def _docx(fil: Path) -> Path:
    dok = Document()
    dok.add_heading("Analys", 1)
    dok.add_paragraph("Eleverna är trygga.")
    dok.save(fil)
    return fil


def _byt_del(fil: Path, namn: str, data: bytes, ny: Path) -> Path:
    with zipfile.ZipFile(fil) as gammal, zipfile.ZipFile(ny, "w", zipfile.ZIP_DEFLATED) as ut:
        for post in gammal.infolist():
            ut.writestr(post.filename, data if post.filename == namn else gammal.read(post))
        if namn not in gammal.namelist():
            ut.writestr(namn, data)
    return ny


@pytest.fixture(autouse=True)
def _inget_natverk(monkeypatch: pytest.MonkeyPatch) -> None:
    def nej(*_a: object, **_k: object) -> None:
        raise AssertionError("importen försökte öppna en nätverksanslutning")

    monkeypatch.setattr(socket.socket, "connect", nej)
    monkeypatch.setattr(socket, "create_connection", nej)


def test_inte_en_zip(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapport.docx"
    fil.write_text("Det här är ingen Word-fil.\n", encoding="utf-8")
    ut = _importera(runner, fil)
    assert "fel: rapport.docx: filen är inget Word-dokument (.docx är ett zip-arkiv" in ut


def test_zip_utan_word(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapport.docx"
    with zipfile.ZipFile(fil, "w") as z:
        z.writestr("hej.txt", "hej")
    assert "zip-arkivet är inget Word-dokument (word/document.xml saknas)" in _importera(
        runner, fil
    )


def test_gammal_doc_och_losenord(projekt: Path, runner: CliRunner) -> None:
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    doc = projekt / "gammal.docx"
    doc.write_bytes(cfb + "WordDocument".encode("utf-16-le") + b"\x00" * 2000)
    assert "äldre Word-dokument (.doc, Word 97–2003)" in _importera(runner, doc)
    krypterad = projekt / "losen.docx"
    krypterad.write_bytes(
        cfb
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 2000
        + "EncryptedPackage".encode("utf-16-le")
    )
    ut = _importera(runner, krypterad)
    assert "fel: losen.docx: filen är lösenordsskyddad (krypterad)" in ut
    assert "ta bort lösenordet" in ut


def test_zip_bomb(projekt: Path, runner: CliRunner) -> None:
    ren = _docx(projekt / "ren.docx")
    bomb = projekt / "bomb.docx"
    with zipfile.ZipFile(ren) as gammal, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as ut:
        for post in gammal.infolist():
            ut.writestr(post.filename, gammal.read(post))
        with ut.open("word/media/nollor.bin", "w") as stor:
            block = b"\x00" * (1024 * 1024)
            for _ in range(110):
                stor.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    ut = _importera(runner, bomb)
    assert "delen 'word/media/nollor.bin' packas upp till 110 MB" in ut and "zip-bomb" in ut


def test_xxe_och_billion_laughs(projekt: Path, runner: CliRunner) -> None:
    ren = _docx(projekt / "ren.docx")
    with zipfile.ZipFile(ren) as z:
        dokument = z.read("word/document.xml").decode("utf-8")
    kropp = dokument.split("?>", 1)[1]
    xxe = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY hemligt '
        'SYSTEM "file:///etc/passwd">]>' + kropp.replace("Eleverna är trygga.", "&hemligt;")
    )
    fil = _byt_del(ren, "word/document.xml", xxe.encode("utf-8"), projekt / "xxe.docx")
    ut = _importera(runner, fil)
    assert "delen 'word/document.xml' har en DTD" in ut and "root:" not in ut
    skratt = "".join(
        f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1}' + f"&l{i - 1};" * 9 + '">'
        for i in range(1, 10)
    )
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY l0 "lol">'
        + skratt
        + "]>"
        + kropp.replace("Eleverna är trygga.", "&l9;")
    )
    fil = _byt_del(ren, "word/document.xml", laughs.encode("utf-8"), projekt / "lol.docx")
    assert "har en DTD (<!DOCTYPE eller <!ENTITY>)" in _importera(runner, fil)
    # in another part, and in UTF-16, too
    rels = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    fil = _byt_del(ren, "word/_rels/extra.rels", rels.encode("utf-16"), projekt / "u16.docx")
    assert "delen 'word/_rels/extra.rels' har en DTD" in _importera(runner, fil)
    # and whatever the part's name says
    fil = _byt_del(ren, "word/vmlDrawing1.vml", laughs.encode("utf-8"), projekt / "vml.docx")
    assert "delen 'word/vmlDrawing1.vml' har en DTD" in _importera(runner, fil)


def test_enorm_bild(projekt: Path, runner: CliRunner) -> None:
    dok = Document()
    bild = io.BytesIO()
    Image.new("1", (8000, 6000)).save(bild, "PNG")  # 48 megapixels, a few kB
    bild.seek(0)
    dok.add_picture(bild)
    dok.save(projekt / "stor.docx")
    ut = _importera(runner, projekt / "stor.docx")
    assert "är 8000 × 6000 pixlar; högst 40 megapixlar" in ut


def test_externa_relationer_hamtas_aldrig(projekt: Path, runner: CliRunner) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    dok = Document()
    dok.add_heading("Analys", 1)
    p = dok.add_paragraph("Se bilden: ")
    rid = dok.part.relate_to("http://angripare.example/spara?x=1", RT.IMAGE, is_external=True)
    dok.part._settings_part.relate_to(  # where Word keeps the template it was made from
        "http://angripare.example/mall.dotm",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True,
    )
    p._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="5" name="b" '
            'descr="En länkad bild"/><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
            f'<a:blip r:link="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>"
        )
    )
    dok.save(projekt / "extern.docx")
    ut = _importera(runner, projekt / "extern.docx", kod=0)
    assert "en länkad bild (http://angripare.example/spara?x=1); kvalitet hämtar aldrig" in ut
    assert "extern relation (attachedTemplate) till 'http://angripare.example/mall.dotm'" in ut


def test_trasig_xml(projekt: Path, runner: CliRunner) -> None:
    ren = _docx(projekt / "ren.docx")
    fil = _byt_del(ren, "word/document.xml", b"<w:document><w:body>", projekt / "trasig.docx")
    ut = _importera(runner, fil)
    assert "fel: trasig.docx:" in ut and "spara den som .docx igen" in ut


def test_trasig_fotnotsdel(projekt: Path, runner: CliRunner) -> None:
    from tests.importera.wordfiler import fotnot

    dok = Document()
    p = dok.add_paragraph("Frånvaron minskade.")
    fotnot(dok, p, "<w:oavslutad>")
    dok.save(projekt / "fot.docx")
    ut = _importera(runner, projekt / "fot.docx")
    assert "fel: fot.docx: en del av Word-filen är trasig" in ut
