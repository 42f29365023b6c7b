"""``kvalitet importera word``: one Word file into one unit's file – checked, read, matched to
the rapportmall, the images saved, merged with what the file already says, validated, and
either shown (diff) or written through the one write path, always with the loss report."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import KvalitetError, Problem, visningsnamn
from kvalitet.importera.word_delar import bygg_innehall
from kvalitet.importera.word_fil import las_wordfil
from kvalitet.importera.word_forlust import Forlustrapport, ord_i_data, sidhuvuden_och_relationer
from kvalitet.importera.word_las import Forlust, las_dokument, rakna_ord
from kvalitet.importera.word_xml import rakna_sparade, sparade_i_fotnoter, tillampa_sparade
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.rapportmall import ar_tom

BILDTYPER = {".png", ".jpg", ".jpeg", ".gif"}
INNEHALLSNYCKLAR = ("beskrivning", "sammanfattning", "kvalitetsarbete", "resultat", "analys")


@dataclass
class Wordimport:
    fil: Path
    enhetsfil: Path
    fore: str
    efter: str
    rapport: Forlustrapport
    bilder: list[tuple[Path, bytes]] = field(default_factory=list)
    behallna: list[str] = field(default_factory=list)
    problem: list[Problem] = field(default_factory=list)
    skrivet: bool = False
    ny: bool = False

    @property
    def diff(self) -> str:
        import difflib

        namn = visningsnamn(self.enhetsfil)
        return "".join(
            difflib.unified_diff(
                self.fore.splitlines(keepends=True),
                self.efter.splitlines(keepends=True),
                "/dev/null" if self.ny else f"a/{namn}",
                f"b/{namn}",
            )
        )


def _oppna(fil: Path, data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise KvalitetError(
            f"{visningsnamn(fil)}: filen kan inte läsas som Word-dokument ({type(exc).__name__}: "
            f"{exc}); öppna den i Word och spara den som .docx igen"
        ) from None
    except Exception as exc:
        raise KvalitetError(
            f"{visningsnamn(fil)}: Word-filens XML är trasig ({exc}); öppna den i Word och "
            "spara den som .docx igen"
        ) from None


def _las(fil: Path, dok: Any, sparade: str | None) -> tuple[int, Any]:
    """The tracked changes (refused unless told which version holds) and the body read."""
    from lxml import etree

    try:
        kropp = dok.element.body
        antal_sparade = rakna_sparade(kropp) + sparade_i_fotnoter(dok)
        if antal_sparade and sparade is None:
            raise KvalitetError(
                f"{visningsnamn(fil)}: filen har {antal_sparade} spårade ändringar som inte är "
                "godkända eller förkastade; säg vilken version som gäller: --spårade godkänn "
                "(texten med ändringarna) eller --spårade förkasta (texten före dem)"
            )
        if antal_sparade:
            tillampa_sparade(kropp, sparade == "godkänn")
        return antal_sparade, las_dokument(dok, sparade != "förkasta")
    except (etree.XMLSyntaxError, ValueError, KeyError) as exc:
        raise KvalitetError(
            f"{visningsnamn(fil)}: en del av Word-filen är trasig ({exc}); öppna den i Word och "
            "spara den som .docx igen"
        ) from None


def _mallnamn(lage: Any, enhet: str, mall: str | None, data: dict[str, Any]) -> str:
    if mall:
        return mall
    if isinstance(data.get("rapportmall"), str):
        return str(data["rapportmall"])
    val = lage.huvudman.installningar.rapportmallar if lage.huvudman else None
    if val is not None:
        if enhet in val.enheter:
            return str(val.enheter[enhet])
        if data.get("skolform") in val.skolformer:
            return str(val.skolformer[data["skolform"]])
        return str(val.standard)
    return "standard"


def _spara_bilder(
    bygge: Any, enhetsfil: Path, bildmapp: Path, enhet: str, rapport: Forlustrapport
) -> list[tuple[Path, bytes]]:
    """Name each image (the same bytes keep an existing file's name) and point its block at it."""
    ut: list[tuple[Path, bytes]] = []
    tagna: set[str] = set()
    for nr, (el, bild) in enumerate(bygge.bilder, start=1):
        suffix = Path(el.namn).suffix.lower()
        if suffix not in BILDTYPER:
            rapport.forluster.append(
                Forlust(
                    f"bilden {Path(el.namn).name} ({suffix.lstrip('.').upper()}, en sort som inte "
                    "kan visas; spara den som PNG och lägg in den)",
                    el.plats,
                )
            )
            bild["fil"] = ""
            continue
        n = nr
        while True:
            kandidat = bildmapp / f"{enhet}-word-{n}{suffix}"
            if kandidat.name not in tagna and (
                not kandidat.exists() or (kandidat.is_file() and kandidat.read_bytes() == el.data)
            ):
                break
            n += 1
        tagna.add(kandidat.name)
        bild["fil"] = os.path.relpath(kandidat, enhetsfil.parent)
        if not el.alt:
            rapport.varningar.append(
                f"bilden {bild['fil']} ({el.plats}) saknar alternativtext i Word-filen; skriv "
                "vad den visar i 'alt:' (där står nu 'ÄNDRA: …')"
            )
        ut.append((kandidat, el.data))
    _ta_bort_tomma_bilder(bygge.data)
    return ut


def _ta_bort_tomma_bilder(nod: Any) -> None:
    if isinstance(nod, dict):
        for v in nod.values():
            _ta_bort_tomma_bilder(v)
    elif isinstance(nod, list):
        nod[:] = [
            b for b in nod if not (isinstance(b, dict) and "bild" in b and not b["bild"]["fil"])
        ]
        for b in nod:
            _ta_bort_tomma_bilder(b)


def _bildfiler(nod: Any) -> list[Any]:
    if isinstance(nod, dict):
        egen = [nod["bild"]["fil"]] if isinstance(nod.get("bild"), dict) else []
        return egen + [f for v in nod.values() for f in _bildfiler(v)]
    if isinstance(nod, list):
        return [f for v in nod for f in _bildfiler(v)]
    return []


def _sla_ihop(
    data: dict[str, Any], innehall: dict[str, Any], skriv_over: bool, behallna: list[str]
) -> None:
    """The imported parts into the file's data; a part the file already has is kept unless
    ``skriv_over``."""
    for nyckel, varde in innehall.items():
        if nyckel == "delar":
            delar = data.setdefault("delar", {})
            for id_, del_ in varde.items():
                if not ar_tom(delar.get(id_)) and not skriv_over and delar.get(id_) != del_:
                    behallna.append(f"delar.{id_}")
                    continue
                delar[id_] = del_
            continue
        if not ar_tom(data.get(nyckel)) and not skriv_over and data.get(nyckel) != varde:
            behallna.append(nyckel)
            continue
        data[nyckel] = varde


def _ny_enhet(
    lasning: Any,
    dok: Any,
    enhet: str,
    period: str,
    namn: str | None,
    skolform: str | None,
    rapport: Forlustrapport,
) -> tuple[dict[str, Any] | None, int]:
    """A new unit's fields: the options, else the cover ('Skolform: Grundskola') and the title;
    None without a skolform. Also the words of the cover that the fields carry."""
    from kvalitet.importera.word_las import Rubrik
    from kvalitet.importera.word_omslag import las_omslag, omslagsdata

    forsta = next((i for i, e in enumerate(lasning.element) if isinstance(e, Rubrik)), None)
    falt = las_omslag(lasning.element[:forsta])[0] if forsta else {}
    fran_omslaget, extra, gissat = omslagsdata(falt)
    skolform = skolform or fran_omslaget.get("skolform")
    fran_omslaget.pop("skolform", None)
    if not skolform:
        return None, 0
    titel = lasning.titel or (dok.core_properties.title or "").strip()
    if not namn and lasning.titel:
        extra += rakna_ord(lasning.titel)
        rapport.forluster = [
            f for f in rapport.forluster if not f.vad.startswith("dokumentets titel")
        ]
        gissat.append(f"dokumentets titel '{lasning.titel}' blev enhetens namn")
    rapport.gissningar.extend(gissat)
    data = {
        "namn": namn or titel or enhet,
        "skolform": skolform,
        **fran_omslaget,
        "period": period,
        "status": "utkast",
    }
    return data, extra


def importera_word(
    projekt: Projekt,
    fil: Path,
    enhet: str,
    *,
    mall: str | None = None,
    period: str | None = None,
    skriv: bool = False,
    skriv_over: bool = False,
    sparade: str | None = None,
    namn: str | None = None,
    skolform: str | None = None,
) -> Wordimport:
    """Import ``fil`` into unit ``enhet`` of ``period`` (default: the latest)."""
    from kvalitet.kalla.las import las_yaml_text
    from kvalitet.kalla.projekt import mapp_for_period
    from kvalitet.kalla.rundtur import Rundtur
    from kvalitet.kontroll.period import las_period
    from kvalitet.kontroll.validera import validera_enhet
    from kvalitet.modell.schema import enhetsschema

    wf = las_wordfil(fil)
    dok = _oppna(fil, wf.data)
    antal_sparade, lasning = _las(fil, dok, sparade)
    rapport = Forlustrapport(lasning.ord_i_word, forluster=lasning.forluster)
    if antal_sparade:
        rapport.gissningar.append(
            f"{antal_sparade} spårade ändringar {'godkändes' if sparade == 'godkänn' else 'förkastades'}"
            " (--spårade)"
        )
    rapport.forluster.extend(sidhuvuden_och_relationer(dok))

    lage = las_period(projekt, period, enheter=[enhet])
    if lage.period is None:
        raise KvalitetError("projektet har ingen period; skapa en med 'kvalitet ny period'")
    enhetsfil = projekt.rapporter / mapp_for_period(lage.period) / f"{enhet}.yaml"
    finns = enhetsfil.is_file()
    fore = enhetsfil.read_text(encoding="utf-8") if finns else ""
    dokument = Rundtur(fore, schema=enhetsschema())
    data = dokument.som_data() if finns else None
    extra = 0
    if not isinstance(data, dict):
        if finns:
            raise KvalitetError(
                f"{visningsnamn(enhetsfil)}: filen är ingen enhetsfil (ingen mappning)"
            )
        data, extra = _ny_enhet(lasning, dok, enhet, lage.period, namn, skolform, rapport)
        if data is None:
            raise KvalitetError(
                f"enheten '{enhet}' finns inte för {lage.period} ({visningsnamn(enhetsfil)}); "
                "ange --skolform (och gärna --namn) för en ny enhet, eller skapa den först med "
                "'kvalitet ny enhet'"
            )
    mallnamn = _mallnamn(lage, enhet, mall, data)
    if mallnamn not in lage.rapportmallar:
        from kvalitet.kontroll.modellfel import menade_du

        forslag = menade_du(mallnamn, lage.rapportmallar)
        raise KvalitetError(
            f"rapportmallen '{mallnamn}' finns inte ("
            + (
                f"menade du '{forslag}'?"
                if forslag
                else "mallar: " + ", ".join(sorted(lage.rapportmallar))
            )
            + ")"
        )
    mallen = lage.rapportmallar[mallnamn]
    if mallen is None:
        raise KvalitetError(f"rapportmallen '{mallnamn}' har fel; kör 'kvalitet kontrollera'")
    if mall and mall != "standard" and data.get("rapportmall") != mall:
        data["rapportmall"] = mall
    bygge = bygg_innehall(lasning.element, mallen)
    rapport.gissningar.extend(lasning.gissningar + bygge.gissningar)
    bilder = _spara_bilder(bygge, enhetsfil, projekt.rapporter / "bilder", enhet, rapport)
    rapport.forluster[:0] = bygge.forluster
    if finns and bygge.omslag:
        rapport.forluster.insert(
            0,
            Forlust(
                "omslagets fält (" + ", ".join(bygge.omslag) + "); enhetsfilen har sina egna",
                "före första rubriken (omslaget)",
                sum(o[1] for o in bygge.omslag.values()),
            ),
        )
    rapport.ord_i_enheten = ord_i_data(bygge.data) + bygge.rubrikord + extra
    ut = Wordimport(fil, enhetsfil, fore, fore, rapport, bilder, ny=not finns)
    _sla_ihop(data, bygge.data, skriv_over, ut.behallna)
    anvanda = {str(v) for v in _bildfiler(data)}  # a kept part's images are not written
    ut.bilder = [b for b in ut.bilder if os.path.relpath(b[0], enhetsfil.parent) in anvanda]
    dokument.uppdatera(data)
    ut.efter = dokument.text()
    kalla = las_yaml_text(ut.efter, enhetsfil)
    _, problem = validera_enhet(
        kalla,
        projekt.rot,
        lage.huvudman,
        projekt.mappens_period(enhetsfil) or lage.period,
        lage.huvudmannafil is not None and lage.huvudman is None,
        lage.rapportmallar,
    )
    vantade = {b[0].name for b in bilder if not b[0].exists()}  # written with the file
    ut.problem = [p for p in problem if not any(n in f"{p.vad} {p.hur}" for n in vantade)]
    if skriv and not any(p.ar_fel for p in ut.problem):
        _skriv(projekt, ut)
    return ut


def _skriv(projekt: Projekt, ut: Wordimport) -> None:
    from kvalitet.kalla.historik import Historik
    from kvalitet.kalla.skrivvag import Konflikt, skapa_fil, skriv_enhetsfil

    for bildfil, data in ut.bilder:
        if not bildfil.exists():
            bildfil.parent.mkdir(parents=True, exist_ok=True)
            skapa_fil(bildfil, data, projekt.rot)
    if ut.efter == ut.fore:
        return
    lasta = ut.fore.encode("utf-8") if not ut.ny else None
    efter = ut.efter.encode("utf-8")

    def berakna(nu: bytes | None) -> bytes | Konflikt:
        if nu != lasta:
            return Konflikt("filen ändrades medan importen pågick")
        return efter

    skrivning = skriv_enhetsfil(
        ut.enhetsfil, berakna, Historik(projekt.rot, git=False), "före-import"
    )
    if skrivning.konflikt is not None:
        raise KvalitetError(
            f"{visningsnamn(ut.enhetsfil)}: {skrivning.konflikt.varde}; inget skrevs – kör "
            "importen igen"
        )
    ut.skrivet = True
