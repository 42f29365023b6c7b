"""Slips that used to pass silently (nr 26.5): each is an error or a warning on its own line, with
the fix, and `kontrollera`, `bygg` and the editor say the same."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kontroll.talord import tal_ur_ord

FIL = Path("rapporter/2025-26/bjorkbackaskolan.yaml")


def andra(projekt: Path, gammal: str, ny: str) -> None:
    """Replace one exact text in the example unit (it must be there once)."""
    fil = projekt / FIL
    text = fil.read_text(encoding="utf-8")
    assert text.count(gammal) == 1, gammal
    fil.write_text(text.replace(gammal, ny), encoding="utf-8")


def problem(projekt: Path, grad: str = "fel") -> list[str]:
    """The problem lines of the example unit from 'kvalitet kontrollera'."""
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(projekt)])
    assert "Traceback" not in res.output
    return [r for r in res.output.splitlines() if r.startswith(f"{FIL}:") and f": {grad}: " in r]


def byggets(projekt: Path, grad: str = "fel") -> list[str]:
    """The same lines from 'kvalitet bygg --format html' of the unit (which prints its errors
    and counts its warnings: a warning is said as 'N varning(ar)')."""
    res = CliRunner().invoke(
        kvalitet, ["bygg", "--format", "html", "--enhet", "bjorkbackaskolan", str(projekt)]
    )
    assert "Traceback" not in res.output
    if grad == "varning":
        antal = re.search(r"(\d+) varning", res.output)
        return [""] * int(antal.group(1)) if antal else []
    return [r for r in res.output.splitlines() if r.startswith(f"{FIL}:") and f": {grad}: " in r]


def redigerarens(projekt: Path) -> list[tuple[int, str]]:
    """The editor's problems of the unit: (line, text)."""
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.visa.redigera import Redigering
    from kvalitet.visa.server import Forhandsvisning

    svar = Redigering(Forhandsvisning(hitta_projekt(projekt))).oppna("bjorkbackaskolan")
    return [(p["rad"], p["text"]) for p in svar["problem"]]


# ---------------------------------------------------------------- 1. a word in a count cell


def test_ord_i_antalscell(projekt: Path) -> None:
    andra(
        projekt,
        "mått: antal\n                flickor: 21",
        "mått: antal\n                flickor: åttio",
    )
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:105:26: fel: ")
    assert "'åttio'" in fel and "'mått: antal'" in fel
    assert "skriv talet med siffror: 'flickor: 80'" in fel
    assert byggets(projekt) == [fel]
    assert any(rad == 105 and "åttio" in text for rad, text in redigerarens(projekt))


def test_ord_i_listans_antalscell(projekt: Path) -> None:
    andra(projekt, "värden: [9, 11]", "värden: [nio, 11]")
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:155:26: fel: ")
    assert "tabellen har 'mått: antal'" in fel and "'9'" in fel


def test_ord_i_procentcell_utan_talord(projekt: Path) -> None:
    andra(
        projekt, "procent\n                flickor: 90,5", "procent\n                flickor: hög"
    )
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:110:")
    assert "'mått: procent'" in fel and "skriv ett tal med siffror" in fel


def test_symboler_och_text_med_tal_ar_inga_ord(projekt: Path) -> None:
    andra(projekt, "procent\n                flickor: 90,5", "procent\n                flickor: ..")
    andra(projekt, "värden: [9, 11]", "värden: ['–', ca 11]")
    assert problem(projekt) == []


def test_ord_i_antal_ett_fel_utan_foljdfel(projekt: Path) -> None:
    """'antal' is {flickor, pojkar, totalt} or a list: a word in the mapping is one error, not
    also "ska vara en lista"."""
    andra(
        projekt,
        "90,5\n                pojkar: 80,8\n                totalt: 86,2\n"
        "                antal: {flickor: 21,",
        "90,5\n                pojkar: 80,8\n                totalt: 86,2\n"
        "                antal: {flickor: tjugoett,",
    )
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:113:34: fel: ") and "'tjugoett'" in fel
    assert "skriv talet med siffror: 'flickor: 21'" in fel


def test_ord_i_antalslistan_ett_fel(projekt: Path) -> None:
    andra(projekt, "värden: [9, 11]", "värden: [9, 11]\n                antal: [9, elva]")
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:156:") and "'elva'" in fel


def test_talord() -> None:
    assert tal_ur_ord("åttio") == 80
    assert tal_ur_ord("Tjugoett") == 21
    assert tal_ur_ord("etthundratolv") == 112
    assert tal_ur_ord("två tusen tjugosex") == 2026
    assert tal_ur_ord("många") is None


# ---------------------------------------------------------------- 2. an item without its dash

PUNKT = (
    "    - Kvalitetsarbetet har blivit mer systematiskt, men analysen av orsaker behöver fördjupas."
)


def test_punkt_utan_streck_under_punktens_text(projekt: Path) -> None:
    """Aligned with the text above, YAML joins the line to the item: one item, silently."""
    andra(projekt, PUNKT, PUNKT + "\n      Tiden för analys behöver skyddas.")
    (varning,) = problem(projekt, "varning")
    assert varning.startswith(f"{FIL}:87:5: varning: raden saknar '- '")
    assert "'    - Tiden för analys behöver skyddas.'" in varning
    assert len(byggets(projekt, "varning")) == 1
    assert any(rad == 87 and "'- '" in text for rad, text in redigerarens(projekt))


def test_punkt_utan_streck_efter_tom_rad(projekt: Path) -> None:
    andra(projekt, PUNKT, PUNKT + "\n\n      tiden för analys behöver skyddas.")
    (varning,) = problem(projekt, "varning")
    assert varning.startswith(f"{FIL}:88:5: varning: raden saknar '- '")


def test_lang_punkt_pa_tva_rader_ar_inget_slarv(projekt: Path) -> None:
    andra(projekt, PUNKT, PUNKT[:-11] + "\n      fördjupas.")
    assert problem(projekt, "varning") == []


def test_punkt_utan_streck_vid_strecket_ar_ett_fel_pa_raden(projekt: Path) -> None:
    """At the dash itself the line is a syntax error: told on its own line, not the next key's."""
    andra(projekt, PUNKT, PUNKT + "\n    Tiden för analys behöver skyddas.")
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:87:5: fel: raden saknar '- '")
    assert "'- Tiden för analys behöver skyddas.'" in fel


# ---------------------------------------------------------------- 3. Word's bullets


def test_tankstreck_som_listtecken_i_yaml(projekt: Path) -> None:
    andra(
        projekt,
        PUNKT,
        "    – Kvalitetsarbetet har blivit mer systematiskt.\n    — Analysen behöver fördjupas.",
    )
    varningar = problem(projekt, "varning")
    assert [v.split(": varning: ")[0] for v in varningar] == [f"{FIL}:86:5", f"{FIL}:87:5"]
    assert "'–' (tankstreck) är inget listtecken i YAML" in varningar[0]
    assert "'- Kvalitetsarbetet har blivit mer systematiskt.'" in varningar[0]
    assert "'—' (långt tankstreck)" in varningar[1]
    assert len(byggets(projekt, "varning")) == 2


def test_punkt_fran_word_efter_strecket(projekt: Path) -> None:
    andra(projekt, "    - Kvalitetsarbetet", "    - • Kvalitetsarbetet")
    (varning,) = problem(projekt, "varning")
    assert varning.startswith(f"{FIL}:86:7: varning: punkten börjar med '•'")


def test_tankstreck_i_markdown(projekt: Path) -> None:
    andra(
        projekt,
        "  och *läsutveckling i förskoleklass till årskurs 3*.\n",
        "  och *läsutveckling i förskoleklass till årskurs 3*:\n  – studiero\n  – läsning\n",
    )
    varningar = problem(projekt, "varning")
    assert [v.split(": varning: ")[0] for v in varningar] == [f"{FIL}:30:3", f"{FIL}:31:3"]
    assert "gör ingen punktlista i texten" in varningar[0]
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.visa.redigera import Redigering
    from kvalitet.visa.server import Forhandsvisning

    svar = Redigering(Forhandsvisning(hitta_projekt(projekt))).oppna("bjorkbackaskolan")
    vid_faltet = [p for p in svar["problem"] if p["rad"] in (30, 31)]
    assert [p["sokvag"] for p in vid_faltet] == [["sammanfattning"], ["sammanfattning"]]


def test_ett_tankstreck_i_markdown_ar_en_replik(projekt: Path) -> None:
    """One line beginning with '– ' is how a reply is quoted in Swedish: no warning."""
    andra(
        projekt,
        "  och *läsutveckling i förskoleklass till årskurs 3*.\n",
        "  och *läsutveckling i förskoleklass till årskurs 3*.\n\n  – Nu är det lugnt, säger en elev.\n",
    )
    assert problem(projekt, "varning") == []


def test_ord_i_styrtalets_antal(projekt: Path) -> None:
    andra(
        projekt,
        "    pojkar: 91\n    antal: {flickor: 151,",
        "    pojkar: 91\n    antal: {flickor: etthundrafemtioett,",
    )
    (fel,) = problem(projekt)
    assert fel.startswith(f"{FIL}:299:22: fel: ")
    assert "skriv talet med siffror: 'flickor: 151'" in fel


def test_ord_i_styrtalets_utfall_och_jamforelse(projekt: Path) -> None:
    andra(projekt, "    utfall: 89,5\n    flickor: 88", "    utfall: nittio\n    flickor: 88")
    andra(
        projekt,
        "    antal: {flickor: 151, pojkar: 162, totalt: 313}\n    kommentar: Tryggheten",
        "    antal: {flickor: 151, pojkar: 162, totalt: 313}\n    jämförelser: {riket: åttiofem}\n"
        "    kommentar: Tryggheten",
    )
    utfall, jamforelse = problem(projekt)
    assert utfall.startswith(f"{FIL}:296:13: fel: ") and "'utfall: 90'" in utfall
    assert jamforelse.startswith(f"{FIL}:300:") and "'riket: 85'" in jamforelse
