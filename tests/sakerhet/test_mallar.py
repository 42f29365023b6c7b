"""Templates: the sandbox, templates through symbolic links, and the huvudman's mallmapp."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import inbyggda_mallar

OMSLAG = Path("rapporter") / "egna-mallar" / "delar" / "omslag.html.j2"
HUVUDMAN = Path("rapporter") / "2025-26" / "huvudman.yaml"


@pytest.mark.parametrize(
    "uttryck",
    [
        "{{ lipsum.__globals__['os'].popen('echo PWNED').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}",
        "{{ enhet.__class__.__init__.__globals__ }}",
        "{{ enhet.model_config.update({'x': 1}) }}",
    ],
)
def test_mall_i_sandladan_ger_placerat_fel_och_kor_ingen_kod(
    projekt: Path, runner: CliRunner, uttryck: str
) -> None:
    (projekt / OMSLAG).write_text(f"<header>\n{uttryck}\n</header>\n", encoding="utf-8")
    res = runner.invoke(kvalitet, ["bygg", "--format", "html", "--enhet", "resurscentrum"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "PWNED" not in res.output
    assert "rapporter/egna-mallar/delar/omslag.html.j2:2:1: fel:" in res.output
    assert not (projekt / "ut" / "resurscentrum.html").exists()


def test_symlankad_malldel_vagras(projekt: Path, runner: CliRunner, tmp_path: Path) -> None:
    hemlig = tmp_path.parent / f"{tmp_path.name}-hemlig.txt"
    hemlig.write_text("HEMLIGT-LÖSENORD", encoding="utf-8")
    (projekt / OMSLAG).unlink()
    os.symlink(hemlig, projekt / OMSLAG)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "rapporter/egna-mallar/delar/omslag.html.j2:1:1: fel:" in res.output
    assert "symbolisk länk" in res.output
    assert not any("HEMLIGT" in f.read_text() for f in (projekt / "ut").glob("*.html"))
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    assert kontroll.exit_code == 1 and "symbolisk länk" in kontroll.output


def test_symlankad_mallmapp_vagras(projekt: Path, runner: CliRunner, tmp_path: Path) -> None:
    utanfor = tmp_path.parent / f"{tmp_path.name}-mallar"
    (utanfor / "delar").mkdir(parents=True)
    (utanfor / "delar" / "omslag.html.j2").write_text("<header>UTIFRÅN</header>", encoding="utf-8")
    delar = projekt / OMSLAG.parent
    (delar / "omslag.html.j2").unlink()
    delar.rmdir()
    os.symlink(utanfor / "delar", delar)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "symbolisk länk" in res.output
    assert not any("UTIFRÅN" in f.read_text() for f in (projekt / "ut").glob("*.html"))


@pytest.mark.parametrize("mallmapp", ["../../../../usr/share", "/", "/usr/share", "finns-inte"])
def test_mallmapp_utanfor_projektet_las_eller_hashas_inte(
    projekt: Path, runner: CliRunner, mallmapp: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fil = projekt / HUVUDMAN
    text = fil.read_text(encoding="utf-8")
    assert "mallmapp: rapporter/egna-mallar" in text
    fil.write_text(text.replace("mallmapp: rapporter/egna-mallar", f'mallmapp: "{mallmapp}"'))
    lasta: list[Path] = []
    riktig = Path.read_bytes

    def las(self: Path) -> bytes:
        lasta.append(self)
        return riktig(self)

    monkeypatch.setattr(Path, "read_bytes", las)
    for kommando in (["bygg", "--plan"], ["bygg", "--format", "html"], ["kontrollera"]):
        res = runner.invoke(kvalitet, kommando)
        assert "Traceback" not in res.output and "internt fel" not in res.output, res.output
    assert res.exit_code == 1
    assert "huvudman.yaml" in res.output and "mallmapp" in res.output
    tillatna = (projekt.resolve(), inbyggda_mallar().resolve())
    utanfor = [f for f in lasta if not any(f.resolve().is_relative_to(t) for t in tillatna)]
    assert not utanfor, utanfor[:5]
