"""Finding and reading the rapportmallar: ``rapporter/mallar/<namn>.rapportmall.yaml`` and the
built-in standard template (``kalla/inbyggt/standard.rapportmall.yaml``)."""

from __future__ import annotations

from pathlib import Path

from kvalitet.kalla.las import Kalla, las_yaml

MALLMAPP = "mallar"
"""The folder under ``rapporter/`` where a project's rapportmallar lie."""
ANDELSE = ".rapportmall.yaml"
STANDARD = "standard"
"""The name of the built-in template, which applies when nothing else is named."""


def ar_rapportmall(fil: Path) -> bool:
    """Whether a file is a rapportmall (and so no unit file) by its name."""
    return fil.name.endswith(ANDELSE)


def mallnamn(fil: Path) -> str:
    """``förskola-avdelning`` for ``förskola-avdelning.rapportmall.yaml``."""
    return fil.name.removesuffix(ANDELSE)


def inbyggd_rapportmall() -> Path:
    """The built-in standard template's file."""
    return Path(__file__).resolve().parent / "inbyggt" / f"{STANDARD}{ANDELSE}"


def rapportmallfiler(rapporter: Path) -> dict[str, Path]:
    """Name → file for every rapportmall of a project (``rapporter/mallar/``), with the built-in
    standard template unless the project has its own file named ``standard``."""
    filer: dict[str, Path] = {STANDARD: inbyggd_rapportmall()}
    mapp = rapporter / MALLMAPP
    if mapp.is_dir():
        for fil in sorted(mapp.glob(f"*{ANDELSE}")):
            if fil.is_file() and not fil.name.startswith((".", "_")):
                filer[mallnamn(fil)] = fil
    return filer


def las_rapportmallar(rapporter: Path) -> dict[str, Kalla]:
    """Name → loaded file (data with positions and problems) for every rapportmall."""
    return {namn: las_yaml(fil) for namn, fil in rapportmallfiler(rapporter).items()}
