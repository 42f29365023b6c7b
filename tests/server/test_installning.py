"""The server's configuration, claims, write rule and session store, without processes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.requests import Request

from kvalitet.cli import kvalitet
from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.server.anvandare import anvandare_ur_ansprak, skrivratt_for
from kvalitet.server.installning import las_installning
from kvalitet.server.oidc import Inloggning
from kvalitet.server.sessioner import Sessionslager

HEMLIGHET = "h" * 40
GILTIG = f"""[server]
adress = "https://kvalitet.kommun.se"
sessionshemlighet = "{HEMLIGHET}"
[oidc]
utfardare = "https://login.microsoftonline.com/abc/v2.0"
klient_id = "app"
klient_hemlighet = "s"
[skrivratt]
"Anna.Rektor@exempel.se" = ["bjorkbackaskolan"]
"grupp:Strateger" = ["*"]
"""


def _fil(tmp_path: Path, text: str) -> Path:
    fil = tmp_path / "server.toml"
    fil.write_text(text, encoding="utf-8")
    return fil


def test_giltig_fil_och_miljon_gar_fore(tmp_path: Path) -> None:
    inst = las_installning(_fil(tmp_path, GILTIG), {"KVALITET_OIDC_KLIENT_HEMLIGHET": "ur-miljon"})
    assert inst.klient_hemlighet == "ur-miljon" and inst.sakra_kakor is True
    assert inst.vard == "kvalitet.kommun.se" and inst.ursprung == "https://kvalitet.kommun.se"
    assert inst.url("/inloggad") == "https://kvalitet.kommun.se/inloggad"
    assert inst.skrivratt == {
        "anna.rektor@exempel.se": ("bjorkbackaskolan",),
        "grupp:strateger": ("*",),
    }


def test_bara_miljon_racker() -> None:
    miljo = {
        "KVALITET_SERVER_ADRESS": "https://k.kommun.se",
        "KVALITET_SESSIONSHEMLIGHET": HEMLIGHET,
        "KVALITET_OIDC_UTFARDARE": "https://idp.kommun.se",
        "KVALITET_OIDC_KLIENT_ID": "app",
        "KVALITET_OIDC_KLIENT_HEMLIGHET": "s",
    }
    assert las_installning(None, miljo).adress == "https://k.kommun.se"


def test_alla_fel_pa_en_gang_pa_svenska(tmp_path: Path) -> None:
    with pytest.raises(KvalitetError) as fel:
        las_installning(_fil(tmp_path, "[server]\n"), {})
    text = fel.value.format_message()
    for nyckel in ("adress", "sessionshemlighet", "utfardare", "klient_id", "klient_hemlighet"):
        assert f"'{nyckel}' saknas" in text
    assert "KVALITET_OIDC_KLIENT_HEMLIGHET" in text


@pytest.mark.parametrize(
    ("byt", "mot", "vantat"),
    [
        (
            'adress = "https://kvalitet.kommun.se"',
            'adress = "http://kvalitet.kommun.se"',
            "https://",
        ),
        ("[oidc]", "sakra_kakor = false\n[oidc]", "bara tillåtet för http://127.0.0.1"),
        (f'"{HEMLIGHET}"', '"kort"', "kortare än 32 tecken"),
        ('utfardare = "https://', 'utfardare = "http://', "ingen https-adress"),
        ('["bjorkbackaskolan"]', '"bjorkbackaskolan"', "ska vara en lista"),
        ("[server]", "[server", "inte giltig TOML"),
    ],
)
def test_farliga_eller_trasiga_installningar_nekas(
    tmp_path: Path, byt: str, mot: str, vantat: str
) -> None:
    with pytest.raises(KvalitetError) as fel:
        las_installning(_fil(tmp_path, GILTIG.replace(byt, mot, 1)), {})
    assert vantat in fel.value.format_message()


def test_http_och_osakra_kakor_gar_for_den_egna_datorn(tmp_path: Path) -> None:
    text = GILTIG.replace("https://kvalitet.kommun.se", "http://127.0.0.1:8080")
    inst = las_installning(
        _fil(tmp_path, text.replace("[oidc]", "sakra_kakor = false\n[oidc]")), {}
    )
    assert inst.sakra_kakor is False and inst.vard == "127.0.0.1:8080"


def test_en_fil_som_inte_finns(tmp_path: Path) -> None:
    with pytest.raises(KvalitetError) as fel:
        las_installning(tmp_path / "saknas.toml", {})
    assert "saknas.toml: fel: filen finns inte" in fel.value.format_message()


def test_kommandot_utan_installningar_svarar_svenskt_fel(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        kvalitet, ["server", str(tmp_path)], env={"KVALITET_SERVER_ADRESS": ""}
    )
    assert res.exit_code == 1
    assert "inställningarna för kvalitet server går inte att använda" in res.output
    assert "Traceback" not in res.output


def test_entra_id_ansprak_och_skrivregeln(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    regler = {"anna@exempel.se": ("bjorkbackaskolan",), "grupp:strateger": ("*",)}
    anna = anvandare_ur_ansprak({"sub": "1", "preferred_username": "Anna@Exempel.se", "name": "A"})
    assert anna.epost == "anna@exempel.se" and anna.grupper == ()
    ratt = skrivratt_for(anna, regler, proj)
    assert ratt.far_skriva_enhet("bjorkbackaskolan") and not ratt.far_skriva_enhet("resurscentrum")
    strateg = anvandare_ur_ansprak({"sub": "2", "email": "s@x.se", "groups": ["Strateger"]})
    assert skrivratt_for(strateg, regler, proj).enheter is None  # every unit
    okand = anvandare_ur_ansprak({"sub": "3"})
    assert skrivratt_for(okand, regler, proj).enheter == frozenset()


def test_sessionslagret_signatur_och_utgang() -> None:
    lager = Sessionslager(HEMLIGHET, sekunder=3600)
    sid = lager.spara(None, {"a": 1})
    kaka = lager.kaka_for(sid)
    assert lager.hamta(kaka) == (sid, {"a": 1})
    assert lager.hamta(sid) == (None, {})  # an unsigned id is no cookie
    assert lager.hamta(kaka[:-2] + "xx") == (None, {})
    assert Sessionslager("annan" + HEMLIGHET, 3600).hamta(kaka) == (None, {})
    lager.ta_bort(sid)
    assert lager.hamta(kaka) == (None, {})
    kort = Sessionslager(HEMLIGHET, sekunder=0)
    assert kort.hamta(kort.kaka_for(kort.spara(None, {"a": 1}))) == (None, {})


def test_leverantoren_svarar_inte_ger_503_pa_svenska(tmp_path: Path) -> None:
    text = GILTIG.replace("https://login.microsoftonline.com/abc/v2.0", "http://127.0.0.1:9")
    inloggning = Inloggning(las_installning(_fil(tmp_path, text), {}))
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/logga-in",
        "query_string": b"",
        "headers": [],
        "session": {},
    }
    svar = asyncio.run(inloggning.logga_in(Request(scope)))
    assert svar.status_code == 503 and "svarar inte" in bytes(svar.body).decode()


def test_manga_paborjade_inloggningar_trangar_inte_undan_en_inloggad(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kvalitet.server import sessioner

    monkeypatch.setattr(sessioner, "MAX_ANONYMA", 3)
    lager = Sessionslager(HEMLIGHET, sekunder=3600)
    inloggad = lager.kaka_for(lager.spara(None, {"anvandare": {"sub": "1"}}))
    paborjade = [lager.kaka_for(lager.spara(None, {"state": i})) for i in range(10)]
    assert lager.hamta(inloggad)[1] == {"anvandare": {"sub": "1"}}
    assert lager.hamta(paborjade[0]) == (None, {}) and lager.hamta(paborjade[-1])[1] == {"state": 9}


def test_https_adressen_ger_hsts_och_fel_host_ger_421(tmp_path: Path) -> None:
    from kvalitet.server.app import Skydd

    inst = las_installning(_fil(tmp_path, GILTIG), {})
    skickat: list[dict[str, object]] = []

    async def app(scope: object, receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]

    async def skicka(meddelande: dict[str, object]) -> None:
        skickat.append(meddelande)

    async def ta_emot() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    def begaran(vard: bytes) -> dict[str, object]:
        return {"type": "http", "method": "GET", "path": "/", "headers": [(b"host", vard)]}

    asyncio.run(Skydd(app, inst)(begaran(b"kvalitet.kommun.se"), ta_emot, skicka))
    assert skickat[0]["status"] == 200
    assert (b"strict-transport-security", b"max-age=31536000") in skickat[0]["headers"]  # type: ignore[operator]
    skickat.clear()
    asyncio.run(Skydd(app, inst)(begaran(b"annan.example"), ta_emot, skicka))
    assert skickat[0]["status"] == 421


def test_pdf_kon_och_inloggningsgranserna(tmp_path: Path) -> None:
    standard = las_installning(_fil(tmp_path, GILTIG), {})
    assert (standard.pdf_samtidiga, standard.pdf_ko) == (0, 8)
    assert (standard.inloggningar_per_adress, standard.inloggningar_per_konto) == (30, 10)
    egna = GILTIG.replace(
        "[oidc]", "pdf_samtidiga = 3\npdf_ko = 0\ninloggningar_per_konto = 2\n[oidc]"
    )
    inst = las_installning(_fil(tmp_path, egna), {})
    assert (inst.pdf_samtidiga, inst.pdf_ko, inst.inloggningar_per_konto) == (3, 0, 2)
    fel = GILTIG.replace(
        "[oidc]", 'pdf_ko = -1\npdf_samtidiga = "två"\ninloggningar_per_adress = 0\n[oidc]'
    )
    with pytest.raises(KvalitetError) as svar:
        las_installning(_fil(tmp_path, fel), {})
    text = svar.value.format_message()
    assert "pdf_ko under [server] ska vara ett heltal, minst 0 (t.ex. pdf_ko = 8)" in text
    assert "pdf_samtidiga under [server] ska vara ett heltal, minst 0" in text
    assert "inloggningar_per_adress under [server] ska vara ett heltal, minst 1" in text
    assert "Traceback" not in text


def test_inloggningshinken_fylls_pa_i_sin_takt() -> None:
    from kvalitet.server.inloggningsgrans import Hinkar

    hinkar = Hinkar(per_minut=2)
    assert [hinkar.ta("a", nu=0.0), hinkar.ta("a", nu=0.0)] == [0, 0]
    assert hinkar.ta("a", nu=0.0) == 30  # one more comes after 30 s
    assert hinkar.ta("b", nu=0.0) == 0  # another address has its own bucket
    assert hinkar.ta("a", nu=31.0) == 0
    assert hinkar.ta("a", nu=31.0) > 0
