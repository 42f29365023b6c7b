"""The review over HTTP on the running server, logged in through the real provider: johanna
(rektor of alvmora-gymnasium, an utkast) submits and cannot approve; karin (granskare) comments beside a
field and approves; reopening needs a reason and a granskare; every write is a commit with the
person as author and a line in the audit log. Bad requests are 400/403, never a 500."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import httpx2
from serverhjalp import Tjanst, klient, logga_in, senaste_forfattare, token_ur

ENHET = "bjorkbackaskolan"
ENHETSFIL = f"rapporter/2025-26/{ENHET}.yaml"
GYMNASIET = "alvmora-gymnasium"
GRANSKNINGSFIL = f"rapporter/2025-26/granskning/{GYMNASIET}.yaml"


def _inloggad(tjanst: Tjanst, vem: str, enhet: str = ENHET) -> tuple[httpx2.Client, str]:
    k = klient()
    logga_in(k, tjanst, vem)
    sida = k.get(f"{tjanst.bas}/skriv/{enhet}")
    assert sida.status_code == 200, sida.text[:300]
    return k, token_ur(sida.text)


def _post(
    k: httpx2.Client, tjanst: Tjanst, vad: str, token: str, enhet: str = ENHET, **kropp: Any
) -> httpx2.Response:
    svar = k.post(
        f"{tjanst.bas}/granska/{enhet}/{vad}", json=kropp, headers={"X-Kvalitet-Token": token}
    )
    assert svar.status_code != 500, svar.text
    return svar


def test_granskningen_fran_inlamning_till_godkannande(tjanst: Tjanst) -> None:
    johanna, j_token = _inloggad(tjanst, "johanna", GYMNASIET)
    karin, k_token = _inloggad(tjanst, "karin", GYMNASIET)
    with closing(johanna), closing(karin):
        lage = johanna.get(f"{tjanst.bas}/granska/{GYMNASIET}").json()
        assert lage["lage"] == "utkast" and lage["mojliga"] == ["lämna in"]
        assert karin.get(f"{tjanst.bas}/granska/{GYMNASIET}").json()["mojliga"] == []

        svar = _post(johanna, tjanst, "handling", j_token, GYMNASIET, handling="lämna in")
        assert svar.status_code == 200 and svar.json()["lage"] == "inlämnad", svar.text
        assert svar.json()["mojliga"] == ["ta tillbaka"]  # never godkänn for the rektor
        nej = _post(johanna, tjanst, "handling", j_token, GYMNASIET, handling="godkänn")
        assert nej.status_code == 403 and "granskare" in nej.json()["fel"]

        sokvag = ["kvalitetsarbete", "styrkor", 0]
        svar = _post(
            karin, tjanst, "kommentera", k_token, GYMNASIET, sokvag=sokvag, text="Vilka källor?"
        )
        assert svar.status_code == 200, svar.text
        kommentar = svar.json()["kommentarer"][-1]
        assert kommentar["sokvag"] == sokvag and kommentar["av"]["namn"] == "Karin Ek"
        svar = _post(
            johanna,
            tjanst,
            "svara",
            j_token,
            GYMNASIET,
            nummer=kommentar["nummer"],
            text="Enkäten.",
        )
        assert svar.status_code == 200 and svar.json()["kommentarer"][-1]["svar"]
        svar = _post(karin, tjanst, "los", k_token, GYMNASIET, nummer=kommentar["nummer"])
        assert svar.status_code == 200 and svar.json()["kommentarer"][-1]["lost"]

        assert karin.get(f"{tjanst.bas}/granska/{GYMNASIET}").json()["mojliga"] == [
            "skicka tillbaka",
            "godkänn",
        ]
        svar = _post(karin, tjanst, "handling", k_token, GYMNASIET, handling="godkänn")
        assert svar.status_code == 200 and svar.json()["lage"] == "godkänd", svar.text
        nej = _post(
            johanna, tjanst, "handling", j_token, GYMNASIET, handling="öppna igen", varfor="x"
        )
        assert nej.status_code == 403
        utan = _post(karin, tjanst, "handling", k_token, GYMNASIET, handling="öppna igen")
        assert utan.status_code == 403 and "varför" in utan.json()["fel"]
        svar = _post(
            karin, tjanst, "handling", k_token, GYMNASIET, handling="öppna igen", varfor="Fel år"
        )
        assert svar.status_code == 200 and svar.json()["lage"] == "utkast"
        assert svar.json()["handelser"][-1]["varfor"] == "Fel år"
        # approving never locked anyone out of reading
        assert johanna.get(f"{tjanst.bas}/{GYMNASIET}.html").status_code == 200

    forfattare = senaste_forfattare(tjanst.projekt, GRANSKNINGSFIL, 7)
    assert forfattare[0] == "Karin Ek <karin.ek@alvmora.se>"  # öppna igen
    assert "Johanna Ek <johanna.ek@alvmora.se>" in forfattare  # lämna in, svara
    assert senaste_forfattare(tjanst.projekt, f"rapporter/2025-26/{GYMNASIET}.yaml")[0].startswith(
        "Karin Ek"
    )  # status
    handelser = [r["handelse"] for r in tjanst.revision if r.get("enhet") == GYMNASIET]
    for h in ("lämna in", "kommentera", "svara", "lös", "godkänn", "öppna igen"):
        assert h in handelser, handelser
    godkand = next(r for r in tjanst.revision if r.get("handelse") == "godkänn")
    assert godkand["epost"] == "karin.ek@alvmora.se" and godkand["sub"] == "karin"


def test_varje_sparning_checkas_in_med_personen_som_forfattare(tjanst: Tjanst) -> None:
    for vem, namn in (("helena", "Helena Sandberg"), ("lars", "Lars Holm")):
        k, token = _inloggad(tjanst, vem)
        with closing(k):
            oppnad = k.get(f"{tjanst.bas}/skriv/{ENHET}/data").json()
            data = {**oppnad["data"], "beskrivning": f"Ändrad av {namn}."}
            svar = k.post(
                f"{tjanst.bas}/skriv/{ENHET}/spara",
                json={"data": data, "version": oppnad["version"], "bas": oppnad["data"]},
                headers={"X-Kvalitet-Token": token},
            )
        assert svar.status_code == 200 and svar.json()["sparad"], svar.text
        assert senaste_forfattare(tjanst.projekt, ENHETSFIL)[0].startswith(f"{namn} <")


def test_felaktiga_begaran_nekas_utan_500(tjanst: Tjanst) -> None:
    helena, token = _inloggad(tjanst, "helena")
    with closing(helena):
        fore = (tjanst.projekt / ENHETSFIL).read_bytes()
        assert (
            _post(helena, tjanst, "handling", "fel-token", handling="lämna in").status_code == 403
        )
        assert _post(helena, tjanst, "handling", token, handling="spräng").status_code == 400
        assert _post(helena, tjanst, "okand", token).status_code == 400
        assert _post(helena, tjanst, "svara", token, nummer="ett", text="x").status_code == 400
        assert _post(helena, tjanst, "svara", token, nummer=999, text="x").status_code == 403
        assert _post(helena, tjanst, "kommentera", token, sokvag=[{}], text="x").status_code == 403
        assert _post(helena, tjanst, "kommentera", token, sokvag=["a"], text="").status_code == 403
        for enhet in ("resurscentrum", "ingen-sadan", "..%2f..%2fetc"):
            svar = _post(helena, tjanst, "handling", token, enhet=enhet, handling="lämna in")
            assert svar.status_code in (403, 404), (enhet, svar.status_code)
        trasig = helena.post(
            f"{tjanst.bas}/granska/{ENHET}/handling",
            content=b"{",
            headers={"X-Kvalitet-Token": token, "Content-Type": "application/json"},
        )
        assert trasig.status_code == 400
        assert (tjanst.projekt / ENHETSFIL).read_bytes() == fore
        # the editor's local status route is not a back door past the review and its log
        status = helena.post(
            f"{tjanst.bas}/skriv/{ENHET}/status",
            json={"status": "utkast", "version": ""},
            headers={"X-Kvalitet-Token": token},
        )
        assert status.status_code == 400 and "granskningens knappar" in status.json()["fel"]
        assert (tjanst.projekt / ENHETSFIL).read_bytes() == fore
    with klient() as k:
        assert k.get(f"{tjanst.bas}/granska/{ENHET}").status_code == 401


def test_oversikten_bara_for_granskare(tjanst: Tjanst) -> None:
    with klient() as k:
        logga_in(k, tjanst, "maria")  # granskare through the group bou-utvecklingsledare
        sida = k.get(f"{tjanst.bas}/oversikt")
    assert sida.status_code == 200, sida.text[:300]
    assert "Granskningsöversikt" in sida.text and 'data-enhet="resurscentrum"' in sida.text
    assert "Öppna kommentarer" in sida.text
    assert "Sista dag: 2026-06-15" in sida.text  # inlämning: in the example's huvudman.yaml
    for vem in ("helena", "sara", "olle"):
        with klient() as k:
            logga_in(k, tjanst, vem, sida="/halsa")
            assert k.get(f"{tjanst.bas}/oversikt").status_code == 403, vem
