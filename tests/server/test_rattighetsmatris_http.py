"""The rights matrix (tests/rattighetsmatris.py) against the running server over HTTP: every
role, logged in through the real provider, tries every endpoint on its own unit and another's.
Reading includes the history per text, writing its "Återställ". Allowed: 200; refused: 403 (a person with no role gets the page saying whom to ask); never a
500. Before each review action the unit is put in the state the action starts from, so that
only the rights decide. 'huvudmannens filer' is the text editor of huvudman.yaml and
huvudmannens-rapport.yaml (``/redigera/…``: its page, its data, a save), 'administrera' the same
for behörigheter.yaml; a save sends the file's own text back (nothing changes), so the rows do
not disturb each other."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from contextlib import closing

import httpx2
import pytest
from rattighetsmatris import ANSPRAK, BEHORIGHETER, ENHETER, MATRIS
from serverhjalp import Tjanst, klient, kor_tjanst, logga_in

FILER = {
    "huvudmannens filer": ("huvudman", "huvudmannens-rapport"),
    "administrera": ("behorigheter",),
}
START = {"lämna in": "utkast", "godkänna": "klar", "öppna igen": "godkänd"}
"""The unit file's ``status:`` each action starts from (no review file: its state follows)."""
HANDLING = {"lämna in": "lämna in", "godkänna": "godkänn", "öppna igen": "öppna igen"}


def _inloggning(roll: str) -> str:
    return "matris-" + roll.replace(" ", "-")


@pytest.fixture(scope="module")
def matristjanst(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tjanst]:
    anvandare = {_inloggning(r): dict(a) for r, a in ANSPRAK.items()}
    yield from kor_tjanst(tmp_path_factory, BEHORIGHETER, anvandare)


NAMN = "%5B%22namn%22%5D"
"""The history of the unit's ``namn`` (``["namn"]`` in the path)."""


def _senaste_commit(tjanst: Tjanst, enhet: str) -> str:
    """The unit file's newest commit: restoring ``namn`` from it writes nothing new (so that
    only the rights decide)."""
    fil = f"rapporter/2025-26/{enhet}.yaml"
    svar = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", fil],
        cwd=tjanst.projekt,
        capture_output=True,
        text=True,
    )
    return svar.stdout.strip()


def _satt_status(tjanst: Tjanst, enhet: str, status: str) -> None:
    mapp = tjanst.projekt / "rapporter" / "2025-26"
    (mapp / "granskning" / f"{enhet}.yaml").unlink(missing_ok=True)
    fil = mapp / f"{enhet}.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", text, count=1), "utf-8")


def _prova(k: httpx2.Client, tjanst: Tjanst, token: str, enhet: str, handling: str) -> list[int]:
    """The status codes of every request that is the action ``handling`` on ``enhet``."""
    bas = tjanst.bas
    rubrik = {"X-Kvalitet-Token": token}
    if handling == "läsa":
        return [
            k.get(f"{bas}/{enhet}.html").status_code,
            k.get(f"{bas}/skriv/{enhet}").status_code,
            k.get(f"{bas}/skriv/{enhet}/data").status_code,
            k.get(f"{bas}/granska/{enhet}").status_code,
            k.get(f"{bas}/skriv/{enhet}/historik/{NAMN}").status_code,
        ]
    if handling == "skriva":
        oppnad = k.get(f"{bas}/skriv/{enhet}/data")
        kropp = (
            {"data": oppnad.json()["data"], "version": oppnad.json()["version"]}
            if oppnad.status_code == 200
            else {"data": {"namn": "x"}, "version": ""}
        )
        kropp["bas"] = kropp["data"]
        spara = k.post(f"{bas}/skriv/{enhet}/spara", json=kropp, headers=rubrik).status_code
        aterstall = {"sokvag": ["namn"], "commit": _senaste_commit(tjanst, enhet)}
        return [
            spara,
            k.post(f"{bas}/skriv/{enhet}/aterstall", json=aterstall, headers=rubrik).status_code,
        ]
    if handling in FILER:
        koder = []
        for namn in FILER[handling]:
            koder.append(k.get(f"{bas}/redigera/{namn}").status_code)
            data = k.get(f"{bas}/redigera/{namn}/data")
            koder.append(data.status_code)
            kropp = data.json() if data.status_code == 200 else {"text": "x: 1", "version": ""}
            spara = {"text": kropp["text"], "version": kropp["version"]}
            svar = k.post(f"{bas}/redigera/{namn}/spara", json=spara, headers=rubrik)
            koder.append(svar.status_code)
            if svar.status_code == 200:
                assert svar.json()["sparad"] is False, svar.text[:300]  # the same text back
        return koder
    if handling == "kommentera":
        kropp = {"sokvag": ["namn"], "text": "En fråga."}
        return [k.post(f"{bas}/granska/{enhet}/kommentera", json=kropp, headers=rubrik).status_code]
    _satt_status(tjanst, enhet, START[handling])
    kropp = {"handling": HANDLING[handling], "varfor": "Matrisen provar."}
    return [k.post(f"{bas}/granska/{enhet}/handling", json=kropp, headers=rubrik).status_code]


@pytest.mark.parametrize("roll", list(ANSPRAK))
def test_rattighetsmatrisen_over_http(matristjanst: Tjanst, roll: str) -> None:
    with closing(klient()) as k:
        sida = logga_in(k, matristjanst, _inloggning(roll), sida="/halsa")
        assert sida.status_code == 200
        start = k.get(f"{matristjanst.bas}/")
        if roll == "ingen roll":
            assert start.status_code == 403 and "ingen roll" in start.text
            token = "ingen"
        else:
            assert start.status_code == 200, start.text[:300]
            sida = k.get(f"{matristjanst.bas}/skriv/ny")
            traff = re.search(r'name="kvalitet-token" content="([^"]+)"', sida.text)
            assert traff is not None, sida.text[:300]
            token = traff.group(1)
        fel = []
        for r, sort, handling, tillatet in MATRIS:
            if r != roll:
                continue
            koder = _prova(k, matristjanst, token, ENHETER[sort], handling)
            assert 500 not in koder, (roll, sort, handling, koder)
            vantat = 200 if tillatet else 403
            if any(kod != vantat for kod in koder):
                fel.append((sort, handling, vantat, koder))
        assert not fel, (roll, fel)
