"""JSON Schema of the unit and huvudman files, generated from the models, for editors.

The schema is what VS Code's YAML extension uses to complete keys, show descriptions and flag
errors while the user types; it is generated from the same pydantic models the validator uses,
so the two agree (unknown keys are rejected by both)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from kvalitet.modell import Enhetsrapport, Huvudmannafil, Huvudmannarapport
from kvalitet.modell import rapportmall_exempel as _rapportmall
from kvalitet.modell.behorigheter import Behorighetsfil
from kvalitet.modell.rapportmall import Rapportmall

SCHEMAMAPP = "schema"
FILNAMN = {
    "enhet": "enhet.schema.json",
    "huvudman": "huvudman.schema.json",
    "huvudmannens-rapport": "huvudmannens-rapport.schema.json",
    "behorigheter": "behorigheter.schema.json",
    "rapportmall": "rapportmall.schema.json",
}
TITLAR = {
    "enhet": "Kvalitetsrapport för en enhet (kvalitet)",
    "huvudman": "Huvudmannafil (kvalitet)",
    "huvudmannens-rapport": "Huvudmannens rapport (kvalitet)",
    "behorigheter": "Behörigheter (kvalitet)",
    "rapportmall": "Rapportmall (kvalitet)",
}

MODELLBESKRIVNING = {
    "Enhetsrapport": "En enhets kvalitetsrapport för en period. Filens namn är enhetens id.",
    "Huvudmannafil": "Huvudmannens fil för en period: verksamhetsplan, tema och inställningar.",
    "Huvudmannarapport": "Huvudmannens egen rapport för en period: uppföljning av "
    "verksamhetsplanen, aktiviteter, uppdrag, insatser, analys och ärendet till nämnden.",
    "Huvudmansresultat": "Huvudmannens resultat för ett styrtal: skrivet eller uträknat ur "
    "enheterna, med kommentar.",
    "Uppfoljning": "Uppföljningen av verksamhetsplanen: perioder och resultat per styrtal.",
    "Uppdrag": "Ett uppdrag från nämnden: analys, vad vi vill uppnå, åtgärder, uppföljning, "
    "nästa steg.",
    "Insats": "En extern insats: område, period, ansvar, medel, uppföljning.",
    "Behorighetsfil": "Vem som får göra vad: personer och inloggningens grupper med roller.",
    "Person": "En person, som känns igen på inloggningens 'sub' eller e-post.",
    "Grupp": "En grupp i inloggningens claim 'groups'; alla i den får gruppens roller.",
    "Namnd": "Ärendet till nämnden: diarienummer, beredande tjänsteperson, förslag till beslut.",
    "Aktivitet": "En aktivitet kopplad till styrtal.",
    "Ansvarig": "Den som ansvarar för rapporten.",
    "AntalPerGrupp": "Hur många elever ett värde bygger på; visas aldrig, används för "
    "röjandekontrollen.",
    "Avsnitt": "Ett avsnitt med text, tabeller, bilder, block och underavsnitt; i 'innehåll' en "
    "rubrik med egna block (onumrerad om den inte har 'numrerad: true').",
    "Bild": "En bild med alternativtext.",
    "Delaktighet": "Hur personal, elever och vårdnadshavare har deltagit (Skollagen 4 kap. 4 §).",
    "EgetStyrtal": "Ett styrtal som enheten själv lägger till, med definition och resultat.",
    "Huvudavsnitt": "Ett huvudavsnitt (1, 2.1–2.3, 3) med text, underavsnitt och slutsatser.",
    "Rad": "En rad i en tabell.",
    "Resultat": "2 Resultat: objektiva, subjektiva och observerade resultat.",
    "Sikt": "Svar på kort och lång sikt.",
    "Styrtalsresultat": "Enhetens resultat för ett av huvudmannens styrtal.",
    "Tabell": "En resultattabell: flickor/pojkar/totalt eller egna kolumner.",
    "TidigareUtvecklingsomrade": "Uppföljning av ett utvecklingsområde från förra perioden.",
    "Utvecklingsomrade": "Ett prioriterat utvecklingsområde som besvarar de sju frågorna.",
    "Textblock": "Ett block i 'innehåll': brödtext i Markdown.",
    "Tabellblock": "Ett block i 'innehåll': en tabell där den står i texten.",
    "Bildblock": "Ett block i 'innehåll': en bild där den står i texten.",
    "Diagram": "Ett stapeldiagram med egna data (rader som i en tabell).",
    "Diagramblock": "Ett block i 'innehåll': ett stapeldiagram där det står i texten.",
    "Slutsats": "En Slutsats-ruta med valfri rubrik och inledning och punkter i Markdown.",
    "Slutsatsblock": "Ett block i 'innehåll': en Slutsats-ruta där den står.",
    "Styrkeblock": "Ett block i 'innehåll': Vilka styrkor finns?",
    "Svaghetsblock": "Ett block i 'innehåll': Vilka svagheter finns?",
    "TillAnalysblock": "Ett block i 'innehåll': Vad från avsnittet tar ni med er till "
    "avslutande analys? (text eller punkter)",
    "Utvecklingsfragor": "Huvudmannens egna formuleringar av utvecklingsområdenas sju frågor.",
    "Farger": "Färger i huvudmannens grafiska profil.",
    "HuvudmansStyrtal": "Ett styrtal i huvudmannens verksamhetsplan.",
    "Installningar": "Huvudmannens inställningar.",
    "Inlamning": "Sista dag att lämna in enheternas rapporter, och påminnelserna.",
    "Mal": "Ett mål i verksamhetsplanen med sina styrtal.",
    "Perspektiv": "Ett perspektiv i verksamhetsplanen.",
    "Tema": "Huvudmannens grafiska profil.",
    "Verksamhetsplan": "Verksamhetsplanens perspektiv, mål och styrtal.",
}
MODELLBESKRIVNING.update(_rapportmall.MODELLBESKRIVNING)

EXEMPEL: dict[str, list[Any]] = {
    "Enhetsrapport.namn": ["Björkbackaskolan"],
    "Huvudmannafil.namn": ["Älvmora kommun"],
    "Ansvarig.namn": ["Helena Sandberg"],
    "Perspektiv.namn": ["Medborgare"],
    "Aktivitet.styrtal": [["1.1.1", "2.1.2"]],
    "Utvecklingsomrade.styrtal": [["1.1.2"]],
    "Slutsats.rubrik": ["Sammanfattande slutsats"],
    "Slutsats.inledning": ["Det systematiska kvalitetsarbetet behöver:"],
    "Slutsats.punkter": [["Upplevas som **meningsfullt** av verksamheterna."]],
    "Diagram.rubrik": ["Ärenden per nivå, andel av skolformens ärenden"],
    "TillAnalysblock.till_analys": [
        "Vi tar med oss frågan om hur schemaläggningen påverkar deltagandet.",
        ["Varför når färre pojkar behörighet?"],
    ],
    "Huvudmannarapport.titel": [
        "Huvudmannens kvalitetsrapport 2025/26",
        "Uppföljning av verksamhetsplan och budget 2020",
    ],
    "Huvudmannarapport.sammanställning": ["bilaga", "avsnitt", "nej"],
    "Huvudmansresultat.resultat": [84, "Över 80 %", "7,5"],
    "Huvudmansresultat.beräkna": ["median", "medel", "andel_uppnått"],
    "Insats.namn": ["Samverkan för bästa skola"],
    "Insats.områden": [["Ledning och styrning av det systematiska kvalitetsarbetet"]],
    "Insats.ansvar": ["Skolchef Lars Holm tillsammans med Skolverket"],
    "Insats.medel": [150000],
    "Namnd.namn": ["Barn- och utbildningsnämnden"],
    "Namnd.diarienummer": ["BUN 2026/0412"],
    "Namnd.beredande_tjänsteperson": ["Karin Ek, kvalitetsstrateg"],
    "Namnd.sammanträde": ["2026-10-07"],
    "Namnd.ärende": ["Huvudmannens kvalitetsrapport 2025/26"],
    "Namnd.bakgrund": [
        "Enligt skollagen 4 kap. 3 och 5 §§ ska huvudmannen följa upp utbildningen."
    ],
    "Namnd.beslutsunderlag": [["Huvudmannens kvalitetsrapport 2025/26, 2026-09-21"]],
    "Namnd.förslag_till_beslut": [["Nämnden godkänner huvudmannens kvalitetsrapport 2025/26."]],
    "Uppdrag.beslut": ["Barn- och utbildningsnämnden 2025-02-12 § 14"],
    "Uppdrag.analys": ["Hög frånvaro ger sämre betygsresultat."],
    "Uppdrag.vad_vi_vill_uppnå": ["Den ogiltiga frånvaron ska halveras till 2027."],
    "Uppdrag.åtgärder": ["Närvaroteam i varje skolområde."],
    "Uppdrag.nästa_steg": ["Närvaroteam även i det tredje skolområdet."],
    "Uppfoljning.perioder": [["2024/25", "2025/26"]],
    "HuvudmansStyrtal.målvärden": [{"2024/25": 85, "2026/27": 90}],
    "Utvecklingsfragor.varför": [
        "Varför är utvecklingsområdet prioriterat? Motivera utifrån resultat och analys."
    ],
    "Utvecklingsfragor.styrdokument": [
        "Inom vilket/vilka styrande dokument finns utvecklingsbehoven?"
    ],
    "Utvecklingsfragor.förväntade_effekter": [
        "Vilka konkreta effekter förväntas? På kort och lång sikt?"
    ],
    "Utvecklingsfragor.förutsättningar": [
        "Vilka förutsättningar finns för att genomföra insatserna? Vem? Vad? Hur?"
    ],
    "Utvecklingsfragor.insatser": ["Vilka insatser ska genomföras? På kort och lång sikt?"],
    "Utvecklingsfragor.uppföljning": [
        "Hur ska uppföljning och utvärdering av insatserna ske? Vem? Vad? Hur?"
    ],
    "Utvecklingsfragor.forskning": [
        "Hur kan utvecklingsarbetet kopplas till relevant forskning och beprövad erfarenhet?"
    ],
    "skolform": ["grundskola"],
    "skolformer": [["grundskola", "gymnasieskola"]],
    "beskrivning": ["F–9-skola med 412 elever och 58 medarbetare."],
    "huvudman": ["Älvmora kommun"],
    "förvaltning": ["Barn- och utbildningsförvaltningen"],
    "område": ["Område Norr"],
    "roll": ["rektor"],
    "period": ["2025/26", 2026],
    "status": ["klar"],
    "datum": ["2026-06-26"],
    "sammanfattning": ["Läsåret har präglats av arbetet med **studiero**."],
    "personal": ["Arbetslagen analyserade resultaten på tre studiedagar."],
    "elever": ["Elevrådet har diskuterat trygghetsenkätens resultat."],
    "vårdnadshavare": ["Resultaten presenterades på skolrådet."],
    "övriga": ["Elevhälsoteamet har bidragit med analys av frånvaron."],
    "rubrik": ["Kunskapsresultat i årskurs 9"],
    "text": ["Andelen behöriga har ökat jämfört med föregående läsår."],
    "styrkor": [["Tydligt årshjul som all personal känner till."]],
    "svagheter": [["Analyserna beskriver sällan orsaker."]],
    "slutsatser": [["Behörigheten ökar för tredje året i rad."]],
    "till_analys": [["Varför når färre pojkar behörighet?"]],
    "radrubrik": ["Läsår"],
    "kolumner": [["2023/24", "2024/25", "2025/26"]],
    "mått": ["procent"],
    "rad": ["Behöriga till yrkesprogram"],
    "värden": [["81,3", "83,0", "86,2"]],
    "flickor": [90.5],
    "pojkar": [80.8],
    "totalt": [86.2],
    "antal": [{"flickor": 21, "pojkar": 26, "totalt": 47}],
    "källa": ["Skolans betygsstatistik juni 2026"],
    "fotnot": ["Flickor och pojkar redovisas bara där grupperna är minst tio."],
    "diagram": ["stapel"],
    "fil": ["../bilder/organisation.svg"],
    "alt": ["Organisationsbild i tre nivåer: strategisk, taktisk och operativ."],
    "bildtext": ["Organisation för samverkan."],
    "varför": ["Endast 65,6 % av eleverna upplever studiero."],
    "styrdokument": ["Skollagen 5 kap. 3 §."],
    "kort_sikt": ["Lugnare lektionsstarter."],
    "lång_sikt": ["Minst 75 % av eleverna upplever studiero."],
    "förutsättningar": ["Biträdande rektor leder arbetet."],
    "uppföljning": ["Elevenkätens fråga om studiero följs upp varje termin."],
    "forskning": ["Forskning om ledarskap i klassrummet."],
    "id": ["1.1.2"],
    "riktning": ["högre"],
    "målvärde": [88, "6 på en 10-gradig skala"],
    "utfall": [86.2, "7,1 av 10"],
    "ej_aktuellt": ["Skolan har inga elever i årskurs 9."],
    "kommentar": ["Behörigheten ökar men når inte målvärdet."],
    "historik": [{"2023/24": 81.3, "2024/25": 83.0}],
    "logotyp": ["../bilder/logotyp.svg"],
    "word_mall": ["../mallar/alvmora.docx"],
    "primär": ["#1f4e79"],
    "accent": ["#2e75b6"],
    "ljus": ["#eaf1f8"],
    "typsnitt": ["Liberation Sans"],
    "delvis_marginal": [10],
    "sista_dag": ["2026-06-15"],
    "påminnelser": [[7, 1]],
    "mall": ["rapport"],
    "mallmapp": ["mallar"],
    "röjandegräns": [10],
    "röjande": ["svarande"],
    "pdf": ["arkiv"],
    "målnumrering": ["1.1"],
    "huvudavsnitt_på_ny_sida": [True],
    "skolenhetskod": ["29384756"],
    "kolada_ou": ["V15E999900101"],
    "jämförelser": [{"riket": 85.1, "kommunen": 83.0}],
    "numrerad": [False],
    "typ": ["stapel"],
    "utvecklingsområden_visning": ["tabell"],
    "innehållsförteckning": ["alla"],
    "kontakt": ["Karin Ek, kvalitetsstrateg, karin.ek@alvmora.se"],
    "Person.namn": ["Helena Sandberg"],
    "Grupp.namn": ["Utvecklingsledare, barn- och utbildningsförvaltningen"],
    "epost": ["helena.sandberg@alvmora.se"],
    "sub": ["7c1e2f40-1b2a-4c3d-9e8f-0a1b2c3d4e5f"],
    "roller": ["rektor", ["granskare", "huvudmannens redaktör"]],
    "Person.enheter": [["bjorkbackaskolan"]],
    "Grupp.enheter": [["bjorkbackaskolan"]],
    "grupp": ["bou-utvecklingsledare"],
}
EXEMPEL.update(_rapportmall.EXEMPEL)


def _titlar(modell: str | None) -> dict[str, str]:
    """The Swedish titles (``Field(title=...)``) of a model's fields, by YAML key; pydantic
    leaves a required reference's title out of the schema, so they are taken from the model."""
    import kvalitet.modell as paket
    from kvalitet.modell import avsnitt, behorigheter, rapportmall, rapportmall_tabell

    klass = next(
        (
            k
            for m in (paket, avsnitt, behorigheter, rapportmall, rapportmall_tabell)
            if (k := getattr(m, modell or "", None))
        ),
        None,
    )
    falt = getattr(klass, "model_fields", {})
    return {(f.alias or namn): f.title for namn, f in falt.items() if f.title}


def _forfina(nod: Any, modell: str | None = None) -> None:
    """Swedish titles (the model's ``title=``, else the YAML key), Swedish descriptions and
    examples, recursively."""
    if isinstance(nod, dict):
        egenskaper = nod.get("properties")
        if isinstance(egenskaper, dict):
            titlar = _titlar(modell)
            for nyckel, del_ in egenskaper.items():
                del_["title"] = titlar.get(nyckel, nyckel)
                exempel = EXEMPEL.get(f"{modell}.{nyckel}") or EXEMPEL.get(nyckel)
                if exempel is not None:
                    del_["examples"] = exempel
        for varde in nod.values():
            _forfina(varde, modell)
    elif isinstance(nod, list):
        for varde in nod:
            _forfina(varde, modell)


def _modell(typ: str) -> type[Any]:
    return {
        "enhet": Enhetsrapport,
        "huvudman": Huvudmannafil,
        "huvudmannens-rapport": Huvudmannarapport,
        "behorigheter": Behorighetsfil,
        "rapportmall": Rapportmall,
    }[typ]


def schema(huvudman: bool = False, typ: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a unit file, of the huvudman file (``huvudman``) or of
    another kind of file by ``typ`` (a key of ``FILNAMN``)."""
    typ = typ or ("huvudman" if huvudman else "enhet")
    modell = _modell(typ)
    data = modell.model_json_schema(by_alias=True, mode="validation")
    for namn, definition in data.get("$defs", {}).items():
        definition["description"] = MODELLBESKRIVNING.get(namn, "")
        definition["title"] = namn
        _forfina(definition, namn)
    data["description"] = MODELLBESKRIVNING[modell.__name__]
    _forfina({k: v for k, v in data.items() if k != "$defs"}, modell.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://kvalitet.invalid/schema/{FILNAMN[typ]}",
        **{k: v for k, v in data.items() if k != "title"},
        "title": TITLAR[typ],
    }


def schema_text(huvudman: bool = False, typ: str | None = None) -> str:
    return json.dumps(schema(huvudman, typ), ensure_ascii=False, indent=2) + "\n"


def skriv_scheman(projektrot: Path) -> list[Path]:
    """Write ``schema/enhet.schema.json``, ``huvudman.schema.json``,
    ``huvudmannens-rapport.schema.json`` and ``behorigheter.schema.json`` in the project,
    where the ``# yaml-language-server: $schema=`` lines of the YAML files point."""
    from kvalitet.grund.skrivning import skriv_atomiskt

    mapp = projektrot / SCHEMAMAPP
    skrivna = []
    for typ, namn in FILNAMN.items():
        fil = mapp / namn
        text = schema_text(typ=typ)
        if not fil.exists() or fil.read_text(encoding="utf-8") != text:
            skriv_atomiskt(fil, text.encode("utf-8"))
            skrivna.append(fil)
    return skrivna


@functools.cache
def enhetsschema() -> dict[str, Any]:
    """The unit file's schema, made once (the round-trip writer orders new keys by it)."""
    return schema()
