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


PICKLE = '{{ enhet.parse_raw("cos\\nsystem\\n(S\'touch pwned\'\\ntR.", proto="pickle", allow_pickle=True) }}'
"""Issue 25.1: a pickle that runs ``touch pwned`` through pydantic's ``parse_raw``."""

RAPPORTMALL = Path("rapporter") / "egna-mallar" / "rapport.html.j2"


def _hemlig_fil(tmp_path: Path) -> Path:
    hemlig = tmp_path.parent / f"{tmp_path.name}-hemlig.json"
    hemlig.write_text('{"namn": "HEMLIGT-INNEHÅLL"}', encoding="utf-8")
    return hemlig


def _fientliga(tmp_path: Path) -> list[str]:
    return [PICKLE, "{{ enhet.parse_file('" + str(_hemlig_fil(tmp_path)) + "') }}"]


def _inga_spar(projekt: Path, tmp_path: Path, *utdata: str) -> None:
    """No ``pwned`` file anywhere the build could have run, no outside content shown."""
    assert not list(tmp_path.rglob("pwned")) and not (Path.cwd() / "pwned").exists()
    assert not (projekt / "pwned").exists()
    for text in utdata:
        assert "HEMLIGT" not in text and "Traceback" not in text, text
    for fil in (projekt / "ut").glob("*.html") if (projekt / "ut").is_dir() else []:
        assert "HEMLIGT" not in fil.read_text(encoding="utf-8")


@pytest.mark.parametrize("nr", [0, 1], ids=["parse_raw-pickle", "parse_file"])
@pytest.mark.parametrize("mall", [OMSLAG, RAPPORTMALL], ids=["del", "rapportmall"])
def test_mallen_kor_ingen_kod_och_laser_ingen_fil(
    projekt: Path, runner: CliRunner, tmp_path: Path, nr: int, mall: Path
) -> None:
    """Issue 25.1 as reported: on ``bygg`` the template gets data without methods (a located
    error naming the template), ``kontrollera`` neither runs nor reads anything."""
    uttryck = _fientliga(tmp_path)[nr]
    (projekt / mall).write_text(f"<header>\n{uttryck}\n</header>\n", encoding="utf-8")
    kontroll = runner.invoke(kvalitet, ["kontrollera"])
    _inga_spar(projekt, tmp_path, kontroll.output)
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1, res.output
    assert f"{mall.as_posix()}:2:1: fel:" in res.output
    assert "har inget fält 'parse_" in res.output
    _inga_spar(projekt, tmp_path, res.output)


@pytest.mark.parametrize(
    "uttryck",
    [
        "{{ enhet.__class__ }}",
        "{{ enhet['__class__'] }}",
        "{{ enhet.model_validate_json('{}') }}",
        "{{ enhet.model_dump() }}",
        "{{ enhet.ansvarig.model_copy() }}",
        "{{ r.delar[0].__class__.__mro__ }}",
        "{{ enhet.items.__self__ }}",
        "{{ enhet | attr('__class__') }}",
        "{{ r.delar | map(attribute='__class__') | first }}",
        "{{ cycler('a') }}",
        "{{ joiner(',') }}",
        "{{ lipsum() }}",
        "{{ dict(a=1) }}",
        "{{ namespace.mro() }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ range.__init__.__globals__ }}",
        "{{ range(10**9) | length }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__init__ }}",
        "{% for x in [1] %}{{ loop.cycle('a', 'b') }}{{ loop.__class__ }}{% endfor %}",
        "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
        "{{ '{0.__class__}'.format(enhet) }}",
        "{{ '{0.namn}'.format_map({'0': enhet}) }}",
        "{{ enhet.namn.upper() }}",
        "{{ enhet.datum.strftime('%Y') }}",
        "{{ ('x' * 3000) | replace('', 'y' * 3000) }}",
        "{{ 'x' | center(10**9) }}",
        "{{ '%999999999s' % 'x' }}",
        "{{ '%999999999s' | format('x') }}",
        "{{ 'x' * 10**9 }}",
        "{{ [1] * 10**9 }}",
        "{{ 7 ** (10**9) }}",
        "{% set s = 'x' * 4000000 %}{{ (s ~ s) | length }}",
        "{% set s = 'x' * 4000000 %}{{ (s + s) | length }}",
        "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
    ],
)
def test_fientliga_varianter_ger_placerat_fel(
    projekt: Path, runner: CliRunner, tmp_path: Path, uttryck: str
) -> None:
    """The hostile catalogue: every way out of the data, and every way to eat the machine,
    is a located error naming the template; the other units are still built."""
    (projekt / OMSLAG).write_text(
        f'<header>\n{{% if enhet.namn == "Resurscentrum" %}}{uttryck}{{% endif %}}\n</header>\n',
        encoding="utf-8",
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1, res.output
    assert "rapporter/egna-mallar/delar/omslag.html.j2:2:1: fel:" in res.output
    assert "Traceback" not in res.output and "<class" not in res.output
    assert "object is unsafe" not in res.output and "is undefined" not in res.output
    assert (projekt / "ut" / "bjorkbackaskolan.html").is_file()
    assert not (projekt / "ut" / "resurscentrum.html").exists()
