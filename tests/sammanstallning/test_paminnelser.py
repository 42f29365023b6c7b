"""The förvaltning's overview against the deadline, and the reminders: composed in Swedish on
the right days, received by a real SMTP server on 127.0.0.1 (aiosmtpd), and none when off."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.behorigheter import las_behorigheter, projektets_behorighet
from kvalitet.sammanstallning.epost import Epostinstallningar, skicka
from kvalitet.sammanstallning.granskningsoversikt import granskningsoversikt
from kvalitet.sammanstallning.paminnelser import paminnelser
from kvalitet.visa.granska import Granskningar

SISTA = dt.date(2026, 6, 15)
TZ = dt.timezone(dt.timedelta(hours=2))


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Brevlada:
    def __init__(self) -> None:
        self.brev: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.brev.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Brevlada, int]]:
    from aiosmtpd.controller import Controller

    brevlada = _Brevlada()
    port = _ledig_port()
    kontroll = Controller(brevlada, hostname="127.0.0.1", port=port)
    kontroll.start()
    try:
        yield brevlada, port
    finally:
        kontroll.stop()


def test_oversikten_per_enhet(projekt: Path) -> None:
    rot = Projekt(projekt)
    karin = projektets_behorighet(
        rot, {"sub": "k", "email": "karin.ek@alvmora.se", "name": "Karin Ek"}
    )
    johanna = projektets_behorighet(
        rot, {"sub": "j", "email": "johanna.ek@alvmora.se", "name": "Johanna Ek"}
    )
    granskningar = Granskningar(rot)
    granskningar.kommentera("bjorkbackaskolan", ["analys"], "Fler orsaker?", karin)
    granskningar.kommentera("bjorkbackaskolan", ["resultat"], "Bra.", karin)
    granskningar.los("bjorkbackaskolan", 2, karin)

    fore = granskningsoversikt(rot, idag=dt.date(2026, 6, 8))
    assert fore.sista_dag == SISTA and fore.dagar_kvar == 7
    rader = {r.enhet: r for r in fore.enheter}
    assert [r.namn for r in fore.enheter] == [
        "Björkbackaskolan",
        "Björkbackaskolan, mellanstadiet",
        "Förskolan Lingonet",
        "Förskolan Lingonet, avdelningen Blåbäret",
        "Resurscentrum",
        "Älvmora gymnasium",
    ]
    assert {e: r.lage for e, r in rader.items()} == {
        "alvmora-gymnasium": "utkast",
        "bjorkbackaskolan": "inlämnad",
        "bjorkbackaskolan-mellanstadiet": "inlämnad",
        "forskolan-lingonet": "inlämnad",
        "lingonet-blabaret": "inlämnad",
        "resurscentrum": "godkänd",
    }
    assert (rader["bjorkbackaskolan"].oppna_kommentarer, rader["bjorkbackaskolan"].kommentarer) == (
        1,
        2,
    )
    assert not fore.sena and [r.enhet for r in fore.ej_inlamnade] == ["alvmora-gymnasium"]

    data = json.loads(json.dumps(fore.som_data()))
    assert (data["sista_dag"], data["dagar_kvar"], len(data["enheter"])) == ("2026-06-15", 7, 6)
    assert data["enheter"][0]["enhet"] == "bjorkbackaskolan"
    assert data["enheter"][0]["oppna_kommentarer"] == 1

    efter = granskningsoversikt(rot, idag=dt.date(2026, 6, 16))
    assert [r.enhet for r in efter.sena] == ["alvmora-gymnasium"]
    # submitted two days late: still late, with the time it was submitted
    sen_tid = dt.datetime(2026, 6, 17, 9, 30, tzinfo=TZ)
    granskningar.handling("alvmora-gymnasium", "lämna in", johanna, tid=sen_tid)
    rad = {r.enhet: r for r in granskningsoversikt(rot, idag=dt.date(2026, 6, 18)).enheter}[
        "alvmora-gymnasium"
    ]
    assert (rad.lage, rad.inlamnad, rad.inlamnad_av, rad.sen) == (
        "inlämnad",
        sen_tid,
        "Johanna Ek",
        True,
    )
    # in time: not late
    granskningar.handling("alvmora-gymnasium", "ta tillbaka", johanna)
    granskningar.handling(
        "alvmora-gymnasium", "lämna in", johanna, tid=dt.datetime(2026, 6, 15, 23, 0, tzinfo=TZ)
    )
    rad = {r.enhet: r for r in granskningsoversikt(rot, idag=dt.date(2026, 6, 18)).enheter}[
        "alvmora-gymnasium"
    ]
    assert not rad.sen and rad.inlamnad_i_tid


@pytest.mark.parametrize(
    ("idag", "antal"),
    [
        (dt.date(2026, 6, 8), 1),
        (dt.date(2026, 6, 10), 0),
        (dt.date(2026, 6, 14), 1),
        (dt.date(2026, 6, 16), 1),
    ],
)
def test_paminnelsedagarna(projekt: Path, idag: dt.date, antal: int) -> None:
    rot = Projekt(projekt)
    fil, _ = las_behorigheter(rot)
    assert fil is not None
    assert len(paminnelser(granskningsoversikt(rot, idag=idag), fil)) == antal


def test_paminnelsen_tas_emot_av_smtp_servern(projekt: Path, smtp: tuple[_Brevlada, int]) -> None:
    brevlada, port = smtp
    rot = Projekt(projekt)
    fil, _ = las_behorigheter(rot)
    assert fil is not None
    brev = paminnelser(
        granskningsoversikt(rot, idag=dt.date(2026, 6, 8)), fil, "https://kvalitet.alvmora.se"
    )
    assert [b.till for b in brev] == ["johanna.ek@alvmora.se"]
    installningar = Epostinstallningar.fran_mappning(
        {"värd": "127.0.0.1", "port": port, "avsändare": "kvalitet@alvmora.se"}
    )
    assert installningar.pa
    assert skicka(brev, installningar) == 1

    assert len(brevlada.brev) == 1
    kuvert = brevlada.brev[0]
    assert kuvert.mail_from == "kvalitet@alvmora.se" and kuvert.rcpt_tos == [
        "johanna.ek@alvmora.se"
    ]
    meddelande = email.message_from_bytes(kuvert.original_content, policy=email.policy.default)
    assert meddelande["Subject"] == (
        "Påminnelse: kvalitetsrapporten för Älvmora gymnasium ska lämnas in senast 15 juni 2026"
    )
    assert meddelande["To"] == "Johanna Ek <johanna.ek@alvmora.se>"
    text = meddelande.get_content().replace("\r\n", "\n")
    assert " ".join(text.split()).startswith(
        "Hej Johanna Ek! Kvalitetsrapporterna för 2025/26 ska lämnas in senast 15 juni 2026 "
        "(om 7 dagar). Den här rapporten är inte inlämnad än:"
    )
    assert max(len(r) for r in text.splitlines()) <= 72
    assert "- Älvmora gymnasium\n  https://kvalitet.alvmora.se/skriv/alvmora-gymnasium" in text
    assert "Karin Ek, kvalitetsstrateg, karin.ek@alvmora.se" in " ".join(text.split())


def test_avstangda_paminnelser_skickar_ingenting(
    projekt: Path, smtp: tuple[_Brevlada, int]
) -> None:
    brevlada, port = smtp
    rot = Projekt(projekt)
    fil, _ = las_behorigheter(rot)
    assert fil is not None
    brev = paminnelser(granskningsoversikt(rot, idag=dt.date(2026, 6, 8)), fil)
    installningar = Epostinstallningar.fran_miljo(
        {
            "KVALITET_SMTP_VARD": "127.0.0.1",
            "KVALITET_SMTP_PORT": str(port),
            "KVALITET_SMTP_AVSANDARE": "kvalitet@alvmora.se",
            "KVALITET_PAMINNELSER": "av",
        }
    )
    assert not installningar.pa
    assert skicka(brev, installningar) == 0
    assert not Epostinstallningar.fran_miljo({}).pa
    assert brevlada.brev == []


def test_installningarnas_fel_pa_svenska() -> None:
    with pytest.raises(KvalitetError, match="'värd' eller 'avsändare' saknas"):
        Epostinstallningar.fran_mappning({"värd": "smtp.alvmora.se"})
    with pytest.raises(KvalitetError, match="'kanske' är varken på eller av"):
        Epostinstallningar.fran_mappning({"påminnelser": "kanske"})
    with pytest.raises(KvalitetError, match="inget portnummer"):
        Epostinstallningar.fran_mappning({"port": "smtp"})


def test_en_server_som_inte_svarar_ger_ett_svenskt_fel(projekt: Path) -> None:
    rot = Projekt(projekt)
    fil, _ = las_behorigheter(rot)
    assert fil is not None
    brev = paminnelser(granskningsoversikt(rot, idag=dt.date(2026, 6, 8)), fil)
    installningar = Epostinstallningar(
        "127.0.0.1", _ledig_port(), "kvalitet@alvmora.se", pa=True, tidsgrans=5
    )
    with pytest.raises(KvalitetError, match=r"e-postservern 127\.0\.0\.1:\d+ går inte att nå"):
        skicka(brev, installningar)


def test_kommandot_granskning_visar_och_skickar(
    projekt: Path, smtp: tuple[_Brevlada, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from kvalitet.cli import kvalitet

    brevlada, port = smtp
    runner = CliRunner()
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--datum", "2026-06-16"])
    assert res.exit_code == 0, res.output
    assert res.output == (
        "Björkbackaskolan (bjorkbackaskolan): inlämnad\n"
        "Björkbackaskolan, mellanstadiet (bjorkbackaskolan-mellanstadiet): inlämnad\n"
        "Förskolan Lingonet (forskolan-lingonet): inlämnad\n"
        "Förskolan Lingonet, avdelningen Blåbäret (lingonet-blabaret): inlämnad\n"
        "Resurscentrum (resurscentrum): godkänd\n"
        "Älvmora gymnasium (alvmora-gymnasium): utkast, SEN\n"
        "2025/26: 4 inlämnade, 1 godkänd, 1 utkast av 6 enheter; sista dag 15 juni 2026, 1 sen.\n"
    )
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--datum", "2026-06-10", "--påminn"])
    assert res.output.endswith("Inga påminnelser i dag.\n")
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--skicka"])
    assert res.exit_code == 1 and "påminnelserna är avstängda" in res.output
    assert brevlada.brev == []

    monkeypatch.setenv("KVALITET_SMTP_VARD", "127.0.0.1")
    monkeypatch.setenv("KVALITET_SMTP_PORT", str(port))
    monkeypatch.setenv("KVALITET_SMTP_AVSANDARE", "kvalitet@alvmora.se")
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--datum", "2026-06-16", "--skicka"])
    assert res.exit_code == 0, res.output
    assert (
        "Ämne: Påminnelse: kvalitetsrapporten för Älvmora gymnasium skulle ha lämnats in"
        in res.output
    )
    assert res.output.endswith("Skickade 1 påminnelse.\n")
    assert [b.rcpt_tos for b in brevlada.brev] == [["johanna.ek@alvmora.se"]]
    # the same day again (a job that runs twice, a server that restarted): not sent twice
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--datum", "2026-06-16", "--skicka"])
    assert res.exit_code == 0, res.output
    assert res.output.endswith("Skickade 0 påminnelser (1 påminnelse var redan skickad i dag).\n")
    assert len(brevlada.brev) == 1
    assert (projekt / "ut" / ".kvalitet" / "paminnelser" / "2026-06-16.json").is_file()
    res = runner.invoke(kvalitet, ["granskning", str(projekt), "--datum", "2026-06-17", "--skicka"])
    assert res.output.endswith("Skickade 1 påminnelse.\n") and len(brevlada.brev) == 2
