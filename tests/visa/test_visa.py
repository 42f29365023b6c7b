"""The live preview, driven in a real headless Chromium: reload on save, errors in place."""

from __future__ import annotations

import http.client
import io
import signal
import socket
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import kakhuvud

from kvalitet.visa.server import Forhandsvisning, vanta_pa


@pytest.fixture
def server(redigerare: tuple[str, Path, Forhandsvisning]) -> tuple[str, Path]:
    """The preview's server (conftest.redigerare): its address and the project; the raw
    requests below send the session cookie of a logged-in browser."""
    bas, projekt, visning = redigerare
    KAKA.clear()
    KAKA.update(kakhuvud(visning))
    return bas, projekt


KAKA: dict[str, str] = {}


def _get(bas: str, sokvag: str) -> tuple[int, bytes]:
    """GET with the path sent exactly as written (no client-side normalisation)."""
    vard, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(vard, int(port), timeout=30)
    anslutning.putrequest("GET", sokvag, skip_host=False, skip_accept_encoding=True)
    for namn, varde in KAKA.items():
        anslutning.putheader(namn, varde)
    anslutning.endheaders()
    svar = anslutning.getresponse()
    return svar.status, svar.read()


def test_sidor_och_pdf(server: tuple[str, Path]) -> None:
    bas, _ = server
    kod, data = _get(bas, "/")
    assert kod == 200
    text = data.decode()
    assert '<a href="/bjorkbackaskolan.html">Björkbackaskolan</a>' in text
    assert "Utkast" in text and "Godkänd" in text
    assert "/sammanstallning.html" in text
    kod, data = _get(bas, "/bjorkbackaskolan.html")
    assert kod == 200 and b"EventSource" in data and "Björkbackaskolan".encode() in data
    kod, data = _get(bas, "/bjorkbackaskolan.pdf")
    assert kod == 200 and data.startswith(b"%PDF-")
    kod, data = _get(bas, "/sammanstallning.html")
    assert kod == 200 and b'<a href="resurscentrum.html">' in data
    assert '<a href="/bjorkbackaskolan.docx">Word</a>' in text
    assert '<a href="/sammanstallning.docx">som Word</a>' in text
    for sokvag in ("/bjorkbackaskolan.docx", "/sammanstallning.docx", "/huvudmannens-rapport.docx"):
        kod, data = _get(bas, sokvag)
        assert kod == 200 and data.startswith(b"PK"), sokvag
        dokument = docx.Document(io.BytesIO(data))
        assert any(p.style.name == "Heading 1" for p in dokument.paragraphs), sokvag
    assert _get(bas, "/finns-inte.html")[0] == 404


@pytest.mark.parametrize(
    "sokvag",
    [
        "/filer/../../../../etc/passwd",
        "/filer/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/filer/..%2f..%2f..%2fetc%2fpasswd",
        "/filer/%252e%252e%252f%252e%252e%252fetc/passwd",
        "/filer//etc/passwd",
        "/filer/%2Fetc%2Fpasswd",
        "/filer/C:%5CWindows%5Cwin.ini",
        "/filer/..\\..\\etc\\passwd",
        "/filer/rapporter/../../../etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd.html",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/filer/ut/.kvalitet/las",
    ],
)
def test_inget_utanfor_projektet_serveras(server: tuple[str, Path], sokvag: str) -> None:
    bas, _ = server
    kod, data = _get(bas, sokvag)
    assert kod == 404, (sokvag, data[:200])
    assert b"root:" not in data


def test_projektets_filer_serveras(server: tuple[str, Path]) -> None:
    bas, _ = server
    kod, data = _get(bas, "/filer/rapporter/bilder/alvmora-logotyp.svg")
    assert kod == 200 and data.startswith(b"<svg")


def test_lyssnar_bara_pa_127_0_0_1(server: tuple[str, Path]) -> None:
    bas, _ = server
    port = int(bas.rsplit(":", 1)[1])
    andra = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    andra -= {"127.0.0.1"}
    try:
        with socket.create_connection(("127.0.0.2", port), timeout=2):
            pytest.fail("servern svarar på 127.0.0.2")
    except OSError:
        pass
    for adress in andra:
        with pytest.raises(OSError), socket.create_connection((adress, port), timeout=2):
            pass


def test_ctrl_c_stanger_rent(projekt: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", "visa", "--port", "0"],
        cwd=projekt, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    forsta = proc.stdout.readline()
    assert forsta.startswith("Förhandsvisning av ") and "http://127.0.0.1:" in forsta
    proc.send_signal(signal.SIGINT)
    utdata, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, utdata
    assert "Förhandsvisningen är stängd." in utdata
    assert "Traceback" not in utdata


def _rubrik(sida) -> str:  # type: ignore[no-untyped-def]
    """The unit's name in the page's heading (read without eval: the page's CSP forbids it)."""
    try:
        rubrik = sida.locator("h1 .enhet")
        return rubrik.inner_text(timeout=500) if rubrik.count() else ""
    except Exception:  # the page is reloading
        return ""


def test_sidan_foljer_filen_i_en_riktig_webblasare(server: tuple[str, Path], webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, projekt = server
    fil = projekt / "rapporter" / "2025-26" / "resurscentrum.yaml"
    original = fil.read_text(encoding="utf-8")
    sida = webblasare.new_page()
    sida.goto(f"{bas}/resurscentrum.html")
    assert sida.locator("h1 .enhet").inner_text() == "Resurscentrum"
    sida.wait_for_timeout(300)  # the event stream is open

    fil.write_text(
        original.replace("namn: Resurscentrum", "namn: Resurscentrum Älvmora"), encoding="utf-8"
    )
    assert vanta_pa(lambda: _rubrik(sida) == "Resurscentrum Älvmora", 8)

    trasig = original.replace("  roll: avdelningschef", "\troll: avdelningschef")
    fil.write_text(trasig, encoding="utf-8")
    sida.wait_for_selector("text=Rapporten kan inte visas", timeout=8000)
    fel = sida.locator(".fel li").first.inner_text()
    assert "rapporter/2025-26/resurscentrum.yaml:" in fel
    assert "tabbtecken används för indrag" in fel

    fil.write_text(original, encoding="utf-8")
    assert vanta_pa(lambda: _rubrik(sida) == "Resurscentrum", 8)
    assert vanta_pa(lambda: "Rapporten kan inte visas" not in sida.content(), 2)


def _svar(bas: str, sokvag: str, vard: str | None = None) -> http.client.HTTPResponse:
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=30)
    anslutning.putrequest("GET", sokvag, skip_host=vard is not None, skip_accept_encoding=True)
    if vard is not None:
        anslutning.putheader("Host", vard)
    for namn, varde in KAKA.items():
        anslutning.putheader(namn, varde)
    anslutning.endheaders()
    return anslutning.getresponse()


@pytest.mark.parametrize("vard", ["angripare.example", "angripare.example:{port}", "127.0.0.1", ""])
def test_fel_host_far_ingenting(server: tuple[str, Path], vard: str) -> None:
    """DNS rebinding: a site whose name points at 127.0.0.1 sends its own Host header."""
    bas, _ = server
    port = bas.rsplit(":", 1)[1]
    for sokvag in ("/", "/bjorkbackaskolan.html", "/filer/rapporter/bilder/alvmora-logotyp.svg"):
        svar = _svar(bas, sokvag, vard.format(port=port))
        data = svar.read()
        assert svar.status == 421, (vard, sokvag)
        assert b"Bj\xc3\xb6rkbacka" not in data and b"<svg" not in data
    for egen in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert _svar(bas, "/", egen).status == 200, egen


def test_skyddshuvuden_pa_varje_svar(server: tuple[str, Path]) -> None:
    bas, _ = server
    for sokvag in ("/", "/bjorkbackaskolan.html", "/finns-inte.html", "/sammanstallning.html"):
        svar = _svar(bas, sokvag)
        svar.read()
        assert svar.getheader("X-Content-Type-Options") == "nosniff", sokvag
        csp = svar.getheader("Content-Security-Policy") or ""
        assert "default-src 'none'" in csp and "script-src 'sha256-" in csp, sokvag
        assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]


def test_filer_bara_bilder_och_svg_i_sandlada(server: tuple[str, Path]) -> None:
    bas, projekt = server
    (projekt / "rapporter" / "bilder" / "sida.html").write_text("<script>alert(1)</script>")
    (projekt / "rapporter" / "bilder" / "anteckning.txt").write_text("text")
    for fil in ("sida.html", "anteckning.txt"):
        assert _get(bas, f"/filer/rapporter/bilder/{fil}")[0] == 404
    assert _get(bas, "/filer/rapporter/2025-26/huvudman.yaml")[0] == 404
    svar = _svar(bas, "/filer/rapporter/bilder/alvmora-logotyp.svg")
    assert svar.status == 200 and svar.read().startswith(b"<svg")
    assert svar.getheader("Content-Type") == "image/svg+xml"
    assert (svar.getheader("Content-Security-Policy") or "").startswith("sandbox")


def test_filnamn_med_html_injicerar_inget(server: tuple[str, Path]) -> None:
    bas, projekt = server
    namn = 'x"><img src=x onerror=alert(1)>'
    (projekt / "rapporter" / "2025-26" / f"{namn}.yaml").write_text("namn: X\n", encoding="utf-8")
    kod, data = _get(bas, "/")
    assert kod == 200
    text = data.decode()
    assert "<img src=x" not in text and "onerror=alert(1)>" not in text
    assert "x%22%3E%3Cimg" in text  # the link is there, encoded


def test_omladdningen_tillats_av_csp_i_webblasaren(server: tuple[str, Path], webblasare) -> None:  # type: ignore[no-untyped-def]
    bas, _ = server
    sida = webblasare.new_page()
    brott: list[str] = []
    sida.on(
        "console", lambda m: brott.append(m.text) if "Content Security Policy" in m.text else None
    )
    sida.goto(f"{bas}/bjorkbackaskolan.html")
    sida.wait_for_timeout(500)
    assert sida.evaluate("typeof EventSource") == "function"
    assert brott == [], brott


def test_huvudmannens_rapport_i_forhandsvisningen(server: tuple[str, Path]) -> None:
    bas, projekt = server
    kod, data = _get(bas, "/")
    assert kod == 200 and b'<a href="/huvudmannens-rapport.html">' in data
    kod, data = _get(bas, "/huvudmannens-rapport.html")
    assert kod == 200
    assert b"Huvudmannens kvalitetsrapport 2025/26" in data and b"EventSource" in data
    # an error in the file is shown with its line instead of the report
    fil = projekt / "rapporter" / "2025-26" / "huvudmannens-rapport.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("styrtal: [2.1.2]", "styrtal: [2.1.9]"),
        encoding="utf-8",
    )
    kod, data = _get(bas, "/huvudmannens-rapport.html")
    assert kod == 200 and b"Rapporten kan inte visas" in data
    assert b"2.1.9" in data and b"finns inte i verksamhetsplanen" in data
    assert b"huvudmannens-rapport.yaml:" in data
