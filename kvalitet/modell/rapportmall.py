"""The rapportmall: the huvudman's description of a report's structure as data.

A rapportmall (``rapporter/mallar/<namn>.rapportmall.yaml``) gives the document's identity
(title, subtitle, running header, cover fields), its parts in order with headings and numbering,
which parts a unit must fill and what an empty part does, guidance for the form, the tables a
part expects and the assessment scales. The tables and scales are in ``modell/rapportmall_tabell.py``.
Jinja decides the look; the rapportmall the structure."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kvalitet.modell.falt import SKOLFORMER, Bas, IfylldText, Markdown, Text
from kvalitet.modell.rapportmall_tabell import Skala, Tabellmall

TOM_TEXT = "Avsnittet är inte ifyllt."
"""What the standard layout prints under the heading of a part that is not filled in."""
OMSLAGSFALT = (
    "huvudman",
    "förvaltning",
    "logotyp",
    "enhet",
    "titel",
    "undertitel",
    "period",
    "skolform",
    "område",
    "ansvarig",
    "datum",
    "status",
)
"""The cover fields a rapportmall can show, by the key it names them with."""
DELSORTER = (
    "avsnitt",
    "text",
    "delaktighet",
    "uppföljning",
    "utvecklingsområden",
    "verksamhetsplan",
)
"""What a part holds: ``avsnitt`` a section with text, tables, blocks and subsections; ``text``
one Markdown text (e.g. Om enheten); ``delaktighet`` who took part; ``uppföljning`` last period's
development areas; ``utvecklingsområden`` the areas and their questions; ``verksamhetsplan`` the
follow-up of the huvudman's styrtal."""


class Omslagsfalt(Bas):
    """One field on the cover: which, under what label, and when it is shown."""

    falt: Literal[OMSLAGSFALT] = Field(  # type: ignore[valid-type]
        alias="fält",
        title="Fält",
        description="Vilket fält: " + ", ".join(OMSLAGSFALT) + ".",
    )
    etikett: Text | None = Field(
        None,
        title="Etikett",
        description="Etiketten före värdet, t.ex. 'Skolform'; utelämnad visas värdet utan etikett.",
    )
    visas: Literal["alltid", "om_ifyllt", "aldrig"] = Field(
        "om_ifyllt",
        title="Visas",
        description="'alltid', 'om_ifyllt' (standard: bara när enheten har skrivit något) eller "
        "'aldrig'.",
    )
    saknas_i_utkast: Text | None = Field(
        None,
        title="Text när fältet saknas i ett utkast",
        description="Det som står när fältet är tomt och rapporten är ett utkast, t.ex. 'saknas'.",
    )


class Dokument(Bas):
    """The document's identity: what the cover, the running header and the HTML title say."""

    titel: IfylldText = Field(
        "Kvalitetsrapport",
        title="Titel",
        description="Rapportens titel på omslaget, t.ex. 'Kvalitetsrapport'.",
    )
    titel_per_skolform: dict[Literal[SKOLFORMER], IfylldText] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        title="Titel per skolform",
        description="En annan titel för en skolform, t.ex. förskola: 'Kvalitetsrapport för "
        "förskolan'.",
    )
    undertitel: Text | None = Field(
        None, title="Undertitel", description="En undertitel under titeln; utelämnad finns ingen."
    )
    sidhuvud: Text | None = Field(
        "{enhet}, Kvalitetsrapport",
        title="Sidhuvud",
        description="Sidhuvudet i PDF:en före sidnumret; {enhet}, {titel}, {period} och "
        "{huvudman} fylls i. Tomt ('') ger inget sidhuvud.",
    )
    dokumenttitel: IfylldText = Field(
        "Kvalitetsrapport {period} – {enhet}",
        title="Dokumentets titel",
        description="Titeln i webbläsarens flik och i PDF:ens egenskaper; {enhet}, {titel}, "
        "{period} och {huvudman} fylls i.",
    )
    huvudman_kravs: bool = Field(
        True,
        alias="huvudman_krävs",
        title="Huvudmannen krävs",
        description="true (standard): en enhet utan huvudmannafil måste skriva 'huvudman:'.",
    )
    utkastmarkering: Text | None = Field(
        "UTKAST – inte godkänd",
        title="Utkastmarkering",
        description="Texten i sidhuvudet på ett utkast; tomt ('') ger ingen markering.",
    )
    omslag: list[Omslagsfalt] | None = Field(
        None,
        title="Omslagets fält",
        json_schema_extra={"postetikett": "fält"},
        description="Omslagets fält i ordning; utelämnat gäller standardomslaget.",
    )


class Numrering(Bas):
    """Which heading levels carry computed numbers (``2.1``)."""

    nivaer: list[bool] = Field(
        default_factory=lambda: [True],
        alias="nivåer",
        min_length=1,
        max_length=12,
        title="Numrerade nivåer",
        description="true eller false per rubriknivå, nivå 1 först; nivåerna efter listan gör "
        "som den sista. [true] numrerar alla nivåer, [false] ingen.",
    )
    skiljetecken: Literal[".", ":"] = Field(
        ".", title="Skiljetecken", description="Mellan nivåernas nummer: '.' (2.1) eller ':' (2:1)."
    )
    innehallsforteckning_djup: int = Field(
        3,
        alias="innehållsförteckning_djup",
        ge=0,
        le=12,
        title="Innehållsförteckningens djup",
        description="Hur många nivåer av numrerade rubriker innehållsförteckningen har; 0 ger "
        "ingen innehållsförteckning.",
    )

    djupa_rubriker: Literal["behåll", "h6"] = Field(
        "behåll",
        title="Rubriker djupare än h6",
        description="'behåll' (standard): en rubrik under h6 behåller sin nivå "
        '(role="heading" aria-level="7"); \'h6\': den skrivs som h6, som kvalitet gjorde före '
        "rapportmallen.",
    )

    def numrerad(self, niva: int) -> bool:
        """Whether headings of ``niva`` (1-based) are numbered."""
        return self.nivaer[min(niva, len(self.nivaer)) - 1]


class Fraga(Bas):
    """A question the part asks the author, with the field its answer goes in."""

    falt: Text = Field(
        alias="fält", title="Fält", description="Fältet svaret skrivs i, t.ex. 'varför'."
    )
    fraga: IfylldText = Field(
        alias="fråga", title="Fråga", description="Frågan som rubrik och i formuläret."
    )
    vagledning: Markdown | None = Field(
        None, alias="vägledning", title="Vägledning", description="Hjälptext i formuläret."
    )


class Del(Bas):
    """One part of the report: a heading with what it holds, in the template's order."""

    id: IfylldText = Field(
        title="Id",
        description="Delens id: små bokstäver, siffror och bindestreck, unikt i mallen. "
        "Sammanställningen jämför delar med samma id.",
    )
    rubrik: IfylldText = Field(title="Rubrik", description="Rubriken som skrivs ut.")
    sort: Literal[DELSORTER] = Field(  # type: ignore[valid-type]
        "avsnitt",
        title="Sort",
        description="Vad delen rymmer: " + ", ".join(DELSORTER) + " (standard 'avsnitt').",
    )
    falt: Text | None = Field(
        None,
        alias="fält",
        title="Fält i enhetsfilen",
        description="Var enheten skriver delen, t.ex. 'kvalitetsarbete' eller "
        "'resultat.objektiva'; utelämnat 'delar.<id>'.",
    )
    numrerad: bool | None = Field(
        None,
        title="Numrerad",
        description="true eller false för just den här rubriken; utelämnat gäller mallens "
        "'numrering' för nivån.",
    )
    kravs: bool = Field(
        False,
        alias="krävs",
        title="Krävs",
        description="true: enheten måste fylla i delen (ett fel när rapporten är klar eller "
        "godkänd, en varning i ett utkast).",
    )
    om_tom: Literal["skriv_ut", "utelämna", "varna"] = Field(
        "skriv_ut",
        title="Om delen är tom",
        description="'skriv_ut' (standard): rubriken och 'tom_text' skrivs ut; 'utelämna': delen "
        "och dess nummer hoppas över; 'varna': som skriv_ut, och kontrollera varnar.",
    )
    tom_text: Text = Field(
        TOM_TEXT,
        title="Text för en tom del",
        description=f"Det som står under rubriken när delen är tom (standard '{TOM_TEXT}').",
    )
    fast_text: Markdown | None = Field(
        None,
        title="Fast text",
        description="En text som mallen själv skriver under rubriken, före enhetens text.",
    )
    fast_text_per_skolform: dict[Literal[SKOLFORMER], Markdown] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        title="Fast text per skolform",
        description="Den fasta texten för en viss skolform; går före 'fast_text'.",
    )
    vagledning: Markdown | None = Field(
        None,
        alias="vägledning",
        title="Vägledning",
        description="Hjälptext till den som skriver: i formuläret och i 'kvalitet ny enhet'.",
    )
    fragor: list[Fraga] = Field(
        default_factory=list,
        alias="frågor",
        title="Frågor",
        json_schema_extra={"postetikett": "fråga"},
        description="Frågorna delen besvarar, i ordning (t.ex. utvecklingsområdenas sju).",
    )
    egna_avsnitt: bool = Field(
        True,
        title="Egna underavsnitt",
        description="true (standard): enheten får lägga till egna underavsnitt under delen.",
    )
    tabeller: list[Tabellmall] = Field(
        default_factory=list,
        title="Tabeller",
        json_schema_extra={"postetikett": "tabell"},
        description="Tabellerna delen väntar sig, med kolumner och måttenheter.",
    )
    delar: list[Del] = Field(
        default_factory=list,
        title="Underdelar",
        json_schema_extra={"postetikett": "del"},
        description="Delens underdelar i ordning (nivån under).",
    )

    def fast_text_for(self, skolform: str) -> str | None:
        return self.fast_text_per_skolform.get(skolform) or self.fast_text


class Rapportmall(Bas):
    """A whole rapportmall; its name is the file name before ``.rapportmall.yaml``."""

    namn: IfylldText = Field(title="Namn", description="Mallens namn som människor läser.")
    beskrivning: Markdown | None = Field(
        None, title="Beskrivning", description="Vad mallen är till för och vem som äger den."
    )
    dokument: Dokument = Field(
        default_factory=Dokument,
        title="Dokumentet",
        description="Titel, undertitel, sidhuvud och omslagets fält.",
    )
    numrering: Numrering = Field(
        default_factory=Numrering,
        title="Numrering",
        description="Vilka rubriknivåer som numreras, och innehållsförteckningens djup.",
    )
    skalor: dict[Text, Skala] = Field(
        default_factory=dict,
        title="Bedömningsskalor",
        json_schema_extra={"postetikett": "skala", "nyckeletikett": "Skalans id"},
        description="Skalor som tabeller av sorten 'bedömningsskala' använder, per id.",
    )
    delar: list[Del] = Field(
        min_length=1,
        title="Delar",
        json_schema_extra={"postetikett": "del"},
        description="Rapportens delar i ordning, med rubriker, underdelar och tabeller.",
    )

    def titel_for(self, skolform: str) -> str:
        return self.dokument.titel_per_skolform.get(skolform) or self.dokument.titel

    def alla_delar(self) -> list[tuple[tuple[int, ...], Del]]:
        """Every part in reading order with its path of indices (``(1, 0)`` is the first
        sub-part of the second part)."""
        ut: list[tuple[tuple[int, ...], Del]] = []

        def ga(delar: list[Del], fore: tuple[int, ...]) -> None:
            for i, del_ in enumerate(delar):
                ut.append(((*fore, i), del_))
                ga(del_.delar, (*fore, i))

        ga(self.delar, ())
        return ut


Del.model_rebuild()


class Rapportmallval(Bas):
    """The huvudman's choice of rapportmall: one for all units, per skolform and per unit."""

    standard: Text = Field(
        "standard",
        title="Standard",
        description="Mallen för enheter som inget annat säger; 'standard' (inbyggd) om inget anges.",
    )
    skolformer: dict[Literal[SKOLFORMER], Text] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        title="Per skolform",
        description="Mallen per skolform, t.ex. förskola: förskola-avdelning.",
    )
    enheter: dict[Text, Text] = Field(
        default_factory=dict,
        title="Per enhet",
        description="Mallen per enhet (enhetens id, filnamnet utan .yaml); går före skolformen.",
    )
