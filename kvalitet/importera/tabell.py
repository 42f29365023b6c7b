"""Tables exported as CSV or XLSX (Skolverket's "Sök statistik", a municipality's survey tool):
banner lines before the heading row, ';' or ',' as separator, decimal comma, lines ending in
';', and headings whose wording changes between years."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.importera.kallfil import MAX_CELLER
from kvalitet.importera.varde import normalisera


@dataclass
class Tabell:
    """A source table: its file, its heading row, and its data rows (with their line numbers)."""

    fil: Path
    rubriker: list[str]
    rader: list[tuple[int, list[str]]]
    banner: list[str]

    def kolumn(self, namn: str | list[str]) -> int | None:
        """The column whose heading is ``namn`` (or one of several wordings), normalised."""
        for ett in [namn] if isinstance(namn, str) else namn:
            sokt = normalisera(ett)
            for i, rubrik in enumerate(self.rubriker):
                if normalisera(rubrik) == sokt:
                    return i
        return None


def _text(fil: Path) -> str:
    data = fil.read_bytes()
    for kodning in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(kodning)
            if kodning == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return text
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")  # Excel's "CSV (semikolonavgränsad)"


def _hogst(fil: Path, rader: Iterable[list[Any]]) -> list[list[str]]:
    """The rows, refused when they hold more than ``MAX_CELLER`` cells together."""
    ut = []
    celler = 0
    for rad in rader:
        celler += max(len(rad), 1)
        if celler > MAX_CELLER:
            grans = f"{MAX_CELLER:,}".replace(",", "\u00a0")
            raise KvalitetError(
                f"{visningsnamn(fil)}: tabellen har för många celler (över {grans}); ta ut bara "
                "kommunens skolenheter, eller dela upp filen"
            )
        ut.append(rad)
    return ut


def _rader_ur_csv(fil: Path) -> list[list[str]]:
    text = _text(fil)
    skiljetecken = ";" if text.count(";") >= text.count(",") else ","
    return _hogst(fil, csv.reader(io.StringIO(text), delimiter=skiljetecken))


def _rader_ur_xlsx(fil: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    bok = load_workbook(fil, read_only=True, data_only=True)
    blad = bok.worksheets[0]
    return _hogst(
        fil,
        (
            ["" if c is None else (c if isinstance(c, int | float) else str(c)) for c in rad]
            for rad in blad.iter_rows(values_only=True)
        ),
    )


def las_tabell(fil: Path, nyckelkolumn: str | list[str]) -> Tabell:
    """Read a table; the heading row is the first row that has the unit's key column."""
    try:
        rader = _rader_ur_xlsx(fil) if fil.suffix.lower() == ".xlsx" else _rader_ur_csv(fil)
    except OSError as exc:
        raise KvalitetError(f"{visningsnamn(fil)}: filen kan inte läsas ({exc.strerror})") from None
    except KvalitetError:
        raise
    except csv.Error:
        raise KvalitetError(
            f"{visningsnamn(fil)}: filen kan inte läsas som CSV (en cell är över 131 072 tecken, "
            "troligen ett citattecken som saknar sin like); spara den på nytt från källan"
        ) from None
    except Exception as exc:  # a broken XLSX (zip) file
        raise KvalitetError(
            f"{visningsnamn(fil)}: filen kan inte läsas som {fil.suffix.lstrip('.').upper()} "
            f"({type(exc).__name__}); spara den på nytt från källan"
        ) from None
    nycklar = {
        normalisera(n) for n in ([nyckelkolumn] if isinstance(nyckelkolumn, str) else nyckelkolumn)
    }
    for i, rad in enumerate(rader):
        celler = [str(c).strip() for c in rad]
        while celler and not celler[-1]:
            celler.pop()  # lines ending in ';'
        if any(normalisera(c) in nycklar for c in celler if isinstance(c, str)):
            data = []
            for nr, rad_ in enumerate(rader[i + 1 :], start=i + 2):
                varden = [c if isinstance(c, int | float) else str(c).strip() for c in rad_]
                if any(str(v).strip() for v in varden):
                    data.append((nr, varden))
            banner = [" ".join(str(c) for c in r if str(c).strip()) for r in rader[:i]]
            return Tabell(fil, celler, data, [b for b in banner if b])
    namn = nyckelkolumn if isinstance(nyckelkolumn, str) else " / ".join(nyckelkolumn)
    raise KvalitetError(
        f"{visningsnamn(fil)}: ingen rubrikrad med kolumnen '{namn}' hittades (kontrollera "
        "'enhet:' i kartfilen mot rubrikraden i filen)"
    )
