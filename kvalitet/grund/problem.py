"""Located problems (errors and warnings) and the exception that carries them to the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import click


class Grad(StrEnum):
    """Severity of a problem, as printed."""

    FEL = "fel"
    VARNING = "varning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a source file: what is wrong and how to fix it."""

    fil: Path
    rad: int
    kolumn: int
    grad: Grad = field(compare=False)
    vad: str = field(compare=False)
    hur: str = field(default="", compare=False)
    sokvag: tuple[str | int, ...] | None = field(default=None, compare=False)
    """The YAML path of the value the problem concerns, when the check knows it: also a path
    that is not in the file (a missing required field), which no line can point at."""
    falttext: str = field(default="", compare=False)
    """The message in the words of the editor's form ("Rubrik saknas"), when it differs from
    ``vad``, which speaks of the YAML file."""

    def visa(self, bas: Path | None = None) -> str:
        """Format as ``fil:rad:kolumn: fel: vad (hur)``."""
        namn = visningsnamn(self.fil, bas)
        text = f"{namn}:{self.rad}:{self.kolumn}: {self.grad}: {self.vad}"
        if self.hur:
            text += f" ({self.hur})"
        return text

    @property
    def ar_fel(self) -> bool:
        return self.grad is Grad.FEL


def visningsnamn(fil: Path, bas: Path | None = None) -> str:
    """A path as short as possible: relative to the working directory when inside it."""
    bas = bas or Path.cwd()
    try:
        return (
            os.path.relpath(fil, bas) if fil.resolve().is_relative_to(bas.resolve()) else str(fil)
        )
    except (OSError, ValueError):
        return str(fil)


def fel(fil: Path, rad: int, kolumn: int, vad: str, hur: str = "") -> Problem:
    return Problem(fil, rad, kolumn, Grad.FEL, vad, hur)


def varning(fil: Path, rad: int, kolumn: int, vad: str, hur: str = "") -> Problem:
    return Problem(fil, rad, kolumn, Grad.VARNING, vad, hur)


class KvalitetError(click.ClickException):
    """A user-caused error: one clean Swedish message, exit code 1, never a traceback."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"fel: {self.format_message()}", err=True, file=file)


class DataFel(KvalitetError):
    """Raised when sources have errors; carries every problem found."""

    def __init__(self, problem: list[Problem]) -> None:
        self.problem = problem
        super().__init__("\n".join(p.visa() for p in sorted(problem)))

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(self.format_message(), err=True, file=file)
