"""The user guide stays true: every YAML key is documented and the annotated example validates."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from kvalitet import modell as model
from kvalitet.kalla.las import las_yaml
from kvalitet.kontroll.validera import validera_enhet, validera_huvudman

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _nycklar(rot: type[BaseModel]) -> set[str]:
    """Every YAML key of a model and of the models reachable from it."""
    nycklar: set[str] = set()
    sedda: set[type] = set()

    def ga(modell: type[BaseModel]) -> None:
        if modell in sedda:
            return
        sedda.add(modell)
        for namn, falt in modell.model_fields.items():
            nycklar.add(falt.alias or namn)
            for typ in re.findall(r"\b[A-Z]\w+\b", str(falt.annotation)):
                klass = getattr(model, typ, None)
                if isinstance(klass, type) and issubclass(klass, BaseModel):
                    ga(klass)

    ga(rot)
    return nycklar


def test_varje_yamlnyckel_finns_i_handboken() -> None:
    for rot, fil in (
        (model.Enhetsrapport, "skriva-rapporten.md"),
        (model.Huvudmannafil, "huvudman.md"),
    ):
        text = (DOCS / fil).read_text(encoding="utf-8")
        saknas = sorted(n for n in _nycklar(rot) if f"`{n}`" not in text)
        assert not saknas, f"docs/{fil} beskriver inte: {saknas}"


def test_handbokens_kompletta_exempel_ar_giltigt(tmp_path: Path) -> None:
    text = (DOCS / "skriva-rapporten.md").read_text(encoding="utf-8")
    del_ = text.split("## Ett komplett exempel", 1)[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", del_, flags=re.S).group(1)
    rot = Path(__file__).resolve().parent.parent
    huvudman, hproblem = validera_huvudman(
        las_yaml(rot / "rapporter" / "2025-26" / "huvudman.yaml"), rot
    )
    assert huvudman is not None, hproblem
    fil = tmp_path / "bjorkbackaskolan.yaml"
    fil.write_text(yaml_text, encoding="utf-8")
    rapport, problem = validera_enhet(las_yaml(fil), tmp_path, huvudman)
    assert rapport is not None, [p.visa() for p in problem]
    assert not [p for p in problem if p.ar_fel]
    assert rapport.utvecklingsomraden[0].rubrik == "Studiero i årskurs 7–9"


def test_handbokens_exempel_i_blockformen_ar_giltigt(tmp_path: Path) -> None:
    text = (DOCS / "skriva-rapporten.md").read_text(encoding="utf-8")
    del_ = text.split("## Ett komplett exempel i blockformen", 1)[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", del_, flags=re.S).group(1)
    rot = Path(__file__).resolve().parent.parent
    huvudman, _ = validera_huvudman(las_yaml(rot / "rapporter" / "2025-26" / "huvudman.yaml"), rot)
    fil = tmp_path / "resurscentrum.yaml"
    fil.write_text(yaml_text, encoding="utf-8")
    rapport, problem = validera_enhet(las_yaml(fil), tmp_path, huvudman)
    assert rapport is not None, [p.visa() for p in problem]
    assert rapport.kvalitetsarbete is not None and rapport.kvalitetsarbete.innehall
    assert rapport.utvecklingsomraden_visning == "tabell"
