"""HTML → PDF/UA-1 (or PDF/A-2a and PDF/UA-1 for the archive) with WeasyPrint; only files under
the project and data: URLs may be read."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PDF_VARIANT = "pdf/ua-1"
ARKIV_VARIANT = "pdf/a-2a"  # marked as PDF/UA-1 too by kvalitet.bygg.pdfstruktur
PDF_VAL = ("standard", "arkiv")


class BlockeradResurs(ValueError):
    """A document tried to read something outside the project."""


@dataclass
class PdfResultat:
    data: bytes
    sidor: int
    varningar: list[str] = field(default_factory=list)


def begransad_hamtare(projektrot: Path) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and files under ``projektrot`` only."""
    from weasyprint.urls import URLFetcher

    rot = projektrot.resolve()

    class BegransadHamtare(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            delar = urlparse(url)
            if delar.scheme == "file" and delar.netloc in ("", "localhost"):
                sokvag = Path(unquote(delar.path)).resolve()
                if sokvag.is_relative_to(rot) and sokvag.is_file():
                    return super().fetch(url, headers)
            raise BlockeradResurs(f"'{url}' ligger utanför projektet och hämtas inte")

    return BegransadHamtare(allowed_protocols={"file", "data"}, allow_redirects=False)


class _Samlare(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.meddelanden: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.meddelanden.append(record.getMessage())


def skriv_pdf(
    html: str,
    projektrot: Path,
    bas: Path | None = None,
    font_config: Any = None,
    arkiv: bool = False,
) -> PdfResultat:
    """Render a self-contained HTML document to PDF/UA-1 bytes, or with ``arkiv`` PDF/A-2a that
    is also PDF/UA-1 (``font_config`` may be reused across documents). The tag tree is mended
    afterwards (``kvalitet.bygg.pdfstruktur``)."""
    from weasyprint import HTML

    from kvalitet.bygg.pdfstruktur import efterbehandla
    from kvalitet.bygg.pdftabeller import tabellfragment

    samlare = _Samlare()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(samlare)
    try:
        dokument = HTML(
            string=html,
            base_url=str((bas or projektrot).resolve()) + "/",
            url_fetcher=begransad_hamtare(projektrot),
        ).render(font_config=font_config)
        data = dokument.write_pdf(pdf_variant=ARKIV_VARIANT if arkiv else PDF_VARIANT)
        data = efterbehandla(data, html, arkiv=arkiv, tabeller=tabellfragment(dokument))
    finally:
        logger.removeHandler(samlare)
    return PdfResultat(data, len(dokument.pages), [_svenska(m) for m in samlare.meddelanden])


_HAMTNING = re.compile(
    r"^Failed to load (?P<typ>image|stylesheet|font|attachment) at '?(?P<url>[^' ]+)'? ?:"
    r" (?P<orsak>.*)$"
)
_TYP = {
    "image": "bilden",
    "stylesheet": "stilmallen",
    "font": "typsnittet",
    "attachment": "bilagan",
}


_DATA_URL = re.compile(r"data:[^\s'\")]{40,}")


def kort_url(text: str) -> str:
    """A ``data:`` URL (a whole picture, sometimes megabytes) cut to its kind: a warning shows
    'data:image/png;base64,…', never the picture's bytes."""
    return _DATA_URL.sub(lambda m: m.group(0).split(",", 1)[0][:60] + ",…", text)


def _svenska(meddelande: str) -> str:
    """WeasyPrint's warnings about resources in Swedish; other warnings as they are."""
    meddelande = kort_url(meddelande)
    traff = _HAMTNING.match(meddelande)
    if not traff:
        return meddelande
    typ = _TYP[traff["typ"]]
    if "BlockeradResurs" in traff["orsak"]:
        return (
            f"{typ} '{traff['url']}' hämtades inte: den ligger utanför projektet "
            "(kvalitet läser bara filer i projektmappen och hämtar aldrig något från nätet)"
        )
    return f"{typ} '{traff['url']}' kunde inte läsas ({traff['orsak']})"
