"""``kvalitet server`` under load, over HTTP against the real process (issue 27, point 6): the
PDF builds' bounded pool and queue (a full queue: 503 with ``Retry-After``, the HTML preview
answers meanwhile), the limits on login attempts (429 with ``Retry-After``), a CSP on every
answer, and the per-file lock when two people save the same unit at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx2
import pytest
import yaml
from serverhjalp import (
    LOSENORD,
    Tjanst,
    folj,
    fyll_i,
    klient,
    kor_tjanst,
    logga_in,
    till_formularet,
    token_ur,
)

ENHET = "bjorkbackaskolan"


@pytest.fixture(scope="module")
def tjanst_last(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tjanst]:
    """One PDF at a time, one waiting."""
    yield from kor_tjanst(tmp_path_factory, installningar={"pdf_samtidiga": 1, "pdf_ko": 1})


@pytest.fixture(scope="module")
def tjanst_grans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tjanst]:
    """Six login attempts a minute per address, one login per account (the other server tests
    have high limits: they log in often, from 127.0.0.1)."""
    yield from kor_tjanst(
        tmp_path_factory,
        installningar={"inloggningar_per_adress": 6, "inloggningar_per_konto": 1},
    )


def _halsa(tjanst: Tjanst) -> dict[str, int]:
    return dict(httpx2.get(f"{tjanst.bas}/halsa", timeout=10).json()["pdf"])


def _inloggad(tjanst: Tjanst, vem: str) -> httpx2.Client:
    k = klient()
    logga_in(k, tjanst, vem)
    return k


def test_pdf_kon_ar_begransad_och_full_ko_svarar_503(tjanst_last: Tjanst) -> None:
    tjanst = tjanst_last
    k = _inloggad(tjanst, "karin")
    pagaende: list[httpx2.Response] = []

    def hamta(namn: str) -> None:
        with httpx2.Client(timeout=120, cookies=k.cookies) as egen:
            pagaende.append(egen.get(f"{tjanst.bas}/{namn}.pdf"))

    tradar = [
        threading.Thread(target=hamta, args=(namn,))
        for namn in ("huvudmannens-rapport", "sammanstallning")
    ]
    for t in tradar:
        t.start()
        time.sleep(0.3)
    for _ in range(200):  # one building, one waiting: the pool and its queue are full
        lage = _halsa(tjanst)
        if lage["pagar"] == 1 and lage["vantar"] == 1:
            break
        time.sleep(0.05)
    assert lage == {"pagar": 1, "vantar": 1, "samtidiga": 1, "ko": 1}, lage

    full = k.get(f"{tjanst.bas}/{ENHET}.pdf")
    assert full.status_code == 503
    assert int(full.headers["retry-after"]) >= 1
    assert "kön är full" in full.text and "Försök igen om" in full.text
    assert full.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in full.headers
    som_json = k.get(f"{tjanst.bas}/{ENHET}.pdf", headers={"Accept": "application/json"})
    assert som_json.status_code == 503 and "kön är full" in som_json.json()["fel"]
    assert int(som_json.headers["retry-after"]) >= 1

    # the HTML preview does not go through the pool: it answers while the PDFs still build
    forhand = k.get(f"{tjanst.bas}/skriv/{ENHET}/forhandsvisning")
    assert forhand.status_code == 200 and "Björkbacka" in forhand.text
    sida = k.get(f"{tjanst.bas}/{ENHET}.html")
    assert sida.status_code == 200
    assert sum(_halsa(tjanst)[n] for n in ("pagar", "vantar")) >= 1, "PDF:erna var redan klara"

    for t in tradar:
        t.join(120)
    assert [s.status_code for s in pagaende] == [200, 200]
    assert all(s.content.startswith(b"%PDF") for s in pagaende)
    efter = k.get(f"{tjanst.bas}/{ENHET}.pdf")  # room again
    assert efter.status_code == 200 and efter.content.startswith(b"%PDF")
    assert _halsa(tjanst) == {"pagar": 0, "vantar": 0, "samtidiga": 1, "ko": 1}
    k.close()


def test_pdf_utan_lasratt_nekas_fore_kon(tjanst_last: Tjanst) -> None:
    k = _inloggad(tjanst_last, "johanna")  # rektor of the gymnasium only
    svar = k.get(f"{tjanst_last.bas}/{ENHET}.pdf")
    assert svar.status_code == 403 and not svar.content.startswith(b"%PDF")
    k.close()


def test_csp_pa_varje_svar(tjanst_last: Tjanst) -> None:
    tjanst = tjanst_last
    k = _inloggad(tjanst, "lars")
    token = token_ur(k.get(f"{tjanst.bas}/skriv/{ENHET}").text)
    svar = {
        "hälsa": httpx2.get(f"{tjanst.bas}/halsa"),
        "startsidan": k.get(f"{tjanst.bas}/"),
        "editorn": k.get(f"{tjanst.bas}/skriv/{ENHET}"),
        "formulärets data (JSON)": k.get(f"{tjanst.bas}/skriv/{ENHET}/data"),
        "förhandsvisningen": k.get(f"{tjanst.bas}/skriv/{ENHET}/forhandsvisning"),
        "granskningen (JSON)": k.get(f"{tjanst.bas}/granska/{ENHET}"),
        "skriptet": k.get(f"{tjanst.bas}/statiskt/redigera.js"),
        "PDF": k.get(f"{tjanst.bas}/{ENHET}.pdf"),
        "saknas (404)": k.get(f"{tjanst.bas}/finns-inte.html"),
        "sparning utan token (403)": k.post(f"{tjanst.bas}/skriv/{ENHET}/spara", json={}),
        "trasig sparning (400)": k.post(
            f"{tjanst.bas}/skriv/{ENHET}/spara",
            content=b"{",
            headers={"X-Kvalitet-Token": token, "Content-Type": "application/json"},
        ),
        "omdirigering": klient().get(f"{tjanst.bas}/skriv/{ENHET}"),
        "fel värd (421)": httpx2.get(f"{tjanst.bas}/", headers={"Host": "annan.example"}),
    }
    utan = [namn for namn, s in svar.items() if "content-security-policy" not in s.headers]
    assert not utan, utan
    assert svar["PDF"].content.startswith(b"%PDF")
    assert svar["omdirigering"].status_code == 303
    for namn in ("formulärets data (JSON)", "granskningen (JSON)", "hälsa", "omdirigering"):
        assert "default-src 'none'" in svar[namn].headers["content-security-policy"], namn
    # the editor's policy stays its own (its script and style files, nothing inline)
    assert "script-src 'self'" in svar["editorn"].headers["content-security-policy"]
    k.close()


def test_samtidiga_sparningar_i_samma_enhet_tappar_inget(tjanst_last: Tjanst) -> None:
    """Two people (the rektor and the administrator) save different fields of the same unit at
    the same time, from the same version, many times: the file lock and the three-way merge
    keep both (or the answer says konflikt); nothing acknowledged as saved is lost."""
    tjanst = tjanst_last
    klienter = {vem: _inloggad(tjanst, vem) for vem in ("helena", "lars")}
    tokens = {v: token_ur(k.get(f"{tjanst.bas}/skriv/{ENHET}").text) for v, k in klienter.items()}
    falt = {"helena": "område", "lars": "beskrivning"}
    sparat: dict[str, str] = {}
    fel: list[str] = []
    start = threading.Barrier(2)

    def skriv(vem: str) -> None:
        k = klienter[vem]
        lage = k.get(f"{tjanst.bas}/skriv/{ENHET}/data").json()
        start.wait()
        for varv in range(8):
            text = f"{vem} varv {varv}"
            data = {**lage["data"], falt[vem]: text}
            svar = k.post(
                f"{tjanst.bas}/skriv/{ENHET}/spara",
                json={"data": data, "version": lage["version"], "bas": lage["data"]},
                headers={"X-Kvalitet-Token": tokens[vem]},
            )
            if svar.status_code != 200:
                fel.append(f"{vem}: {svar.status_code} {svar.text[:200]}")
                return
            svaret = svar.json()
            if svaret.get("konflikt"):
                fel.append(f"{vem}: konflikt fast olika fält ändrades: {svaret['konflikt']}")
                return
            assert svaret["sparad"], svaret
            sparat[vem] = text
            lage = svaret

    tradar = [threading.Thread(target=skriv, args=(vem,)) for vem in klienter]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(120)
    assert not fel, fel
    text = (tjanst.projekt / "rapporter" / "2025-26" / f"{ENHET}.yaml").read_text("utf-8")
    assert sparat == {"helena": "helena varv 7", "lars": "lars varv 7"}
    data = yaml.safe_load(text)
    assert data["område"] == "helena varv 7"
    assert data["beskrivning"].strip() == "lars varv 7"
    for k in klienter.values():
        k.close()


def test_for_manga_inloggningar_fran_samma_adress_och_konto(tjanst_grans: Tjanst) -> None:
    """``sara`` logs in once (two attempts from the address: the start and the way back); her
    second login is refused on the way back (one a minute per account); then the address runs
    out."""
    tjanst = tjanst_grans
    k = _inloggad(tjanst, "sara")
    k.close()
    with klient() as k:
        tillbaka = folj(k, fyll_i(k, till_formularet(k, tjanst), "sara"))
    assert tillbaka.status_code == 429
    assert tillbaka.url.path == "/inloggad"
    assert int(tillbaka.headers["retry-after"]) >= 1
    assert "För många inloggningsförsök" in tillbaka.text and "Vänta" in tillbaka.text
    assert "kvalitet-session" not in tillbaka.headers.get("set-cookie", "")
    svar = []
    for _ in range(10):  # the address's bucket (six a minute) has at most a few left
        with klient() as k:
            svar.append(k.get(f"{tjanst.bas}/logga-in"))
        if svar[-1].status_code == 429:
            break
    assert svar[-1].status_code == 429, [s.status_code for s in svar]
    assert all(s.status_code in (302, 303) for s in svar[:-1])
    assert int(svar[-1].headers["retry-after"]) >= 1
    assert svar[-1].headers["content-type"].startswith("text/html")
    assert "För många inloggningsförsök" in svar[-1].text
    rader = [r for r in tjanst.loggrader() if "för många försök" in str(r.get("meddelande"))]
    assert rader, "ingen loggrad om de nekade försöken"


def test_editorn_under_policyn_i_webblasaren(tjanst_last: Tjanst, bladdrare) -> None:  # type: ignore[no-untyped-def]
    """The editor, its review panel and the preview frame run under the server's CSP: every
    answer from kvalitet has the header, and the browser reports no violation."""
    from playwright.sync_api import expect

    sida = bladdrare.new_page()
    brott: list[str] = []
    utan: list[str] = []
    sida.on(
        "console", lambda m: brott.append(m.text) if "Content Security Policy" in m.text else None
    )
    sida.on(
        "response",
        lambda r: (
            utan.append(r.url)
            if r.url.startswith(tjanst_last.bas)
            and not r.url.endswith("/favicon.ico")
            and "content-security-policy" not in r.headers
            else None
        ),
    )
    sida.goto(f"{tjanst_last.bas}/skriv/{ENHET}")
    sida.get_by_label("Användarnamn").fill("helena")
    sida.get_by_label("Lösenord").fill(LOSENORD)
    sida.get_by_role("button", name="Logga in").click()
    expect(sida).to_have_url(f"{tjanst_last.bas}/skriv/{ENHET}", timeout=20000)
    expect(sida.locator("#status")).not_to_have_text("…", timeout=20000)  # redigera.js ran
    ram = sida.frame_locator("#forhandsvisning")
    expect(ram.locator("body")).to_contain_text("Björkbacka", timeout=20000)
    farg = sida.evaluate("getComputedStyle(document.querySelector('.topp')).backgroundColor")
    assert farg == "rgb(244, 247, 251)", f"redigera.css gäller inte: {farg}"
    # every script, style and the frame loaded (not "networkidle": the editor's event stream
    # stays open, and Playwright 1.50, the lowest allowed, then waits for ever)
    sida.wait_for_load_state("load")
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=20000)
    sida.wait_for_timeout(500)
    assert not brott, brott
    assert not utan, utan
