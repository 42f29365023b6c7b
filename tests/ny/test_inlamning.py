"""kvalitet ny period moves the deadline with the period; the rest of the file is as it was."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.ny.inlamning import flytta_sista_dag


def test_nasta_period_far_sista_dagen_ett_ar_senare(projekt: Path, runner: CliRunner) -> None:
    fore = (projekt / "rapporter" / "2025-26" / "huvudman.yaml").read_text(encoding="utf-8")
    res = runner.invoke(kvalitet, ["ny", "period", "2026/27"])
    assert res.exit_code == 0, res.output
    ny = (projekt / "rapporter" / "2026-27" / "huvudman.yaml").read_text(encoding="utf-8")
    assert "  sista_dag: 2027-06-15\n" in ny
    assert ny == fore.replace("period: 2025/26", "period: 2026/27").replace(
        "sista_dag: 2026-06-15", "sista_dag: 2027-06-15"
    )
    res = runner.invoke(kvalitet, ["kontrollera", "--period", "2026/27"])
    assert "huvudman.yaml" not in res.output


def test_skottdagen_och_citattecken() -> None:
    assert flytta_sista_dag("inlämning:\n  sista_dag: 2028-02-29\n", 1) == (
        "inlämning:\n  sista_dag: 2029-02-28\n"
    )
    assert flytta_sista_dag("inlämning:\n  sista_dag: '2026-06-15'\n", 2) == (
        "inlämning:\n  sista_dag: '2028-06-15'\n"
    )
    assert flytta_sista_dag("sista_dag: 2026-06-15\n", 1) == "sista_dag: 2026-06-15\n"
