"""De lägsta versionerna som pyproject.toml tillåter, som en constraints-fil för pip.

Varje beroende med en undre gräns (``>=X``) blir ``namn==X``; CI installerar med filen i en egen
miljö och kör testerna, så att golven i pyproject.toml är sanna. Körs: ``python3
skript/lagsta_versioner.py > lagsta.txt``."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
_GOLV = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(?:\[[^\]]*\])?\s*>=\s*([0-9][0-9A-Za-z.]*)")


def golv(krav: list[str]) -> list[str]:
    """``["pydantic>=2.6", "weasyprint>=70,<71"]`` → ``["pydantic==2.6", "weasyprint==70"]``."""
    ut = []
    for rad in krav:
        traff = _GOLV.match(rad)
        if traff:
            namn = re.sub(r"\[.*\]", "", traff[1])
            ut.append(f"{namn}=={traff[2]}")
    return ut


def main() -> int:
    data = tomllib.loads((ROT / "pyproject.toml").read_text(encoding="utf-8"))
    projekt = data["project"]
    krav = list(projekt["dependencies"])
    for extra in projekt.get("optional-dependencies", {}).values():
        krav += extra
    print("\n".join(golv(krav)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
