"""kvalitet kontrollera checks the period's review files: located errors, and a warning when
the unit file's status: says something else than the review."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

GRANSKNING = """\
enhet: bjorkbackaskolan
läge: inlämnad
händelser:
- tid: '2026-06-10T14:02:11+02:00'
  handling: lämna in
  från: utkast
  till: inlämnad
  av: {namn: Helena Sandberg, epost: helena.sandberg@alvmora.se}
kommentarer:
- nummer: 1
  sökväg: [resultat, objektiva]
  text: Vad bygger ni det på?
  av: {namn: Karin Ek, epost: karin.ek@alvmora.se}
  tid: '2026-06-11T09:15:00+02:00'
"""


def _kontrollera(
    projekt: Path, runner: CliRunner, text: str, namn: str = "bjorkbackaskolan"
) -> tuple[int, list[str]]:
    fil = projekt / "rapporter" / "2025-26" / "granskning" / f"{namn}.yaml"
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text(text, encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", str(projekt)])
    return res.exit_code, [r for r in res.output.splitlines() if "granskning/" in r]


def test_en_giltig_granskningsfil(projekt: Path, runner: CliRunner) -> None:
    assert _kontrollera(projekt, runner, GRANSKNING) == (0, [])


def test_status_som_inte_stammer_ger_en_varning(projekt: Path, runner: CliRunner) -> None:
    kod, rader = _kontrollera(
        projekt, runner, GRANSKNING.replace("resultat, objektiva", "analys"), "resurscentrum"
    )
    assert kod == 1  # enhet: says bjorkbackaskolan in resurscentrum.yaml
    kod, rader = _kontrollera(
        projekt, runner, GRANSKNING.replace("bjorkbackaskolan", "resurscentrum"), "resurscentrum"
    )
    assert kod == 0
    assert rader == [
        "rapporter/2025-26/granskning/resurscentrum.yaml:2:7: varning: granskningen säger "
        "inlämnad men rapporter/2025-26/resurscentrum.yaml har 'status: godkänd'; granskningen "
        "gäller (skriv 'status: klar' i enhetens fil, eller låt granskaren flytta läget)"
    ]


def test_fel_i_granskningsfilen_har_rad(projekt: Path, runner: CliRunner) -> None:
    text = GRANSKNING.replace("läge: inlämnad", "läge: klar").replace("nummer: 1", "nummer: 0")
    kod, rader = _kontrollera(projekt, runner, text)
    assert kod == 1
    assert rader[0].startswith(
        "rapporter/2025-26/granskning/bjorkbackaskolan.yaml:2:7: fel: 'klar' är inget tillåtet "
        "värde för 'läge'"
    )
    assert rader[1] == (
        "rapporter/2025-26/granskning/bjorkbackaskolan.yaml:10:11: fel: 'kommentarer[1].nummer' "
        "är 0 men ska vara minst 1 (skriv ett tal som är minst 1)"
    )
    kod, rader = _kontrollera(
        projekt, runner, GRANSKNING.replace("läge: inlämnad", "läge: godkänd")
    )
    assert rader == [
        "rapporter/2025-26/granskning/bjorkbackaskolan.yaml:2:7: fel: läget är godkänd men den "
        "senaste händelsen ledde till inlämnad (skriv 'läge: inlämnad' (läget ändras genom "
        "kvalitet, inte för hand))"
    ]


def test_en_tidpunkt_som_inte_gar_att_lasa(projekt: Path, runner: CliRunner) -> None:
    kod, rader = _kontrollera(projekt, runner, GRANSKNING.replace("'2026-06-10T14", "'i går 14"))
    assert kod == 1
    assert rader == [
        "rapporter/2025-26/granskning/bjorkbackaskolan.yaml:4:8: fel: 'händelser[1].tid' ska vara "
        "en tidpunkt, men är texten 'i går 14:02:11+02:00' (skriv tidpunkten som "
        "ÅÅÅÅ-MM-DDTtt:mm:ss med tidszon, t.ex. '2026-06-10T14:02:11+02:00')"
    ]


def test_sista_dag_och_paminnelser_i_huvudmannafilen(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("påminnelser: [7, 1]", "påminnelser: [7, -1]"), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", str(projekt)])
    assert res.exit_code == 1
    assert (
        "huvudman.yaml:30:20: fel: 'inlämning.påminnelser[2]' är −1 men ska vara minst 0 "
        "(skriv ett tal som är minst 0)"
    ) in res.output
    fil.write_text(text.replace("sista_dag: 2026-06-15", "sista_dag: 15 juni"), encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", str(projekt)])
    assert "huvudman.yaml:29:14: fel: 'inlämning.sista_dag' ska vara ett datum" in res.output


def test_en_oppen_kommentar_vars_del_ar_borta(projekt: Path, runner: CliRunner) -> None:
    text = GRANSKNING.replace("[resultat, objektiva]", "[utvecklingsområden, 7]")
    kod, rader = _kontrollera(projekt, runner, text)
    assert kod == 0
    assert rader == [
        "rapporter/2025-26/granskning/bjorkbackaskolan.yaml:11:11: varning: kommentar 1 sitter "
        "vid 'utvecklingsområden[8]', som inte finns i enhetens fil längre (svara på kommentaren "
        "eller markera den som löst)"
    ]
    lost = text + "  löst: {av: {namn: Karin Ek}, tid: '2026-06-12T09:00:00+02:00'}\n"
    assert _kontrollera(projekt, runner, lost) == (0, [])
