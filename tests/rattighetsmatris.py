"""The rights matrix as data: every role × own/other unit × action → allowed or refused.

Shared by tests/modell/test_rattighetsmatris.py (the pure ``Behorighet``) and the server's HTTP
test (the same table against the running server): import ``BEHORIGHETER``, ``ANSPRAK`` and
``MATRIS`` (tests/ is on sys.path through tests/conftest.py)."""

from __future__ import annotations

EGEN = "bjorkbackaskolan"
ANNAN = "resurscentrum"
ENHETER = {"egen": EGEN, "annan": ANNAN}

BEHORIGHETER = f"""\
kontakt: Karin Ek, kvalitetsstrateg, karin.ek@alvmora.se
personer:
  - namn: Helena Sandberg
    epost: rektor@alvmora.se
    roller: rektor
    enheter: [{EGEN}]
  - namn: Gustav Granskare
    epost: granskare@alvmora.se
    roller: granskare
  - namn: Rut Redaktör
    epost: redaktor@alvmora.se
    roller: huvudmannens redaktör
  - namn: Lisa Läsare
    epost: lasare@alvmora.se
    roller: läsare
    enheter: [{EGEN}]
  - namn: Lars Holm
    epost: admin@alvmora.se
    sub: admin-sub
    roller: administratör
  - namn: Greta Rektorsgranskare
    epost: rektor-granskare@alvmora.se
    roller: [rektor, granskare]
    enheter: [{EGEN}]
grupper:
  - grupp: bou-granskare
    roller: granskare
"""
"""The rights file every row below is read against (units of the example project)."""

ANSPRAK: dict[str, dict[str, object]] = {
    "rektor": {"sub": "s1", "email": "rektor@alvmora.se", "name": "Helena Sandberg"},
    "granskare": {"sub": "s2", "email": "granskare@alvmora.se", "name": "Gustav Granskare"},
    "huvudmannens redaktör": {"sub": "s3", "email": "redaktor@alvmora.se", "name": "Rut"},
    "läsare": {"sub": "s4", "email": "lasare@alvmora.se", "name": "Lisa Läsare"},
    "administratör": {"sub": "admin-sub", "email": "admin@alvmora.se", "name": "Lars Holm"},
    "rektor och granskare": {"sub": "s6", "email": "Rektor-Granskare@alvmora.se", "name": "Greta"},
    "granskare genom grupp": {"sub": "s7", "email": "ny@alvmora.se", "groups": ["bou-granskare"]},
    "ingen roll": {"sub": "s8", "email": "okand@alvmora.se", "name": "Olle Okänd"},
}
"""The claims of one logged-in person per role (as the verified ID token gives them)."""

HANDLINGAR = (
    "läsa",
    "skriva",
    "kommentera",
    "lämna in",
    "godkänna",
    "öppna igen",
    "huvudmannens filer",
    "administrera",
)

_TABELL = """
roll                   enhet  läsa skriva kommentera lämna_in godkänna öppna_igen huvudmannens admin
rektor                 egen   ja   ja     ja         ja       nej      nej        nej          nej
rektor                 annan  nej  nej    nej        nej      nej      nej        nej          nej
granskare              egen   ja   nej    ja         nej      ja       ja         nej          nej
granskare              annan  ja   nej    ja         nej      ja       ja         nej          nej
huvudmannens_redaktör  egen   ja   nej    nej        nej      nej      nej        ja           nej
huvudmannens_redaktör  annan  ja   nej    nej        nej      nej      nej        ja           nej
läsare                 egen   ja   nej    nej        nej      nej      nej        nej          nej
läsare                 annan  nej  nej    nej        nej      nej      nej        nej          nej
administratör          egen   ja   ja     ja         ja       ja       ja         ja           ja
administratör          annan  ja   ja     ja         ja       ja       ja         ja           ja
rektor_och_granskare   egen   ja   ja     ja         ja       nej      ja         nej          nej
rektor_och_granskare   annan  ja   nej    ja         nej      ja       ja         nej          nej
granskare_genom_grupp  egen   ja   nej    ja         nej      ja       ja         nej          nej
granskare_genom_grupp  annan  ja   nej    ja         nej      ja       ja         nej          nej
ingen_roll             egen   nej  nej    nej        nej      nej      nej        nej          nej
ingen_roll             annan  nej  nej    nej        nej      nej      nej        nej          nej
"""


def _matris() -> list[tuple[str, str, str, bool]]:
    rader = [r.split() for r in _TABELL.strip().splitlines()]
    ut = []
    for rad in rader[1:]:
        roll, enhet, *svar = rad
        assert len(svar) == len(HANDLINGAR), rad
        for handling, varde in zip(HANDLINGAR, svar, strict=True):
            ut.append((roll.replace("_", " "), enhet, handling, varde == "ja"))
    return ut


MATRIS = _matris()
"""(role, 'egen'/'annan', action, allowed). 'godkänna' is of a report submitted by someone
else; nobody approves a report they submitted themselves (a separate test)."""
