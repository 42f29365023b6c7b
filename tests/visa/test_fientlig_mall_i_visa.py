"""A project template cannot run code on a plain GET of the preview either (issue 25, point 1):
the `parse_raw` pickle payload and `parse_file` of an outside file in a template part give a
located error page, and nothing runs or leaks."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest
from conftest import kakor

PICKLE = '{{ enhet.parse_raw("cos\\nsystem\\n(S\'touch pwned\'\\ntR.", proto="pickle", allow_pickle=True) }}'


@pytest.mark.parametrize("nyttolast", ["pickle", "fil"])
def test_get_av_rapporten_kor_ingen_kod(redigerare, tmp_path: Path, nyttolast: str) -> None:  # type: ignore[no-untyped-def]
    bas, projekt, _ = redigerare
    hemligt = tmp_path / "utanfor" / "hemligt.json"
    hemligt.parent.mkdir()
    hemligt.write_text('{"namn": "HEMLIGT-INNEHALL"}', encoding="utf-8")
    text = PICKLE if nyttolast == "pickle" else "{{ enhet.parse_file('" + str(hemligt) + "') }}"
    delar = projekt / "rapporter" / "egna-mallar" / "delar"
    delar.mkdir(parents=True, exist_ok=True)
    (delar / "omslag.html.j2").write_text(text + "\n", encoding="utf-8")
    ip, port = bas.removeprefix("http://").split(":")
    anslutning = http.client.HTTPConnection(ip, int(port), timeout=60)
    anslutning.request("GET", "/bjorkbackaskolan.html", headers=kakor(int(port)))
    svar = anslutning.getresponse()
    sida = svar.read().decode("utf-8")
    assert svar.status == 200
    assert "Rapporten kan inte visas" in sida
    assert "omslag.html.j2" in sida
    assert "HEMLIGT-INNEHALL" not in sida
    assert not list(projekt.rglob("pwned")) and not list(tmp_path.rglob("pwned"))
    assert not (Path.cwd() / "pwned").exists()
