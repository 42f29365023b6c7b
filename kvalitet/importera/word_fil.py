"""A Word file checked before anything parses it: a zip within its limits (no zip bomb), no
DTD in any XML part (no XXE, no billion laughs), not encrypted, not an old .doc, no image over
the pixel limit. Every refusal is a Swedish ``KvalitetError`` naming the file and the fix."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kvalitet.grund.problem import KvalitetError, visningsnamn

MAX_FIL = 50 * 1024 * 1024
"""50 MB on disk: a year's report with photos is a few MB."""
MAX_OKOMPRIMERAT = 200 * 1024 * 1024
"""All parts together, uncompressed, as the zip's directory declares them (reading stops there:
a part that inflates past its declared size fails its CRC)."""
MAX_DEL = 100 * 1024 * 1024
MAX_KVOT = 200
"""Uncompressed / compressed for a part over 1 MB; Word's XML packs 10–30 times."""
MAX_POSTER = 5000
MAX_MEGAPIXLAR = 40
"""As for every image of a report (``kontroll/korskontroll.py``)."""
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BILDER = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")


@dataclass
class Wordfil:
    """The checked file: its bytes and the names of its parts."""

    fil: Path
    data: bytes
    delar: list[str]


def _fel(fil: Path, vad: str, hur: str) -> KvalitetError:
    return KvalitetError(f"{visningsnamn(fil)}: {vad}; {hur}")


def _krypterad(data: bytes) -> bool:
    """An encrypted Office file is a compound file with an ``EncryptionInfo`` stream."""
    return "EncryptionInfo".encode("utf-16-le") in data[: 1024 * 1024] or (
        "EncryptedPackage".encode("utf-16-le") in data[: 1024 * 1024]
    )


def _har_dtd(del_: bytes) -> bool:
    if del_.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            del_ = del_.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return True
    borjan = del_.lower()
    return b"<!doctype" in borjan or b"<!entity" in borjan


def _ar_xml(data: bytes) -> bool:
    """Any part that is XML, whatever its name says (.xml, .rels, .vml, none)."""
    borjan = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return borjan.startswith(b"<") or data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _bildstorlek(data: bytes) -> tuple[int, int] | None:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as bild:  # the header only
                return bild.size
    except Image.DecompressionBombError:
        return (1 << 20, 1 << 20)
    except Exception:
        return None


def las_wordfil(fil: Path) -> Wordfil:
    """The file's bytes after every check above; a ``KvalitetError`` for the first that fails."""
    try:
        storlek = fil.stat().st_size
        if storlek > MAX_FIL:
            raise _fel(
                fil,
                f"filen är {storlek // (1024 * 1024)} MB; högst {MAX_FIL // (1024 * 1024)} MB läses",
                "spara en kopia med komprimerade bilder (Arkiv › Komprimera bilder i Word)",
            )
        data = fil.read_bytes()
    except OSError as exc:
        raise _fel(fil, f"filen kan inte läsas ({exc.strerror})", "kontrollera sökvägen") from None
    if data.startswith(_CFB):
        if _krypterad(data):
            raise _fel(
                fil,
                "filen är lösenordsskyddad (krypterad) och kan inte läsas",
                "öppna den i Word, ta bort lösenordet (Arkiv › Info › Skydda dokument) och spara",
            )
        raise _fel(
            fil,
            "filen är ett äldre Word-dokument (.doc, Word 97–2003), inte .docx",
            "öppna den i Word och spara som Word-dokument (.docx)",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _fel(
            fil,
            "filen är inget Word-dokument (.docx är ett zip-arkiv, och det här är det inte)",
            "spara rapporten som Word-dokument (.docx) och försök igen",
        )
    try:
        arkiv = zipfile.ZipFile(io.BytesIO(data))
        poster = arkiv.infolist()
        if len(poster) > MAX_POSTER:
            raise _fel(
                fil,
                f"arkivet har {len(poster)} delar (högst {MAX_POSTER})",
                "filen är inget vanligt Word-dokument; spara om den från Word",
            )
        totalt = sum(p.file_size for p in poster)
        for post in poster:
            kvot = post.file_size / max(post.compress_size, 1)
            if post.file_size > MAX_DEL or (post.file_size > 1024 * 1024 and kvot > MAX_KVOT):
                raise _fel(
                    fil,
                    f"delen '{post.filename}' packas upp till {post.file_size // (1024 * 1024)} MB "
                    f"ur {post.compress_size // 1024} kB (en zip-bomb?)",
                    "filen läses inte; spara om rapporten från Word",
                )
        if totalt > MAX_OKOMPRIMERAT:
            raise _fel(
                fil,
                f"filen packas upp till {totalt // (1024 * 1024)} MB (högst "
                f"{MAX_OKOMPRIMERAT // (1024 * 1024)} MB)",
                "spara en kopia med komprimerade bilder och försök igen",
            )
        namn = [p.filename for p in poster]
        if "word/document.xml" not in namn and "[Content_Types].xml" not in namn:
            raise _fel(
                fil,
                "zip-arkivet är inget Word-dokument (word/document.xml saknas)",
                "spara rapporten som Word-dokument (.docx) och försök igen",
            )
        for post in poster:
            lagt = post.filename.lower()
            if not lagt.endswith(_BILDER) and not post.is_dir():
                if _ar_xml(innehall := arkiv.read(post)) and _har_dtd(innehall):
                    raise _fel(
                        fil,
                        f"delen '{post.filename}' har en DTD (<!DOCTYPE eller <!ENTITY>), som "
                        "Word aldrig skriver (XXE eller 'billion laughs')",
                        "filen läses inte; spara om rapporten från Word",
                    )
            elif lagt.endswith(_BILDER):
                matt = _bildstorlek(arkiv.read(post))
                if matt and matt[0] * matt[1] > MAX_MEGAPIXLAR * 1_000_000:
                    raise _fel(
                        fil,
                        f"bilden '{post.filename}' är {matt[0]} × {matt[1]} pixlar; högst "
                        f"{MAX_MEGAPIXLAR} megapixlar går att lägga i en rapport",
                        "minska bilden i Word (Bildformat › Komprimera bilder) och spara",
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise _fel(fil, f"zip-arkivet är trasigt ({exc})", "spara om rapporten från Word") from None
    except RuntimeError as exc:  # an encrypted zip entry
        raise _fel(
            fil,
            f"filen är lösenordsskyddad och kan inte läsas ({exc})",
            "ta bort lösenordet i Word och spara",
        ) from None
    return Wordfil(fil, data, namn)
