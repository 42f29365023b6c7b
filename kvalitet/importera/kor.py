"""One import: read the mapping and the sources, match their rows to the period's units, and
show (or write) what changes in each unit's file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kvalitet.importera.hamta import Kallvarden, hamta
from kvalitet.importera.karta import Karta
from kvalitet.importera.tillampa import Enhetsandring, skriv, tillampa
from kvalitet.kalla.las import kalltext
from kvalitet.kalla.oversikt import periodoversikt
from kvalitet.kalla.projekt import Projekt


@dataclass
class Import:
    """What an import found and did."""

    period: str
    andringar: list[Enhetsandring] = field(default_factory=list)
    omatchade: list[str] = field(default_factory=list)
    utan_data: list[str] = field(default_factory=list)
    skrivet: bool = False
    konflikter: list[str] = field(default_factory=list)
    """Units not written: changed meanwhile on the same values (located Swedish messages)."""


def _nycklar(fil: Path, data: object) -> dict[str, str]:
    """The keys a source may name a unit by: its id, name, skolenhetskod and kolada_ou."""
    nycklar = {"id": fil.stem}
    if isinstance(data, dict):
        for falt in ("namn", "skolenhetskod", "kolada_ou"):
            if data.get(falt) is not None:
                nycklar[falt] = kalltext(data[falt]).strip()
    return nycklar


def _snabbdata(fil: Path) -> object:
    """The unit's plain data, read fast (libyaml); None when the file cannot be read."""
    import yaml

    from kvalitet.kalla.las import SNABB_LADDARE

    try:
        return yaml.load(fil.read_text(encoding="utf-8-sig"), Loader=SNABB_LADDARE)
    except (OSError, ValueError, yaml.YAMLError):
        return None


def importera(
    projekt: Projekt,
    karta: Karta,
    filer: list[Path],
    period: str | None = None,
    skriv_filer: bool = False,
    skriv_over: bool = False,
) -> Import:
    oversikt = periodoversikt(projekt)
    vald = period or karta.period or oversikt.senaste()
    if vald is None:
        from kvalitet.grund.problem import KvalitetError

        raise KvalitetError("projektet har inga rapporter att importera till")
    valda_kallor = [
        k for k in karta.kallor if not filer or any(f.name == Path(k.fil).name for f in filer)
    ]
    kallvarden: list[Kallvarden] = [hamta(k, projekt.rot, vald, filer) for k in valda_kallor]
    resultat = Import(vald)
    data = {f: _snabbdata(f) for f in oversikt.filer(vald)}
    enheter = {f: _nycklar(f, d) for f, d in data.items()}
    matchade: dict[int, set[str]] = {id(kv): set() for kv in kallvarden}
    for fil, nycklar in sorted(enheter.items()):
        kallor = []
        for kv in kallvarden:
            nyckel = nycklar.get(kv.nyckel)
            if nyckel is not None and nyckel in kv.enheter:
                kallor.append((kv, nyckel))
                matchade[id(kv)].add(nyckel)
            elif kv.jamforelser and not kv.enheter:
                kallor.append((kv, ""))
        if not any(kv.enheter.get(n) for kv, n in kallor) and not any(
            kv.jamforelser for kv, _ in kallor
        ):
            resultat.utan_data.append(fil.stem)
            continue
        andring = tillampa(fil, kallor, skriv_over, data[fil])
        if andring.efter != andring.fore or andring.behallna:
            resultat.andringar.append(andring)
        if (
            andring.efter == andring.fore
            and not andring.behallna
            and not any(kv.enheter.get(n) for kv, n in kallor)
        ):
            resultat.utan_data.append(fil.stem)
    for kv in kallvarden:
        resultat.omatchade += kv.omatchade
        resultat.omatchade += [
            f"{kv.fil.name}: '{nyckel}' ({kv.nyckel}) finns inte i någon enhetsfil för {vald}"
            for nyckel in sorted(set(kv.enheter) - matchade[id(kv)])
        ]
    if skriv_filer:
        from kvalitet.kalla.historik import Historik

        historik = Historik(projekt.rot, git=False)
        for andring in resultat.andringar:
            if (fel := skriv(andring, historik)) is not None:
                resultat.konflikter.append(fel)
        resultat.skrivet = True
    return resultat
