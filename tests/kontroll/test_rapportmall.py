"""The rapportmall: the example and built-in templates validate, mistakes in a template are
located Swedish errors, and a unit's template is resolved and checked from kvalitet kontrollera."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.kalla.las import las_data, las_yaml
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kalla.rapportmallar import inbyggd_rapportmall, rapportmallfiler
from kvalitet.kontroll.rapportmall import validera_rapportmall

ROT = Path(__file__).resolve().parents[2]
MALLAR = ROT / "rapporter" / "mallar"
ENKEL = """namn: Testmallen
delar:
  - id: analys
    rubrik: Analys
    fält: analys
"""


def _problem(tmp_path: Path, text: str, namn: str = "test") -> list[str]:
    fil = tmp_path / f"{namn}.rapportmall.yaml"
    fil.write_text(text, encoding="utf-8")
    mall, problem = validera_rapportmall(las_yaml(fil), namn)
    assert mall is None or not any(p.ar_fel for p in problem)
    return [p.visa(tmp_path) for p in problem]


def test_exemplets_och_den_inbyggda_mallen_ar_giltiga() -> None:
    filer = rapportmallfiler(ROT / "rapporter")
    assert set(filer) == {"standard", "forskola-avdelning", "stadierapport"}
    for namn, fil in [*filer.items(), ("standard", inbyggd_rapportmall())]:
        mall, problem = validera_rapportmall(las_yaml(fil), namn)
        assert mall is not None and not problem, [p.visa() for p in problem]


def test_exemplets_standardmall_ar_den_inbyggda() -> None:
    """The example's copy overrides the built-in by name, so it must say the same."""
    assert las_data(MALLAR / "standard.rapportmall.yaml")[0] == las_data(inbyggd_rapportmall())[0]


def test_mallfilerna_ar_inga_enhetsfiler() -> None:
    assert not [f for f in hitta_projekt(ROT).enhetsfiler() if "mallar" in f.parts]


def test_okant_falt_i_enhetsfilen_med_forslag(tmp_path: Path) -> None:
    text = ENKEL.replace("fält: analys", "fält: resultat.objektva")
    assert _problem(tmp_path, text) == [
        "test.rapportmall.yaml:5:11: fel: 'resultat.objektva' är inget fält i enhetsfilen "
        "(menade du 'objektiva'?)"
    ]


def test_samma_id_tva_ganger(tmp_path: Path) -> None:
    text = ENKEL + "  - id: analys\n    rubrik: Analys igen\n"
    assert _problem(tmp_path, text) == [
        "test.rapportmall.yaml:6:9: fel: id 'analys' finns redan på rad 3 (ge varje del ett "
        "eget id; sammanställningen jämför delar med samma id)"
    ]


def test_okant_nyckel_och_ogiltigt_om_tom(tmp_path: Path) -> None:
    text = ENKEL + "    om_tom: göm\n    rubrk: x\n"
    problem = _problem(tmp_path, text)
    assert any(p.startswith("test.rapportmall.yaml:6:") and "om_tom" in p for p in problem), problem
    assert any(p.startswith("test.rapportmall.yaml:7:") and "rubrk" in p for p in problem), problem


SKALA = """skalor:
  färger:
    rubrik: Självvärdering
    steg:
      - värde: grön
        ord: Vi når målen
        färg: "#2e7d32"
      - värde: röd
        ord: Vi når inte målen
        färg: "#zz"
"""
TABELL = """    tabeller:
      - id: bedomning
        sort: bedömningsskala
        skala: färgr
"""


def test_bedomningsskala_med_okand_skala_och_fel_farg(tmp_path: Path) -> None:
    text = ENKEL.replace("delar:", SKALA + "delar:") + TABELL
    assert _problem(tmp_path, text) == [
        "test.rapportmall.yaml:19:16: fel: skalan 'färgr' finns inte under 'skalor' "
        "(menade du 'färger'?)",
        "test.rapportmall.yaml:11:15: fel: '#zz' är ingen färg (skriv t.ex. '#2e7d32' (inom "
        "citattecken) eller ett färgnamn som 'green')",
    ]


def test_ett_steg_utan_ord_ar_ett_fel(tmp_path: Path) -> None:
    """Never colour alone: every step of a scale has its words."""
    text = ENKEL.replace("delar:", SKALA.replace("        ord: Vi når inte målen\n", "") + "delar:")
    problem = _problem(tmp_path, text)
    assert any(":9:9: fel: fältet 'ord' saknas" in p for p in problem), problem


PA_EGNA_MALLAR = ("lingonet-blabaret", "bjorkbackaskolan-mellanstadiet")
"""The example units that name a template of their own (they need its file)."""


def _projekt_utan_mallar(rot: Path) -> Path:
    shutil.copytree(ROT / "rapporter", rot / "rapporter")
    for mall in (rot / "rapporter" / "mallar").glob("*.rapportmall.yaml"):
        mall.unlink()  # the Word template (tema.word_mall) stays: it is not a rapportmall
    _utan_egna_mallar(rot)
    return rot


def _utan_egna_mallar(rot: Path) -> None:
    """The project without the two units on their own templates (and their rektors' rights)."""
    for enhet in PA_EGNA_MALLAR:
        (rot / "rapporter" / "2025-26" / f"{enhet}.yaml").unlink()
    fil = rot / "rapporter" / "behörigheter.yaml"
    text = fil.read_text(encoding="utf-8")
    for enhet in PA_EGNA_MALLAR:
        text = text.replace(f", {enhet}]", "]")
    fil.write_text(text, encoding="utf-8")


def test_ett_projekt_utan_rapportmallar_kontrolleras_som_forut(
    runner: CliRunner, projekt: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _utan_egna_mallar(projekt)
    med = runner.invoke(kvalitet, ["kontrollera"])
    utan_rot = _projekt_utan_mallar(tmp_path / "utan")
    monkeypatch.chdir(utan_rot)
    utan = runner.invoke(kvalitet, ["kontrollera"])
    assert (med.exit_code, utan.exit_code) == (0, 0)
    assert med.output == utan.output


def _enhet(projekt: Path, namn: str = "bjorkbackaskolan") -> Path:
    return projekt / "rapporter" / "2025-26" / f"{namn}.yaml"


def test_enhetens_okanda_mall_ar_ett_placerat_fel(runner: CliRunner, projekt: Path) -> None:
    fil = _enhet(projekt)
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("\nperiod:", "\nrapportmall: stadierapprt\nperiod:", 1), "utf-8")
    rad = fil.read_text(encoding="utf-8").splitlines().index("rapportmall: stadierapprt") + 1
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert (
        f"rapporter/2025-26/bjorkbackaskolan.yaml:{rad}:14: fel: rapportmallen 'stadierapprt' "
        "finns inte (menade du 'stadierapport'?)"
    ) in res.output


def test_huvudmannens_okanda_mall_ar_ett_placerat_fel(runner: CliRunner, projekt: Path) -> None:
    fil = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    text = fil.read_text(encoding="utf-8")
    text = text.replace(
        "inställningar:\n",
        "inställningar:\n  rapportmallar:\n    skolformer:\n      förskola: fritids\n",
        1,
    )
    fil.write_text(text, encoding="utf-8")
    rad = text.splitlines().index("      förskola: fritids") + 1
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert (
        f"rapporter/2025-26/huvudman.yaml:{rad}:17: fel: rapportmallen 'fritids' finns inte "
        "(lägg filen rapporter/mallar/fritids.rapportmall.yaml, eller skriv en av "
        "'forskola-avdelning', 'stadierapport', 'standard')"
    ) in res.output


def test_en_del_som_kravs_fel_nar_klar_varning_i_utkast(runner: CliRunner, projekt: Path) -> None:
    """A unit named to 'stadierapport' per unit by the huvudman: its 'analys' is required."""
    hfil = projekt / "rapporter" / "2025-26" / "huvudman.yaml"
    text = hfil.read_text(encoding="utf-8")
    text = text.replace(
        "inställningar:\n",
        "inställningar:\n  rapportmallar:\n    enheter:\n      bjorkbackaskolan: stadierapport\n",
        1,
    )
    hfil.write_text(text, encoding="utf-8")
    fil = _enhet(projekt)
    data = fil.read_text(encoding="utf-8")
    start = data.index("\nanalys:")
    slut = data.index("\n", start + 1)
    while slut + 1 < len(data) and data[slut + 1] in " \n#":
        slut = data.index("\n", slut + 1) if "\n" in data[slut + 1 :] else len(data)
    utan_analys = data[:start] + data[slut:]
    for status, grad, kod in (("klar", "fel", 1), ("utkast", "varning", 0)):
        fil.write_text(re.sub(r"\nstatus: \S+", f"\nstatus: {status}", utan_analys), "utf-8")
        res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan"])
        assert res.exit_code == kod, res.output
        assert (
            f"{grad}: delen 'Analys och åtgärder' (analys) är inte ifylld (skriv 'analys:' i "
            "filen; rapportmallen 'stadierapport' kräver delen)"
        ) in res.output
        # the template's own part, written under 'delar:', is checked too
        assert (
            "varning: delen 'Trygghet och studiero' (delar.trygghet) är inte ifylld (skriv "
            "'trygghet:' under 'delar:' i filen; rapportmallen 'stadierapport' varnar när den är tom)"
        ) in res.output


def test_delar_med_okant_id_ger_fel_pa_raden(projekt: Path, runner: CliRunner) -> None:
    """'delar:' holds the template's own parts; an id the template does not have is an error
    at its key, with the nearest id suggested; a part the standard template lacks too."""
    fil = _enhet(projekt)
    data = fil.read_text(encoding="utf-8")
    data = data.replace("\nnamn:", "\nrapportmall: stadierapport\nnamn:", 1)
    fil.write_text(data + "delar:\n  trygget:\n    text: Eleverna känner sig trygga.\n", "utf-8")
    rad = len(data.splitlines()) + 2
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan"])
    assert res.exit_code == 1, res.output
    assert (
        f"bjorkbackaskolan.yaml:{rad}:3: fel: rapportmallen 'stadierapport' har ingen egen del "
        "'trygget' (menade du 'trygghet'?)"
    ) in res.output
    fil.write_text(
        data.replace("\nrapportmall: stadierapport", "", 1) + "delar:\n  x:\n    text: a\n", "utf-8"
    )
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan"])
    assert "fel: rapportmallen 'standard' har ingen egen del 'x' (ta bort nyckeln" in res.output


def test_vilken_mall_galler_enheten_huvudmannen_skolformen() -> None:
    from kvalitet.kontroll.rapportmallval import mallval
    from kvalitet.modell import Enhetsrapport, Huvudmannafil

    def enhet(**falt: object) -> Enhetsrapport:
        return Enhetsrapport.model_validate(
            {"namn": "Lingonet", "skolform": "förskola", "period": "2025/26", **falt}
        )

    huvudman = Huvudmannafil.model_validate(
        {
            "namn": "Älvmora kommun",
            "period": "2025/26",
            "inställningar": {
                "rapportmallar": {
                    "standard": "kommunens",
                    "skolformer": {"förskola": "forskola-avdelning"},
                    "enheter": {"lingonet": "stadierapport"},
                }
            },
        }
    )
    assert mallval("x", enhet(), None).namn == "standard"
    assert mallval("x", enhet(skolform="grundskola"), huvudman).namn == "kommunens"
    assert mallval("x", enhet(), huvudman).namn == "forskola-avdelning"
    assert mallval("lingonet", enhet(), huvudman).namn == "stadierapport"
    assert mallval("lingonet", enhet(rapportmall="egen"), huvudman).namn == "egen"


def test_huvudman_kravs_false_tar_bort_felet(projekt: Path, runner: CliRunner) -> None:
    """Without a huvudman file a unit must name its huvudman, unless its rapportmall says
    'huvudman_krävs: false' (the förskola avdelning's form)."""
    (projekt / "rapporter" / "2025-26" / "huvudman.yaml").unlink()
    (projekt / "rapporter" / "2025-26" / "huvudmannens-rapport.yaml").unlink()
    fil = _enhet(projekt, "forskolan-lingonet")
    data = fil.read_text(encoding="utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    assert "fel: huvudmannen saknas" in res.output
    fil.write_text(data.replace("\nnamn:", "\nrapportmall: forskola-avdelning\nnamn:", 1), "utf-8")
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "forskolan-lingonet"])
    assert "huvudmannen saknas" not in res.output


def test_tabeller_under_delar_kontrolleras_som_andra(projekt: Path, runner: CliRunner) -> None:
    """A table in a template's own part gets the same checks as one in 'analys' (it used to
    pass 'kontrollera' and stop 'bygg' with an internal error)."""
    fil = _enhet(projekt)
    data = fil.read_text(encoding="utf-8").replace(
        "\nnamn:", "\nrapportmall: stadierapport\nnamn:", 1
    )
    fil.write_text(
        data + "delar:\n  trygghet:\n    tabeller:\n      - kolumner: [A, B, C]\n"
        "        rader:\n          - rad: x\n            värden: [1, 2]\n",
        "utf-8",
    )
    res = runner.invoke(kvalitet, ["kontrollera", "--enhet", "bjorkbackaskolan"])
    assert res.exit_code == 1, res.output
    assert "fel: raden 'x' har 2 värden men tabellen har 3 kolumner" in res.output
