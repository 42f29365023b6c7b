"""Model errors and cross-checks to located Swedish messages, with "menade du ...?" for typos."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kvalitet.errors import Problem
from kvalitet.load import Kalla, Sokvag
from kvalitet.model import Avsnitt, Enhetsrapport, Huvudavsnitt, Styrtal, Tabell
from kvalitet.sakerhet import Nekad, lokal_fil
from kvalitet.status import styrtalsstatus

ENHETS_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BILDTYPER = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}

_VANTADE = {
    "string_type": "en text",
    "int_type": "ett tal",
    "int_parsing": "ett tal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "float_parsing": "ett tal",
    "list_type": "en lista",
    "model_type": "underfält",
    "model_attributes_type": "underfält",
    "dict_type": "underfält",
    "date_type": "ett datum",
    "date_parsing": "ett datum",
    "date_from_datetime_parsing": "ett datum",
    "date_from_datetime_inexact": "ett datum",
}

_HUR = {
    "en text": "skriv texten direkt efter kolonet, eller skriv '|' och texten indragen på raderna under",
    "ett tal": "skriv ett tal, t.ex. 96,4 eller 725",
    "ett heltal": "skriv ett heltal utan decimaler",
    "en lista": "skriv varje punkt på en egen rad som börjar med '- '",
    "underfält": "skriv underfälten indragna på raderna under, ett 'fält: värde' per rad",
    "ett datum": "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-20",
}


def menade_du(ord: str, alternativ: typing.Iterable[str]) -> str | None:
    """The closest alternative to a misspelt word, if any is close enough."""
    alternativ = list(alternativ)
    traffar = difflib.get_close_matches(ord, alternativ, n=1, cutoff=0.6)
    if not traffar:
        traffar = difflib.get_close_matches(ord.lower(), alternativ, n=1, cutoff=0.6)
    return traffar[0] if traffar else None


def beskriv_varde(varde: Any) -> str:
    if varde is None:
        return "ett tomt värde"
    if isinstance(varde, bool):
        return "sant/falskt"
    if isinstance(varde, dict):
        return "underfält"
    if isinstance(varde, list):
        return "en lista"
    if isinstance(varde, int | float):
        return f"talet {varde}"
    return f"texten '{str(varde)[:40]}'"


def validera_enhet(
    kalla: Kalla, projektrot: Path | None = None
) -> tuple[Enhetsrapport | None, list[Problem]]:
    """Validate one loaded unit file: every problem, located; the model when there are no errors.

    Files the report refers to must lie inside ``projektrot`` (default: the folder above
    ``rapporter/``)."""
    projektrot = projektrot or _gissa_projektrot(kalla.fil)
    problem: list[Problem] = list(kalla.problem)
    enhets_id = kalla.fil.stem
    if not ENHETS_ID.match(enhets_id):
        forslag = _slug(enhets_id)
        problem.append(
            kalla.fel(
                (),
                f"filnamnet '{kalla.fil.name}' används som enhetens id och får bara innehålla "
                "små bokstäver a–z, siffror och bindestreck",
                f"döp om filen till '{forslag}{kalla.fil.suffix}'",
            )
        )
    if not kalla.ok or kalla.data is None:
        return None, problem
    if not isinstance(kalla.data, dict):
        problem.append(
            kalla.fel(
                (),
                f"filen ska bestå av fält som 'namn: ...', men innehåller {beskriv_varde(kalla.data)}",
                "börja filen med 'namn:', 'skolform:' och 'period:' på egna rader",
            )
        )
        return None, problem
    try:
        rapport = Enhetsrapport.model_validate(kalla.data)
    except ValidationError as exc:
        problem.extend(oversatt(exc, kalla, Enhetsrapport))
        return None, problem
    problem.extend(korskontroller(rapport, kalla, projektrot))
    if any(p.ar_fel for p in problem):
        return None, problem
    return rapport, problem


def _slug(text: str) -> str:
    text = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u")):
        text = text.replace(a, b)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "enhet"


# ---------------------------------------------------------------- pydantic errors


def oversatt(exc: ValidationError, kalla: Kalla, rot: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into located Swedish problems, one per place."""
    per_plats: dict[Sokvag, list[dict[str, Any]]] = {}
    saknade: list[tuple[Sokvag, str]] = []
    okanda: list[tuple[Sokvag, str]] = []
    for err in exc.errors(include_url=False):
        sokvag, rest = _datasokvag(kalla.data, err["loc"])
        if err["type"] == "missing":
            saknade.append((sokvag, str(rest[-1]) if rest else "?"))
        elif err["type"] == "extra_forbidden":
            okanda.append((sokvag, str(sokvag[-1])))
        else:
            per_plats.setdefault(sokvag, []).append(err)

    ut: list[Problem] = []
    for sokvag, namn in saknade:
        var = f" under '{_visa_sokvag(sokvag)}'" if sokvag else ""
        ut.append(
            kalla.fel(
                sokvag,
                f"fältet '{namn}' saknas{var}",
                f"lägg till '{namn}: ...'" + _faltbeskrivning(rot, (*sokvag, namn)),
            )
        )
    for sokvag, namn in okanda:
        tillatna = _tillatna_falt(rot, sokvag[:-1])
        forslag = menade_du(namn, tillatna)
        var = f" under '{_visa_sokvag(sokvag[:-1])}'" if len(sokvag) > 1 else ""
        if forslag:
            vad = f"okänt fält '{namn}'{var} – menade du '{forslag}'?"
            hur = f"ändra till '{forslag}'"
        else:
            vad = f"okänt fält '{namn}'{var}"
            hur = "tillåtna fält här: " + ", ".join(tillatna) if tillatna else "ta bort fältet"
        ut.append(kalla.fel(sokvag, vad, hur, nyckel=True))
    for sokvag, fel in per_plats.items():
        ut.append(_typfel(kalla, sokvag, fel))
    return sorted(ut)


def _typfel(kalla: Kalla, sokvag: Sokvag, fel: list[dict[str, Any]]) -> Problem:
    namn = _visa_sokvag(sokvag) or "filen"
    typfel = [f for f in fel if f["type"] == "kvalitet_typ"]
    if typfel:
        varde = typfel[0].get("input")
        return kalla.fel(
            sokvag,
            f"'{namn}' ska vara ett tal eller en text, men är {beskriv_varde(varde)}",
            "skriv ett tal som 96,4 eller en kort text på samma rad som kolonet",
        )
    egna = [f for f in fel if f["type"] == "kvalitet"]
    if egna:
        ctx = egna[0]["ctx"]
        return kalla.fel(sokvag, f"{namn}: {ctx['vad']}", ctx.get("hur", ""))
    literal = [f for f in fel if f["type"] in ("literal_error", "enum")]
    if literal:
        tillatna = re.findall(r"'([^']*)'", literal[0]["ctx"].get("expected", ""))
        varde = literal[0]["input"]
        forslag = menade_du(str(varde), tillatna) if isinstance(varde, str) else None
        vad = f"'{varde}' är inget tillåtet värde för '{namn}'"
        if forslag:
            vad += f" – menade du '{forslag}'?"
        return kalla.fel(sokvag, vad, "tillåtna värden: " + ", ".join(tillatna))
    kort = [f for f in fel if f["type"] in ("too_short", "string_too_short")]
    if kort:
        return kalla.fel(sokvag, f"'{namn}' är tom", "skriv minst en punkt eller ta bort fältet")
    for f in fel:
        if f["type"] in ("greater_than_equal", "less_than_equal"):
            return kalla.fel(sokvag, f"'{namn}': {f['msg']}")
    vantade: list[str] = []
    for f in fel:
        beskrivning = _VANTADE.get(f["type"])
        if beskrivning and beskrivning not in vantade:
            vantade.append(beskrivning)
    varde = fel[0].get("input")
    if varde is None and "en text" in vantade:
        return kalla.fel(
            sokvag, f"'{namn}' är tomt", "skriv en text efter kolonet eller ta bort fältet"
        )
    if vantade:
        return kalla.fel(
            sokvag,
            f"'{namn}' ska vara {' eller '.join(vantade)}, men är {beskriv_varde(varde)}",
            _HUR[vantade[0]],
        )
    return kalla.fel(sokvag, f"'{namn}' har ett ogiltigt värde ({fel[0]['msg']})")


def _datasokvag(data: Any, loc: tuple[Any, ...]) -> tuple[Sokvag, list[Any]]:
    """Follow pydantic's loc through the data; union tags and absent keys are left over."""
    sokvag: list[str | int] = []
    rest: list[Any] = []
    nu = data
    for del_ in loc:
        i_dict = isinstance(nu, dict) and isinstance(del_, str) and del_ in nu
        i_lista = isinstance(nu, list) and isinstance(del_, int) and 0 <= del_ < len(nu)
        if i_dict or i_lista:
            sokvag.append(del_)
            nu = nu[del_]
        else:
            rest.append(del_)
    return tuple(sokvag), rest


def _visa_sokvag(sokvag: Sokvag) -> str:
    delar: list[str] = []
    for del_ in sokvag:
        if isinstance(del_, int):
            delar.append(f"[{del_ + 1}]")
        else:
            delar.append(("." if delar else "") + del_)
    return "".join(delar)


def _modell_vid(rot: type[BaseModel], sokvag: Sokvag) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``sokvag``."""
    typ: Any = rot
    for del_ in sokvag:
        modell = _modellklass(typ)
        if isinstance(del_, int):
            typ = _elementtyp(typ)
            continue
        if modell is None:
            typ = _elementtyp(typ, dict_varde=True)
            continue
        falt = _falt_per_alias(modell).get(del_)
        if falt is None:
            return None
        typ = falt.annotation
    return _modellklass(typ)


def _falt_per_alias(modell: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or namn): f for namn, f in modell.model_fields.items()}


def _tillatna_falt(rot: type[BaseModel], sokvag: Sokvag) -> list[str]:
    modell = _modell_vid(rot, sokvag)
    return list(_falt_per_alias(modell)) if modell else []


def _faltbeskrivning(rot: type[BaseModel], sokvag: Sokvag) -> str:
    modell = _modell_vid(rot, sokvag[:-1])
    if modell is None:
        return ""
    falt = _falt_per_alias(modell).get(str(sokvag[-1]))
    if falt is None or not falt.description:
        return ""
    return f"; {falt.description[0].lower()}{falt.description[1:].rstrip('.')}"


def _delar(typ: Any) -> tuple[Any, ...]:
    ursprung = typing.get_origin(typ)
    if ursprung is typing.Annotated:
        return _delar(typing.get_args(typ)[0])
    if ursprung in (typing.Union, types.UnionType):
        return tuple(d for a in typing.get_args(typ) for d in _delar(a))
    return (typ,)


def _modellklass(typ: Any) -> type[BaseModel] | None:
    for del_ in _delar(typ):
        if isinstance(del_, type) and issubclass(del_, BaseModel):
            return del_
    return None


def _elementtyp(typ: Any, *, dict_varde: bool = False) -> Any:
    for del_ in _delar(typ):
        args = typing.get_args(del_)
        if typing.get_origin(del_) is list and args:
            return args[0]
        if dict_varde and typing.get_origin(del_) is dict and len(args) == 2:
            return args[1]
    return None


# ---------------------------------------------------------------- cross-checks


def _gissa_projektrot(fil: Path) -> Path:
    for mapp in fil.resolve().parents:
        if mapp.name == "rapporter":
            return mapp.parent
    return fil.resolve().parent


def korskontroller(rapport: Enhetsrapport, kalla: Kalla, projektrot: Path) -> list[Problem]:
    """Checks across fields: links, tables, images, completeness (Skollagen 4 kap.)."""
    ut: list[Problem] = []
    ut.extend(_kontrollera_styrtal(rapport, kalla))
    for sokvag, del_ in _alla_avsnitt(rapport):
        for i, tabell in enumerate(del_.tabeller):
            ut.extend(_kontrollera_tabell(tabell, kalla, (*sokvag, "tabeller", i)))
        for i, bild in enumerate(del_.bilder):
            ut.extend(_kontrollera_bild(bild.fil, kalla, (*sokvag, "bilder", i, "fil"), projektrot))
    ut.extend(_kontrollera_fullstandighet(rapport, kalla))
    ut.extend(_kontrollera_html(kalla.data, kalla, ()))
    return ut


_HTML = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*)[^>]*>")
_SKRIPTLANK = re.compile(r"\]\(\s*(javascript|vbscript|data|file):", re.IGNORECASE)


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
                f"'{_visa_sokvag(sokvag)}' innehåller HTML-koden '{traff.group(0)[:40]}', som "
                "inte används i rapporten (den tas bort eller visas som vanlig text)",
                "skriv vanlig text; använd Markdown för **fetstil**, listor och [länkar](https://...)",
            )
        )
    if traff := _SKRIPTLANK.search(data):
        ut.append(
            kalla.varning(
                sokvag,
                f"'{_visa_sokvag(sokvag)}' har en länk av typen '{traff.group(1)}:', som tas bort",
                "länka bara till webbadresser (https://...) eller e-post (mailto:...)",
            )
        )
    return ut


def _alla_avsnitt(rapport: Enhetsrapport) -> Iterator[tuple[Sokvag, Huvudavsnitt | Avsnitt]]:
    def under(sokvag: Sokvag, del_: Huvudavsnitt | Avsnitt) -> Iterator:
        yield sokvag, del_
        for i, barn in enumerate(del_.avsnitt):
            yield from under((*sokvag, "avsnitt", i), barn)

    if rapport.kvalitetsarbete:
        yield from under(("kvalitetsarbete",), rapport.kvalitetsarbete)
    if rapport.resultat:
        for grupp in ("objektiva", "subjektiva", "observerade"):
            del_ = getattr(rapport.resultat, grupp)
            if del_:
                yield from under(("resultat", grupp), del_)
    if rapport.analys:
        yield from under(("analys",), rapport.analys)


def alla_styrtal(rapport: Enhetsrapport) -> Iterator[tuple[Sokvag, Styrtal]]:
    if not rapport.verksamhetsplan:
        return
    for p, persp in enumerate(rapport.verksamhetsplan.perspektiv):
        for m, mal in enumerate(persp.mal):
            for s, styrtal in enumerate(mal.styrtal):
                yield ("verksamhetsplan", "perspektiv", p, "mål", m, "styrtal", s), styrtal


def _kontrollera_styrtal(rapport: Enhetsrapport, kalla: Kalla) -> list[Problem]:
    ut: list[Problem] = []
    sedda: dict[str, Sokvag] = {}
    for sokvag, styrtal in alla_styrtal(rapport):
        if styrtal.id in sedda:
            rad, _ = kalla.plats((*sedda[styrtal.id], "id"))
            ut.append(
                kalla.fel(
                    (*sokvag, "id"),
                    f"styrtalet '{styrtal.id}' finns redan (rad {rad})",
                    "ge varje styrtal ett eget nummer",
                )
            )
        sedda.setdefault(styrtal.id, sokvag)
        if rapport.period not in styrtal.malvarde:
            ut.append(
                kalla.varning(
                    (*sokvag, "målvärde"),
                    f"styrtal {styrtal.id} saknar målvärde för {rapport.period}",
                    f"lägg till '{rapport.period}: ...' under 'målvärde'",
                )
            )
        if styrtal.matt == "procent":
            for falt in ("utfall", "flickor", "pojkar"):
                varde = getattr(styrtal, falt)
                if isinstance(varde, int | float) and not 0 <= varde <= 100:
                    ut.append(
                        kalla.fel(
                            (*sokvag, falt),
                            f"styrtal {styrtal.id}: {falt} {varde} är ingen procentsats",
                            "en andel i procent ligger mellan 0 och 100",
                        )
                    )
        status = styrtalsstatus(styrtal, rapport.period)
        if status in ("ej uppnått", "delvis uppnått") and not (styrtal.kommentar or "").strip():
            ut.append(
                kalla.varning(
                    sokvag,
                    f"styrtal {styrtal.id} är {status} men saknar kommentar",
                    "Skollagen 4 kap. kräver en analys av orsakerna: skriv en 'kommentar'",
                )
            )
        if status == "saknas":
            ut.append(
                kalla.varning(
                    sokvag,
                    f"styrtal {styrtal.id} saknar utfall",
                    "skriv 'utfall: ...', eller 'status: ej aktuellt' med en kommentar om varför",
                )
            )
    kanda = list(sedda)
    lankar: list[tuple[Sokvag, list[str]]] = []
    if rapport.verksamhetsplan:
        for p, persp in enumerate(rapport.verksamhetsplan.perspektiv):
            for m, mal in enumerate(persp.mal):
                for a, akt in enumerate(mal.aktiviteter):
                    sokvag = ("verksamhetsplan", "perspektiv", p, "mål", m, "aktiviteter", a)
                    lankar.append(((*sokvag, "styrtal"), akt.styrtal))
    for u, omr in enumerate(rapport.utvecklingsomraden):
        lankar.append((("utvecklingsområden", u, "styrtal"), omr.styrtal))
    for sokvag, ids in lankar:
        for i, sid in enumerate(ids):
            if sid not in sedda:
                forslag = menade_du(sid, kanda)
                vad = f"styrtalet '{sid}' finns inte i verksamhetsplanen"
                if forslag:
                    vad += f" – menade du '{forslag}'?"
                hur = "kända styrtal: " + ", ".join(kanda) if kanda else "lägg till styrtalet"
                ut.append(kalla.fel((*sokvag, i), vad, hur))
    return ut


def _kontrollera_tabell(tabell: Tabell, kalla: Kalla, sokvag: Sokvag) -> list[Problem]:
    ut: list[Problem] = []
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


def _kontrollera_bild(fil: str, kalla: Kalla, sokvag: Sokvag, projektrot: Path) -> list[Problem]:
    svar = lokal_fil(projektrot, kalla.fil.parent, fil)
    if isinstance(svar, Nekad):
        return [kalla.fel(sokvag, f"{_visa_sokvag(sokvag)}: {svar.vad}", svar.hur)]
    if svar.suffix.lower() not in BILDTYPER:
        return [
            kalla.fel(
                sokvag,
                f"'{fil}' är ingen bildfil som kan visas",
                "använd PNG, JPEG, GIF, SVG eller WebP",
            )
        ]
    return []


_FRAGOR = {
    "varfor": ("varför", "varför utvecklingsområdet är prioriterat"),
    "styrdokument": ("styrdokument", "inom vilka styrdokument utvecklingsbehoven finns"),
    "forvantade_effekter": ("förväntade_effekter", "vilka effekter som förväntas"),
    "forutsattningar": ("förutsättningar", "vilka förutsättningar som finns"),
    "insatser": ("insatser", "vilka insatser som ska genomföras"),
    "uppfoljning": ("uppföljning", "hur insatserna följs upp och utvärderas"),
    "forskning": ("forskning", "kopplingen till forskning och beprövad erfarenhet"),
}


def _kontrollera_fullstandighet(rapport: Enhetsrapport, kalla: Kalla) -> list[Problem]:
    ut: list[Problem] = []
    d = rapport.delaktighet
    if d is None:
        ut.append(
            kalla.varning(
                (),
                "rapporten beskriver inte hur personal, elever och vårdnadshavare har deltagit",
                "Skollagen 4 kap. 4 § kräver delaktighet: lägg till 'delaktighet:' med "
                "'personal:', 'elever:' och 'vårdnadshavare:'",
            )
        )
    else:
        for falt, nyckel in (("personal", "personal"), ("elever", "elever")):
            if not (getattr(d, falt) or "").strip():
                ut.append(
                    kalla.varning(
                        ("delaktighet",),
                        f"delaktighet: det står inte hur {nyckel} har deltagit",
                        f"lägg till '{nyckel}:' under 'delaktighet' (Skollagen 4 kap. 4 §)",
                    )
                )
    for falt, namn in (
        ("kvalitetsarbete", "1 Det systematiska kvalitetsarbetet"),
        ("resultat", "2 Resultat"),
        ("analys", "3 Analys"),
    ):
        if getattr(rapport, falt) is None:
            ut.append(
                kalla.varning(
                    (), f"avsnittet '{namn}' saknas", f"lägg till '{falt}:' och skriv avsnittet"
                )
            )
    if not rapport.utvecklingsomraden:
        ut.append(
            kalla.varning(
                (),
                "inga prioriterade utvecklingsområden",
                "lägg till 'utvecklingsområden:' med minst ett område",
            )
        )
    for u, omr in enumerate(rapport.utvecklingsomraden):
        for attr, (nyckel, fraga) in _FRAGOR.items():
            varde = getattr(omr, attr)
            tomt = varde is None or (isinstance(varde, str) and not varde.strip())
            if tomt:
                ut.append(
                    kalla.varning(
                        ("utvecklingsområden", u),
                        f"utvecklingsområdet '{omr.rubrik}' besvarar inte {fraga}",
                        f"lägg till '{nyckel}:'",
                    )
                )
    return ut
