"""Checks of styrtal: the huvudman's plan, and each unit's results against it."""

from __future__ import annotations

import re
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla import typsnitt
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kalla.lokala_filer import Nekad, lokal_fil, lokal_mapp
from kvalitet.kontroll.korskontroll import bildens_storleksfel, utan_antal
from kvalitet.kontroll.modellfel import menade_du, visa_sokvag
from kvalitet.kontroll.talord import tal_ur_ord
from kvalitet.modell import (
    FARG,
    TYPSNITT,
    EgetStyrtal,
    Enhetsrapport,
    Huvudmannafil,
    StyrtalsDefinition,
    Styrtalsresultat,
)
from kvalitet.modell.status import ar_tal, styrtalsstatus
from kvalitet.modell.verksamhetsplan import planens_styrtal

SYMBOLER = {"..", ".", "-", "–", "~100", "×"}
_FARG = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$"
)
_TYPSNITT = re.compile(r"^[\w åäöÅÄÖ.-]{1,60}$")
_HAR_SIFFRA = re.compile(r"\d")
_LOGOTYPER = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"}


def kontrollera_varde(
    varde: Any, matt: str, kalla: Kalla, sokvag: Sokvag, styrtal_id: str, vad: str
) -> list[Problem]:
    """A målvärde or utfall must fit the styrtal's measure."""
    if varde is None:
        return []
    namn = visa_sokvag(sokvag)
    if ar_tal(varde):
        if matt == "procent" and not 0 <= varde <= 100:
            return [
                kalla.fel(
                    sokvag,
                    f"{namn}: styrtal {styrtal_id} mäts i procent, men {vad} är {varde}",
                    "en andel i procent ligger mellan 0 och 100",
                )
            ]
        return []
    text = str(varde).strip()
    # "Över 80 %" or "ca 85" is how results are often reported: kept as written, with no
    # status computed from it (unless the unit gives one); a text without a number is an error.
    if matt in ("procent", "antal") and text not in SYMBOLER and not _HAR_SIFFRA.search(text):
        return [
            kalla.fel(
                sokvag,
                f"{namn}: styrtal {styrtal_id} mäts i {matt}, men {vad} är texten '{varde}'",
                (
                    f"skriv talet med siffror: '{sokvag[-1]}: {tal}'"
                    if (tal := tal_ur_ord(text)) is not None
                    else "skriv ett tal, t.ex. 85 eller 96,4, eller en text med talet som "
                    "'Över 80 %'"
                )
                + "; '..' betyder att uppgiften inte redovisas",
            )
        ]
    return []


def kontrollera_plan(huvudman: Huvudmannafil, kalla: Kalla, projektrot: Any) -> list[Problem]:
    """The huvudman's file: unique styrtal ids, målvärden that fit, theme that exists."""
    ut: list[Problem] = []
    sedda: dict[str, Sokvag] = {}
    for ps in planens_styrtal(huvudman):
        sid = ps.styrtal.id
        if sid in sedda:
            rad, _ = kalla.plats((*sedda[sid], "id"))
            ut.append(
                kalla.fel(
                    (*ps.sokvag, "id"),
                    f"styrtalet '{sid}' finns redan (rad {rad})",
                    "ge varje styrtal ett eget id",
                )
            )
        sedda.setdefault(sid, ps.sokvag)
        ut.extend(
            kontrollera_varde(
                ps.styrtal.malvarde,
                ps.styrtal.matt,
                kalla,
                (*ps.sokvag, "målvärde"),
                sid,
                "målvärdet",
            )
        )
        for period, varde in ps.styrtal.malvarden.items():
            ut.extend(
                kontrollera_varde(
                    varde,
                    ps.styrtal.matt,
                    kalla,
                    (*ps.sokvag, "målvärden", period),
                    sid,
                    f"målvärdet för {period}",
                )
            )
        if ps.styrtal.malvarde is None:
            ut.append(
                kalla.varning(
                    ps.sokvag,
                    f"styrtal {sid} saknar målvärde för {huvudman.period}",
                    "skriv 'målvärde: ...'; utan målvärde kan status inte räknas fram",
                )
            )
    tema = huvudman.tema
    if tema and tema.logotyp:
        svar = lokal_fil(projektrot, kalla.fil.parent, tema.logotyp)
        sokvag = ("tema", "logotyp")
        if isinstance(svar, Nekad):
            ut.append(kalla.fel(sokvag, f"tema.logotyp: {svar.vad}", svar.hur))
        elif svar.suffix.lower() not in _LOGOTYPER:
            ut.append(
                kalla.fel(sokvag, f"'{tema.logotyp}' är ingen bildfil", "använd SVG eller PNG")
            )
        elif (for_stor := bildens_storleksfel(svar)) is not None:
            ut.append(kalla.fel(sokvag, f"tema.logotyp: {for_stor}", "minska logotypen"))
    if tema and tema.word_mall:
        from kvalitet.kontroll.wordmall import kontrollera_word_mall

        ut.extend(kontrollera_word_mall(projektrot, kalla, tema.word_mall))
    if tema and tema.farger:
        for falt, namn in (("primar", "primär"), ("accent", "accent"), ("ljus", "ljus")):
            farg = getattr(tema.farger, falt)
            if farg is not None and not FARG.match(farg.strip()):
                ut.append(
                    kalla.fel(
                        ("tema", "färger", namn),
                        f"'{farg}' är ingen färg",
                        "skriv en färg som '#1f4e79' inom citattecken",
                    )
                )
    if tema and tema.typsnitt and not TYPSNITT.match(tema.typsnitt):
        ut.append(
            kalla.fel(
                ("tema", "typsnitt"),
                f"'{tema.typsnitt}' är inget typsnittsnamn",
                "skriv bara namnet, t.ex. 'Liberation Sans'",
            )
        )
    elif tema and tema.typsnitt and typsnitt.installerat(tema.typsnitt) is False:
        ut.append(
            kalla.varning(
                ("tema", "typsnitt"),
                f"typsnittet '{tema.typsnitt}' finns inte på den här datorn; rapporterna "
                f"använder {typsnitt.RESERV} i stället, vilket kan ändra sidantalet",
                "installera typsnittet på datorn som bygger, eller ta bort 'typsnitt:'",
            )
        )
    mallmapp = huvudman.installningar.mallmapp
    if mallmapp:
        mapp = lokal_mapp(projektrot, mallmapp)
        if isinstance(mapp, Nekad):
            ut.append(
                kalla.fel(
                    ("inställningar", "mallmapp"), f"inställningar.mallmapp: {mapp.vad}", mapp.hur
                )
            )
    return ut


def _statusvarningar(
    definition: StyrtalsDefinition,
    resultat: Styrtalsresultat,
    marginal: float,
    kalla: Kalla,
    sokvag: Sokvag,
) -> list[Problem]:
    status = styrtalsstatus(definition, resultat, marginal)
    if status in ("ej uppnått", "delvis uppnått") and not (resultat.kommentar or "").strip():
        return [
            kalla.varning(
                sokvag,
                f"styrtal {definition.id} är {status} men saknar kommentar",
                "Skollagen 4 kap. kräver en analys av orsakerna: skriv en 'kommentar'",
            )
        ]
    if status == "ej bedömt" and resultat.utfall not in (None, "") and definition.malvarde:
        return [
            kalla.varning(
                sokvag,
                f"styrtal {definition.id}: status kan inte räknas fram när målvärdet eller "
                "utfallet är en text",
                "skriv 'status: uppnått', 'delvis uppnått' eller 'ej uppnått'",
            )
        ]
    return []


def kontrollera_enhetens_styrtal(
    rapport: Enhetsrapport,
    kalla: Kalla,
    huvudman: Huvudmannafil | None,
    foljer_upp: bool = True,
) -> list[Problem]:
    """A unit's results against the huvudman's styrtal: unknown ids, completeness, causes.
    ``foljer_upp`` false: the unit's rapportmall has no follow-up of the plan, so a styrtal
    without a result is not asked for."""
    ut: list[Problem] = []
    plan = {ps.styrtal.id: ps for ps in planens_styrtal(huvudman)}
    galler = {sid: ps for sid, ps in plan.items() if ps.galler(rapport.skolform)}
    marginal = huvudman.installningar.delvis_marginal if huvudman else 10
    period = rapport.period

    for sid, resultat in rapport.styrtal.items():
        sokvag: Sokvag = ("styrtal", sid)
        if sid not in plan:
            forslag = menade_du(sid, list(galler))
            vad = f"styrtalet '{sid}' finns inte i huvudmannens verksamhetsplan för {period}"
            if forslag:
                vad += f" – menade du '{forslag}'?"
            hur = (
                "styrtal för " + rapport.skolform + ": " + ", ".join(galler)
                if galler
                else "huvudmannafilen har inga styrtal; lägg egna styrtal under 'egna_styrtal'"
            )
            if not forslag:
                hur += "; ett eget styrtal skrivs under 'egna_styrtal'"
            ut.append(kalla.fel(sokvag, vad, hur, nyckel=True))
            continue
        definition = plan[sid].styrtal
        if sid not in galler:
            ut.append(
                kalla.varning(
                    sokvag,
                    f"styrtal {sid} gäller inte {rapport.skolform} och visas inte i rapporten",
                    "ta bort det, eller lägg det under 'egna_styrtal'",
                    nyckel=True,
                )
            )
            continue
        if (
            resultat.antal is None
            and definition.matt != "antal"
            and any(isinstance(v, int | float) for v in (resultat.flickor, resultat.pojkar))
        ):
            ut.append(utan_antal(kalla, sokvag, f"styrtal {sid}"))
        for falt in ("utfall", "flickor", "pojkar"):
            ut.extend(
                kontrollera_varde(
                    getattr(resultat, falt),
                    definition.matt,
                    kalla,
                    (*sokvag, falt),
                    sid,
                    falt,
                )
            )
        for tidigare, varde in resultat.historik.items():
            ut.extend(
                kontrollera_varde(
                    varde,
                    definition.matt,
                    kalla,
                    (*sokvag, "historik", tidigare),
                    sid,
                    f"utfallet {tidigare}",
                )
            )
        for namn, varde in resultat.jamforelser.items():
            ut.extend(
                kontrollera_varde(
                    varde, definition.matt, kalla, (*sokvag, "jämförelser", namn), sid, namn
                )
            )
        ut.extend(_statusvarningar(definition, resultat, marginal, kalla, sokvag))

    for sid, ps in galler.items() if foljer_upp else ():
        skrivet = rapport.styrtal.get(sid)
        if styrtalsstatus(ps.styrtal, skrivet, marginal) == "saknas":
            sokvag = ("styrtal", sid) if skrivet is not None else ("styrtal",)
            ut.append(
                kalla.varning(
                    sokvag if "styrtal" in _nycklar(kalla) else (),
                    f"styrtal {sid} ({ps.styrtal.text}) saknar utfall",
                    f"skriv under 'styrtal:' '{sid}:' med 'utfall: ...', eller "
                    "'ej_aktuellt: <skäl>' om styrtalet inte gäller enheten",
                )
            )

    egna_ids: list[str] = []
    for i, eget in enumerate(rapport.egna_styrtal):
        sokvag = ("egna_styrtal", i)
        if eget.id in plan or eget.id in egna_ids:
            ut.append(
                kalla.fel(
                    (*sokvag, "id"),
                    f"styrtalet '{eget.id}' finns redan"
                    + (" i huvudmannens verksamhetsplan" if eget.id in plan else ""),
                    "ge enhetens egna styrtal egna id:n, t.ex. 'E.1'",
                )
            )
        egna_ids.append(eget.id)
        ut.extend(_kontrollera_eget(eget, kalla, sokvag, marginal))

    kanda = [*galler, *egna_ids]
    lankar: list[tuple[Sokvag, list[str]]] = [
        (("aktiviteter", a, "styrtal"), akt.styrtal) for a, akt in enumerate(rapport.aktiviteter)
    ]
    lankar += [
        (("utvecklingsområden", u, "styrtal"), omr.styrtal)
        for u, omr in enumerate(rapport.utvecklingsomraden)
    ]
    for sokvag, ids in lankar:
        for i, sid in enumerate(ids):
            if sid not in kanda:
                forslag = menade_du(sid, kanda)
                vad = f"styrtalet '{sid}' finns inte i verksamhetsplanen"
                if forslag:
                    vad += f" – menade du '{forslag}'?"
                hur = "kända styrtal: " + ", ".join(kanda) if kanda else "lägg till styrtalet"
                ut.append(kalla.fel((*sokvag, i), vad, hur))

    for i, forra in enumerate(rapport.tidigare_utvecklingsomraden):
        if not (forra.uppfoljning or "").strip():
            ut.append(
                kalla.varning(
                    ("tidigare_utvecklingsområden", i),
                    f"utvecklingsområdet '{forra.rubrik}' från förra perioden är inte uppföljt",
                    "skriv 'uppföljning:': hur gick arbetet och vilka effekter syns?",
                )
            )
    return ut


def _kontrollera_eget(
    eget: EgetStyrtal, kalla: Kalla, sokvag: Sokvag, marginal: float
) -> list[Problem]:
    ut: list[Problem] = []
    for falt, vad in (("malvarde", "målvärdet"), ("utfall", "utfall"), ("flickor", "flickor"),
                      ("pojkar", "pojkar")):  # fmt: skip
        nyckel = "målvärde" if falt == "malvarde" else falt
        ut.extend(
            kontrollera_varde(
                getattr(eget, falt), eget.matt, kalla, (*sokvag, nyckel), eget.id, vad
            )
        )
    if styrtalsstatus(eget, eget, marginal) == "saknas":
        ut.append(
            kalla.varning(
                sokvag,
                f"styrtal {eget.id} ({eget.text}) saknar utfall",
                "skriv 'utfall: ...', eller 'ej_aktuellt: <skäl>'",
            )
        )
    ut.extend(_statusvarningar(eget, eget, marginal, kalla, sokvag))
    return ut


def _nycklar(kalla: Kalla) -> set[str]:
    return set(kalla.data) if isinstance(kalla.data, dict) else set()
