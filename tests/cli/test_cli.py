"""The two commands on a copy of the example project: exit codes and exact output."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

ENHETER = ["alvmora-gymnasium", "bjorkbackaskolan", "forskolan-lingonet", "resurscentrum"]


def test_kontrollera_exemplet_ar_utan_fel(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    assert (
        res.output.splitlines()[-1]
        == "6 rapporter och huvudmannens rapport för 2025/26 kontrollerade: 0 fel och 1 varning."
    )
    assert "rapporter/2025-26/alvmora-gymnasium.yaml:" in res.output


def test_kontrollera_strikt_gor_varningar_till_fel(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["kontrollera", "--strikt"])
    assert res.exit_code == 1


def test_bygg_skriver_html_och_pdf_for_varje_enhet(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["bygg"])
    assert res.exit_code == 0, res.output
    for enhet in ENHETER:
        assert (projekt / "ut" / f"{enhet}.html").is_file()
        assert (projekt / "ut" / f"{enhet}.pdf").read_bytes().startswith(b"%PDF-")
    assert "Byggda: 6, oförändrade: 0, misslyckade: 0 (i ut/)" in res.output
    assert (projekt / "ut" / ".gitignore").read_text().strip().endswith("*")
    assert not list((projekt / "ut").glob("*.tmp")), "temporary files left behind"


def test_bygg_med_projektargument_ut_format_och_enhet(
    projekt: Path, runner: CliRunner, tmp_path_factory
) -> None:
    annan = tmp_path_factory.mktemp("annanstans")
    res = runner.invoke(
        kvalitet,
        ["bygg", str(projekt), "--ut", str(annan / "rapporter-ut"), "--format", "html",
         "--enhet", "resurscentrum", "--enhet", "forskolan-lingonet"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    skrivna = sorted(p.name for p in (annan / "rapporter-ut").iterdir() if p.name != ".kvalitet")
    assert skrivna == ["forskolan-lingonet.html", "resurscentrum.html"]


def test_okand_enhet_ger_forslag_och_kod_2(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["bygg", "--enhet", "bjorkbackaskola"])
    assert res.exit_code == 2
    assert "menade du 'bjorkbackaskolan'?" in res.output


def test_okant_format_ger_kod_2(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["bygg", "--format", "odt"])
    assert res.exit_code == 2
    assert "okänt format 'odt'" in res.output


def test_okand_flagga_ger_svenskt_fel_och_kod_2(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["kontrollera", "--strict"])
    assert res.exit_code == 2
    assert "Fel: Flaggan '--strict' finns inte." in res.output
    assert "Skriv 'kvalitet kontrollera --hjälp' för hjälp." in res.output


def test_mapp_utan_rapporter_ger_tydligt_fel(tmp_path: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["kontrollera", str(tmp_path)])
    assert res.exit_code == 1
    assert "har ingen undermapp 'rapporter/'" in res.output


def test_utkatalog_i_kallorna_vagras(projekt: Path, runner: CliRunner) -> None:
    for ut in ("rapporter", "rapporter/ut", "."):
        res = runner.invoke(kvalitet, ["bygg", "--ut", ut, "--format", "html"])
        assert res.exit_code == 1, ut
        assert "blandas med källfilerna" in res.output
    assert not (projekt / "rapporter" / "bjorkbackaskolan.html").exists()


def test_enhet_med_fel_stoppar_inte_de_andra_och_behaller_senaste(
    projekt: Path, runner: CliRunner
) -> None:
    assert runner.invoke(kvalitet, ["bygg", "--format", "html"]).exit_code == 0
    gammal = (projekt / "ut" / "forskolan-lingonet.html").read_bytes()
    fil = projekt / "rapporter" / "2025-26" / "forskolan-lingonet.yaml"
    fil.write_text(fil.read_text().replace("skolform: förskola", "skolform: forskola"))
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "✗ forskolan-lingonet: 1 fel i källfilen" in res.output
    assert "menade du 'förskola'?" in res.output
    # the other units did not change: they are not rebuilt
    assert "Byggda: 0, oförändrade: 5, misslyckade: 1 (i ut/)" in res.output
    assert (
        "  forskolan-lingonet: rapporter/2025-26/forskolan-lingonet.yaml:5:11: fel:" in res.output
    )
    assert (projekt / "ut" / "forskolan-lingonet.html").read_bytes() == gammal


def _alla_kommandon(grupp, prefix: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    for namn, kommando in grupp.commands.items():
        yield (*prefix, namn), kommando
        if hasattr(kommando, "commands"):
            yield from _alla_kommandon(kommando, (*prefix, namn))


def test_varje_kommando_har_svensk_hjalp_och_finns_i_dokumentationen(runner: CliRunner) -> None:
    dokumentation = (Path(__file__).resolve().parents[2] / "docs" / "kommandon.md").read_text()
    kommandon = list(_alla_kommandon(kvalitet))
    assert {" ".join(n) for n, _ in kommandon} >= {"kontrollera", "bygg", "ny enhet", "ny period"}
    for namn, kommando in kommandon:
        res = runner.invoke(kvalitet, [*namn, "--hjälp"])
        assert res.exit_code == 0
        assert res.output.startswith(f"Användning: kvalitet {' '.join(namn)} [FLAGGOR]")
        assert "Flaggor:" in res.output
        assert kommando.help
        assert f"kvalitet {' '.join(namn)}" in dokumentation, f"docs/kommandon.md saknar {namn}"
        for param in kommando.params:
            for flagga in getattr(param, "opts", []):
                if flagga.startswith("--") and flagga not in ("--help", "--hjälp"):
                    assert flagga in dokumentation, f"docs/kommandon.md saknar {flagga}"


def test_python_m_kvalitet_fungerar() -> None:
    import subprocess
    import sys

    res = subprocess.run(
        [sys.executable, "-m", "kvalitet", "--version"], capture_output=True, text=True
    )
    assert res.returncode == 0
    assert res.stdout.startswith("kvalitet ")


def test_kontrollera_enhet_och_strikt_domer_bara_valda(projekt: Path, runner: CliRunner) -> None:
    """alvmora-gymnasium has a warning; a rektor at Björkbacka is not blocked by it."""
    alla = runner.invoke(kvalitet, ["kontrollera", "--strikt"])
    assert alla.exit_code == 1 and "alvmora-gymnasium.yaml" in alla.output
    egen = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan", "--strikt"])
    assert egen.exit_code == 0, egen.output
    assert "alvmora-gymnasium" not in egen.output
    assert "1 rapport för 2025/26 kontrollerad" in egen.output
    tva = runner.invoke(
        kvalitet,
        ["kontrollera", "--enhet", "bjorkbackaskolan", "--enhet", "alvmora-gymnasium", "--strikt"],
    )
    assert tva.exit_code == 1 and "2 rapporter för 2025/26 kontrollerade" in tva.output
    okand = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbacka"])
    assert okand.exit_code == 2 and "menade du 'bjorkbackaskolan'?" in okand.output
