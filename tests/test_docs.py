"""The user guide stays true: every YAML key is documented and the annotated example validates."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from kvalitet import model
from kvalitet.load import las_yaml
from kvalitet.validate import validera_enhet

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _alla_nycklar() -> set[str]:
    nycklar: set[str] = set()
    for obj in vars(model).values():
        if (
            isinstance(obj, type)
            and issubclass(obj, BaseModel)
            and obj.__module__ == model.__name__
        ):
            for namn, falt in obj.model_fields.items():
                nycklar.add(falt.alias or namn)
    return nycklar


def test_varje_yamlnyckel_finns_i_handboken() -> None:
    text = (DOCS / "skriva-rapporten.md").read_text(encoding="utf-8")
    saknas = sorted(n for n in _alla_nycklar() if f"`{n}`" not in text)
    assert not saknas, f"docs/skriva-rapporten.md beskriver inte: {saknas}"


def test_handbokens_kompletta_exempel_ar_giltigt(tmp_path: Path) -> None:
    text = (DOCS / "skriva-rapporten.md").read_text(encoding="utf-8")
    del_ = text.split("## Ett komplett exempel", 1)[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", del_, flags=re.S).group(1)
    fil = tmp_path / "bjorkbackaskolan.yaml"
    fil.write_text(yaml_text, encoding="utf-8")
    rapport, problem = validera_enhet(las_yaml(fil))
    assert rapport is not None, [p.visa() for p in problem]
    assert not [p for p in problem if p.ar_fel]
    assert rapport.utvecklingsomraden[0].rubrik == "Studiero i årskurs 7–9"
