"""The unit file's JSON Schema per rapportmall: the standard template's accepts every example
unit; a template's own parts, headings, guidance and required parts are in its schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kvalitet.kalla.las import las_data
from kvalitet.kalla.rapportmallar import inbyggd_rapportmall
from kvalitet.modell.rapportmall import Rapportmall
from kvalitet.modell.rapportmallschema import enhetsschema_for_mall, skriv_mallscheman

ROT = Path(__file__).resolve().parents[2]
EXEMPEL = sorted((ROT / "rapporter").glob("20*/*.yaml"))
EJ_ENHETER = ("huvudman.yaml", "huvudmannens-rapport.yaml")


class _SomEditorn(yaml.SafeLoader):
    """YAML as the editor's language server sees it: timestamps stay text."""


_SomEditorn.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _las(text: str) -> Any:
    return yaml.load(text, Loader=_SomEditorn)


def _typ(fil: Path) -> str:
    return "annan" if fil.name in EJ_ENHETER else "enhet"


ENHETER = [
    f
    for f in EXEMPEL
    if _typ(f) == "enhet" and "\nrapportmall: " not in f.read_text(encoding="utf-8")
]
"""The example units on the standard template (the others are tested on their own below)."""

REFERENS = sorted((ROT / "tests" / "data" / "referens-004" / "rapporter").rglob("*.yaml"))


def _mall(fil: Path) -> Rapportmall:
    data, fel = las_data(fil)
    assert not fel
    return Rapportmall.model_validate(data)


@pytest.mark.parametrize(
    "fil", [*ENHETER, *(f for f in REFERENS if _typ(f) == "enhet")], ids=lambda f: f.name
)
def test_standardmallens_schema_tar_emot_varje_exempelenhet(fil: Path) -> None:
    validator = Draft202012Validator(
        enhetsschema_for_mall(_mall(inbyggd_rapportmall()), "standard")
    )
    fel = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_las(fil.read_text()))]
    assert not fel


def test_mallens_rubriker_och_vagledning_i_schemat() -> None:
    schema = enhetsschema_for_mall(_mall(inbyggd_rapportmall()), "standard")
    analys = schema["properties"]["analys"]
    assert analys["title"] == "Analys"
    assert analys["description"].startswith("Analys: Vilka orsaker finns bakom resultaten?")
    objektiva = schema["$defs"]["Resultat"]["properties"]["objektiva"]
    assert objektiva["title"] == "Objektiva resultat"


def test_egna_delar_och_delar_som_kravs() -> None:
    mall = _mall(ROT / "rapporter" / "mallar" / "forskola-avdelning.rapportmall.yaml")
    schema = enhetsschema_for_mall(mall, "forskola-avdelning")
    delar = schema["properties"]["delar"]
    assert list(delar["properties"]) == [
        "forbattringsomraden",
        "fortbildning",
        "sjalvvardering",
        "framat",
    ]
    assert delar["required"] == ["forbattringsomraden", "sjalvvardering"]
    assert "delar" in schema["required"]
    assert schema["properties"]["beskrivning"]["title"] == "Organisation"
    validator = Draft202012Validator(schema)
    enhet = {"namn": "Avdelning Blåbäret", "skolform": "förskola", "period": "2025/26"}
    assert list(validator.iter_errors(enhet))
    enhet["delar"] = {"forbattringsomraden": {"text": "x"}, "sjalvvardering": {"text": "y"}}
    assert not list(validator.iter_errors(enhet))
    enhet["delar"]["okand"] = {"text": "z"}
    assert list(validator.iter_errors(enhet))


def test_skriv_mallscheman(tmp_path: Path) -> None:
    mall = _mall(inbyggd_rapportmall())
    (fil,) = skriv_mallscheman(tmp_path, {"standard": mall, "trasig": None})
    assert fil == tmp_path / "schema" / "rapportmallar" / "standard.enhet.schema.json"
    assert skriv_mallscheman(tmp_path, {"standard": mall}) == []


def test_mallschemana_i_forradet_ar_aktuella(tmp_path: Path) -> None:
    """If this fails after a change of a rapportmall or the model: kvalitet schema --skriv"""
    mallar = {
        f.name.removesuffix(".rapportmall.yaml"): _mall(f)
        for f in (ROT / "rapporter" / "mallar").glob("*.rapportmall.yaml")
    }
    skrivna = skriv_mallscheman(tmp_path, mallar)
    assert len(skrivna) == 3
    for fil in skrivna:
        forradets = ROT / "schema" / "rapportmallar" / fil.name
        assert forradets.read_text(encoding="utf-8") == fil.read_text(encoding="utf-8")
