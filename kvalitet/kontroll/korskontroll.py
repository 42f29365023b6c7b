"""Checks across a unit's fields: tables, images, HTML in text, completeness (Skollagen 4 kap.)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kalla.lokala_filer import Nekad, lokal_fil
from kvalitet.kontroll.modellfel import visa_sokvag
from kvalitet.kontroll.obesvarat import obesvarade_fragor, platshallare
from kvalitet.kontroll.tabellceller import ord_i_talceller
from kvalitet.kontroll.textlangd import for_langa_texter
from kvalitet.kontroll.tomma_rubriker import tomma_rubriker
from kvalitet.modell import (
    Avsnitt,
    Bildblock,
    Diagram,
    Diagramblock,
    Enhetsrapport,
    Huvudavsnitt,
    Resultat,
    Tabell,
    Tabellblock,
)
from kvalitet.modell.genomgang import Del, block_i, rapportens_delar, underavsnitt
from kvalitet.modell.rapportmall import Rapportmall

BILDTYPER = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def korskontroller(
    rapport: Enhetsrapport, kalla: Kalla, projektrot: Path, mall: Rapportmall | None = None
) -> list[Problem]:
    """Checks across fields: links, tables, images, completeness (Skollagen 4 kap.). The
    completeness asks only for the parts the unit's rapportmall ``mall`` has (all of the
    standard's without one)."""
    ut = kontrollera_delar(rapportens_delar(rapport), kalla, projektrot)
    ut.extend(_kontrollera_fullstandighet(rapport, kalla, mall))
    ut.extend(tomma_rubriker(rapport, kalla))
    ut.extend(textkontroller(kalla))
    return ut


def kontrollera_delar(
    delar: Iterable[tuple[Sokvag, Del, bool]], kalla: Kalla, projektrot: Path
) -> list[Problem]:
    """The tables, images and headings of sections (any document's), wherever they stand."""
    ut: list[Problem] = []
    for sokvag, del_, numrerad in delar:
        for i, tabell in enumerate(getattr(del_, "tabeller", [])):
            ut.extend(_kontrollera_tabell(tabell, kalla, (*sokvag, "tabeller", i)))
        for i, bild in enumerate(getattr(del_, "bilder", [])):
            ut.extend(_kontrollera_bild(bild.fil, kalla, (*sokvag, "bilder", i, "fil"), projektrot))
        for blocksok, block in block_i(del_, sokvag):
            if isinstance(block, Tabellblock):
                ut.extend(_kontrollera_tabell(block.tabell, kalla, (*blocksok, "tabell")))
            elif isinstance(block, Diagramblock):
                ut.extend(_kontrollera_tabell(block.diagram, kalla, (*blocksok, "diagram")))
            elif isinstance(block, Bildblock):
                ut.extend(
                    _kontrollera_bild(block.bild.fil, kalla, (*blocksok, "bild", "fil"), projektrot)
                )
        if not numrerad:
            ut.extend(_numrerad_under_onumrerad(del_, sokvag, kalla))
    return ut


def textkontroller(kalla: Kalla) -> list[Problem]:
    """HTML in texts, placeholders left from a template and too long texts, anywhere in the
    file."""
    return [
        *_kontrollera_html(kalla.data, kalla, ()),
        *platshallare(kalla.data, kalla, ()),
        *for_langa_texter(kalla.data, kalla),
    ]


_HTML = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*)[^<>]*>")
"""'[^<>]', not '[^>]': with '[^>]' each of 6 000 '<a ' without '>' scanned to the end of the
text (quadratic: 7 s for 144 kB at kontrollera)."""
_SKRIPTLANK = re.compile(r"\]\(\s*(javascript|vbscript|data|file):", re.IGNORECASE)


_MDLANK = re.compile(r"\]\(\s*<?([^)\s>]+)")
"""The target of a Markdown link ``[text](mål)``."""


def _kontrollera_html(data: Any, kalla: Kalla, sokvag: Sokvag) -> list[Problem]:
    """Warn where a text holds HTML or script links: they never reach the report."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _kontrollera_html(v, kalla, (*sokvag, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _kontrollera_html(v, kalla, (*sokvag, i))]
    if not isinstance(data, str):
        return []
    ut: list[Problem] = []
    if traff := _HTML.search(data):
        ut.append(
            kalla.varning(
                sokvag,
                f"'{visa_sokvag(sokvag)}' innehåller HTML-koden '{traff.group(0)[:40]}', som "
                "inte används i rapporten (den tas bort eller visas som vanlig text)",
                "skriv vanlig text; använd Markdown för **fetstil**, listor och [länkar](https://...)",
            )
        )
    for mal in _MDLANK.findall(data):
        tillaten = mal.strip().lower().startswith(("http://", "https://", "mailto:", "#"))
        if not tillaten and not _SKRIPTLANK.search(f"]({mal}"):
            ut.append(
                kalla.varning(
                    sokvag,
                    f"'{visa_sokvag(sokvag)}' har länken '{mal[:60]}', som inte är en webbadress; "
                    "den visas som vanlig text (en länk till en fil skulle i PDF:en peka på "
                    "läsarens egen dator)",
                    "skriv hela adressen, t.ex. [text](https://www.alvmora.se/...), eller lägg "
                    "en bild under 'bilder:'",
                )
            )
    if traff := _SKRIPTLANK.search(data):
        ut.append(
            kalla.varning(
                sokvag,
                f"'{visa_sokvag(sokvag)}' har en länk av typen '{traff.group(1)}:', som tas bort",
                "länka bara till webbadresser (https://...) eller e-post (mailto:...)",
            )
        )
    return ut


def _numrerad_under_onumrerad(del_: Del, sokvag: Sokvag, kalla: Kalla) -> list[Problem]:
    """A numbered heading cannot stand under an unnumbered one: its number would not say where."""
    return [
        kalla.fel(
            (*barnsok, "numrerad"),
            f"'{barn.rubrik}' är numrerad men står under en onumrerad rubrik",
            "ta bort 'numrerad: true', eller flytta avsnittet till 'avsnitt:' under ett "
            "numrerat avsnitt",
        )
        for barnsok, barn, _ in underavsnitt(del_, sokvag, numrerad=False)
        if barn.numrerad
    ]


def _kontrollera_tabell(tabell: Tabell | Diagram, kalla: Kalla, sokvag: Sokvag) -> list[Problem]:
    ut: list[Problem] = ord_i_talceller(tabell, kalla, sokvag)
    for i, rad in enumerate(tabell.rader):
        radsok = (*sokvag, "rader", i)
        kon = [rad.flickor, rad.pojkar, rad.totalt]
        if tabell.kolumner:
            if rad.varden is None:
                ut.append(
                    kalla.fel(
                        radsok,
                        f"raden '{rad.rad}' saknar 'värden'",
                        f"tabellen har {len(tabell.kolumner)} kolumner: skriv "
                        f"'värden: [...]' med {len(tabell.kolumner)} värden",
                    )
                )
            elif len(rad.varden) != len(tabell.kolumner):
                ut.append(
                    kalla.fel(
                        (*radsok, "värden"),
                        f"raden '{rad.rad}' har {len(rad.varden)} värden men tabellen har "
                        f"{len(tabell.kolumner)} kolumner",
                        "ge raden ett värde per kolumn; skriv '.' där uppgift saknas"
                        + (
                            "; inom [ ] skiljer kommatecken värdena åt, så skriv decimaltal "
                            "inom citattecken, '81,3', eller med punkt, 81.3"
                            if len(rad.varden) > len(tabell.kolumner)
                            else ""
                        ),
                    )
                )
            if any(v is not None for v in kon):
                ut.append(
                    kalla.fel(
                        radsok,
                        f"raden '{rad.rad}' blandar 'värden' med flickor/pojkar/totalt",
                        "använd antingen 'kolumner' och 'värden', eller flickor/pojkar/totalt",
                    )
                )
        else:
            if rad.varden is not None:
                ut.append(
                    kalla.fel(
                        (*radsok, "värden"),
                        f"raden '{rad.rad}' har 'värden' men tabellen saknar 'kolumner'",
                        "lägg till 'kolumner: [...]' i tabellen, eller skriv flickor/pojkar/totalt",
                    )
                )
            elif (
                rad.antal is None
                and (rad.matt or tabell.matt) != "antal"
                and any(isinstance(v, int | float) for v in (rad.flickor, rad.pojkar))
            ):
                ut.append(utan_antal(kalla, radsok, f"raden '{rad.rad}'"))
            elif all(v is None for v in kon):
                ut.append(
                    kalla.fel(
                        radsok,
                        f"raden '{rad.rad}' saknar värden",
                        "skriv 'flickor:', 'pojkar:' och/eller 'totalt:', eller ge tabellen "
                        "'kolumner' och raden 'värden'",
                    )
                )
    return ut


def utan_antal(kalla: Kalla, sokvag: Sokvag, vad: str) -> Problem:
    """Values for flickor/pojkar without counts: röjandekontrollen cannot test them."""
    return kalla.varning(
        sokvag,
        f"{vad} har värden för flickor och pojkar men inget 'antal', så röjandekontrollen kan "
        "inte pröva om grupperna är för små för att visas",
        "lägg till hur många elever värdena bygger på, t.ex. "
        "'antal: {flickor: 21, pojkar: 26, totalt: 47}'",
    )


def _kontrollera_bild(fil: str, kalla: Kalla, sokvag: Sokvag, projektrot: Path) -> list[Problem]:
    svar = lokal_fil(projektrot, kalla.fil.parent, fil)
    if isinstance(svar, Nekad):
        return [kalla.fel(sokvag, f"{visa_sokvag(sokvag)}: {svar.vad}", svar.hur)]
    if svar.suffix.lower() not in BILDTYPER:
        return [
            kalla.fel(
                sokvag,
                f"'{fil}' är ingen bildfil som kan visas",
                "använd PNG, JPEG, GIF, SVG eller WebP",
            )
        ]
    if (for_stor := bildens_storleksfel(svar)) is not None:
        hur = (
            "förenkla bilden, eller spara den som PNG"
            if svar.suffix.lower() == ".svg"
            else "minska bilden, t.ex. till 2 000 pixlar bred"
        )
        return [kalla.fel(sokvag, f"'{fil}': {for_stor}", hur)]
    return []


MAX_MEGAPIXLAR = 40
"""A picture is decoded whole by the PDF engine: 13 000 × 13 000 pixels (a PNG of 0.5 MB) took
1.4 GB per worker. Larger pictures are refused when the file is checked."""


def bildens_storleksfel(fil: Path) -> str | None:
    """Why a raster picture is too large (or unreadable) to render; None when it is fine."""
    if fil.suffix.lower() == ".svg":
        from kvalitet.kontroll.svgkostnad import svg_kostnadsfel

        try:
            return svg_kostnadsfel(fil.read_bytes(), MAX_MEGAPIXLAR)
        except OSError as exc:
            return f"filen kan inte läsas ({exc.strerror})"
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(fil) as bild:  # reads the header only
                bredd, hojd = bild.size
    except Image.DecompressionBombError:
        return f"bilden har över {2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000} megapixlar"
    except (UnidentifiedImageError, OSError, ValueError):
        return "filen kan inte läsas som en bild (är den trasig eller av en annan sort?)"
    if bredd * hojd > MAX_MEGAPIXLAR * 1_000_000:
        return (
            f"bilden är {bredd} × {hojd} pixlar ({bredd * hojd // 1_000_000} megapixlar); "
            f"högst {MAX_MEGAPIXLAR} megapixlar går att lägga i en rapport"
        )
    return None


def _ar_tomt(del_: object) -> bool:
    """True when a section has no text, subsections or tables anywhere."""
    if isinstance(del_, Resultat):
        grupper = [del_.objektiva, del_.subjektiva, del_.observerade]
        return (
            not (del_.text or "").strip()
            and not del_.innehall
            and all(g is None or _ar_tomt(g) for g in grupper)
        )
    if isinstance(del_, Huvudavsnitt | Avsnitt):
        return (
            not (del_.text or "").strip()
            and not del_.innehall
            and not del_.tabeller
            and not del_.bilder
            and all(_ar_tomt(a) for a in del_.avsnitt)
        )
    return False


def _mallens_delar(mall: Rapportmall | None) -> dict[str, str] | None:
    """The template's parts by ``fält`` and by sort (``sort:delaktighet``), with their
    headings; None without a template (then every part of the standard is asked for)."""
    if mall is None:
        return None
    ut: dict[str, str] = {}
    for _, del_ in mall.alla_delar():
        if del_.falt:
            ut[del_.falt] = del_.rubrik
        ut[f"sort:{del_.sort}"] = del_.rubrik
    return ut


def _kontrollera_fullstandighet(
    rapport: Enhetsrapport, kalla: Kalla, mall: Rapportmall | None = None
) -> list[Problem]:
    ut: list[Problem] = []
    d = rapport.delaktighet
    barn = rapport.skolform == "förskola"
    delar = _mallens_delar(mall)
    fragar_delaktighet = delar is None or "sort:delaktighet" in delar
    if d is None and fragar_delaktighet:
        ut.append(
            kalla.varning(
                (),
                "rapporten beskriver inte hur personal, "
                f"{'barn' if barn else 'elever'} och vårdnadshavare har deltagit",
                "Skollagen 4 kap. 4 § kräver delaktighet: lägg till 'delaktighet:' med "
                f"'personal:', 'elever:'{' (barnen)' if barn else ''} och 'vårdnadshavare:'",
            )
        )
    elif d is not None:
        grupper = (
            ("personal", "personalen"),
            ("elever", "barnen" if barn else "eleverna"),
        )
        for nyckel, vilka in grupper:
            if not (getattr(d, nyckel) or "").strip():
                ut.append(
                    kalla.varning(
                        ("delaktighet", nyckel)
                        if nyckel in (kalla.data.get("delaktighet") or {})
                        else ("delaktighet",),
                        f"delaktighet: det står inte hur {vilka} har deltagit",
                        f"skriv under 'delaktighet' i '{nyckel}:' hur de deltog; "
                        "Skollagen 4 kap. 4 § kräver delaktighet",
                    )
                )
    for falt, namn in (
        ("kvalitetsarbete", "1 Det systematiska kvalitetsarbetet"),
        ("resultat", "2 Resultat"),
        ("analys", "3 Analys"),
    ):
        if delar is not None:
            if falt not in delar:
                continue  # the unit's template has no such part
            if delar[falt] != namn.split(" ", 1)[1]:
                namn = delar[falt]
        del_ = getattr(rapport, falt)
        if del_ is None:
            ut.append(
                kalla.varning(
                    (), f"avsnittet '{namn}' saknas", f"lägg till '{falt}:' och skriv avsnittet"
                )
            )
        elif _ar_tomt(del_):
            ut.append(
                kalla.varning(
                    (falt,),
                    f"avsnittet '{namn}' är tomt",
                    "skriv 'text:' eller lägg till 'avsnitt:' med rubrik och text",
                )
            )
    if not rapport.utvecklingsomraden and (delar is None or "sort:utvecklingsområden" in delar):
        ut.append(
            kalla.varning(
                (),
                "inga prioriterade utvecklingsområden",
                "lägg till 'utvecklingsområden:' med minst ett område",
            )
        )
    ut.extend(obesvarade_fragor(rapport.utvecklingsomraden, kalla))
    return ut
