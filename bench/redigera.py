"""Measures the editor (``kvalitet skriv``): the time from a field change sent by the form (POST
``/skriv/<enhet>/spara``: round-trip write, validation, problems at the fields, styrtal status)
to the updated preview HTML (GET ``/skriv/<enhet>/forhandsvisning``), for the largest example
unit. Target: p90 at most 300 ms from the change to the HTML preview. The save sends the
protocol's ``data``, ``version`` and ``bas`` (docs/arkitektur.md). Prints each part and the total.

    python3 bench/redigera.py --varv 30
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))

from kvalitet.kalla.projekt import hitta_projekt  # noqa: E402
from kvalitet.visa.inloggning import kakans_namn  # noqa: E402
from kvalitet.visa.server import Forhandsvisning, skapa_server  # noqa: E402

KAKA: dict[str, str] = {}
"""The session cookie of a logged-in browser, sent with every request."""


def _anrop(port: int, metod: str, sokvag: str, kropp: bytes | None = None,
           huvud: dict[str, str] | None = None) -> tuple[int, bytes]:  # fmt: skip
    anslutning = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    anslutning.request(metod, sokvag, body=kropp, headers={**KAKA, **(huvud or {})})
    svar = anslutning.getresponse()
    return svar.status, svar.read()


def _ms(varden: list[float]) -> str:
    varden = sorted(varden)
    p90 = varden[min(len(varden) - 1, int(len(varden) * 0.9))]
    return (f"median {statistics.median(varden) * 1000:6.1f} ms   p90 {p90 * 1000:6.1f} ms   "
            f"max {varden[-1] * 1000:6.1f} ms")  # fmt: skip


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--varv", type=int, default=30, help="antal ändringar (standard 30)")
    varv = tolk.parse_args().varv
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROT / "rapporter", Path(tmp) / "rapporter")
        filer = [f for f in (Path(tmp) / "rapporter" / "2025-26").glob("*.yaml")
                 if f.name != "huvudman.yaml"]  # fmt: skip
        storst = max(filer, key=lambda f: f.stat().st_size)
        enhet = storst.stem
        visning = Forhandsvisning(hitta_projekt(Path(tmp)))
        server = skapa_server(visning, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        KAKA["Cookie"] = f"{kakans_namn(port)}={visning.redigering.session.kaka}"
        token = visning.redigering.session.token
        huvud = {"Content-Type": "application/json", "X-Kvalitet-Token": token}
        _, svar = _anrop(port, "GET", f"/skriv/{enhet}/data")
        oppnad = json.loads(svar)
        data, version = oppnad["data"], oppnad["version"]
        bas = copy.deepcopy(data)
        _anrop(port, "GET", f"/skriv/{enhet}/forhandsvisning")  # warm: templates, fonts
        spara, visa, totalt = [], [], []
        for i in range(varv):
            data = copy.deepcopy(data)
            data["sammanfattning"] = f"Ändring {i}: " + str(data.get("sammanfattning") or "")[-400:]
            kropp = json.dumps({"data": data, "version": version, "bas": bas}).encode()
            start = time.perf_counter()
            kod, svar = _anrop(port, "POST", f"/skriv/{enhet}/spara", kropp, huvud)
            mitt = time.perf_counter()
            assert kod == 200, svar[:300]
            svaret = json.loads(svar)
            assert not svaret.get("konflikt"), svaret
            version, bas = svaret["version"], svaret.get("data", data)
            kod, html = _anrop(port, "GET", f"/skriv/{enhet}/forhandsvisning")
            slut = time.perf_counter()
            assert kod == 200 and f"Ändring {i}:".encode() in html, "förhandsvisningen är inaktuell"
            spara.append(mitt - start)
            visa.append(slut - mitt)
            totalt.append(slut - start)
        server.shutdown()
        print(f"Största exempelenheten: {enhet} ({storst.stat().st_size} byte YAML, "
              f"{len(html)} byte HTML), {varv} ändringar")  # fmt: skip
        print(f"  spara (rundtur, skrivning, kontroll, fel vid fälten): {_ms(spara)}")
        print(f"  förhandsvisningens HTML:                              {_ms(visa)}")
        print(f"  från ändring till ny förhandsvisning:                 {_ms(totalt)}")
        ordnat = sorted(totalt)
        p90 = ordnat[min(len(ordnat) - 1, int(len(ordnat) * 0.9))]
        print(f"  mål p90 högst 300 ms: {'uppnått' if p90 <= 0.3 else 'INTE uppnått'}")


if __name__ == "__main__":
    main()
