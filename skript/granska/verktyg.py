"""Run each independent checker and turn its report into findings (``Fynd``).

PDF: pdfua and outloud (pip). HTML: the Nu Html Checker (npm ``vnu-jar``, run with Debian's java)
and axe-core (npm, injected into Debian's chromium through Playwright) at two widths."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .kanda import Fynd

NODE = Path(__file__).with_name("node_modules")
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BREDDER = (390, 1280)
AXE_TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BASTA = [*AXE_TAGGAR, "best-practice"]
"""The live pages of ``kvalitet visa``/``skriv`` are held to axe's best-practice rules too."""
# As the preview's browser tests: no sandbox (root in CI), no background connections.
FLAGGOR = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class VerktygSaknas(RuntimeError):
    """A checker is not installed (CI must fail, not skip)."""


def _kor(kommando: list[str]) -> subprocess.CompletedProcess[str]:
    if shutil.which(kommando[0]) is None:
        raise VerktygSaknas(f"'{kommando[0]}' saknas (kör skript/installera-granskare.sh)")
    return subprocess.run(kommando, capture_output=True, text=True, check=False)


def versioner() -> dict[str, str]:
    """Each checker's version, for the report and docs/tillganglighet.md."""
    ut = {
        "pdfua": _kor(["pdfua", "--version"]).stdout.split()[-1],
        "outloud": _kor(["outloud", "--version"]).stdout.split()[-1],
        "vnu": _kor(["java", "-jar", str(_vnu()), "--version"]).stdout.strip(),
        "axe-core": json.loads((NODE / "axe-core" / "package.json").read_text())["version"],
        "chromium": _kor([_chromium(), "--version"]).stdout.strip(),
    }
    return ut


def _vnu() -> Path:
    if not VNU.is_file():
        raise VerktygSaknas(f"{VNU} saknas (kör skript/installera-granskare.sh)")
    return VNU


def _chromium() -> str:
    if CHROMIUM is None:
        raise VerktygSaknas("chromium saknas (apt-get install chromium)")
    return CHROMIUM


def pdfua(pdf: Path, namn: str) -> list[Fynd]:
    """pdfua: every finding (error, warning, info) and every rule it could not run."""
    svar = _kor(["pdfua", "check", "--format", "json", str(pdf)])
    if svar.returncode not in (0, 1, 2, 3):
        raise RuntimeError(f"pdfua kunde inte läsa {pdf}: {svar.stderr or svar.stdout}")
    data = json.loads(svar.stdout)
    fynd = [
        Fynd(
            "pdfua",
            namn,
            f["rule_id"],
            f["severity"],
            f["message"],
            f.get("location", ""),
        )
        for f in data.get("findings", [])
    ]
    fynd += [
        Fynd("pdfua", namn, s["rule_id"], "kördes inte", s["reason"])
        for s in data.get("skipped", [])
    ]
    return fynd


def outloud(pdfer: dict[str, Path]) -> list[Fynd]:
    """outloud: errors and warnings (info is advice, not a finding)."""
    with tempfile.TemporaryDirectory() as tmp:
        rapport = Path(tmp) / "outloud.json"
        svar = _kor(
            ["outloud", "--json", str(rapport), "--fail-on", "never", "-q"]
            + [str(p) for p in pdfer.values()]
        )
        if not rapport.is_file():
            raise RuntimeError(f"outloud skrev ingen rapport: {svar.stderr or svar.stdout}")
        data = json.loads(rapport.read_text(encoding="utf-8"))
    namn_for = {str(p): n for n, p in pdfer.items()}
    fynd: list[Fynd] = []
    for resultat in data["results"]:
        namn = namn_for[resultat["path"]]
        if resultat.get("error"):
            fynd.append(Fynd("outloud", namn, "LÄSFEL", "error", str(resultat["error"])))
        for f in resultat["findings"]:
            if f["severity"] == "info":
                continue
            fynd.append(
                Fynd(
                    "outloud",
                    namn,
                    f["rule"],
                    f["severity"],
                    f["message"],
                    f"s. {f.get('page', '?')}",
                    str(f.get("evidence") or ""),
                )
            )
    return fynd


def vnu(html: dict[str, Path]) -> list[Fynd]:
    """The Nu Html Checker: errors and warnings, HTML and the CSS inside it."""
    svar = _kor(
        ["java", "-jar", str(_vnu()), "--format", "json", "--exit-zero-always"]
        + [str(p) for p in html.values()]
    )
    data = json.loads(svar.stderr or svar.stdout)
    namn_for = {str(p.resolve()): n for n, p in html.items()}
    fynd: list[Fynd] = []
    for m in data["messages"]:
        if m["type"] == "info" and m.get("subType") != "warning":
            continue
        grad = "error" if m["type"] in ("error", "non-document-error") else "warning"
        regel = "css" if m["message"].startswith("CSS:") else "html"
        plats = f"rad {m['lastLine']}" if "lastLine" in m else ""
        url = m.get("url", "?")
        namn = namn_for.get(unquote(urlparse(url).path), url)
        fynd.append(Fynd("vnu", namn, regel, grad, m["message"], plats))
    return fynd


def axe_pa_sidan(sida: Any, taggar: list[str] = AXE_TAGGAR) -> list[dict[str, Any]]:
    """axe-core's violations on a loaded Playwright page (its context needs ``bypass_csp``)."""
    skript = AXE.read_text(encoding="utf-8") if AXE.is_file() else None
    if skript is None:
        raise VerktygSaknas(f"{AXE} saknas (kör skript/installera-granskare.sh)")
    sida.add_script_tag(content=skript)
    svar = sida.evaluate(
        "taggar => axe.run(document, {runOnly: {type: 'tag', values: taggar},"
        " resultTypes: ['violations']})",
        taggar,
    )
    return list(svar["violations"])


def axe_fynd(namn: str, brott: list[dict[str, Any]]) -> list[Fynd]:
    """One finding per element of each violation: the rule's help, the selector, the element."""
    return [
        Fynd(
            "axe",
            namn,
            v["id"],
            v["impact"] or "?",
            v["help"],
            " ".join(str(t) for t in nod["target"]),
            nod["html"][:160],
        )
        for v in brott
        for nod in v["nodes"]
    ]


def starta_chromium(p: Any) -> Any:
    return p.chromium.launch(executable_path=_chromium(), args=FLAGGOR)


def axe(html: dict[str, Path], bredder: tuple[int, ...] = BREDDER) -> tuple[list[Fynd], str]:
    """axe-core with the WCAG 2.0/2.1 A and AA rules, in chromium at each width."""
    from playwright.sync_api import sync_playwright

    if not AXE.is_file():
        raise VerktygSaknas(f"{AXE} saknas (kör skript/installera-granskare.sh)")
    fynd: list[Fynd] = []
    with sync_playwright() as p:
        webblasare = starta_chromium(p)
        try:
            for bredd in bredder:
                sammanhang = webblasare.new_context(viewport={"width": bredd, "height": 900})
                for namn, fil in html.items():
                    sida = sammanhang.new_page()
                    sida.goto(fil.resolve().as_uri())
                    fynd += axe_fynd(f"{namn}@{bredd}", axe_pa_sidan(sida, AXE_BASTA))
                    sida.close()
                sammanhang.close()
        finally:
            webblasare.close()
    return fynd, ",".join(AXE_TAGGAR)
