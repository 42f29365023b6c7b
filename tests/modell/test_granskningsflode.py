"""The review's state machine and comments as pure functions: only the allowed moves, with the
reason in Swedish; comments anchored at a path, answered, resolved; nothing changed in place."""

from __future__ import annotations

import datetime as dt

import pytest

from kvalitet.modell.granskning import MAX_KOMMENTAR, Granskning
from kvalitet.modell.granskningsflode import (
    OVERGANGAR,
    inlamnad_av,
    kommentera,
    los,
    mojliga_handlingar,
    ny_granskning,
    overgang,
    svara,
)
from kvalitet.modell.rattighet import Behorighet, Identitet, Otillatet

TID = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
REKTOR = Behorighet(
    Identitet("Helena", "helena@alvmora.se", "h"), frozenset({"rektor"}), frozenset({"skolan"})
)
GRANSKARE = Behorighet(
    Identitet("Karin", "karin@alvmora.se", "k"), frozenset({"granskare"}), laser=None
)
LASARE = Behorighet(Identitet("Sara", "sara@alvmora.se", "s"), frozenset({"läsare"}), laser=None)


def test_status_i_enhetsfilen_ger_laget() -> None:
    assert ny_granskning("skolan").lage == "utkast"
    assert ny_granskning("skolan", "klar").lage == "inlämnad"
    assert ny_granskning("skolan", "godkänd").lage == "godkänd"
    assert ny_granskning("skolan", "något annat").lage == "utkast"


@pytest.mark.parametrize("handling", list(OVERGANGAR))
def test_varje_handling_bara_fran_sitt_lage(handling: str) -> None:
    fran, till = OVERGANGAR[handling]
    admin = Behorighet(Identitet("Admin", "a@alvmora.se"), frozenset({"administratör"}), laser=None)
    for lage in ("utkast", "inlämnad", "godkänd"):
        granskning = Granskning(enhet="skolan", lage=lage)
        if lage == fran:
            assert overgang(granskning, handling, admin, TID, "För att").lage == till
        else:
            with pytest.raises(
                Otillatet,
                match=f"rapporten för 'skolan' är {lage}; '{handling}' går bara när den är {fran}",
            ):
                overgang(granskning, handling, admin, TID, "För att")


def test_okand_handling() -> None:
    with pytest.raises(Otillatet, match="'radera' är ingen handling; välj lämna in, ta tillbaka"):
        overgang(Granskning(enhet="skolan"), "radera", GRANSKARE, TID)


def test_inget_andras_pa_plats_och_historiken_vaxer() -> None:
    fore = Granskning(enhet="skolan")
    efter = overgang(fore, "lämna in", REKTOR, TID)
    assert fore.lage == "utkast" and fore.handelser == []
    assert efter.lage == "inlämnad" and len(efter.handelser) == 1
    assert inlamnad_av(efter) == Identitet("Helena", "helena@alvmora.se", "h")
    assert efter.handelser[0].av.namn == "Helena" and efter.handelser[0].tid == TID


def test_kommentarer_svar_och_losning() -> None:
    g = kommentera(Granskning(enhet="skolan"), ["styrtal", "2.1.1"], "  Källa?  ", GRANSKARE, TID)
    g = kommentera(g, ["utvecklingsområden", 0], "Tydligt.", GRANSKARE, TID)
    assert [(k.nummer, k.sokvag, k.text) for k in g.kommentarer] == [
        (1, ["styrtal", "2.1.1"], "Källa?"),
        (2, ["utvecklingsområden", 0], "Tydligt."),
    ]
    g = svara(g, 1, "Skolverket.", REKTOR, TID)
    g = los(g, 1, REKTOR, TID)
    assert [k.nummer for k in g.oppna_kommentarer] == [2]
    g = svara(g, 1, "Och SCB.", GRANSKARE, TID)  # an answer opens it again
    assert [k.nummer for k in g.oppna_kommentarer] == [1, 2]
    assert [s.text for s in g.kommentarer[0].svar] == ["Skolverket.", "Och SCB."]


@pytest.mark.parametrize(
    ("sokvag", "text", "fel"),
    [
        (["analys"], "", "kommentaren är tom"),
        (
            ["analys"],
            "x" * (MAX_KOMMENTAR + 1),
            "högst 10\u00a0000 tecken \\(den har 10\u00a0001\\)",
        ),
        ("analys", "Hej", "ska vara en lista"),
        ([["a"]], "Hej", "ska vara en lista"),
        ([True], "Hej", "ska vara en lista"),
        (["a"] * 33, "Hej", "ska vara en lista"),
    ],
)
def test_kommentarens_granser(sokvag: object, text: str, fel: str) -> None:
    with pytest.raises(Otillatet, match=fel):
        kommentera(Granskning(enhet="skolan"), sokvag, text, GRANSKARE, TID)  # type: ignore[arg-type]


def test_vem_som_far_kommentera_och_losa() -> None:
    with pytest.raises(Otillatet, match="du kan inte kommentera"):
        kommentera(Granskning(enhet="skolan"), [], "Hej", LASARE, TID)
    annan_rektor = Behorighet(
        Identitet("Per", "per@alvmora.se"), frozenset({"rektor"}), frozenset({"annan"})
    )
    with pytest.raises(Otillatet, match="du kan inte kommentera"):
        kommentera(Granskning(enhet="skolan"), [], "Hej", annan_rektor, TID)
    g = kommentera(Granskning(enhet="skolan"), [], "Hej", REKTOR, TID)
    with pytest.raises(Otillatet, match="bara granskare, enhetens rektor och den som skrev"):
        los(g, 1, LASARE, TID)
    with pytest.raises(Otillatet, match="kommentar 9 finns inte"):
        svara(g, 9, "Svar", GRANSKARE, TID)


def test_mojliga_handlingar_ar_knapparna() -> None:
    utkast = Granskning(enhet="skolan")
    assert mojliga_handlingar(utkast, REKTOR) == ["lämna in"]
    assert mojliga_handlingar(utkast, GRANSKARE) == []
    inlamnad = overgang(utkast, "lämna in", REKTOR, TID)
    assert mojliga_handlingar(inlamnad, REKTOR) == ["ta tillbaka"]
    assert mojliga_handlingar(inlamnad, GRANSKARE) == ["skicka tillbaka", "godkänn"]
    assert mojliga_handlingar(inlamnad, LASARE) == []
    godkand = overgang(inlamnad, "godkänn", GRANSKARE, TID)
    assert mojliga_handlingar(godkand, GRANSKARE) == ["öppna igen"]
    assert mojliga_handlingar(godkand, REKTOR) == []
