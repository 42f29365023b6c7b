"""Issue 28 point 5 through the browser only: a unit on each of the three rapportmallar is created
on the page "Ny enhet", filled through the form (clicks and typing), saved, reloaded, validated
and built; the form shows the template's parts in its order with its headings and guidance, its
tables with the template's columns and the scale's steps as words; emptying a cell and removing a
row lose nothing else; at 320, 390 and 1280 px with every section open nothing scrolls sideways."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import ident
from playwright.sync_api import Page, expect
from test_formular_omflode import BREDA, DUBBLA, skarmbild

from kvalitet.cli import kvalitet

PERIOD = Path("rapporter") / "2025-26"


def _sparat(sida: Page) -> None:
    sida.wait_for_timeout(100)
    expect(sida.locator("#sparstatus")).to_have_text(re.compile(r"^Sparat"), timeout=15000)


def _oppna_till(sida: Page, *sokvag: str | int) -> None:
    """Opens the closed sections around the field at ``sokvag`` by clicking their summaries."""
    for _ in range(10):
        stangd = sida.locator(f"details:has(#{ident(*sokvag)}):not([open]) > summary")
        if not stangd.count():
            return
        stangd.first.click()


def _fyll(sida: Page, *sokvag: str | int, varde: str) -> None:
    _oppna_till(sida, *sokvag)
    sida.locator(f"#{ident(*sokvag)}").fill(varde)


def _valj(sida: Page, *sokvag: str | int, etikett: str) -> None:
    _oppna_till(sida, *sokvag)
    sida.locator(f"#{ident(*sokvag)}").select_option(label=etikett)


def _las(fil: Path) -> Any:
    return yaml.safe_load(fil.read_text(encoding="utf-8"))


def _ny_enhet(sida: Page, bas: str, namn: str, skolform: str, mall: str) -> None:
    sida.goto(bas + "/")
    sida.get_by_role("link", name="Ny enhet").click()
    sida.get_by_label("Enhetens namn").fill(namn)
    sida.get_by_label("Skolform").select_option(skolform)
    sida.get_by_label("Rapportmall").select_option(mall)
    # creating the unit and opening its form can take long on a busy machine (CI, 2 cores)
    sida.get_by_role("button", name="Skapa enheten").click(no_wait_after=True)
    sida.wait_for_url(re.compile(r"/skriv/[a-z0-9-]+$"), timeout=60000)
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)


def _sektioner(sida: Page) -> list[str]:
    """The headings of the form's top-level sections, in order."""
    return sida.locator("#formular fieldset.hela > details.sektion > summary").all_inner_texts()


def _utan_sidledsrullning(sida: Page, mapp: Path, namn: str) -> None:
    for bredd in (320, 390, 1280):
        sida.set_viewport_size({"width": bredd, "height": 900})
        for _ in range(400):
            stangd = sida.locator("details:not([open]) > summary:visible")
            if not stangd.count():
                break
            stangd.first.click()
        assert sida.locator("#formular details:not([open])").count() == 0
        bredd_nu = sida.evaluate("document.documentElement.scrollWidth")
        inner = sida.evaluate("innerWidth")
        assert bredd_nu <= inner + 1, (bredd, bredd_nu, inner, sida.evaluate(BREDA))
        assert sida.evaluate(DUBBLA) == []
        skarmbild(sida, mapp, f"{namn}-{bredd}.png")


def _kontrollera_och_bygg(runner: CliRunner, enhet: str) -> str:
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", enhet])
    assert res.exit_code == 0, res.output
    assert not [r for r in res.output.splitlines() if f"{enhet}.yaml" in r and ": fel:" in r]
    res = runner.invoke(kvalitet, ["bygg", "--enhet", enhet, "--format", "html"])
    assert res.exit_code == 0, res.output
    return (Path("ut") / f"{enhet}.html").read_text(encoding="utf-8")


@pytest.fixture
def sida(webblasare) -> Page:  # type: ignore[no-untyped-def]
    sida = webblasare.new_page(viewport={"width": 1280, "height": 900})
    fel: list[str] = []
    sida.on("pageerror", lambda e: fel.append(str(e)))
    yield sida
    assert not fel, fel


def test_forskoleavdelningen_fylls_i_genom_formularet(  # type: ignore[no-untyped-def]
    redigerare, sida: Page, runner: CliRunner, tmp_path: Path
) -> None:
    bas, projekt, _ = redigerare
    _ny_enhet(sida, bas, "Blåbäret", "förskola", "forskola-avdelning")
    fil = projekt / PERIOD / "blabaret.yaml"
    assert _las(fil)["rapportmall"] == "forskola-avdelning"
    # the template's parts in its order, with its headings, and the rest after them
    assert _sektioner(sida)[:5] == [
        "Organisation",
        "Förbättringsområden",
        "Fortbildning",
        "Självvärdering",
        "Förbättringsområden nästa år",
    ]
    assert _sektioner(sida)[-2:] == ["Fält utanför rapportmallen", "Uppgifter om enheten"]
    sida.locator("summary", has_text="Förbättringsområden").first.click()
    expect(sida.get_by_text("Förra årets förbättringsområden, hur ni har arbetat")).to_be_visible()

    _fyll(sida, "beskrivning", varde="Blåbäret har 18 barn i åldrarna 3–5 år och fyra pedagoger.")
    fb = ("delar", "forbattringsomraden", "tabeller", 0, "rader")
    _fyll(sida, *fb, 0, "rad", varde="Språkutveckling")
    _fyll(sida, *fb, 0, "värden", 0, varde="Högläsning varje dag i små grupper.")
    _fyll(sida, *fb, 0, "värden", 1, varde="Fler barn berättar själva om det de har läst.")
    sida.get_by_role("button", name="Lägg till rad i förbättringsområden").click()
    _fyll(sida, *fb, 1, "rad", varde="Utevistelse")
    _fyll(sida, *fb, 1, "värden", 1, varde="Mer lek i skogen.")
    kurs = ("delar", "fortbildning", "tabeller", 0, "rader", 0)
    _fyll(sida, *kurs, "rad", varde="Läslyftet i förskolan")
    _fyll(sida, *kurs, "värden", 0, varde="4")
    sv = ("delar", "sjalvvardering", "tabeller", 0, "rader")
    steg = ["grön", "gul", "röd", "gul", "grön"]
    ord_ = {
        "grön": "grön – Vi arbetar så här i hela verksamheten",
        "gul": "gul – Vi har börjat, men inte överallt",
        "röd": "röd – Vi har inte kommit i gång",
    }
    for i, s in enumerate(steg):
        _valj(sida, *sv, i, "värden", 0, etikett=ord_[s])
    _fyll(sida, *sv, 2, "värden", 1, varde="Barnråd startar i vår.")
    _fyll(sida, "delar", "framat", "text", varde="Matematik i leken.")
    _fyll(sida, "ansvarig", "namn", varde="Maria Lind")
    _sparat(sida)

    data = _las(fil)
    tabell = data["delar"]["forbattringsomraden"]["tabeller"][0]
    assert tabell["radrubrik"] == "Förbättringsområde"
    assert tabell["kolumner"] == ["Så här har vi arbetat", "Resultat"]
    assert tabell["rader"][1] == {"rad": "Utevistelse", "värden": [None, "Mer lek i skogen."]}
    sjalv = data["delar"]["sjalvvardering"]["tabeller"][0]
    assert [r["värden"][0] for r in sjalv["rader"]] == steg
    assert sjalv["rader"][0]["rad"] == "Normer och värden"
    assert data["delar"]["fortbildning"]["tabeller"][0]["rader"][0]["värden"] == [4, None]

    # emptying a cell leaves it blank in its place; removing a row moves nothing else
    _fyll(sida, *fb, 0, "värden", 0, varde="")
    _sparat(sida)
    assert _las(fil)["delar"]["forbattringsomraden"]["tabeller"][0]["rader"][0]["värden"] == [
        None,
        "Fler barn berättar själva om det de har läst.",
    ]
    _fyll(sida, *fb, 0, "värden", 0, varde="Högläsning varje dag i små grupper.")
    sida.get_by_role("button", name="Ta bort rad 2 i förbättringsområden").click()
    _sparat(sida)
    rader = _las(fil)["delar"]["forbattringsomraden"]["tabeller"][0]["rader"]
    assert [r["rad"] for r in rader] == ["Språkutveckling"]
    assert rader[0]["värden"][0] == "Högläsning varje dag i små grupper."

    # reloaded, the form shows what was written
    sida.reload()
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)
    _oppna_till(sida, *sv, 1, "värden", 0)
    expect(sida.locator(f"#{ident(*sv, 1, 'värden', 0)}")).to_have_value("gul")
    _oppna_till(sida, *fb, 0, "värden", 1)
    expect(sida.locator(f"#{ident(*fb, 0, 'värden', 1)}")).to_have_value(
        "Fler barn berättar själva om det de har läst."
    )

    html = _kontrollera_och_bygg(runner, "blabaret")
    for ord_i_html in (
        "Högläsning varje dag i små grupper",
        "Läslyftet i förskolan",
        "Barnråd startar i vår",
    ):
        assert ord_i_html in html
    _utan_sidledsrullning(sida, tmp_path / "skarmbilder", "forskola-avdelning")


def test_stadierapporten_fylls_i_genom_formularet(  # type: ignore[no-untyped-def]
    redigerare, sida: Page, runner: CliRunner, tmp_path: Path
) -> None:
    bas, projekt, _ = redigerare
    _ny_enhet(sida, bas, "Björkbacka mellanstadiet", "grundskola", "stadierapport")
    fil = projekt / PERIOD / "bjorkbacka-mellanstadiet.yaml"
    assert _sektioner(sida)[:4] == [
        "Läsåret i korthet",
        "Kunskapsresultat",
        "Trygghet och studiero",
        "Analys och åtgärder",
    ]
    _fyll(sida, "delar", "lasaret-i-korthet", "text", varde="Ett år med nya läromedel i svenska.")
    kr = ("delar", "kunskapsresultat", "tabeller", 0, "rader", 0)
    _fyll(sida, *kr, "rad", varde="Årskurs 6")
    for j, v in enumerate(["81", "---", "86", "90", "80"]):
        _fyll(sida, *kr, "värden", j, varde=v)
    _fyll(sida, "delar", "trygghet", "text", varde="93 % av eleverna känner sig trygga.")
    _fyll(sida, "analys", "text", varde="Läsningen har lyft resultaten i årskurs 6.")
    _fyll(sida, "ansvarig", "namn", varde="Jonas Berg")
    _sparat(sida)
    tabell = _las(fil)["delar"]["kunskapsresultat"]["tabeller"][0]
    assert tabell["kolumner"] == ["2023/24", "2024/25", "2025/26", "Flickor", "Pojkar"]
    assert tabell["rader"] == [{"rad": "Årskurs 6", "värden": [81, "---", 86, 90, 80]}]
    sida.reload()
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)
    _oppna_till(sida, *kr, "värden", 1)
    expect(sida.locator(f"#{ident(*kr, 'värden', 1)}")).to_have_value("---")
    html = _kontrollera_och_bygg(runner, "bjorkbacka-mellanstadiet")
    for text in ("Årskurs 6", "nya läromedel", "Läsningen har lyft"):
        assert text in html
    _utan_sidledsrullning(sida, tmp_path / "skarmbilder", "stadierapport")


def test_standardmallen_fylls_i_genom_formularet(  # type: ignore[no-untyped-def]
    redigerare, sida: Page, runner: CliRunner, tmp_path: Path
) -> None:
    bas, projekt, _ = redigerare
    _ny_enhet(sida, bas, "Lövängsskolan", "grundskola", "standard")
    fil = projekt / PERIOD / "lovangsskolan.yaml"
    sektioner = _sektioner(sida)
    assert sektioner.index("Det systematiska kvalitetsarbetet") < sektioner.index("Analys")
    assert "Fält utanför rapportmallen" not in sektioner
    _fyll(sida, "kvalitetsarbete", "text", varde="Årshjulet följdes med tre analysdagar.")
    _fyll(sida, "analys", "text", varde="Resultaten i matematik har stigit.")
    _fyll(sida, "ansvarig", "namn", varde="Kim Rektorsson")
    _sparat(sida)
    data = _las(fil)
    assert data["kvalitetsarbete"]["text"] == "Årshjulet följdes med tre analysdagar."
    sida.reload()
    expect(sida.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)
    _oppna_till(sida, "analys", "text")
    expect(sida.locator(f"#{ident('analys', 'text')}")).to_have_value(
        "Resultaten i matematik har stigit."
    )
    html = _kontrollera_och_bygg(runner, "lovangsskolan")
    assert "tre analysdagar" in html
    _utan_sidledsrullning(sida, tmp_path / "skarmbilder", "standard")


def test_tva_flikar_olika_celler_i_mallens_tabell_bada_behalls(  # type: ignore[no-untyped-def]
    redigerare, webblasare, runner: CliRunner
) -> None:
    bas, projekt, _ = redigerare
    argument = ["ny", "enhet", "blabaret", "--namn", "Blåbäret", "--skolform", "förskola"]
    argument += ["--rapportmall", "forskola-avdelning"]
    res = runner.invoke(kvalitet, argument)
    assert res.exit_code == 0, res.output
    fil = projekt / PERIOD / "blabaret.yaml"
    flikar = []
    for _ in range(2):
        flik = webblasare.new_context(viewport={"width": 1280, "height": 900}).new_page()
        flik.goto(f"{bas}/skriv/blabaret")
        expect(flik.locator("#sparstatus")).to_contain_text("Formuläret är öppet", timeout=15000)
        flikar.append(flik)
    a, b = flikar
    rad = ("delar", "forbattringsomraden", "tabeller", 0, "rader", 0, "värden")
    _fyll(a, *rad, 0, varde="Skrivet i flik A")
    a.wait_for_timeout(300)
    _fyll(b, *rad, 1, varde="Skrivet i flik B")
    _sparat(a)
    _sparat(b)
    varden = _las(fil)["delar"]["forbattringsomraden"]["tabeller"][0]["rader"][0]["värden"]
    assert varden == ["Skrivet i flik A", "Skrivet i flik B"]
    expect(a.locator(f"#{ident(*rad, 1)}")).to_have_value("Skrivet i flik B", timeout=10000)
    expect(b.locator(f"#{ident(*rad, 0)}")).to_have_value("Skrivet i flik A")
