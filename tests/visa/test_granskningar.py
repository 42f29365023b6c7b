"""The review end to end without HTTP, on a copy of the example project that is a git
repository: rektor submits, granskare comments, sends back, approves, reopens with a reason;
each step a commit by the person; the unit file's status follows; nothing is lost."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import Projekt, hitta_projekt
from kvalitet.kontroll.behorigheter import projektets_behorighet
from kvalitet.kontroll.granskning import las_granskning
from kvalitet.modell.rattighet import Behorighet, Otillatet
from kvalitet.visa.behorighet import LOKAL, Nekad, Session, Skrivratt
from kvalitet.visa.granska import Granskningar, forfattare_for
from kvalitet.visa.redigera import Redigering
from kvalitet.visa.server import Forhandsvisning

ENHET = "alvmora-gymnasium"
PERIOD = "2025/26"


def _git(rot: Path, *argument: str) -> str:
    return subprocess.run(
        ["git", *argument], cwd=rot, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def forrad(projekt: Path) -> Path:
    _git(projekt, "init", "-q")
    _git(projekt, "config", "user.name", "Servern")
    _git(projekt, "config", "user.email", "server@alvmora.se")
    _git(projekt, "add", "-A")
    _git(projekt, "commit", "-qm", "början")
    return projekt


def _person(rot: Path, epost: str, namn: str) -> Behorighet:
    return projektets_behorighet(Projekt(rot), {"sub": epost, "email": epost, "name": namn})


def test_granskningen_fran_inlamning_till_godkannande(forrad: Path, runner: CliRunner) -> None:
    projekt = Projekt(forrad)
    granskningar = Granskningar(projekt)
    johanna = _person(forrad, "johanna.ek@alvmora.se", "Johanna Ek")
    karin = _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    enhetsfil = forrad / "rapporter" / "2025-26" / f"{ENHET}.yaml"
    fore = enhetsfil.read_text(encoding="utf-8")
    assert "status: utkast" in fore

    assert granskningar.handling(ENHET, "lämna in", johanna).lage == "inlämnad"
    efter = enhetsfil.read_text(encoding="utf-8")
    assert efter == fore.replace("status: utkast", "status: klar")  # only that line changed
    with pytest.raises(Otillatet, match="bara en granskare kan godkänna"):
        granskningar.handling(ENHET, "godkänn", johanna)

    granskningar.kommentera(ENHET, ["resultat", "styrkor", 0], "Vad bygger det på?", karin)
    granskningar.svara(ENHET, 1, "Elevenkäten, se tabellen.", johanna)
    with pytest.raises(Otillatet, match="kräver en motivering"):
        granskningar.handling(ENHET, "skicka tillbaka", karin)
    granskningar.handling(ENHET, "skicka tillbaka", karin, "Analysen saknar orsaker.")
    assert "status: utkast" in enhetsfil.read_text(encoding="utf-8")
    granskningar.los(ENHET, 1, johanna)
    granskningar.handling(ENHET, "lämna in", johanna)
    godkand = granskningar.handling(ENHET, "godkänn", karin)
    assert godkand.lage == "godkänd"
    assert "status: godkänd" in enhetsfil.read_text(encoding="utf-8")

    # approval locks nobody out: the rektor still reads and writes the unit
    assert johanna.far_lasa(ENHET) and Skrivratt.for_behorighet(projekt, johanna).far_skriva_enhet(
        ENHET
    )
    with pytest.raises(Otillatet, match="öppnas igen bara av en granskare"):
        granskningar.handling(ENHET, "öppna igen", johanna, "Jag vill ändra")
    with pytest.raises(Otillatet, match="kräver en motivering"):
        granskningar.handling(ENHET, "öppna igen", karin, "  ")
    oppnad = granskningar.handling(ENHET, "öppna igen", karin, "Nya siffror från SCB.")
    assert oppnad.lage == "utkast"

    granskning, problem = las_granskning(projekt, PERIOD, ENHET)
    assert granskning is not None and not problem
    assert [(h.handling, h.av.namn, h.varfor) for h in granskning.handelser] == [
        ("lämna in", "Johanna Ek", None),
        ("skicka tillbaka", "Karin Ek", "Analysen saknar orsaker."),
        ("lämna in", "Johanna Ek", None),
        ("godkänn", "Karin Ek", None),
        ("öppna igen", "Karin Ek", "Nya siffror från SCB."),
    ]
    kommentar = granskning.kommentarer[0]
    assert kommentar.sokvag == ["resultat", "styrkor", 0]
    assert kommentar.av.namn == "Karin Ek" and kommentar.svar[0].av.namn == "Johanna Ek"
    assert kommentar.lost is not None and kommentar.lost.av.namn == "Johanna Ek"
    text = projekt.granskningsfil(PERIOD, ENHET).read_text(encoding="utf-8")
    assert text.startswith("# Granskningen av Älvmora gymnasium för 2025/26")
    assert "sökväg: [resultat, styrkor, 0]" in text

    logg = _git(forrad, "log", "--format=%an <%ae>|%s").splitlines()
    assert logg[-1] == "Servern <server@alvmora.se>|början"
    assert logg[0] == (
        "Karin Ek <karin.ek@alvmora.se>|alvmora-gymnasium: status utkast (granskning)"
    )
    assert (
        "Johanna Ek <johanna.ek@alvmora.se>|alvmora-gymnasium: lämna in av Johanna Ek "
        "(johanna.ek@alvmora.se) (granskning)"
    ) in logg
    assert len(logg) == 1 + 8 + 5  # eight review writes, five status writes
    assert _git(forrad, "status", "--porcelain", "rapporter") == ""

    res = runner.invoke(kvalitet, ["kontrollera", str(forrad)])
    assert res.exit_code == 0, res.output
    assert "granskning" not in res.output


def test_ratten_galler_ocksa_for_las_och_kommentar(forrad: Path) -> None:
    granskningar = Granskningar(Projekt(forrad))
    helena = _person(forrad, "helena.sandberg@alvmora.se", "Helena Sandberg")
    with pytest.raises(Otillatet, match="du får inte läsa rapporten för 'alvmora-gymnasium'"):
        granskningar.las(ENHET, helena)
    with pytest.raises(Otillatet):
        granskningar.kommentera(ENHET, [], "Hej", helena)
    with pytest.raises(Otillatet, match="finns inte för 2025/26"):
        granskningar.las("finns-inte", _person(forrad, "karin.ek@alvmora.se", "Karin Ek"))
    assert not (forrad / "rapporter" / "2025-26" / "granskning").exists()


def test_utan_granskningsfil_galler_enhetens_status(forrad: Path) -> None:
    """bjorkbackaskolan has 'status: klar' from before the review existed: it is inlämnad,
    and a granskare approves it at once."""
    granskningar = Granskningar(Projekt(forrad))
    karin = _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    assert granskningar.las("bjorkbackaskolan", karin).lage == "inlämnad"
    assert granskningar.las("resurscentrum", karin).lage == "godkänd"
    assert granskningar.handling("bjorkbackaskolan", "godkänn", karin).lage == "godkänd"


def test_en_trasig_granskningsfil_skrivs_aldrig_over(forrad: Path) -> None:
    projekt = Projekt(forrad)
    fil = projekt.granskningsfil(PERIOD, ENHET)
    fil.parent.mkdir(parents=True)
    trasig = "enhet: alvmora-gymnasium\nläge: klar\n# någon skrev för hand\n"
    fil.write_text(trasig, encoding="utf-8")
    karin = _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    with pytest.raises(Otillatet, match=r"granskningsfilen kan inte läsas .*inget skrivs över den"):
        Granskningar(projekt).kommentera(ENHET, [], "Hej", karin)
    assert fil.read_text(encoding="utf-8") == trasig


def test_samtidiga_kommentarer_tappas_inte(forrad: Path) -> None:
    """Two granskare comment at once, ten times each: the write path's lock keeps all 20."""
    projekt = Projekt(forrad)
    personer = [
        _person(forrad, "karin.ek@alvmora.se", "Karin Ek"),
        projektets_behorighet(
            projekt, {"sub": "u", "email": "u@alvmora.se", "groups": ["bou-utvecklingsledare"]}
        ),
    ]
    fel: list[BaseException] = []

    def skriv(vem: Behorighet, namn: str) -> None:
        try:
            for i in range(10):
                Granskningar(projekt).kommentera(ENHET, ["analys"], f"{namn} {i}", vem)
        except BaseException as exc:  # pragma: no cover - shown by the assert
            fel.append(exc)

    tradar = [threading.Thread(target=skriv, args=(p, f"p{n}")) for n, p in enumerate(personer)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert not fel
    granskning, _ = las_granskning(projekt, PERIOD, ENHET)
    assert granskning is not None
    assert sorted(k.text for k in granskning.kommentarer) == sorted(
        f"p{n} {i}" for n in range(2) for i in range(10)
    )
    assert sorted(k.nummer for k in granskning.kommentarer) == list(range(1, 21))


def _redigering(rot: Path, vem: Behorighet | None = None) -> Redigering:
    projekt = hitta_projekt(rot)
    session = Session(vem) if vem is not None else Session()
    skrivratt = Skrivratt.for_behorighet(projekt, vem) if vem is not None else None
    return Redigering(Forhandsvisning(projekt), skrivratt, session)


def test_editorns_statusknapp_utan_granskningsfil_som_forut(forrad: Path) -> None:
    """kvalitet skriv alone: the status is written, no review file appears."""
    redigering = _redigering(forrad)
    data = redigering.oppna(ENHET)
    assert redigering.satt_status(ENHET, "godkänd", data["version"], data["data"])["sparad"]
    assert not (forrad / "rapporter" / "2025-26" / "granskning").exists()


def test_editorns_statusknapp_foljer_granskningen(forrad: Path) -> None:
    projekt = Projekt(forrad)
    johanna = _person(forrad, "johanna.ek@alvmora.se", "Johanna Ek")
    Granskningar(projekt).kommentera(
        ENHET, [], "Börja med analysen.", _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    )
    # the review file exists: the local editor's "Godkänn" is recorded in its history
    redigering = _redigering(forrad)
    data = redigering.oppna(ENHET)
    redigering.satt_status(ENHET, "godkänd", data["version"], data["data"])
    granskning, _ = las_granskning(projekt, PERIOD, ENHET)
    assert granskning is not None and granskning.lage == "godkänd"
    assert [h.handling for h in granskning.handelser] == ["lämna in", "godkänn"]
    assert granskning.handelser[0].av.namn == "den lokala användaren"

    # a logged-in rektor: reopening is the granskare's, refused before anything is written
    enhetsfil = forrad / "rapporter" / "2025-26" / f"{ENHET}.yaml"
    fore = enhetsfil.read_bytes()
    redigering = _redigering(forrad, johanna)
    data = redigering.oppna(ENHET)
    with pytest.raises(Otillatet, match="öppnas igen bara av en granskare"):
        redigering.satt_status(ENHET, "utkast", data["version"], data["data"])
    assert enhetsfil.read_bytes() == fore


def test_en_sparning_i_formularet_har_personen_som_forfattare(forrad: Path) -> None:
    johanna = _person(forrad, "johanna.ek@alvmora.se", "Johanna Ek")
    redigering = _redigering(forrad, johanna)
    data = redigering.oppna(ENHET)
    andrad = {**data["data"], "sammanfattning": "Ett år med nya lokaler."}
    svar = redigering.spara(
        ENHET, andrad, data["version"], data["data"], forfattare=forfattare_for(johanna)
    )
    assert svar["sparad"]
    assert _git(forrad, "log", "-1", "--format=%an <%ae>|%cn|%s") == (
        "Johanna Ek <johanna.ek@alvmora.se>|Servern|alvmora-gymnasium: sparad i webbläsaren "
        "(kvalitet skriv)\n"
    )
    with pytest.raises(Nekad, match="du får inte skriva i enheten 'bjorkbackaskolan'"):
        redigering.oppna("bjorkbackaskolan")


@pytest.mark.parametrize("vad", ["fil", "mapp"])
def test_aldrig_genom_en_lank(
    forrad: Path, tmp_path_factory: pytest.TempPathFactory, vad: str, runner: CliRunner
) -> None:
    """A review file or folder that is a link (perhaps to a secret outside the project) is
    neither read, shown nor written through."""
    utanfor = tmp_path_factory.mktemp("utanfor")
    hemlig = utanfor / f"{ENHET}.yaml"
    hemlig.write_text("enhet: alvmora-gymnasium\nläge: godkänd\n# hemligt\n", encoding="utf-8")
    projekt = Projekt(forrad)
    fil = projekt.granskningsfil(PERIOD, ENHET)
    if vad == "fil":
        fil.parent.mkdir(parents=True)
        fil.symlink_to(hemlig)
    else:
        fil.parent.symlink_to(utanfor, target_is_directory=True)
    karin = _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    with pytest.raises(Otillatet, match="är en länk; kvalitet läser och skriver inte genom länkar"):
        Granskningar(projekt).las(ENHET, karin)
    with pytest.raises(Otillatet, match="är en länk"):
        Granskningar(projekt).kommentera(ENHET, [], "Hej", karin)
    assert hemlig.read_text(encoding="utf-8").endswith("# hemligt\n")
    assert sorted(p.name for p in utanfor.iterdir()) == [f"{ENHET}.yaml"]
    res = runner.invoke(kvalitet, ["kontrollera", str(forrad)])
    assert res.exit_code == 1
    fel = {
        "fil": "2025-26/granskning/alvmora-gymnasium.yaml:1:1: fel: granskningsfilen är "
        "en länk och läses inte (ta bort länken; kvalitet skriver granskningen själv)",
        "mapp": "2025-26/granskning:1:1: fel: mappen granskning/ är en länk och läses "
        "inte (ta bort länken; kvalitet skapar mappen själv)",
    }[vad]
    assert any(r.endswith(fel) for r in res.output.splitlines()), res.output


@pytest.mark.parametrize(
    ("enhet", "period", "fel"),
    [
        ("../behörigheter", None, "finns inte för 2025/26"),
        ("../../../../tmp/x", None, "finns inte för 2025/26"),
        ("alvmora-gymnasium", "../..", "'../..' är ingen period"),
        ("alvmora-gymnasium", "2025-26/../../x", "är ingen period"),
    ],
)
def test_ett_id_eller_en_period_som_pekar_ut_nekas(
    forrad: Path, enhet: str, period: str | None, fel: str
) -> None:
    karin = _person(forrad, "karin.ek@alvmora.se", "Karin Ek")
    fore = sorted(p for p in forrad.rglob("*") if ".git" not in p.parts)
    granskningar = Granskningar(Projekt(forrad))
    for gor in (
        lambda: granskningar.las(enhet, karin, period),
        lambda: granskningar.kommentera(enhet, [], "Hej", karin, period),
        lambda: granskningar.handling(enhet, "godkänn", karin, period=period),
        lambda: granskningar.forbered_status(enhet, "godkänd", LOKAL, period),
    ):
        with pytest.raises(Otillatet, match=re.escape(fel)):
            gor()
    assert sorted(p for p in forrad.rglob("*") if ".git" not in p.parts) == fore
