"""rapporter/behörigheter.yaml: the example is valid, every mistake is located and says how to
fix it, kontrollera reports it, and neither it nor a review file is read as a unit."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from kvalitet.cli import kvalitet
from kvalitet.kalla.projekt import Projekt
from kvalitet.kontroll.behorigheter import (
    Behorighetsminne,
    las_behorigheter,
    projektets_behorighet,
)
from kvalitet.modell.behorigheter import Behorighetsfil
from kvalitet.modell.granskning import Granskning

TRASIG = """\
kontakt: Karin Ek
personer:
  - namn: A
    epost: a@alvmora.se
    roller: rektr
    enheter: [bjorkbackaskolan]
  - namn: B
    epost: A@alvmora.se
    roller: rektor
    enheter: [bjorkbacka]
  - namn: C
    roller: [läsare]
  - namn: D
    epost: d@alvmora.se
    roller: rektor
grupper:
  - grupp: g
    roller: läsare
  - grupp: g
    roller: [granskare]
"""


def _problem(projekt: Path, text: str) -> list[str]:
    (projekt / "rapporter" / "behörigheter.yaml").write_text(text, encoding="utf-8")
    modell, problem = las_behorigheter(Projekt(projekt))
    assert modell is None
    return [p.visa() for p in problem]


def test_exemplets_behorigheter_ar_giltiga(projekt: Path) -> None:
    modell, problem = las_behorigheter(Projekt(projekt))
    assert modell is not None and not problem
    karin = projektets_behorighet(
        Projekt(projekt), {"sub": "x", "email": "Karin.Ek@alvmora.se", "name": "Karin Ek"}
    )
    assert karin.ar_granskare and karin.far_redigera_huvudman and not karin.skriver


def test_okand_roll_med_forslag_pa_raden(projekt: Path) -> None:
    text = TRASIG.replace("enheter: [bjorkbacka]", "enheter: [bjorkbackaskolan]")
    text = text.replace("  - namn: C\n    roller: [läsare]\n", "")
    text = text.replace(
        "    roller: rektor\ngrupper", "    roller: rektor\n    enheter: [resurscentrum]\ngrupper"
    )
    text = text.replace("  - grupp: g\n    roller: [granskare]\n", "")
    text = text.replace("    epost: A@alvmora.se", "    epost: b@alvmora.se")
    assert _problem(projekt, text) == [
        "rapporter/behörigheter.yaml:5:13: fel: 'rektr' är inget tillåtet värde för "
        "'personer[1].roller' – menade du 'rektor'? (tillåtna värden: rektor, granskare, "
        "huvudmannens redaktör, läsare, administratör)"
    ]


def test_korskontrollerna_med_rad_och_rattning(projekt: Path) -> None:
    problem = _problem(projekt, TRASIG.replace("rektr", "rektor"))
    assert problem == [
        "rapporter/behörigheter.yaml:8:12: fel: personen med epost 'A@alvmora.se' står redan "
        "under 'personer' (nummer 1) (skriv personen en gång, med alla roller och enheter i "
        "samma post)",
        "rapporter/behörigheter.yaml:10:15: fel: enheten 'bjorkbacka' finns inte i projektet "
        "(menade du 'bjorkbackaskolan'? skriv enhetens id, filnamnet utan .yaml (finns: "
        "alvmora-gymnasium, bjorkbackaskolan, bjorkbackaskolan-mellanstadiet, "
        "forskolan-lingonet, lingonet-blabaret, resurscentrum))",
        "rapporter/behörigheter.yaml:11:5: fel: personen har varken 'epost' eller 'sub' och kan "
        "inte kännas igen vid inloggningen (skriv personens e-postadress, t.ex. 'epost: "
        "eva.lind@alvmora.se')",
        "rapporter/behörigheter.yaml:15:13: fel: rollen rektor gäller inga enheter (skriv "
        "enheternas id under 'enheter', t.ex. 'enheter: [bjorkbackaskolan]')",
        "rapporter/behörigheter.yaml:19:12: fel: gruppen 'g' står redan under 'grupper' (nummer "
        "1) (skriv gruppen en gång, med alla roller och enheter i samma post)",
    ]


def test_fel_i_falten_ger_ingen_nagon_roll(projekt: Path) -> None:
    """Fail closed: an unknown role (a model error) and nobody gets a role from the file."""
    fil = projekt / "rapporter" / "behörigheter.yaml"
    fil.write_text(TRASIG, encoding="utf-8")
    minne = Behorighetsminne(Projekt(projekt))
    b = minne.behorighet({"sub": "s", "email": "d@alvmora.se"})
    assert not b.har_roll and not b.far_lasa("bjorkbackaskolan")
    assert "Fråga den som sköter kvalitetsrapporterna hos huvudmannen" in b.utan_roll_text()
    assert "'rektr' är inget tillåtet värde" in minne.problem[0].vad
    # the cross-check's errors (unknown unit, duplicate, no e-mail) do not stop the others
    fil.write_text(TRASIG.replace("rektr", "rektor") + "\n", encoding="utf-8")
    b = minne.behorighet({"sub": "s", "email": "a@alvmora.se"})
    assert b.skriver == {"bjorkbackaskolan", "bjorkbacka"} and b.far_skriva("bjorkbackaskolan")
    assert (
        minne.behorighet({"sub": "t", "email": "x@alvmora.se"})
        .utan_roll_text()
        .startswith(
            "Du är inloggad som x@alvmora.se, men du har ingen roll i kvalitetsrapporterna. "
            "Fråga Karin Ek om att få en roll"
        )
    )


def test_minnet_laser_om_filen_nar_den_andras(projekt: Path) -> None:
    fil = projekt / "rapporter" / "behörigheter.yaml"
    minne = Behorighetsminne(Projekt(projekt))
    ansprak = {"sub": "s", "email": "sara.lund@alvmora.se"}
    assert minne.behorighet(ansprak).far_lasa("alvmora-gymnasium")
    forsta = minne.fil()
    assert minne.fil() is forsta  # unchanged: not read again
    fil.write_text(
        fil.read_text(encoding="utf-8").replace(
            "enheter: [bjorkbackaskolan, alvmora-gymnasium]", "enheter: [bjorkbackaskolan]"
        ),
        encoding="utf-8",
    )
    assert not minne.behorighet(ansprak).far_lasa("alvmora-gymnasium")
    fil.unlink()
    assert not minne.behorighet(ansprak).har_roll


def test_kontrollera_visar_felen_och_avslutar_med_1(projekt: Path, runner: CliRunner) -> None:
    (projekt / "rapporter" / "behörigheter.yaml").write_text(
        TRASIG.replace("rektr", "rektor"), encoding="utf-8"
    )
    res = runner.invoke(kvalitet, ["kontrollera", str(projekt)])
    assert res.exit_code == 1
    assert "behörigheter.yaml:10:15: fel: enheten 'bjorkbacka' finns inte i projektet" in res.output
    assert "5 fel" in res.output


@pytest.mark.parametrize(
    "sokvag", ["rapporter/behörigheter.yaml", "rapporter/2025-26/granskning/bjorkbackaskolan.yaml"]
)
def test_behorigheter_och_granskningar_ar_inga_enheter(projekt: Path, sokvag: str) -> None:
    fil = projekt / sokvag
    fil.parent.mkdir(parents=True, exist_ok=True)
    fil.write_text("enhet: bjorkbackaskolan\nläge: utkast\n", encoding="utf-8")
    assert fil not in Projekt(projekt).enhetsfiler()
    assert len([f for f in Projekt(projekt).enhetsfiler() if f.stem == "bjorkbackaskolan"]) == 2


def _nycklar(modell: type[BaseModel]) -> set[str]:
    nycklar: set[str] = set()
    for namn, falt in modell.model_fields.items():
        nycklar.add(falt.alias or namn)
        for typ in (*get_args(falt.annotation), falt.annotation):
            for inre in (typ, *get_args(typ)):
                if isinstance(inre, type) and issubclass(inre, BaseModel):
                    nycklar |= _nycklar(inre)
    return nycklar


@pytest.mark.parametrize("modell", [Behorighetsfil, Granskning])
def test_varje_nyckel_finns_i_handboken(modell: type[BaseModel]) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "behorigheter.md").read_text("utf-8")
    saknas = sorted(n for n in _nycklar(modell) if f"`{n}`" not in text)
    assert not saknas, f"docs/behorigheter.md beskriver inte: {saknas}"
    assert "(behorigheter.md)" in (
        Path(__file__).resolve().parents[2] / "docs" / "README.md"
    ).read_text("utf-8")


def test_exemplet_foljer_schemat_och_schemat_ser_felen() -> None:
    """VS Code's YAML extension gets the same rules from schema/behorigheter.schema.json."""
    import yaml
    from jsonschema import Draft202012Validator

    from kvalitet.modell.schema import schema

    rot = Path(__file__).resolve().parents[2]
    text = (rot / "rapporter" / "behörigheter.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/behorigheter.schema.json\n")
    validator = Draft202012Validator(schema(typ="behorigheter"))
    assert not list(validator.iter_errors(yaml.safe_load(text)))
    assert list(validator.iter_errors(yaml.safe_load(TRASIG)))  # 'rektr'
