"""What an SVG costs (issue 25, point 2): a 2 KB SVG with 8 nested levels of 10 '<use>' passed
kontrollera with 0 errors and 'bygg' ran for minutes at 1.9 GB; a 13 300 × 13 300 PNG as a
'data:' address inside an SVG was built and accepted by the editor's upload, while the same PNG
as a file was refused. One checker (bildens_storleksfel) serves kontrollera, bygg and upload."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kontroll.korskontroll import MAX_MEGAPIXLAR
from kvalitet.kontroll.svgkostnad import svg_kostnadsfel
from kvalitet.visa.behorighet import Nekad
from kvalitet.visa.bilder import kontrollera_bild

BILD = Path("rapporter") / "bilder" / "samverkan-organisation.svg"
REFERENSRAD = 44
"""The line of resurscentrum.yaml that names the picture."""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def use_bomb(nivaer: int = 8, bredd: int = 10, attribut: str = "href") -> bytes:
    """``nivaer`` nested levels of ``bredd`` '<use>': bredd ** nivaer elements once filled in."""
    delar = ['<g id="a0"><rect width="1" height="1"/></g>']
    for i in range(1, nivaer + 1):
        delar.append(f'<g id="a{i}">' + f'<use {attribut}="#a{i - 1}"/>' * bredd + "</g>")
    return SVG.format("<defs>" + "".join(delar) + f'</defs><use href="#a{nivaer}"/>').encode()


def png_huvud(bredd: int, hojd: int) -> bytes:
    """A PNG whose header says ``bredd`` × ``hojd`` pixels, with almost no data: small."""

    def bit(typ: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + typ + data + struct.pack(">I", zlib.crc32(typ + data))

    ihdr = struct.pack(">IIBBBBB", bredd, hojd, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", ihdr)
        + bit(b"IDAT", zlib.compress(b"\0"))
        + bit(b"IEND", b"")
    )


def med_data(raster: bytes, typ: str = "png") -> bytes:
    kod = base64.b64encode(raster).decode()
    return SVG.format(
        f'\n<image width="10" height="10" xlink:href="data:image/{typ};base64,{kod}"/>'
    ).encode()


def test_use_bomben_ar_liten() -> None:
    assert len(use_bomb()) < 2500


@pytest.mark.parametrize(
    "data",
    [use_bomb(), med_data(png_huvud(13_300, 13_300))],
    ids=["use-i-8-nivaer", "data-png-13300"],
)
def test_kontrollera_pekar_pa_bildreferensen(projekt: Path, runner: CliRunner, data: bytes) -> None:
    (projekt / BILD).write_bytes(data)
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1, res.output
    assert f"rapporter/2025-26/resurscentrum.yaml:{REFERENSRAD}:" in res.output, res.output
    assert "'../bilder/samverkan-organisation.svg': SVG-bilden" in res.output
    assert "högst" in res.output


def test_bygg_bygger_inte_bomben_men_de_andra(projekt: Path, runner: CliRunner) -> None:
    (projekt / BILD).write_bytes(use_bomb())
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1, res.output
    assert "resurscentrum" in res.output and "SVG-bilden" in res.output
    assert (projekt / "ut" / "bjorkbackaskolan.html").is_file()


@pytest.mark.parametrize(
    "data",
    [use_bomb(), use_bomb(attribut="xlink:href"), med_data(png_huvud(13_300, 13_300))],
    ids=["use", "xlink-use", "data-png"],
)
def test_uppladdningen_vagrar(data: bytes) -> None:
    with pytest.raises(Nekad, match="SVG-bilden"):
        kontrollera_bild("organisation.svg", data)


def test_samma_png_som_fil_och_inbakad_har_samma_grans(tmp_path: Path) -> None:
    sida = int((MAX_MEGAPIXLAR * 1_000_000) ** 0.5)
    assert svg_kostnadsfel(med_data(png_huvud(sida, sida)), MAX_MEGAPIXLAR) is None
    fel = svg_kostnadsfel(med_data(png_huvud(sida + 100, sida + 100)), MAX_MEGAPIXLAR)
    assert fel is not None and "rad 2" in fel and f"högst {MAX_MEGAPIXLAR} megapixlar" in fel


@pytest.mark.parametrize(
    ("data", "vad"),
    [
        (use_bomb(3, 10), None),  # about 6 000 elements: a large but real picture
        (use_bomb(5, 10), "element"),
        (use_bomb(12, 2), "led"),  # only 8 192 elements, but 12 hops deep
        (
            SVG.format('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>').encode(),
            "sig själv",
        ),
        (SVG.format('<use id="a" href="#a"/>').encode(), "sig själv"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>', "DTD"),
        (SVG.format("<g>" * 200 + "</g>" * 200).encode(), "nästlade"),
        (SVG.format("<rect/>" * 60_000).encode(), "element"),
        (med_data(med_data(png_huvud(13_300, 13_300)), "svg+xml"), "inbakade SVG-bilden"),
        (
            SVG.format(
                '<style>g {{ background: url("data:image/png;base64,'
                + base64.b64encode(png_huvud(9000, 9000)).decode()
                + '") }}</style>'
            ).encode(),
            "inbakad bild",
        ),
        (b"<svg><g>", "XML"),
    ],
    ids=[
        "10000-ok",
        "100000",
        "kedja",
        "cirkel",
        "sig-sjalv",
        "dtd",
        "djup",
        "manga",
        "svg-i-svg",
        "css-data",
        "trasig",
    ],
)
def test_varianter(data: bytes, vad: str | None) -> None:
    fel = svg_kostnadsfel(data, MAX_MEGAPIXLAR)
    if vad is None:
        assert fel is None
    else:
        assert fel is not None and vad in fel, fel


def test_exemplets_svg_godtas() -> None:
    rot = Path(__file__).resolve().parents[2] / "rapporter" / "bilder"
    for fil in rot.glob("*.svg"):
        assert svg_kostnadsfel(fil.read_bytes(), MAX_MEGAPIXLAR) is None, fil
