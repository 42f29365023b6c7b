"""Pictures for the Word file: the report's SVG (charts, logo, images) drawn as PNG with Pillow.

Word cannot be trusted to show SVG, so every SVG the HTML holds is drawn here: the subset
kvalitet's own charts use (``rect``, ``line``, ``circle``, ``text``, ``pattern``) and what a
simple logo or organisation chart needs (``path`` with lines and curves, ``polygon``,
``ellipse``, ``g`` with ``transform``). Anything else is left out of the picture, never fetched.
PNG and JPEG in ``data:`` URLs are passed on as they are.
"""

from __future__ import annotations

import base64
import io
import math
import re
import subprocess
from dataclasses import dataclass
from functools import cache

from lxml import etree
from PIL import Image, ImageColor, ImageDraw, ImageFont

SKALA = 2.0
"""Pixels per SVG unit: a 600-unit chart becomes 1 200 pixels, sharp when printed at 16 cm."""
MAX_SIDA = 4000
"""The longest side of a drawn picture, in pixels (a hostile viewBox is not an out-of-memory)."""
_TAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SVG = "{http://www.w3.org/2000/svg}"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True
)

Matris = tuple[float, float, float, float, float, float]
_ETT: Matris = (1, 0, 0, 1, 0, 0)


@dataclass(frozen=True)
class Bild:
    """A picture ready for the Word file: PNG or JPEG bytes and its size in pixels."""

    data: bytes
    bredd: int
    hojd: int


def fran_data_url(url: str) -> Bild | None:
    """A ``data:`` URL's picture (SVG drawn, PNG/JPEG as is); None for anything else."""
    huvud, _, kropp = url.partition(",")
    if not huvud.startswith("data:"):
        return None
    try:
        data = base64.b64decode(kropp) if huvud.endswith(";base64") else kropp.encode()
    except ValueError:
        return None
    if "image/svg+xml" in huvud:
        return rita_svg(data)
    if "image/png" in huvud or "image/jpeg" in huvud:
        try:
            with Image.open(io.BytesIO(data)) as bild:
                return Bild(data, *bild.size)
        except (OSError, Image.DecompressionBombError):
            return None
    return None


def rita_svg(svg: bytes | etree._Element) -> Bild | None:
    """Draw an SVG document (bytes or an element of the HTML) as PNG; None when it is not one."""
    try:
        rot = etree.fromstring(svg, _PARSER) if isinstance(svg, bytes) else svg
    except etree.XMLSyntaxError:
        return None
    if not isinstance(rot.tag, str) or _namn(rot) != "svg":
        return None
    vy = [float(t) for t in _TAL.findall(rot.get("viewBox", ""))]
    bredd = _langd(rot.get("width")) or (vy[2] if len(vy) == 4 else 300)
    hojd = _langd(rot.get("height")) or (vy[3] if len(vy) == 4 else 150)
    x0, y0, vb, vh = vy if len(vy) == 4 and vy[2] > 0 and vy[3] > 0 else (0, 0, bredd, hojd)
    skala = min(SKALA, MAX_SIDA / max(bredd, hojd, 1))
    px, py = max(1, round(bredd * skala)), max(1, round(hojd * skala))
    sx, sy = px / vb, py / vh
    bild = Image.new("RGB", (px, py), "white")
    ritare = _Ritare(bild, _monster(rot))
    ritare.rita(rot, (sx, 0, 0, sy, -x0 * sx, -y0 * sy), {"fill": "#000000", "font-size": "16"})
    ut = io.BytesIO()
    # 64 colours are plenty for a chart or a logo: half the bytes, and faster to encode
    bild.quantize(64, method=Image.Quantize.FASTOCTREE).save(ut, "PNG")
    return Bild(ut.getvalue(), px, py)


def _namn(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _langd(text: str | None) -> float | None:
    if not text or text.strip().endswith("%"):
        return None
    tal = _TAL.match(text.strip())
    return float(tal.group()) if tal else None


def _monster(rot: etree._Element) -> dict[str, str]:
    """Each pattern's colour: its first filled rect (the charts' stripes and dots on a colour)."""
    ut = {}
    for monster in rot.iter(f"{_SVG}pattern", "pattern"):
        for rect in monster.iter(f"{_SVG}rect", "rect"):
            if rect.get("fill"):
                ut[monster.get("id", "")] = rect.get("fill", "")
                break
    return ut


def _multiplicera(a: Matris, b: Matris) -> Matris:
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def _transform(text: str | None) -> Matris:
    matris = _ETT
    for namn, argument in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        t = [float(v) for v in _TAL.findall(argument)]
        steg: Matris = _ETT
        if namn == "translate" and t:
            steg = (1, 0, 0, 1, t[0], t[1] if len(t) > 1 else 0)
        elif namn == "scale" and t:
            steg = (t[0], 0, 0, t[1] if len(t) > 1 else t[0], 0, 0)
        elif namn == "matrix" and len(t) == 6:
            steg = (t[0], t[1], t[2], t[3], t[4], t[5])
        elif namn == "rotate" and t:
            v = math.radians(t[0])
            steg = (math.cos(v), math.sin(v), -math.sin(v), math.cos(v), 0, 0)
        matris = _multiplicera(matris, steg)
    return matris


@cache
def _typsnitt(storlek: int, fet: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    namn = "Liberation Sans:bold" if fet else "Liberation Sans"
    try:
        fil = subprocess.run(
            ["fc-match", "-f", "%{file}", namn], capture_output=True, text=True, timeout=5
        ).stdout
        return ImageFont.truetype(fil, storlek)
    except (OSError, subprocess.SubprocessError, ValueError):
        return ImageFont.load_default(storlek)


class _Ritare:
    def __init__(self, bild: Image.Image, monster: dict[str, str]) -> None:
        self.ritning = ImageDraw.Draw(bild)
        self.monster = monster

    def _farg(self, varde: str | None) -> tuple[int, int, int] | None:
        if not varde or varde in ("none", "transparent"):
            return None
        if varde.startswith("url("):
            varde = self.monster.get(varde[4:].strip(")# '\""), "#777777")
        try:
            farg = ImageColor.getrgb(varde.strip())
        except ValueError:
            return (0, 0, 0)
        return farg[:3]

    def rita(self, el: etree._Element, matris: Matris, arv: dict[str, str]) -> None:
        namn = _namn(el)
        if namn in ("defs", "pattern", "title", "desc", "style", "script", "clipPath", "mask"):
            return
        stil = dict(arv)
        for nyckel in ("fill", "stroke", "stroke-width", "font-size", "font-weight", "text-anchor"):
            if el.get(nyckel) is not None:
                stil[nyckel] = el.get(nyckel, "")
        for del_ in (el.get("style") or "").split(";"):
            nyckel, _, varde = del_.partition(":")
            if varde:
                stil[nyckel.strip()] = varde.strip()
        matris = _multiplicera(matris, _transform(el.get("transform")))
        if namn in ("svg", "g", "a"):
            for barn in el:
                self.rita(barn, matris, stil)
            return
        ritning = getattr(self, f"_{namn}", None)
        if ritning is not None:
            ritning(el, matris, stil)

    def _forma(
        self, punkter: list[tuple[float, float]], matris: Matris, stil: dict[str, str], sluten: bool
    ) -> None:
        if len(punkter) < 2:
            return
        a, b, c, d, e, f = matris
        xy = [(a * x + c * y + e, b * x + d * y + f) for x, y in punkter]
        fyll = self._farg(stil.get("fill")) if sluten else None
        linje = self._farg(stil.get("stroke"))
        bredd = max(1, round(float(_langd(stil.get("stroke-width")) or 1) * math.hypot(a, b)))
        if fyll is not None and len(xy) > 2:
            self.ritning.polygon(xy, fill=fyll)
        if linje is not None:
            self.ritning.line([*xy, xy[0]] if sluten else xy, fill=linje, width=bredd)

    def _rect(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        x, y = _langd(el.get("x")) or 0, _langd(el.get("y")) or 0
        w, h = _langd(el.get("width")) or 0, _langd(el.get("height")) or 0
        self._forma([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], matris, stil, True)

    def _line(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        punkter = [(_langd(el.get(f"x{i}")) or 0, _langd(el.get(f"y{i}")) or 0) for i in (1, 2)]
        self._forma(punkter, matris, stil | {"stroke": stil.get("stroke", "#000000")}, False)

    def _ellipse(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        cx, cy = _langd(el.get("cx")) or 0, _langd(el.get("cy")) or 0
        rx = _langd(el.get("rx") or el.get("r")) or 0
        ry = _langd(el.get("ry") or el.get("r")) or 0
        steg = [2 * math.pi * i / 48 for i in range(48)]
        self._forma(
            [(cx + rx * math.cos(v), cy + ry * math.sin(v)) for v in steg], matris, stil, True
        )

    _circle = _ellipse

    def _polygon(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        tal = [float(t) for t in _TAL.findall(el.get("points", ""))]
        self._forma(
            list(zip(tal[::2], tal[1::2], strict=False)), matris, stil, _namn(el) == "polygon"
        )

    _polyline = _polygon

    def _path(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        for punkter, sluten in _stigar(el.get("d", "")):
            self._forma(punkter, matris, stil, sluten or stil.get("fill") not in (None, "none"))

    def _text(self, el: etree._Element, matris: Matris, stil: dict[str, str]) -> None:
        text = " ".join("".join(el.itertext()).split())
        farg = self._farg(stil.get("fill"))
        if not text or farg is None:
            return
        a, b, c, d, e, f = matris
        x, y = _langd(el.get("x")) or 0, _langd(el.get("y")) or 0
        storlek = max(6, round((_langd(stil.get("font-size")) or 16) * math.hypot(c, d)))
        typsnitt = _typsnitt(storlek, stil.get("font-weight") in ("bold", "600", "700", "800"))
        ankare = {"middle": "ms", "end": "rs"}.get(stil.get("text-anchor", ""), "ls")
        self.ritning.text(
            (a * x + c * y + e, b * x + d * y + f), text, fill=farg, font=typsnitt, anchor=ankare
        )


def _stigar(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """A path's subpaths as point lists (curves flattened), and whether each is closed."""
    delar = re.findall(r"[MmLlHhVvCcSsQqTtZzAa]|" + _TAL.pattern, d)
    ut: list[tuple[list[tuple[float, float]], bool]] = []
    punkter: list[tuple[float, float]] = []
    x = y = 0.0
    kommando = "M"
    i = 0
    kontroll: tuple[float, float] | None = None

    def tal(n: int) -> list[float] | None:
        nonlocal i
        if i + n > len(delar) or any(re.fullmatch(r"[A-Za-z]", v) for v in delar[i : i + n]):
            return None
        v = [float(t) for t in delar[i : i + n]]
        i += n
        return v

    while i < len(delar) and len(ut) < 1000:
        if re.fullmatch(r"[A-Za-z]", delar[i]):
            kommando = delar[i]
            i += 1
            if kommando in "Zz":
                if punkter:
                    ut.append((punkter, True))
                    x, y = punkter[0]
                punkter = []
                continue
        relativ = kommando.islower()
        bas = (x, y) if relativ else (0.0, 0.0)
        k = kommando.upper()
        antal = {"M": 2, "L": 2, "T": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "A": 7}[k]
        v = tal(antal)
        if v is None:
            break
        if k == "M":
            if punkter:
                ut.append((punkter, False))
            x, y = bas[0] + v[0], bas[1] + v[1]
            punkter = [(x, y)]
            kommando = "l" if relativ else "L"
        elif k in ("L", "T", "A"):
            x, y = bas[0] + v[-2], bas[1] + v[-1]
            punkter.append((x, y))
        elif k == "H":
            x = bas[0] + v[0]
            punkter.append((x, y))
        elif k == "V":
            y = bas[1] + v[0]
            punkter.append((x, y))
        else:
            p = [(bas[0] + v[j], bas[1] + v[j + 1]) for j in range(0, antal, 2)]
            if k == "S":
                forsta = (2 * x - kontroll[0], 2 * y - kontroll[1]) if kontroll else (x, y)
                p = [forsta, *p]
            if k == "Q":
                (qx, qy), slut = p
                p = [
                    (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y)),
                    (slut[0] + 2 / 3 * (qx - slut[0]), slut[1] + 2 / 3 * (qy - slut[1])),
                    slut,
                ]
            (x1, y1), (x2, y2), (x3, y3) = p
            for s in range(1, 13):
                t = s / 12
                m = 1 - t
                punkter.append(
                    (
                        m**3 * x + 3 * m * m * t * x1 + 3 * m * t * t * x2 + t**3 * x3,
                        m**3 * y + 3 * m * m * t * y1 + 3 * m * t * t * y2 + t**3 * y3,
                    )
                )
            kontroll = (x2, y2)
            x, y = x3, y3
            continue
        kontroll = None
    if punkter:
        ut.append((punkter, False))
    return ut
