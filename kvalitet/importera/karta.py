"""The mapping file (``kvalitet importera --karta``): which source file feeds which styrtal of
which units, and which comparisons are kept. Written by the förvaltning, one per project."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from kvalitet.grund.problem import DataFel, KvalitetError, visningsnamn
from kvalitet.kalla.las import las_yaml
from kvalitet.modell.falt import Bas, IfylldText, Period, Text

FORMAT = ("skolverket", "skolverket-api", "kolada", "enkät")
Kolumn = Text | list[Text]


class Falt(Bas):
    """Where one styrtal's values are in a source: columns (tables), an API field or a KPI."""

    utfall: Kolumn | None = Field(None, description="Kolumnen med utfallet (totalt).")
    flickor: Kolumn | None = Field(None, description="Kolumnen med flickornas värde.")
    pojkar: Kolumn | None = Field(None, description="Kolumnen med pojkarnas värde.")
    antal: Kolumn | None = Field(None, description="Kolumnen med antal elever totalt.")
    antal_flickor: Kolumn | None = Field(None, description="Kolumnen med antal flickor.")
    antal_pojkar: Kolumn | None = Field(None, description="Kolumnen med antal pojkar.")
    falt: Text | None = Field(
        None, alias="fält", description="Fältet i Skolverkets API, t.ex. 'ratioOfPupils9thGrade…'."
    )
    kpi: Text | None = Field(None, description="Koladas nyckeltal, t.ex. 'N15419'.")


class Kalla(Bas):
    fil: IfylldText = Field(description="Källfilen, relativt projektmappen.")
    format: Literal[FORMAT] = Field(  # type: ignore[valid-type]
        description="skolverket (CSV/XLSX), skolverket-api (JSON), kolada (JSON) eller enkät."
    )
    enhet: Kolumn | None = Field(
        None, description="Kolumnen som anger enheten (tabeller), t.ex. 'Skol-enhetskod'."
    )
    nyckel: Literal["skolenhetskod", "kolada_ou", "id", "namn"] | None = Field(
        None,
        description="Vad enhetskolumnen motsvarar i enhetsfilen (standard: skolenhetskod för "
        "Skolverket, kolada_ou för Kolada, namn för enkäter).",
    )
    period: Text | None = Field(
        None,
        description="Källans period när den skiljer sig från rapportens, t.ex. 2026 för "
        "Koladas år som motsvarar läsåret 2025/26.",
    )
    styrtal: dict[Text, Falt] = Field(
        default_factory=dict, description="Styrtal (id) och var deras värden står i källan."
    )
    jamforelser: dict[Text, Text] = Field(
        default_factory=dict,
        alias="jämförelser",
        description="Koladas kommun-id per jämförelse, t.ex. 'riket: \"0000\"'.",
    )


class Karta(Bas):
    """The mapping file."""

    period: Period | None = Field(None, description="Perioden som importeras (standard: senaste).")
    kallor: list[Kalla] = Field(alias="källor", min_length=1, description="Källorna.")


def las_karta(fil: Path) -> Karta:
    """Read and validate the mapping file; errors are located like every other file's."""
    from kvalitet.kontroll.modellfel import oversatt

    if not fil.is_file():
        raise KvalitetError(
            f"kartfilen {visningsnamn(fil)} finns inte (skapa den, se docs/importera.md, eller "
            "ange en annan med --karta)"
        )
    kalla = las_yaml(fil)
    if kalla.problem and any(p.ar_fel for p in kalla.problem):
        raise DataFel(kalla.problem)
    try:
        return Karta.model_validate(kalla.data)
    except Exception as exc:
        from pydantic import ValidationError

        if isinstance(exc, ValidationError):
            raise DataFel(oversatt(exc, kalla, Karta)) from None
        raise
