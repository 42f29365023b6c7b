"""Round trip (issue 29, point 5): every example unit exported with ``kvalitet bygg --format
docx`` and imported again with ``kvalitet importera word``: at least 95 % of the unit's words
and every table's values come back (a value the röjandekontroll hides is exported as '..' or
'~100' and comes back as that), and the imported unit validates."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kvalitet.cli import kvalitet

INNEHALL = (
    "beskrivning",
    "sammanfattning",
    "delaktighet",
    "tidigare_utvecklingsområden",
    "kvalitetsarbete",
    "resultat",
    "analys",
    "utvecklingsområden",
    "delar",
)
EJ_TEXT = {"fil", "alt", "mått", "diagram", "röjande", "numrerad", "antal", "källa", "styrtal"}
DOLDA = {"..", "~100"}


def ord_(data: Any, nyckel: str = "") -> list[str]:
    """The words of a unit's content, as a reader sees them (Markdown's marks left out)."""
    if nyckel in EJ_TEXT:
        return []
    if isinstance(data, dict):
        return [o for k, v in data.items() for o in ord_(v, str(k))]
    if isinstance(data, list):
        return [o for v in data for o in ord_(v, nyckel)]
    if data is None or isinstance(data, bool):
        return []
    text = re.sub(r"\]\([^)]*\)", "]", str(data))
    return [o.lower() for o in re.findall(r"\w+(?:[,.:'’/-]\w+)*", text)]


def tabeller(data: Any, nyckel: str = "") -> list[dict[str, Any]]:
    """Every table of the content (a chart is exported as an image with its values in the alt
    text, not as a table)."""
    if isinstance(data, dict):
        egna = [data] if nyckel in ("tabell", "tabeller") and "rader" in data else []
        return egna + [t for k, v in data.items() for t in tabeller(v, str(k))]
    if isinstance(data, list):
        return [t for v in data for t in tabeller(v, nyckel)]
    return []


def cell(varde: Any) -> str:
    if isinstance(varde, float):
        varde = str(varde).replace(".", ",")
    return re.sub(r"\s*%$", "", str(varde).strip()).replace("\u00a0", " ")


def varden(tabell: dict[str, Any]) -> dict[tuple[str, str], str]:
    """The values by row and group, or by row and column place (a table under a rapportmall
    has its columns from the template, the imported one writes them out)."""
    ut: dict[tuple[str, str], str] = {}
    for rad in tabell["rader"]:
        for g in ("flickor", "pojkar", "totalt"):
            if rad.get(g) is not None:
                ut[(str(rad["rad"]), g)] = cell(rad[g])
        for i, v in enumerate(rad.get("värden") or []):
            if v is not None:
                ut[(str(rad["rad"]), f"kolumn {i + 1}")] = cell(v)
    return ut


def kontrollera_rundtur(original: dict[str, Any], importerad: dict[str, Any]) -> list[str]:
    """What did not come back; empty when the round trip holds."""
    fel: list[str] = []
    fore = Counter(ord_({k: original.get(k) for k in INNEHALL}))
    efter = Counter(ord_(importerad))
    tillbaka = sum(min(n, efter[o]) for o, n in fore.items())
    andel = tillbaka / max(sum(fore.values()), 1)
    if andel < 0.95:
        saknas = sorted((fore - efter).elements())[:40]
        fel.append(f"{andel:.1%} av orden kom tillbaka; saknas t.ex. {saknas}")
    importerade = [varden(t) for t in tabeller(importerad)]
    for tabell in tabeller({k: original.get(k) for k in INNEHALL}):
        mal = varden(tabell)
        traff = max(  # the imported table that has most of its values
            importerade,
            key=lambda t: sum(t.get(k) in (v, *DOLDA) for k, v in mal.items()),
            default={},
        )
        for nyckel, v in mal.items():
            if nyckel not in traff:
                fel.append(f"tabellen '{tabell.get('rubrik')}': {nyckel} saknas")
            elif traff[nyckel] != v and traff[nyckel] not in DOLDA:
                fel.append(
                    f"tabellen '{tabell.get('rubrik')}': {nyckel} är {traff[nyckel]!r}, inte {v!r}"
                )
    return fel


ENHETER = [
    "bjorkbackaskolan",
    "alvmora-gymnasium",
    "forskolan-lingonet",
    "resurscentrum",
    pytest.param(
        "lingonet-blabaret",
        marks=pytest.mark.xfail(
            strict=True,
            reason="känd brist (nr 29): importen läser tabellcellernas Markdown (fetstil, kursiv, "
            "listor) som ren text, en cell med måttenhet ('3 st') som text och en bedömning "
            "('grön: Vi arbetar …') med skalans ord; rättas i importens tabellceller",
        ),
    ),
    "bjorkbackaskolan-mellanstadiet",
]


@pytest.fixture(scope="module")
def exporterat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project with every unit exported to DOCX once."""
    from tests.conftest import kopiera_exempel

    rot = kopiera_exempel(tmp_path_factory.mktemp("rundtur"))
    res = CliRunner().invoke(kvalitet, ["bygg", str(rot), "--format", "docx"])
    assert res.exit_code == 0, res.output
    return rot


def test_exempelenheterna_finns() -> None:
    mapp = Path(__file__).resolve().parents[2] / "rapporter" / "2025-26"
    namn = [e if isinstance(e, str) else e.values[0] for e in ENHETER]
    assert sorted(namn) == sorted(
        f.stem for f in mapp.glob("*.yaml") if f.stem not in ("huvudman", "huvudmannens-rapport")
    )


@pytest.mark.parametrize("enhet", ENHETER)
def test_rundtur_word_ut_och_in(
    exporterat: Path, enhet: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(exporterat)
    runner = CliRunner()
    docx = exporterat / "ut" / f"{enhet}.docx"
    mapp = exporterat / "rapporter" / "2025-26"
    original = yaml.safe_load((mapp / f"{enhet}.yaml").read_text(encoding="utf-8"))
    mall = []
    if original.get("rapportmall"):  # its cover does not show the skolform: the rektor says it
        mall = ["--mall", original["rapportmall"], "--skolform", original["skolform"]]
    res = runner.invoke(
        kvalitet,
        ["importera", "word", str(docx), "--enhet", f"rundtur-{enhet}", *mall, "--skriv"],
    )
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    importerad = yaml.safe_load((mapp / f"rundtur-{enhet}.yaml").read_text(encoding="utf-8"))
    assert importerad["skolform"] == original["skolform"]  # read from the cover
    assert importerad["namn"] == original["namn"]  # the title
    assert kontrollera_rundtur(original, importerad) == []
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    fel = [
        r for r in kontroll.output.splitlines() if f"rundtur-{enhet}.yaml" in r and ": fel:" in r
    ]
    assert fel == []


def test_kontrollen_kan_fela() -> None:
    """The round trip's own check finds a lost word and a changed value."""
    original = {
        "analys": {
            "text": " ".join(f"ord{i}" for i in range(20)),
            "tabeller": [
                {"rubrik": "T", "rader": [{"rad": "A", "flickor": "86,4", "pojkar": ".."}]}
            ],
        }
    }
    kopia = {
        "analys": {
            "text": " ".join(f"ord{i}" for i in range(18)),
            "innehåll": [
                {
                    "tabell": {
                        "rubrik": "T",
                        "rader": [{"rad": "A", "flickor": "86,5", "pojkar": ".."}],
                    }
                }
            ],
        }
    }
    fel = kontrollera_rundtur(original, kopia)
    assert len(fel) == 2 and "87.0% av orden" in fel[0] and "'86,5', inte '86,4'" in fel[1]
    kopia["analys"]["text"] = original["analys"]["text"]
    kopia["analys"]["innehåll"][0]["tabell"]["rader"][0]["flickor"] = "86,4 %"
    assert kontrollera_rundtur(original, kopia) == []
