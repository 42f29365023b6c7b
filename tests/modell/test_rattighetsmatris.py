"""Every role × own/other unit × action against the pure rights (``Behorighet``), the review's
state machine and ``Skrivratt``; the table is tests/rattighetsmatris.py, for the server too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rattighetsmatris import ANSPRAK, BEHORIGHETER, EGEN, ENHETER, MATRIS

from kvalitet.kalla.las import las_yaml_text
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.behorigheter import validera_behorigheter
from kvalitet.modell.behorigheter import Behorighetsfil
from kvalitet.modell.granskning import Granskning
from kvalitet.modell.granskningsflode import kommentera, overgang, som_person
from kvalitet.modell.rattighet import Behorighet, Otillatet, behorighet_for
from kvalitet.visa.behorighet import Skrivratt

TID = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture(scope="module")
def fil() -> Behorighetsfil:
    modell, problem = validera_behorigheter(
        las_yaml_text(BEHORIGHETER, Path("behörigheter.yaml")), ENHETER.values()
    )
    assert modell is not None, [p.visa() for p in problem]
    return modell


def _gar(funktion: object) -> bool:
    try:
        funktion()  # type: ignore[operator]
    except Otillatet:
        return False
    return True


def _tillats(fil: Behorighetsfil, b: Behorighet, handling: str, enhet: str) -> bool:
    inlamnad = overgang(
        Granskning(enhet=enhet), "lämna in", behorighet_for(fil, ANSPRAK["administratör"]), TID
    )
    # submitted by the unit's rektor: whoever approves is someone else (unless it is the rektor)
    inlamnad.handelser[-1].av.epost = "rektor@alvmora.se"
    inlamnad.handelser[-1].av.sub = "s1"
    godkand = Granskning(enhet=enhet, lage="godkänd")
    skrivratt = Skrivratt.for_behorighet(Projekt(Path(".")), b)
    if handling == "läsa":
        return b.far_lasa(enhet)
    if handling == "skriva":
        assert skrivratt.far_skriva_enhet(enhet) == b.far_skriva(enhet)
        return skrivratt.far_skriva_enhet(enhet)
    if handling == "kommentera":
        return _gar(lambda: kommentera(Granskning(enhet=enhet), ["resultat"], "Se här", b, TID))
    if handling == "lämna in":
        return _gar(lambda: overgang(Granskning(enhet=enhet), "lämna in", b, TID))
    if handling == "godkänna":
        return _gar(lambda: overgang(inlamnad, "godkänn", b, TID))
    if handling == "öppna igen":
        return _gar(lambda: overgang(godkand, "öppna igen", b, TID, "Tabellen saknar 2025"))
    if handling == "huvudmannens filer":
        assert skrivratt.far_skriva_huvudmannafiler == b.far_redigera_huvudman
        return b.far_redigera_huvudman
    assert handling == "administrera"
    return b.far_andra_behorigheter


@pytest.mark.parametrize(
    ("roll", "vilken", "handling", "tillatet"),
    MATRIS,
    ids=[f"{r}-{v}-{h}-{'ja' if t else 'nej'}" for r, v, h, t in MATRIS],
)
def test_rattighetsmatrisen(
    fil: Behorighetsfil, roll: str, vilken: str, handling: str, tillatet: bool
) -> None:
    behorighet = behorighet_for(fil, ANSPRAK[roll])
    assert _tillats(fil, behorighet, handling, ENHETER[vilken]) is tillatet


def test_matrisen_tacker_varje_roll_enhet_och_handling() -> None:
    assert len(MATRIS) == len(ANSPRAK) * 2 * 8
    assert {r for r, *_ in MATRIS} == set(ANSPRAK)


@pytest.mark.parametrize("roll", ["granskare", "administratör", "granskare genom grupp"])
def test_ingen_godkanner_det_den_sjalv_lamnade_in(fil: Behorighetsfil, roll: str) -> None:
    """Also when the one who submitted is no longer the unit's rektor (now a granskare): the
    last submitter is compared by sub, else by e-mail."""
    behorighet = behorighet_for(fil, ANSPRAK[roll])
    admin = behorighet_for(fil, ANSPRAK["administratör"])
    inlamnad = overgang(Granskning(enhet=EGEN), "lämna in", admin, TID)
    inlamnad.handelser[-1].av = som_person(behorighet.person)
    with pytest.raises(Otillatet, match="ingen godkänner sin egen rapport"):
        overgang(inlamnad, "godkänn", behorighet, TID)
    inlamnad.handelser[-1].av = som_person(behorighet_for(fil, ANSPRAK["rektor"]).person)
    assert overgang(inlamnad, "godkänn", behorighet, TID).lage == "godkänd"


def test_en_overifierad_epost_ger_ingen_roll(fil: Behorighetsfil) -> None:
    """A provider that says the e-mail is not verified: it is not used to find the person
    (a person who could set their own e-mail would otherwise become anyone)."""
    ansprak = {**ANSPRAK["rektor"], "email_verified": False}
    assert not behorighet_for(fil, ansprak).har_roll
    assert behorighet_for(fil, {**ANSPRAK["rektor"], "email_verified": True}).far_skriva(EGEN)
    # sub wins over e-mail where the file has a sub: the admin's e-mail with another sub is nobody
    falsk = {"sub": "en-annan", "email": "admin@alvmora.se"}
    assert not behorighet_for(fil, falsk).har_roll
