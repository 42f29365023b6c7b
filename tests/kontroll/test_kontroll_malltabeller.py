"""A unit's tables against its rapportmall's tables at 'kvalitet kontrollera': the two new example
units validate, a value off the scale, an unknown table id and a word in a number column are
errors at their cell with a suggestion, and a template without the standard's parts asks for
none of them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

BLABARET = "lingonet-blabaret"
MELLANSTADIET = "bjorkbackaskolan-mellanstadiet"


def _fil(projekt: Path, enhet: str) -> Path:
    return projekt / "rapporter" / "2025-26" / f"{enhet}.yaml"


def _andra(projekt: Path, enhet: str, gammal: str, ny: str) -> int:
    """Replace ``gammal`` once; the line number where it stood."""
    fil = _fil(projekt, enhet)
    text = fil.read_text(encoding="utf-8")
    assert gammal in text, gammal
    fil.write_text(text.replace(gammal, ny, 1), encoding="utf-8")
    return text[: text.index(gammal)].count("\n") + 1


def _kontrollera(runner: CliRunner, enhet: str) -> tuple[int, str]:
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", enhet])
    return res.exit_code, res.output


def test_de_nya_exempelenheterna_ar_rena(projekt: Path, runner: CliRunner) -> None:
    """No error and no warning: the standard's sections, participation, development areas and
    styrtal are not asked of a unit whose template has no such part."""
    for enhet in (BLABARET, MELLANSTADIET):
        kod, utdata = _kontrollera(runner, enhet)
        assert kod == 0, utdata
        assert utdata == "1 rapport för 2025/26 kontrollerad: 0 fel och 0 varningar.\n", utdata


def test_standardens_delar_efterfragas_fortfarande_pa_standardmallen(
    projekt: Path, runner: CliRunner
) -> None:
    """The same unit on the standard template is asked for the standard's parts, as before."""
    _andra(projekt, MELLANSTADIET, "rapportmall: stadierapport\n", "")
    _, utdata = _kontrollera(runner, MELLANSTADIET)
    assert "varning: avsnittet '1 Det systematiska kvalitetsarbetet' saknas" in utdata
    assert "varning: inga prioriterade utvecklingsområden" in utdata
    assert "saknar utfall" in utdata


def test_bedomning_utanfor_skalan_med_forslag(projekt: Path, runner: CliRunner) -> None:
    rad = _andra(projekt, BLABARET, "värden: [gul, Barnen väljer", "värden: [gull, Barnen väljer")
    rad2 = _andra(projekt, BLABARET, "värden: [röd, Övergången", "värden: [blå, Övergången")
    kod, utdata = _kontrollera(runner, BLABARET)
    assert kod == 1
    fil = f"rapporter/2025-26/{BLABARET}.yaml"
    assert (
        f"{fil}:{rad}:22: fel: raden 'Barns delaktighet och inflytande' har bedömningen 'gull', "
        "som inte är ett steg på skalan 'färgskala' (menade du 'gul'? skalan 'färgskala' har "
        "stegen 'grön', 'gul', 'röd')"
    ) in utdata
    assert (
        f"{fil}:{rad2}:22: fel: raden 'Övergång och samverkan' har bedömningen 'blå', som inte "
        "är ett steg på skalan 'färgskala' (skalan 'färgskala' har stegen 'grön', 'gul', 'röd')"
    ) in utdata
    assert "Traceback" not in utdata


def test_okant_tabell_id_med_forslag(projekt: Path, runner: CliRunner) -> None:
    rad = _andra(projekt, BLABARET, "      - id: kurser\n", "      - id: kurs\n")
    kod, utdata = _kontrollera(runner, BLABARET)
    assert kod == 1
    assert (
        f"rapporter/2025-26/{BLABARET}.yaml:{rad}:13: fel: delen 'Fortbildning' i rapportmallen "
        "'forskola-avdelning' har ingen tabell 'kurs' (menade du 'kurser'? Annars: ta bort "
        "'id:' om tabellen är enhetens egen)"
    ) in utdata


def test_ord_i_mallens_talkolumn(projekt: Path, runner: CliRunner) -> None:
    rad = _andra(projekt, MELLANSTADIET, "värden: [79, 81,", "värden: [sjuttionio, 81,")
    kod, utdata = _kontrollera(runner, MELLANSTADIET)
    assert kod == 1
    assert (
        f"rapporter/2025-26/{MELLANSTADIET}.yaml:{rad}:22: fel: raden 'Årskurs 5' har texten "
        "'sjuttionio' i kolumnen '2023/24', som rapportmallen ger sorten 'procent'"
    ) in utdata


def test_tabellen_utan_id_ar_mallens_pa_samma_plats(projekt: Path, runner: CliRunner) -> None:
    """Without 'id:' the part's first table is the template's first: it gets its columns, so
    rows with 'värden' validate (and a table where the template has none needs its own)."""
    _andra(projekt, BLABARET, "      - id: kurser\n", "      -\n")
    kod, utdata = _kontrollera(runner, BLABARET)
    assert kod == 0, utdata
    _andra(
        projekt,
        MELLANSTADIET,
        "      - rubrik: Antal svarande\n        radrubrik: Årskurs\n        kolumner: [Svarande, Elever]\n",
        "      - rubrik: Antal svarande\n        radrubrik: Årskurs\n",
    )
    kod, utdata = _kontrollera(runner, MELLANSTADIET)
    assert kod == 1 and "har 'värden' men tabellen saknar 'kolumner'" in utdata


def test_mallens_fasta_rader(projekt: Path, runner: CliRunner) -> None:
    """A row not among the template's fixed rows is an error with a suggestion; a fixed row left
    out is a warning."""
    rad = _andra(projekt, BLABARET, "- rad: Förskola och hem\n", "- rad: Förskolan och hemmet\n")
    kod, utdata = _kontrollera(runner, BLABARET)
    assert kod == 1
    assert (
        f"rapporter/2025-26/{BLABARET}.yaml:{rad}:18: fel: raden 'Förskolan och hemmet' finns "
        "inte bland rapportmallens rader för tabellen 'malomraden' (menade du 'Förskola och hem'?"
    ) in utdata
    assert "varning: tabellen 'malomraden' saknar mallens rader 'Förskola och hem'" in utdata
