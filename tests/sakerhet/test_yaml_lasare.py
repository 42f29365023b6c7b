"""Every YAML file the package reads goes through the one reader with the limits that
``kontrollera`` has (kvalitet/kalla/las.py): a direct load elsewhere fails this test."""

from __future__ import annotations

import ast
from pathlib import Path

PAKET = Path(__file__).resolve().parents[2] / "kvalitet"
LASAREN = {
    "kalla/las.py",  # the reader itself
    "kalla/las_omvandling.py",  # its node converter (a SafeLoader only to construct scalars)
    "kalla/las_syntax.py",  # every syntax error: its copy, already within the limits, again
    "kalla/las_slarv.py",  # list slips in the composed nodes (node types only)
    "kalla/rundtur.py",  # the round-trip writer: parses through the same limits (issue 25)
    "kalla/rundtur_kommentarer.py",  # its parts: comments, nodes, key order (ruamel types only)
    "kalla/rundtur_noder.py",
    "kalla/rundtur_ordning.py",
}
LADDARE = {
    "load",
    "load_all",
    "safe_load",
    "safe_load_all",
    "full_load",
    "full_load_all",
    "unsafe_load",
    "unsafe_load_all",
    "compose",
    "compose_all",
    "parse",
    "scan",
    "SafeLoader",
    "CSafeLoader",
    "Loader",
    "CLoader",
    "FullLoader",
    "UnsafeLoader",
    "BaseLoader",
    "CBaseLoader",
}


def _direkta_lasningar(fil: Path, bas: Path = PAKET.parent) -> list[str]:
    trad = ast.parse(fil.read_text(encoding="utf-8"))
    fynd = []
    for nod in ast.walk(trad):
        plats = f"{fil.relative_to(bas)}:{getattr(nod, 'lineno', 0)}"
        if (
            isinstance(nod, ast.Attribute)
            and isinstance(nod.value, ast.Name)
            and nod.value.id == "yaml"
            and nod.attr in LADDARE
        ):
            fynd.append(f"{plats}: yaml.{nod.attr}")
        elif isinstance(nod, ast.ImportFrom) and (nod.module or "").split(".")[0] in (
            "yaml",
            "ruamel",
        ):
            fynd.append(f"{plats}: from {nod.module} import …")
        elif isinstance(nod, ast.Import) and any(a.name.startswith("ruamel") for a in nod.names):
            fynd.append(f"{plats}: import ruamel")
        elif isinstance(nod, ast.keyword) and nod.arg == "Loader":
            fynd.append(f"{plats}: Loader=")
    return fynd


def test_ingen_yaml_lases_utanfor_lasaren() -> None:
    fynd = [
        rad
        for fil in sorted(PAKET.rglob("*.py"))
        if fil.relative_to(PAKET).as_posix() not in LASAREN
        for rad in _direkta_lasningar(fil)
    ]
    assert not fynd, (
        "YAML läses utanför kvalitet/kalla/las.py (använd las_yaml eller las_data, som har "
        "gränserna för storlek, alias och djup):\n" + "\n".join(fynd)
    )


def test_testet_hittar_en_direkt_lasning(tmp_path: Path) -> None:
    kopia = tmp_path / "x.py"
    kopia.write_text(
        "import yaml\nfrom ruamel.yaml import YAML\n"
        "d = yaml.safe_load(t)\ne = yaml.load(t, Loader=yaml.CSafeLoader)\n",
        encoding="utf-8",
    )
    assert len(_direkta_lasningar(kopia, tmp_path)) == 5
