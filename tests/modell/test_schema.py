"""The JSON Schema for editors agrees with the validator and is kept up to date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_yaml
from kvalitet.kontroll.validera import validera_enhet, validera_huvudman
from kvalitet.modell.schema import FILNAMN, schema, schema_text

ROT = Path(__file__).resolve().parents[2]
EXEMPEL = sorted((ROT / "rapporter").glob("20*/*.yaml"))


class _SomEditorn(yaml.SafeLoader):
    """YAML as the editor's language server sees it: timestamps stay text."""


_SomEditorn.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _las(text: str) -> Any:
    return yaml.load(text, Loader=_SomEditorn)


def _typ(fil: Path) -> str:
    return {"huvudman.yaml": "huvudman", "huvudmannens-rapport.yaml": "huvudmannens-rapport"}.get(
        fil.name, "enhet"
    )


@pytest.mark.parametrize("fil", EXEMPEL, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_exempelfilerna_foljer_schemat(fil: Path) -> None:
    validator = Draft202012Validator(schema(typ=_typ(fil)))
    fel = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_las(fil.read_text()))]
    assert not fel


def test_okant_falt_avvisas_av_bade_schemat_och_validatorn(tmp_path: Path) -> None:
    fil = tmp_path / "rapporter" / "2025-26" / "testskolan.yaml"
    fil.parent.mkdir(parents=True)
    text = (ROT / "rapporter" / "2025-26" / "forskolan-lingonet.yaml").read_text()
    text = text.replace("skolform: förskola", "skolform: förskola\nslutsatserr: []")
    fil.write_text(text, encoding="utf-8")
    schemafel = list(Draft202012Validator(schema()).iter_errors(_las(text)))
    assert any("slutsatserr" in e.message for e in schemafel)
    _, problem = validera_enhet(las_yaml(fil), tmp_path)
    assert any("okänt fält 'slutsatserr'" in p.vad for p in problem)

    huvudman = (ROT / "rapporter" / "2025-26" / "huvudman.yaml").read_text()
    huvudman = huvudman.replace("period: 2025/26", "period: 2025/26\nfärg: blå")
    assert list(Draft202012Validator(schema(True)).iter_errors(_las(huvudman)))
    hfil = tmp_path / "huvudman.yaml"
    hfil.write_text(huvudman, encoding="utf-8")
    _, hproblem = validera_huvudman(las_yaml(hfil), ROT)
    assert any("okänt fält 'färg'" in p.vad for p in hproblem)


def test_varje_falt_har_svensk_beskrivning_och_exempel() -> None:
    for typ in FILNAMN:
        data = schema(typ=typ)
        definitioner = [data, *data["$defs"].values()]
        for definition in definitioner:
            assert definition.get("description"), definition.get("title")
            for nyckel, falt in definition.get("properties", {}).items():
                assert falt.get("description"), nyckel
                # the model's Swedish title (also the editor's label), else the YAML key
                assert (falt["title"] and "_" not in falt["title"]) or falt["title"] == nyckel
                struktur = "$ref" in str(falt)
                if not struktur:
                    assert falt.get("examples"), f"{definition.get('title')}.{nyckel}"


def test_schemana_i_forradet_ar_aktuella() -> None:
    """If this fails after a model change: kvalitet schema --skriv"""
    for typ, namn in FILNAMN.items():
        assert (ROT / "schema" / namn).read_text(encoding="utf-8") == schema_text(typ=typ)


def test_yamlfilerna_pekar_pa_schemat() -> None:
    for fil in EXEMPEL:
        typ = _typ(fil)
        text = fil.read_text(encoding="utf-8")
        forsta = text.splitlines()[0]
        mall = re.search(r"^rapportmall: (\S+)$", text, flags=re.M)
        if mall:  # a unit on another template points at that template's schema
            typ = f"rapportmallar/{mall[1]}.enhet"
        assert forsta == f"# yaml-language-server: $schema=../../schema/{typ}.schema.json"
        assert (fil.parent / "../../schema" / f"{typ}.schema.json").resolve().is_file()


def test_kommandot_schema(runner: CliRunner, projekt: Path) -> None:
    res = runner.invoke(kvalitet, ["schema"])
    assert res.exit_code == 0
    assert '"title": "Kvalitetsrapport för en enhet (kvalitet)"' in res.output
    res = runner.invoke(kvalitet, ["schema", "--huvudman"])
    assert '"title": "Huvudmannafil (kvalitet)"' in res.output
    res = runner.invoke(kvalitet, ["schema", "--skriv"])
    assert res.exit_code == 0
    assert (projekt / "schema" / "enhet.schema.json").is_file()
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "ny-skola", "--namn", "Ny skola", "--skolform", "grundskola"]
    )
    assert res.exit_code == 0
    ny = (projekt / "rapporter" / "2025-26" / "ny-skola.yaml").read_text(encoding="utf-8")
    assert ny.startswith("# yaml-language-server: $schema=../../schema/enhet.schema.json\n")
    validator = Draft202012Validator(schema())
    assert not list(validator.iter_errors(_las(ny)))
