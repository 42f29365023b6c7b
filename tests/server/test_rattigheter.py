"""The rights of ``rapporter/behörigheter.yaml`` on the running server, logged in through the
real provider: the start page lists only what the person may see, a person with no role gets the
Swedish page saying whom to ask (403), a unit's preview, editor and PDF need ``far_lasa``, and a
change of the file is seen at the next request (and in the audit log). Without the file the
configuration's ``[skrivratt]`` is the fallback (a pure test of ``Rattigheter``)."""

from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path

from serverhjalp import Tjanst, klient, logga_in

from kvalitet.kalla.projekt import Projekt
from kvalitet.server.anvandare import Anvandare
from kvalitet.server.rattigheter import Rattigheter, enhet_i_sokvag


def test_startsidan_visar_bara_egna_enheter(tjanst: Tjanst) -> None:
    with klient() as k:
        sida = logga_in(k, tjanst, "helena").text
    assert 'href="/bjorkbackaskolan.html"' in sida
    assert "alvmora-gymnasium" not in sida and "resurscentrum" not in sida
    assert "/oversikt" not in sida  # not a granskare
    with klient() as k:
        sida = logga_in(k, tjanst, "karin").text
    for enhet in ("bjorkbackaskolan", "alvmora-gymnasium", "resurscentrum"):
        assert f'href="/{enhet}.html"' in sida
    assert 'href="/oversikt"' in sida


def test_utan_roll_far_sidan_om_vem_man_fragar(tjanst: Tjanst) -> None:
    with klient() as k:
        logga_in(k, tjanst, "olle", sida="/halsa")
        for sokvag in ("/", "/bjorkbackaskolan.html", "/skriv/bjorkbackaskolan"):
            svar = k.get(f"{tjanst.bas}{sokvag}")
            assert svar.status_code == 403, sokvag
            assert "ingen roll" in svar.text and "Karin Ek" in svar.text, svar.text
            assert "Olle Okänd" in svar.text
        data = k.get(f"{tjanst.bas}/skriv/bjorkbackaskolan/data")
        assert data.status_code == 403 and "Fråga Karin Ek" in data.json()["fel"]


def test_forhandsvisning_formular_och_pdf_kraver_lasratt(tjanst: Tjanst) -> None:
    with klient() as k:
        logga_in(k, tjanst, "sara")  # läsare of bjorkbackaskolan and alvmora-gymnasium
        for sokvag in (
            "/resurscentrum.html",
            "/resurscentrum.pdf",
            "/resurscentrum.docx",
            "/skriv/resurscentrum",
            "/skriv/resurscentrum/forhandsvisning",
            "/sammanstallning.html",
            "/sammanstallning.docx",
            "/huvudmannens-rapport.docx",
        ):
            svar = k.get(f"{tjanst.bas}{sokvag}")
            assert svar.status_code == 403, (sokvag, svar.status_code)
            assert "får inte läsa" in svar.text
        assert k.get(f"{tjanst.bas}/alvmora-gymnasium.html").status_code == 200
        word = k.get(f"{tjanst.bas}/alvmora-gymnasium.docx")  # the one who may read may fetch
        assert word.status_code == 200 and word.content.startswith(b"PK")


def test_andrad_behorighetsfil_galler_direkt_och_loggas(tjanst: Tjanst) -> None:
    fil = tjanst.projekt / "rapporter" / "behörigheter.yaml"
    fore = fil.read_text(encoding="utf-8")
    with closing(klient()) as k:
        logga_in(k, tjanst, "sara")
        assert k.get(f"{tjanst.bas}/resurscentrum.html").status_code == 403
        ny = fore.replace(
            "enheter: [bjorkbackaskolan, alvmora-gymnasium]", "enheter: [resurscentrum]"
        )
        assert ny != fore
        time.sleep(0.01)
        fil.write_text(ny, encoding="utf-8")
        try:
            assert k.get(f"{tjanst.bas}/resurscentrum.html").status_code == 200
            assert k.get(f"{tjanst.bas}/alvmora-gymnasium.html").status_code == 403
        finally:
            fil.write_text(fore, encoding="utf-8")
        assert k.get(f"{tjanst.bas}/alvmora-gymnasium.html").status_code == 200
    andrade = [r for r in tjanst.revision if r.get("handelse") == "behörigheter ändrade"]
    assert andrade and "person:sara.lund@alvmora.se" in andrade[0]["andrade"], andrade


def test_inloggning_och_utloggning_star_i_revisionsloggen(tjanst: Tjanst) -> None:
    with klient() as k:
        logga_in(k, tjanst, "johanna")
    rader = [r for r in tjanst.revision if r.get("epost") == "johanna.ek@alvmora.se"]
    assert rader and rader[-1]["handelse"] == "inloggad" and rader[-1]["sub"] == "johanna"


def test_utan_behorighetsfil_galler_skrivratt(projekt: Path) -> None:
    (projekt / "rapporter" / "behörigheter.yaml").unlink()
    ratt = Rattigheter(
        Projekt(projekt),
        {"anna@exempel.se": ("bjorkbackaskolan",), "grupp:strateger": ("*",)},
    )
    anna = ratt.for_anvandare(Anvandare("1", "Anna", "anna@exempel.se", ()))
    assert anna.far_skriva("bjorkbackaskolan") and not anna.far_skriva("resurscentrum")
    assert anna.far_lasa("resurscentrum") and not anna.ar_granskare
    strateg = ratt.for_anvandare(Anvandare("2", "S", "s@exempel.se", ("strateger",)))
    assert strateg.far_skriva("resurscentrum") and strateg.far_skriva("bjorkbackaskolan")
    okand = ratt.for_anvandare(Anvandare("3", "O", "o@exempel.se", ()))
    assert okand.har_roll and okand.far_lasa("resurscentrum") and not okand.skriver


def test_utan_behorighetsfil_och_skrivratt_har_ingen_roll(projekt: Path) -> None:
    """Removing the rights file opens nothing: without [skrivratt] nobody has a role."""
    (projekt / "rapporter" / "behörigheter.yaml").unlink()
    ratt = Rattigheter(Projekt(projekt), {})
    vem = ratt.for_anvandare(Anvandare("1", "Helena", "helena.sandberg@alvmora.se", ()))
    assert not vem.har_roll and not vem.far_lasa("bjorkbackaskolan")
    assert "ingen roll" in vem.utan_roll_text()


def test_enhet_i_sokvag() -> None:
    assert enhet_i_sokvag("/skriv/bjorkbackaskolan/data") == "bjorkbackaskolan"
    assert enhet_i_sokvag("/skriv/ny") is None
    assert enhet_i_sokvag("/skriv/formular.json") is None
    # the form of a unit's rapportmall is read with the unit's rights (issue 28)
    assert enhet_i_sokvag("/skriv/bjorkbackaskolan/formular.json") == "bjorkbackaskolan"
    assert enhet_i_sokvag("/resurscentrum.pdf") == "resurscentrum"
    assert enhet_i_sokvag("/sammanstallning.pdf") == "*"
    assert enhet_i_sokvag("/resurscentrum.docx") == "resurscentrum"
    assert enhet_i_sokvag("/huvudmannens-rapport.docx") == "*"
    assert enhet_i_sokvag("/filer/rapporter/bilder/a.png") is None
    assert enhet_i_sokvag("/") is None
