"""Every syntax error of a file in one run (nr 26.5): a file with five independent slips gives
exactly five located errors, each with its fix, and no error the recovery itself made."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_yaml
from kvalitet.kalla.las_syntax import MAX_SYNTAXFEL

FIL = "rapporter/2025-26/bjorkbackaskolan.yaml"

SLARV = [
    # (gammal text, ny text, rad i den ändrade filen, nyckelord i felet)
    ("skolform: grundskola", "skolform:\u00a0grundskola", 7, "hårt mellanslag"),
    ("område: Område Norr", "område = Område Norr", 12, "'område: Område Norr'"),
    ("  namn: Helena Sandberg", "  namn:Helena Sandberg", 16, "'namn: Helena Sandberg'"),
    ("sammanfattning: |\n  Läsåret", "sammanfattning: |\nLäsåret", 23, "måste dras in"),
    (
        "        slutsatser:\n          - Tryggheten är hög",
        "        slutsatser: []\n          - Tryggheten är hög",
        None,
        "ta bort [] efter 'slutsatser:'",
    ),
]


def _med_slarv(projekt: Path, slarv: list[tuple[str, str, int | None, str]]) -> list[int]:
    fil = projekt / FIL
    text = fil.read_text(encoding="utf-8")
    rader = []
    for gammal, ny, rad, _ in slarv:
        assert text.count(gammal) == 1, gammal
        text = text.replace(gammal, ny)
        rader.append(rad or text[: text.index(ny)].count("\n") + 1)
    fil.write_text(text, encoding="utf-8")
    return rader


def _fel(projekt: Path) -> list[str]:
    res = CliRunner().invoke(kvalitet, ["kontrollera", str(projekt)])
    assert "Traceback" not in res.output
    assert res.exit_code == 1
    return [r for r in res.output.splitlines() if r.startswith(f"{FIL}:")]


def test_fem_slarv_ger_fem_fel_i_en_korning(projekt: Path) -> None:
    rader = _med_slarv(projekt, SLARV)
    fel = _fel(projekt)
    assert len(fel) == 5, fel
    for rad, (_, _, _, ord_), rapport in zip(rader, SLARV, fel, strict=True):
        assert rapport.startswith(f"{FIL}:{rad}:"), (rad, rapport)
        assert ": fel: " in rapport and ord_ in rapport, (ord_, rapport)


def test_bygget_och_forhandsvisningen_ger_samma_fel(projekt: Path) -> None:
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.visa.server import Forhandsvisning

    rader = _med_slarv(projekt, SLARV)
    fel = _fel(projekt)
    res = CliRunner().invoke(kvalitet, ["bygg", "--format", "html", str(projekt)])
    assert [r for r in res.output.splitlines() if r.startswith(f"{FIL}:")] == fel
    visning = Forhandsvisning(hitta_projekt(projekt))
    sida, _ = visning.enhet("bjorkbackaskolan")
    for rad in rader:
        assert f"bjorkbackaskolan.yaml:{rad}:" in sida.decode("utf-8")


def test_samma_slarv_pa_raderna_under_ar_ett_fel(tmp_path: Path) -> None:
    """Three unindented lines under 'text: |' are one slip, not three errors; so are three
    keys indented with a tab."""
    fil = tmp_path / "enhet.yaml"
    fil.write_text(
        "namn: A\ntext: |\nEtt.\nTvå.\nTre.\nansvarig:\n\tnamn: B\n\troll: C\nperiod: 2025/26\n",
        encoding="utf-8",
    )
    fel = [p for p in las_yaml(fil).problem if p.ar_fel]
    assert [(p.rad, p.vad) for p in fel] == [
        (3, "raderna under 'text: |' måste dras in"),
        (7, "tabbtecken används för indrag"),
    ]


def test_hogst_tio_fel(tmp_path: Path) -> None:
    fil = tmp_path / "enhet.yaml"
    fil.write_text("".join(f"a{i}: x\nfalt{i}:värde\n" for i in range(15)), encoding="utf-8")
    fel = [p for p in las_yaml(fil).problem if p.ar_fel]
    assert len(fel) == MAX_SYNTAXFEL
    assert [p.rad for p in fel] == list(range(2, 22, 2))
    assert all("mellanslag efter kolonet" in p.vad for p in fel)
    assert fel[-1].hur.endswith("; fler fel kan finnas längre ner: rätta dessa och kör igen")
    assert not any("fler fel" in p.hur for p in fel[:-1])


def test_forsta_faltet_ett_steg_fel_far_felet(tmp_path: Path) -> None:
    """The first key of a block sets its indentation for YAML: when it is the one a space off,
    the error is on its line (not on the right key under it), and the keys under it are not
    errors of their own."""
    fil = tmp_path / "enhet.yaml"
    fil.write_text(
        "namn: A\nansvarig:\n   namn: B\n  roll: C\n  e-post: d@e.se\nperiod: 2025/26\n"
        "lista:\n   - rubrik: X\n    text: Y\n    mer: Z\n",
        encoding="utf-8",
    )
    fel = [p for p in las_yaml(fil).problem if p.ar_fel]
    assert [(p.rad, p.vad) for p in fel] == [
        (3, "'namn' är indraget 3 mellanslag, men fälten under det 2"),
        (8, "punkten '- rubrik: X' är indragen 3 mellanslag, men fälten under den 4"),
    ]
    assert fel[0].hur == "dra in raden med 2 mellanslag, lika långt som fälten under"
    assert fel[1].hur.startswith("dra in '-' med 2 mellanslag")


def test_citat_som_stangs_langre_ner_och_lista_som_aldrig_stangs(tmp_path: Path) -> None:
    """A '"' left open closes at the next '"' lines further down, where YAML gives up: the error
    is the quote's line, and the '=' between is an error of its own, not taken for it; a '['
    that is never closed, and a value starting with '@', in Swedish on their own lines."""
    fil = tmp_path / "enhet.yaml"
    fil.write_text(
        'namn: "Testskolan\nskolform: grundskola\nområde = Norr\nkod: "123"\n'
        "styrtal: [1.1.1, 1.1.2\nstatus: klar\nansvarig: @rektor\nperiod: 2025/26\n",
        encoding="utf-8",
    )
    fel = [p for p in las_yaml(fil).problem if p.ar_fel]
    assert [(p.rad, p.kolumn, p.vad) for p in fel] == [
        (1, 7, "citattecknet på rad 1 avslutas aldrig"),
        (3, 8, "'område' följs av '=', men i YAML skrivs fält med kolon"),
        (5, 10, "en lista inom [ ] eller underfält inom { } avslutas aldrig"),
        (7, 11, "tecknet '@' kan inte stå först i ett värde"),
    ]
    assert all("YAML-syntaxfel" not in p.vad and "expected" not in p.hur for p in fel)


def test_tankstreck_framfor_falt_ar_fel_pa_sin_rad(tmp_path: Path) -> None:
    """'– rubrik: X' with fields under it is a syntax error; each item is told on its own line
    with '- ' (not the field under it)."""
    fil = tmp_path / "enhet.yaml"
    fil.write_text(
        "namn: A\navsnitt:\n  – rubrik: X\n    text: Y\n  • rubrik: Z\n    text: W\nperiod: x\n",
        encoding="utf-8",
    )
    fel = [p for p in las_yaml(fil).problem if p.ar_fel]
    assert [(p.rad, p.kolumn, p.hur) for p in fel] == [
        (3, 3, "skriv '- ' i stället: '- rubrik: X'"),
        (5, 3, "skriv '- ' i stället: '- rubrik: Z'"),
    ]
