"""Hostile input: nothing in a source file may run, read outside the project or reach the network."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from kvalitet.cli import kvalitet

HEMLIGHET = "HEMLIG-RAD-UTANFÖR-PROJEKTET"


class Inspelare(http.server.BaseHTTPRequestHandler):
    """Records every request it gets; the tests require that it gets none."""

    anrop: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        Inspelare.anrop.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A loopback HTTP server that records requests; yields its base URL."""
    Inspelare.anrop = []
    srv = http.server.HTTPServer(("127.0.0.1", 0), Inspelare)
    trad = threading.Thread(target=srv.serve_forever, daemon=True)
    trad.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def hemlig_fil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the project whose content must never reach any output."""
    fil = tmp_path_factory.mktemp("utanfor") / "hemlig.txt"
    fil.write_text(HEMLIGHET + "\n")
    return fil


def nyttolaster(url: str, hemlig: Path) -> list[str]:
    return [
        "<script>alert('x')</script>",
        f'<iframe src="{url}/iframe"></iframe>',
        '<img src=x onerror="alert(1)">',
        "[klicka här](javascript:alert(1))",
        '<a href="javascript:alert(1)">länk</a>',
        "<style>body { display: none }</style>",
        f'<object data="file://{hemlig}"></object>',
        f"![hemlig](file://{hemlig})",
        f"![bild]({url}/markdown.png)",
        f'<link rel="stylesheet" href="{url}/stil.css">',
        "<svg onload=alert(1)><circle r=5 /></svg>",
        f"<img src='{url}/html.png'>",
        "<div style=\"background: url('" + url + "/bakgrund.png')\">x</div>",
        f"[länk till nätet]({url}/lank)",
    ]


class Taggar(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.taggar: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.taggar.append((tag, dict(attrs)))


def _injicera(fil: Path, laster: list[str]) -> None:
    data = yaml.safe_load(fil.read_text(encoding="utf-8"))
    allt = "\n\n".join(laster)
    data["namn"] = laster[0] + " Björkbackaskolan"
    data["beskrivning"] = allt
    data["sammanfattning"] = allt
    data["kvalitetsarbete"]["text"] = allt
    data["kvalitetsarbete"]["slutsatser"] = laster
    avsnitt = data["resultat"]["objektiva"]["avsnitt"][0]
    avsnitt["rubrik"] = laster[2]
    avsnitt["tabeller"][0]["rubrik"] = laster[1]
    avsnitt["tabeller"][0]["rader"][0]["rad"] = laster[4]
    data["analys"]["till_analys"] = laster
    data["utvecklingsområden"][0]["varför"] = allt
    data["utvecklingsområden"][0]["förväntade_effekter"]["kort_sikt"] = allt
    data["styrtal"]["1.1.1"]["kommentar"] = allt
    data["aktiviteter"][0]["rubrik"] = laster[0]
    data["aktiviteter"][0]["beskrivning"] = allt
    fil.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_fientlig_text_blir_ofarlig_i_html_och_pdf(
    projekt: Path, runner: CliRunner, server: str, hemlig_fil: Path
) -> None:
    laster = nyttolaster(server, hemlig_fil)
    _injicera(projekt / "rapporter" / "2025-26" / "bjorkbackaskolan.yaml", laster)
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "bjorkbackaskolan"])
    assert res.exit_code == 0, res.output

    html = (projekt / "ut" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    parser = Taggar()
    parser.feed(html)
    taggar = parser.taggar
    assert not [t for t, _ in taggar if t in {"script", "iframe", "object", "embed", "link"}]
    # the only SVG are kvalitet's own charts
    assert all(a.get("class") == "diagram" for t, a in taggar if t == "svg")
    assert [t for t, _ in taggar].count("style") == 2, (
        "bara mallens egna stilar (A4/skärm och mobil)"
    )
    for tagg, attribut in taggar:
        for namn, varde in attribut.items():
            assert not namn.startswith("on"), (tagg, namn)
            assert namn != "style", tagg
            if namn in ("href", "src") and varde:
                assert not varde.startswith(("javascript:", "file:")), (tagg, varde)
                assert not (tagg == "img" and varde.startswith("http")), varde
    assert "&lt;script&gt;" in html, "texten ska synas, ofarligt escapad"

    pdf = PdfReader(projekt / "ut" / "bjorkbackaskolan.pdf")
    text = "".join(sida.extract_text() for sida in pdf.pages)
    assert HEMLIGHET not in text
    for sida in pdf.pages:
        for annot in sida.get("/Annots") or []:
            uri = str(annot.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.startswith(("javascript:", "file:")), uri
    assert Inspelare.anrop == []


@pytest.mark.parametrize(
    ("referens", "vantat"),
    [
        ("file:///etc/passwd", "är en adress"),
        ("../../../../../../etc/passwd", "ligger utanför projektmappen"),
        ("/etc/passwd", "är en absolut sökväg"),
        ("/dev/urandom", "är en absolut sökväg"),
        ("C:\\Bilder\\logo.png", "är en absolut sökväg"),
        ("https://example.org/logo.png", "är en adress"),
        ("SERVER/bild.png", "är en adress"),
        ("../bilder/lank-ut.png", "är en länk som pekar utanför projektmappen"),
        ("../bilder/lank-dev.png", "är en länk som pekar utanför projektmappen"),
        ("../bilder/slinga.png", "kan inte läsas"),
        ("../bilder", "är ingen vanlig fil"),
    ],
)
def test_referenser_utanfor_projektet_vagras(
    projekt: Path, runner: CliRunner, server: str, hemlig_fil: Path, referens: str, vantat: str
) -> None:
    bilder = projekt / "rapporter" / "bilder"
    (bilder / "lank-ut.png").symlink_to(hemlig_fil)
    (bilder / "lank-dev.png").symlink_to("/dev/urandom")
    (bilder / "slinga.png").symlink_to(bilder / "slinga.png")
    referens = referens.replace("SERVER", server)
    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    text = fil.read_text(encoding="utf-8")
    bild = "../bilder/samverkan-organisation.svg"
    fil.write_text(text.replace(bild, referens), encoding="utf-8")
    rad = text[: text.index(bild)].count("\n") + 1

    res = runner.invoke(kvalitet, ["bygg", "--enhet", "resurscentrum"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    fel = next(r for r in res.output.splitlines() if ": fel: " in r)
    assert fel.startswith(
        f"rapporter/2025-26/resurscentrum.yaml:{rad}:18: fel: "
        "kvalitetsarbete.innehåll[2].innehåll[2].bild.fil: "
    )
    assert vantat in fel
    assert not (projekt / "ut" / "resurscentrum.pdf").exists()
    assert Inspelare.anrop == []


def test_mall_som_pekar_ut_hamtar_ingenting(
    projekt: Path, runner: CliRunner, server: str, hemlig_fil: Path
) -> None:
    mallar = projekt / "rapporter" / "egna-mallar" / "delar"
    (mallar / "omslag.html.j2").write_text(
        f'<header class="omslag"><span class="enhet">{{{{ enhet.namn }}}}</span>'
        f'<img src="{server}/logo.png" alt="logo">'
        f'<img src="file://{hemlig_fil}" alt="hemlig">'
        f'<style>@import url("{server}/import.css"); .omslag {{ background: url("{server}/bg.png") }}</style>'
        f'<iframe src="file://{hemlig_fil}"></iframe></header>',
        encoding="utf-8",
    )
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "forskolan-lingonet", "--format", "pdf"])
    assert res.exit_code == 0, res.output
    assert f"varning vid PDF-bygget: bilden '{server}/logo.png' hämtades inte" in res.output
    assert f"stilmallen '{server}/import.css' hämtades inte" in res.output
    text = "".join(
        s.extract_text() for s in PdfReader(projekt / "ut" / "forskolan-lingonet.pdf").pages
    )
    assert HEMLIGHET not in text
    assert Inspelare.anrop == []


@pytest.mark.parametrize(
    ("mall", "vantat"),
    [
        ("{{ enhet.namnn }}", "rapporter/egna-mallar/delar/omslag.html.j2:2:1: fel: mallen använder något som inte finns: 'Enhetsrapport' har inget fält 'namnn' – menade du 'namn'?"),
        ("{% if enhet.namn %}\nhej", "rapporter/egna-mallar/delar/omslag.html.j2:3:1: fel: mallen har ett syntaxfel"),
        ('{% include "delar/finns-inte.html.j2" %}', "rapporter/egna-mallar/delar/omslag.html.j2:2:1: fel: mallen 'delar/finns-inte.html.j2' finns inte"),
    ],
)  # fmt: skip
def test_trasiga_mallar_ger_fil_och_rad(
    projekt: Path, runner: CliRunner, mall: str, vantat: str
) -> None:
    mallar = projekt / "rapporter" / "egna-mallar" / "delar"
    (mallar / "omslag.html.j2").write_text("<header>\n" + mall + "\n</header>\n", encoding="utf-8")
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert vantat in res.output, res.output
    if "syntaxfel" in vantat:
        kontroll = runner.invoke(kvalitet, ["kontrollera"])
        assert kontroll.exit_code == 1
        assert vantat in kontroll.output


def test_samtidiga_byggen_krockar_inte(projekt: Path, runner: CliRunner) -> None:
    from kvalitet.bygg.utkatalog import byggas

    ut = projekt / "ut"
    ut.mkdir()
    with byggas(ut):
        res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "en annan 'kvalitet bygg' skriver redan till" in res.output
    assert not list(ut.glob("*.html"))
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0


def test_avbrutet_bygge_lamnar_hela_filer(projekt: Path, runner: CliRunner) -> None:
    import signal
    import subprocess
    import sys
    import time

    assert runner.invoke(kvalitet, ["bygg"]).exit_code == 0
    ut = projekt / "ut"
    tidigare = {f.name: f.read_bytes() for f in ut.glob("*.pdf")}
    for fil in (projekt / "rapporter" / "2025-26").glob("*.yaml"):
        fil.write_text(fil.read_text(encoding="utf-8").replace("2025/26", "2025/26", 1))
    for vantan in (0.8, 1.6, 2.4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "kvalitet", "bygg"], cwd=projekt, stdout=subprocess.DEVNULL
        )
        time.sleep(vantan)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        synliga = sorted(f.name for f in ut.iterdir() if not f.name.startswith("."))
        assert all(n.endswith((".html", ".pdf", ".csv", ".xlsx")) for n in synliga), synliga
        for pdf in ut.glob("*.pdf"):
            data = pdf.read_bytes()
            assert data == tidigare[pdf.name] or data.rstrip().endswith(b"%%EOF"), pdf.name
            assert len(PdfReader(pdf).pages) > 1
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    assert not list((ut / ".kvalitet" / "tmp").iterdir()), "tillfälliga filer ska städas bort"


MONSTER = {
    "miljarder-skratt": "".join(
        f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "objekttagg": "namn: !!python/object/apply:os.system ['echo hackad > hackad.txt']\n",
    "nastling": "namn: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "femtio-mb": "namn: x\n" + ("# " + "x" * 98 + "\n") * 500_000,
    "lang-rad": "namn: " + "x" * 1_000_000 + "\n",
}


@pytest.mark.parametrize("namn", sorted(MONSTER))
def test_yamlmonster_vagras_med_begransat_minne(tmp_path: Path, namn: str) -> None:
    import subprocess
    import sys

    (tmp_path / "rapporter").mkdir()
    innehall = MONSTER[namn]
    if namn == "miljarder-skratt":
        innehall = "a: &a [x, x, x, x, x, x, x, x, x]\n" + innehall
    (tmp_path / "rapporter" / "monster.yaml").write_text(innehall, encoding="utf-8")
    skript = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-m', 'kvalitet', 'kontrollera'], capture_output=True, text=True)\n"
        "print(p.returncode)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(p.stdout + p.stderr)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", skript], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    kod, minne_kb, utdata = res.stdout.split("\n", 2)
    assert kod == "1", utdata
    assert "rapporter/monster.yaml:" in utdata and ": fel: " in utdata, utdata
    assert "Traceback" not in utdata
    assert int(minne_kb) < 300 * 1024, f"{int(minne_kb) // 1024} MB"
    assert not (tmp_path / "hackad.txt").exists()


def test_symlankad_rapportfil_utanfor_projektet_lases_inte(
    projekt: Path, runner: CliRunner, hemlig_fil: Path
) -> None:
    kopia = hemlig_fil.with_name("enhet.yaml")
    shutil.copy(projekt / "rapporter" / "2025-26" / "forskolan-lingonet.yaml", kopia)
    os.symlink(kopia, projekt / "rapporter" / "lankad.yaml")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert (
        "rapporter/lankad.yaml:1:1: fel: filen är en länk till en fil utanför projektmappen"
        in res.output
    )
    assert res.exit_code == 1
