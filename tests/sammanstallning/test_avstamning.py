"""Figures that agree (nr 26.4): a result typed in huvudmannens-rapport.yaml that differs from
the units' results is warned at its line with both figures and the fix; a placeholder such as
'Inte besvarad.' is warned at each line; 'beräkna: median' works for a skala styrtal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

PERIOD = Path("rapporter") / "2025-26"
RAPPORT = PERIOD / "huvudmannens-rapport.yaml"


def _rad(fil: Path, text: str) -> int:
    """The line number of the only line of ``fil`` that holds ``text``."""
    rader = [i for i, r in enumerate(fil.read_text(encoding="utf-8").splitlines(), 1) if text in r]
    assert len(rader) == 1, (text, rader)
    return rader[0]


def _ersatt(fil: Path, gammalt: str, nytt: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert text.count(gammalt) == 1, gammalt
    fil.write_text(text.replace(gammalt, nytt), encoding="utf-8")


def _varningar(runner: CliRunner, fil: Path) -> list[str]:
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    return [r for r in res.output.splitlines() if r.startswith(f"{fil.as_posix()}:")]


def _tre_forskolor(projekt: Path, utfall: tuple[str, str] = ("70", "75")) -> None:
    """The example with two more förskolor whose 1.1.4 (målvärde 90) is not reached."""
    lingonet = (projekt / PERIOD / "forskolan-lingonet.yaml").read_text(encoding="utf-8")
    assert lingonet.count("\n    utfall: 96\n") == 1
    for i, varde in enumerate(utfall, start=1):
        text = lingonet.replace("namn: Förskolan Lingonet", f"namn: Förskolan Nr {i}")
        text = text.replace("\n    utfall: 96\n", f"\n    utfall: {varde}\n    kommentar: Lägre.\n")
        (projekt / PERIOD / f"forskola-{i}.yaml").write_text(text, encoding="utf-8")


def test_skrivet_resultat_som_enheterna_motsager_varnas(projekt: Path, runner: CliRunner) -> None:
    """The issue's case: 1.1.4 '96 % ✔ Uppnått' typed while 2 of 3 förskolor are ej uppnått;
    kontrollera said nothing."""
    _tre_forskolor(projekt)
    rad = _rad(projekt / RAPPORT, "resultat: 96")
    varningar = [v for v in _varningar(runner, RAPPORT) if "1.1.4" in v]
    assert varningar == [
        f"{RAPPORT.as_posix()}:{rad}:17: varning: styrtal 1.1.4: huvudmannens resultat 96 % "
        "stämmer inte med enheternas utfall: medelvärdet 80,3 %, medianen 75 % (3 enheter); det "
        "visas som uppnått medan 2 av 3 enheter inte når målvärdet (skriv det uträknade värdet "
        "('resultat: 80,3'), eller ta bort raden 'resultat:' och skriv 'beräkna: medel' så "
        "räknas värdet fram ur enheterna)"
    ]


@pytest.mark.parametrize(
    ("resultat", "varnas"),
    [
        ("80", False),  # 80,33 printed without decimals is 80
        ("80,3", False),
        ("80,4", True),
        ("75", False),  # the median
        ("79", True),
        ("Över 75 %", False),
        ("Över 85 %", True),
        ("Under 80 %", False),  # the median is under
        ("Under 70 %", True),
        ("ca 81", False),
        ("Nära 80 % i alla förskolor", False),  # not a figure: nothing to compare
    ],
)
def test_samma_siffra_med_tryckt_precision_ar_ingen_skillnad(
    projekt: Path, runner: CliRunner, resultat: str, varnas: bool
) -> None:
    _tre_forskolor(projekt)
    _ersatt(projekt / RAPPORT, "resultat: 96", f"resultat: {resultat}")
    varningar = [v for v in _varningar(runner, RAPPORT) if "1.1.4" in v]
    assert bool(varningar) == varnas, varningar


@pytest.mark.parametrize(("resultat", "varnas"), [("241", False), ("96", True)])
def test_antal_far_vara_summan(
    projekt: Path, runner: CliRunner, resultat: str, varnas: bool
) -> None:
    """A count (mått: antal) is often the units' sum: 96 + 70 + 75."""
    _tre_forskolor(projekt)
    plan = projekt / PERIOD / "huvudman.yaml"
    _ersatt(plan, "tryggt\n              mått: procent", "tryggt\n              mått: antal")
    _ersatt(projekt / RAPPORT, "resultat: 96", f"resultat: {resultat}")
    varningar = [v for v in _varningar(runner, RAPPORT) if "1.1.4" in v]
    assert bool(varningar) == varnas, varningar
    if varnas:
        assert "medelvärdet 80,3, medianen 75, summan 241 (3 enheter)" in varningar[0]


def test_skriven_status_som_resultatet_motsager_varnas(projekt: Path, runner: CliRunner) -> None:
    """'7,8 av 10' with 'status: ej uppnått' against '6 på en 10-gradig skala' prints a
    contradiction; 'uppnått' (as in the example) is right."""
    fil = projekt / RAPPORT
    _ersatt(
        fil,
        "resultat: 7,8 av 10\n      status: uppnått",
        "resultat: 7,8 av 10\n      status: ej uppnått",
    )
    rad = _rad(fil, "status: ej uppnått")
    (varning,) = [v for v in _varningar(runner, RAPPORT) if "1.1.3" in v]
    assert varning == (
        f"{RAPPORT.as_posix()}:{rad}:15: varning: styrtal 1.1.3: status 'ej uppnått' stämmer inte "
        "med resultatet 7,8 av 10 mot målvärdet 6 på en 10-gradig skala (det är uppnått) (skriv "
        "'status: uppnått', eller rätta resultatet)"
    )


def test_dolt_varde_ger_ingen_siffra_i_varningen(projekt: Path, runner: CliRunner) -> None:
    """A unit's masked value is left out of the figures the warning prints, but a typed
    result computed with it (the huvudman knows it) is not a difference."""
    _tre_forskolor(projekt)
    fil = projekt / PERIOD / "forskola-2.yaml"
    _ersatt(fil, "    utfall: 75\n", "    utfall: 75\n    antal: {totalt: 4}\n")
    varningar = [v for v in _varningar(runner, RAPPORT) if "1.1.4" in v]
    assert len(varningar) == 1 and "(2 enheter)" in varningar[0], varningar
    assert "75" not in varningar[0].split("(2 enheter)")[0].replace("96 %", "")
    _ersatt(projekt / RAPPORT, "resultat: 96", "resultat: 80,3")
    assert not [v for v in _varningar(runner, RAPPORT) if "1.1.4" in v]


def test_skalans_resultat_jamfors_pa_skalan(projekt: Path, runner: CliRunner) -> None:
    """1.1.3 '7,8 av 10' is the median of 8,4 and 7,1 av 10 (7,75 rounded half up)."""
    assert not [v for v in _varningar(runner, RAPPORT) if "1.1.3" in v]
    _ersatt(projekt / RAPPORT, "resultat: 7,8 av 10", "resultat: 8,5 av 10")
    (varning,) = [v for v in _varningar(runner, RAPPORT) if "1.1.3" in v]
    assert "medelvärdet 7,8 av 10, medianen 7,8 av 10 (2 enheter)" in varning
    assert "'resultat: 7,8 av 10'" in varning and "'beräkna: median'" in varning


def test_berakna_median_for_en_skala(projekt: Path, runner: CliRunner) -> None:
    """'beräkna: median', which the warning proposes, works for a skala styrtal (it said
    'ingen enhet har ett utfall som tal')."""
    _ersatt(projekt / RAPPORT, "resultat: 7,8 av 10\n      status: uppnått", "beräkna: median")
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "huvudmannens-rapport.html").read_text(encoding="utf-8")
    rad = re.search(r'<span class="nr">1\.1\.3</span>.*?</tr>', html, re.S)
    assert rad
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rad.group(0)))
    assert "7,8 av 10" in text and "Median av 2 enheter" in text, text


def test_platshallare_varnas_pa_varje_rad(projekt: Path, runner: CliRunner) -> None:
    """'Inte besvarad.' typed as an answer, and a question left out (the report prints 'Inte
    besvarad.' for it), are warned; the example answers every question."""
    fil = projekt / RAPPORT
    assert not _varningar(runner, RAPPORT)
    text = fil.read_text(encoding="utf-8")
    fragor = re.findall(r"^    (styrdokument|förutsättningar|forskning): .*$", text, re.M)
    assert len(fragor) == 3, fragor
    for fraga in fragor:
        text = re.sub(rf"^    {fraga}: .*$", f"    {fraga}: Inte besvarad.", text, flags=re.M)
    text = re.sub(r"^    förväntade_effekter:\n(      .*\n)+", "", text, flags=re.M)
    fil.write_text(text, encoding="utf-8")
    varningar = _varningar(runner, RAPPORT)
    for fraga in fragor:
        rad = _rad(fil, f"{fraga}: Inte besvarad.")
        assert any(
            v.startswith(f"{RAPPORT.as_posix()}:{rad}:")
            and "säger bara 'Inte besvarad.': en platshållare" in v
            for v in varningar
        ), (fraga, varningar)
    omrade = _rad(fil, "- rubrik: Studiero i alla klassrum")
    assert (
        f"{RAPPORT.as_posix()}:{omrade}:5: varning: utvecklingsområdet 'Studiero i alla klassrum' "
        "besvarar inte vilka effekter som förväntas (lägg till 'förväntade_effekter:')"
    ) in varningar
    assert len(varningar) == 4, varningar


@pytest.mark.parametrize("platshallare", ["Ej ifyllt", "TODO", "inte besvarad"])
def test_platshallare_i_en_enhets_rapport(
    projekt: Path, runner: CliRunner, platshallare: str
) -> None:
    fil = PERIOD / "forskolan-lingonet.yaml"
    _ersatt(
        projekt / fil,
        "forskning: Forskning om transspråkande i förskolan.",
        f"forskning: {platshallare}",
    )
    rad = _rad(projekt / fil, f"forskning: {platshallare}")
    assert [v for v in _varningar(runner, fil) if "platshållare" in v] == [
        f"{fil.as_posix()}:{rad}:16: varning: 'utvecklingsområden[1].forskning' säger bara "
        f"'{platshallare}': en platshållare, inget svar, och den trycks i rapporten som den står "
        "(skriv svaret, eller ta bort raden så säger kontrollen vad som saknas)"
    ]
