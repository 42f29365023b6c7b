"""Values out of the source files, per unit key and styrtal, as the mapping file says."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kvalitet.grund.problem import KvalitetError, visningsnamn
from kvalitet.importera.json_kallor import (
    KOLADA_KON,
    kolada_rader,
    kolada_varde,
    las_json,
    skolverket_enheter,
    skolverket_varde,
)
from kvalitet.importera.kallfil import kallfil
from kvalitet.importera.karta import Kalla
from kvalitet.importera.tabell import las_tabell
from kvalitet.importera.varde import Varde, tolka

TABELLFALT = ("utfall", "flickor", "pojkar", "antal", "antal_flickor", "antal_pojkar")
STANDARDNYCKEL = {
    "skolverket": "skolenhetskod",
    "skolverket-api": "skolenhetskod",
    "kolada": "kolada_ou",
    "enkät": "namn",
}


@dataclass
class Kallvarden:
    """What one source file gave."""

    kalla: Kalla
    fil: Path
    nyckel: str
    enheter: dict[str, dict[str, dict[str, Varde]]] = field(default_factory=dict)
    """unit key → styrtal id → field (utfall, flickor, …) → value."""
    jamforelser: dict[str, dict[str, Varde]] = field(default_factory=dict)
    """styrtal id → comparison name (riket, kommunen …) → value."""
    omatchade: list[str] = field(default_factory=list)
    """Rows whose unit key is empty or unreadable."""
    datum: str = ""


def _lagg(ut: Kallvarden, nyckel: str, sid: str, falt: str, varde: Varde) -> None:
    ut.enheter.setdefault(nyckel, {}).setdefault(sid, {})[falt] = varde


def _tabell(kalla: Kalla, fil: Path, ut: Kallvarden) -> None:
    if kalla.enhet is None:
        raise KvalitetError(
            f"kartfilen: källan {kalla.fil} behöver 'enhet:' (kolumnen som anger enheten)"
        )
    tabell = las_tabell(fil, kalla.enhet)
    enhetskolumn = tabell.kolumn(kalla.enhet)
    assert enhetskolumn is not None
    kolumner: dict[tuple[str, str], int] = {}
    for sid, falt in kalla.styrtal.items():
        for namn in TABELLFALT:
            rubrik = getattr(falt, namn)
            if rubrik is None:
                continue
            nr = tabell.kolumn(rubrik)
            if nr is None:
                raise KvalitetError(
                    f"{visningsnamn(fil)}: kolumnen '{rubrik if isinstance(rubrik, str) else rubrik[0]}' "
                    f"(styrtal {sid}, {namn}) finns inte; rubrikerna är: {'; '.join(tabell.rubriker)} "
                    "(rätta kartfilen; flera lydelser kan anges som en lista)"
                )
            kolumner[(sid, namn)] = nr
    for radnr, rad in tabell.rader:
        nyckel = str(rad[enhetskolumn]).strip() if enhetskolumn < len(rad) else ""
        if not nyckel:
            ut.omatchade.append(f"{visningsnamn(fil)} rad {radnr}: ingen enhet angiven")
            continue
        for (sid, namn), nr in kolumner.items():
            varde = tolka(rad[nr]) if nr < len(rad) else None
            if varde is not None:
                _lagg(ut, nyckel, sid, namn, Varde(varde, fil.name, radnr))


def _skolverket_api(kalla: Kalla, fil: Path, period: str, ut: Kallvarden) -> None:
    for enhet in skolverket_enheter(las_json(fil)):
        nyckel = str(enhet.get("schoolUnitCode") or enhet.get("skolenhetskod") or "").strip()
        if not nyckel:
            ut.omatchade.append(f"{visningsnamn(fil)}: en post utan schoolUnitCode")
            continue
        for sid, falt in kalla.styrtal.items():
            poster = enhet.get(falt.falt or "") or []
            valda = [p for p in poster if str(p.get("timePeriod", "")).strip() == period]
            if not valda and len(poster) == 1:
                valda = poster
            if valda:
                _lagg(ut, nyckel, sid, "utfall", Varde(skolverket_varde(valda[-1]), fil.name))


def _kolada(kalla: Kalla, fil: Path, period: str, ut: Kallvarden) -> None:
    jamforelse_av = {v: k for k, v in kalla.jamforelser.items()}
    kpi_till_styrtal: dict[str, list[str]] = {}
    for sid, falt in kalla.styrtal.items():
        if falt.kpi:
            kpi_till_styrtal.setdefault(falt.kpi, []).append(sid)
    for rad in kolada_rader(las_json(fil)):
        if str(rad.get("period", "")).strip() not in (period, period.split("/")[0]):
            continue
        for sid in kpi_till_styrtal.get(str(rad.get("kpi", "")), []):
            varden = {str(v.get("gender")): v for v in rad.get("values", []) if isinstance(v, dict)}
            if "ou" in rad:
                for kon, falt_namn in KOLADA_KON.items():
                    if kon in varden:
                        _lagg(
                            ut,
                            str(rad["ou"]),
                            sid,
                            falt_namn,
                            Varde(kolada_varde(varden[kon]), fil.name),
                        )
            elif (kommun := str(rad.get("municipality", ""))) in jamforelse_av and "T" in varden:
                ut.jamforelser.setdefault(sid, {})[jamforelse_av[kommun]] = Varde(
                    kolada_varde(varden["T"]), fil.name
                )


def kolada_period(period: str) -> str:
    """Kolada gives school years by the calendar year of the spring term: 2025/26 → 2026."""
    if "/" in period:
        start, slut = period.split("/")
        return f"{start[:2]}{slut}"
    return period


def hamta(kalla: Kalla, projektrot: Path, period: str, filer: Iterable[Path]) -> Kallvarden:
    """Read one source as the mapping describes it."""
    fil = kallfil(kalla.fil, projektrot, filer)
    ut = Kallvarden(kalla, fil, kalla.nyckel or STANDARDNYCKEL[kalla.format])
    import datetime as dt

    ut.datum = dt.date.fromtimestamp(fil.stat().st_mtime).isoformat()
    kallperiod = kalla.period or (kolada_period(period) if kalla.format == "kolada" else period)
    if kalla.format in ("skolverket", "enkät"):
        _tabell(kalla, fil, ut)
    elif kalla.format == "skolverket-api":
        _skolverket_api(kalla, fil, kallperiod, ut)
    else:
        _kolada(kalla, fil, kallperiod, ut)
    return ut
