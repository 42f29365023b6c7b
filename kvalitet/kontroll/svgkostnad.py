"""What an SVG picture costs to render, bounded before the PDF engine sees it.

A 2 KB SVG with 8 nested levels of 10 ``<use>`` is 10^8 elements once the ``<use>`` are filled
in (the build ran for minutes at 1.9 GB), and a 0.9 MB SVG can carry a 13 300 × 13 300 PNG as a
``data:`` address (1.64 GB per worker). The file is parsed with expat, with no DTD and so no
entities (a DTD is refused: entities are how 'billion laughs' grows), the elements are counted
as the ``<use>`` chains fill them in, and every embedded raster is held to the same limit as a
picture file."""

from __future__ import annotations

import base64
import binascii
import io
import re
import xml.parsers.expat
from dataclasses import dataclass, field

MAX_SVG_ELEMENT = 50_000
"""Elements after every ``<use>`` is filled in; a detailed map or chart has a few thousand."""
MAX_SVG_DJUP = 100
"""Elements nested inside each other."""
MAX_USE_KEDJA = 10
"""``<use>`` that point at something holding another ``<use>`` …, one inside the other."""
MAX_INBAKAD_SVG = 3
"""An SVG in a ``data:`` address inside an SVG, inside …"""

_DATA = re.compile(
    rb"data:image/([a-z0-9.+-]+)((?:;[a-z0-9=-]+)*);base64,([a-z0-9+/=\s\\]*)", re.IGNORECASE
)
_HREF = ("href", "http://www.w3.org/1999/xlink}href", "xlink:href")


class SvgFel(Exception):
    """Why an SVG costs too much to render (Swedish, for the user)."""


@dataclass
class _Element:
    tag: str
    href: str | None
    barn: list[int] = field(default_factory=list)


class _Tolk:
    """Reads an SVG into a light tree of elements: tag, the ``href`` of a ``<use>``, children."""

    def __init__(self) -> None:
        self.element: list[_Element] = []
        self.id: dict[str, int] = {}
        self.stack: list[int] = []
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._slut
        self.parser.StartDoctypeDeclHandler = self._dtd
        self.parser.EntityDeclHandler = self._dtd
        self.parser.ExternalEntityRefHandler = self._extern

    def _dtd(self, *_: object) -> None:
        raise SvgFel(
            f"SVG-bilden har en DTD ('<!DOCTYPE' eller '<!ENTITY', rad "
            f"{self.parser.CurrentLineNumber}), som kvalitet inte läser; spara bilden på nytt "
            "utan DTD (t.ex. 'Spara som → Vanlig SVG' i Inkscape)"
        )

    def _extern(self, *_: object) -> int:
        self._dtd()
        return 0

    def _start(self, namn: str, attribut: dict[str, str]) -> None:
        if len(self.element) >= MAX_SVG_ELEMENT:
            raise SvgFel(
                f"SVG-bilden har över {MAX_SVG_ELEMENT:_} element; högst {MAX_SVG_ELEMENT:_} går "
                "att lägga i en rapport".replace("_", "\u00a0")
            )
        if len(self.stack) >= MAX_SVG_DJUP:
            raise SvgFel(
                f"SVG-bilden har element nästlade över {MAX_SVG_DJUP} nivåer djupt "
                f"(rad {self.parser.CurrentLineNumber}); högst {MAX_SVG_DJUP} nivåer"
            )
        tag = namn.rsplit("}", 1)[-1]
        href = next((attribut[n] for n in _HREF if n in attribut), None) if tag == "use" else None
        nr = len(self.element)
        self.element.append(_Element(tag, href))
        if self.stack:
            self.element[self.stack[-1]].barn.append(nr)
        if "id" in attribut:
            self.id.setdefault(attribut["id"], nr)
        self.stack.append(nr)

    def _slut(self, _namn: str) -> None:
        self.stack.pop()


def _las(data: bytes) -> _Tolk:
    tolk = _Tolk()
    try:
        tolk.parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise SvgFel(
            f"SVG-bilden kan inte läsas som XML (rad {exc.lineno}, kolumn {exc.offset + 1}); "
            "spara den på nytt från ritprogrammet"
        ) from None
    return tolk


def _utfyllda(tolk: _Tolk) -> int:
    """The number of elements once every ``<use>`` is filled in with what it points at."""
    kostnad: dict[int, tuple[int, int]] = {}
    """element → (elements once filled in, the longest '<use>' chain inside it)"""
    pagaende: set[int] = set()

    def for_lang_kedja() -> SvgFel:
        return SvgFel(
            f"SVG-bilden har '<use>' i över {MAX_USE_KEDJA} led (en '<use>' som pekar på något "
            f"som har en '<use>' …); högst {MAX_USE_KEDJA} led"
        )

    def delar(el: _Element) -> list[tuple[int, int]]:
        """(element, '<use>' hops to it): the children, and what a '<use>' points at."""
        ut = [(barn, 0) for barn in el.barn]
        if el.href is not None and el.href.startswith("#") and el.href[1:] in tolk.id:
            ut.append((tolk.id[el.href[1:]], 1))
        return ut

    # depth first without recursion (no process-wide recursion limit to change)
    stack: list[tuple[int, int, bool]] = [(0, 0, False)]
    while stack:
        nr, led, klar = stack.pop()
        el = tolk.element[nr]
        if klar:
            summa, langst = 1, 0
            for del_, hopp in delar(el):
                antal, kedja = kostnad[del_]
                summa, langst = summa + antal, max(langst, kedja + hopp)
            if summa > MAX_SVG_ELEMENT:
                raise SvgFel(
                    f"SVG-bilden blir över {MAX_SVG_ELEMENT:_} element när dess '<use>' fylls i; högst "
                    f"{MAX_SVG_ELEMENT:_} går att lägga i en rapport".replace("_", "\u00a0")
                )
            pagaende.discard(nr)
            kostnad[nr] = (summa, langst)
            continue
        if nr in kostnad:
            if led + kostnad[nr][1] > MAX_USE_KEDJA:
                raise for_lang_kedja()
            continue
        if nr in pagaende:
            raise SvgFel("SVG-bilden har en '<use>' som till slut pekar på sig själv")
        if led > MAX_USE_KEDJA:
            raise for_lang_kedja()
        pagaende.add(nr)
        stack.append((nr, led, True))
        stack.extend((del_, led + hopp, False) for del_, hopp in delar(el))
    return kostnad[0][0]


def _rastrets_storlek(data: bytes) -> tuple[int, int] | None:
    """Width and height from a raster's header; None when it cannot be read."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as bild:  # reads the header only
                return bild.size
    except Image.DecompressionBombError:
        return (1 << 16, 1 << 16)
    except Exception:
        return None


def svg_kostnadsfel(data: bytes, max_megapixlar: int, niva: int = 0) -> str | None:
    """Why an SVG costs too much to render; None when it is fine."""
    try:
        tolk = _las(data)
        if tolk.element:
            _utfyllda(tolk)
        for traff in _DATA.finditer(data):
            typ = traff.group(1).decode("ascii").lower()
            try:
                inne = base64.b64decode(re.sub(rb"[\s\\]", b"", traff.group(3)))
            except (binascii.Error, ValueError):
                continue
            rad = data.count(b"\n", 0, traff.start()) + 1
            if typ == "svg+xml":
                if niva + 1 >= MAX_INBAKAD_SVG:
                    raise SvgFel(f"SVG-bilden har SVG-bilder inbakade i över {MAX_INBAKAD_SVG} led")
                if (fel := svg_kostnadsfel(inne, max_megapixlar, niva + 1)) is not None:
                    raise SvgFel(f"den inbakade SVG-bilden på rad {rad}: {fel}")
                continue
            storlek = _rastrets_storlek(inne)
            if storlek is not None and storlek[0] * storlek[1] > max_megapixlar * 1_000_000:
                bredd, hojd = storlek
                raise SvgFel(
                    f"SVG-bilden har på rad {rad} en inbakad bild ('data:image/{typ}') på "
                    f"{bredd} × {hojd} pixlar ({bredd * hojd // 1_000_000} megapixlar); högst "
                    f"{max_megapixlar} megapixlar går att lägga i en rapport, som för en bildfil"
                )
    except SvgFel as fel:
        return str(fel)
    return None
