"""Shared goals and templates: huvudman file, status rules, trend, overrides, variants, scaffolding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvalitet.cli import kvalitet
from kvalitet.modell import HuvudmansStyrtal, Styrtalsresultat
from kvalitet.modell.status import styrtalsstatus

PERIOD = Path("rapporter") / "2025-26"


def _def(malvarde: object, riktning: str = "högre", matt: str = "procent") -> HuvudmansStyrtal:
    return HuvudmansStyrtal.model_validate(
        {"id": "1.1.1", "text": "T", "målvärde": malvarde, "riktning": riktning, "mått": matt}
    )


def _res(**falt: object) -> Styrtalsresultat:
    return Styrtalsresultat.model_validate(falt)


@pytest.mark.parametrize(
    ("malvarde", "riktning", "resultat", "marginal", "vantat"),
    [
        (88, "högre", {"utfall": 88}, 10, "uppnått"),
        (88, "högre", {"utfall": 90.5}, 10, "uppnått"),
        (88, "högre", {"utfall": 80}, 10, "delvis uppnått"),
        (88, "högre", {"utfall": 79.1}, 10, "ej uppnått"),
        (88, "högre", {"utfall": 87.9}, 0, "ej uppnått"),
        (3, "lägre", {"utfall": 2.5}, 10, "uppnått"),
        (3, "lägre", {"utfall": 3}, 10, "uppnått"),
        (3, "lägre", {"utfall": 3.3}, 10, "delvis uppnått"),
        (3, "lägre", {"utfall": 3.4}, 10, "ej uppnått"),
        (88, "högre", {}, 10, "saknas"),
        (88, "högre", {"utfall": ".."}, 10, "saknas"),
        (88, "högre", {"kommentar": "ingen mätning"}, 10, "saknas"),
        ("6 på en 10-gradig skala", "högre", {"utfall": 7.1}, 10, "ej bedömt"),
        ("6 på en 10-gradig skala", "högre", {"utfall": 7.1, "status": "uppnått"}, 10, "uppnått"),
        (88, "högre", {"utfall": 50, "status": "delvis uppnått"}, 10, "delvis uppnått"),
        (88, "högre", {"ej_aktuellt": "Inga elever i årskurs 9"}, 10, "ej aktuellt"),
        (None, "högre", {"utfall": 50}, 10, "ej bedömt"),
    ],
)
def test_statusregler(
    malvarde: object, riktning: str, resultat: dict, marginal: float, vantat: str
) -> None:
    assert styrtalsstatus(_def(malvarde, riktning), _res(**resultat), marginal) == vantat


def test_status_utan_resultat_saknas() -> None:
    assert styrtalsstatus(_def(88), None) == "saknas"


def _bygg_html(runner: CliRunner, projekt: Path) -> dict[str, str]:
    res = runner.invoke(kvalitet, ["bygg", str(projekt), "--format", "html"])
    assert res.exit_code == 0, res.output
    return {
        f.stem: f.read_text(encoding="utf-8")
        for f in (projekt / "ut").glob("*.html")
        if f.stem not in ("sammanstallning", "huvudmannens-rapport")
    }


def _utan_mallmapp(projekt: Path) -> None:
    fil = projekt / PERIOD / "huvudman.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace("mallmapp: rapporter/egna-mallar", ""),
        encoding="utf-8",
    )


OMSLAG = re.compile(r'<header class="omslag">.*?</header>', flags=re.S)


def test_egen_del_byter_bara_den_delen_i_alla_rapporter(projekt: Path, runner: CliRunner) -> None:
    _utan_mallmapp(projekt)
    fore = _bygg_html(runner, projekt)
    egen = projekt / "mallar" / "delar"
    egen.mkdir(parents=True)
    (egen / "omslag.html.j2").write_text(
        '<header class="omslag"><p>Vårt eget omslag</p>'
        '<h1 class="titel"><span class="enhet">{{ enhet.namn }}</span></h1></header>\n',
        encoding="utf-8",
    )
    efter = _bygg_html(runner, projekt)
    assert set(fore) == set(efter) and len(efter) == 6
    for enhet in efter:
        assert "Vårt eget omslag" in efter[enhet]
        assert "Vårt eget omslag" not in fore[enhet]
        assert OMSLAG.sub("", efter[enhet]) == OMSLAG.sub("", fore[enhet]), enhet


def test_ett_block_kan_skrivas_over_utan_att_kopiera_resten(
    projekt: Path, runner: CliRunner
) -> None:
    _utan_mallmapp(projekt)
    fore = _bygg_html(runner, projekt)
    (projekt / "mallar").mkdir()
    (projekt / "mallar" / "rapport.html.j2").write_text(
        '{% extends "inbyggd/rapport.html.j2" %}\n'
        '{% block sidfot %}<footer class="sidfot">Älvmora kommun, 0000-12 34 56</footer>{% endblock %}\n',
        encoding="utf-8",
    )
    efter = _bygg_html(runner, projekt)
    sidfot = re.compile(r'<footer class="sidfot">.*?</footer>', flags=re.S)
    for enhet in ("bjorkbackaskolan", "resurscentrum"):
        assert "Älvmora kommun, 0000-12 34 56" in efter[enhet]
        assert sidfot.sub("", efter[enhet]).strip() == sidfot.sub("", fore[enhet]).strip()


def test_variant_per_skolform_med_reserv(projekt: Path, runner: CliRunner) -> None:
    html = _bygg_html(runner, projekt)
    assert "Kvalitetsrapport för förskolan" in html["forskolan-lingonet"]
    assert "Förskolan sätter inga betyg" in html["forskolan-lingonet"]
    assert "Kvalitetsrapport för gymnasieskolan" in html["alvmora-gymnasium"]
    assert "för förskolan" not in html["bjorkbackaskolan"]
    assert '<span class="rapporttyp">Kvalitetsrapport</span>' in html["resurscentrum"]


def test_mall_som_saknas_for_skolformen_ar_ett_fel(projekt: Path, runner: CliRunner) -> None:
    fil = projekt / PERIOD / "huvudman.yaml"
    fil.write_text(
        fil.read_text(encoding="utf-8").replace(
            "delvis_marginal: 10", "delvis_marginal: 10\n  mall: kommunmall"
        ),
        encoding="utf-8",
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "html", "--enhet", "resurscentrum"])
    assert res.exit_code == 1
    assert (
        "ingen mall för skolformen 'annan': varken 'kommunmall-annan.html.j2' eller "
        "'kommunmall.html.j2' finns" in res.output
    )


def test_tema_farger_och_logotyp(projekt: Path, runner: CliRunner) -> None:
    html = _bygg_html(runner, projekt)["bjorkbackaskolan"]
    assert ":root { --farg-primar: #1f4e79;" in html
    assert '<img class="logotyp" src="data:image/svg+xml;base64,' in html
    assert 'alt="Älvmora kommun"' in html


def _kontrollera(runner: CliRunner, *extra: str) -> tuple[int, list[str]]:
    res = runner.invoke(kvalitet, ["kontrollera", *extra])
    assert "Traceback" not in res.output
    return res.exit_code, res.output.splitlines()


def _ersatt(projekt: Path, fil: str, gammalt: str, nytt: str) -> int:
    sokvag = projekt / PERIOD / fil
    text = sokvag.read_text(encoding="utf-8")
    assert gammalt in text
    sokvag.write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")
    return text[: text.index(gammalt)].count("\n") + 1


def test_logotyp_som_saknas(projekt: Path, runner: CliRunner) -> None:
    rad = _ersatt(projekt, "huvudman.yaml", "alvmora-logotyp.svg", "finns-inte.svg")
    kod, rader = _kontrollera(runner)
    assert kod == 1
    assert any(
        r.startswith(f"rapporter/2025-26/huvudman.yaml:{rad}:12: fel: tema.logotyp: filen ")
        for r in rader
    ), rader
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 1
    assert "huvudmannafilen rapporter/2025-26/huvudman.yaml har fel" in res.output


def test_malvarde_av_fel_typ(projekt: Path, runner: CliRunner) -> None:
    rad = _ersatt(projekt, "huvudman.yaml", "målvärde: 88", "målvärde: hög")
    kod, rader = _kontrollera(runner)
    assert kod == 1
    assert any(
        r.startswith(f"rapporter/2025-26/huvudman.yaml:{rad}:")
        and "styrtal 2.1.1 mäts i procent, men målvärdet är texten 'hög'" in r
        for r in rader
    ), rader


def test_okant_styrtal_id_med_forslag(projekt: Path, runner: CliRunner) -> None:
    rad = _ersatt(projekt, "bjorkbackaskolan.yaml", "  2.1.3:\n", "  2.1.30:\n")
    kod, rader = _kontrollera(runner)
    assert kod == 1
    assert (
        f"rapporter/2025-26/bjorkbackaskolan.yaml:{rad}:3: fel: styrtalet '2.1.30' finns inte i "
        "huvudmannens verksamhetsplan för 2025/26 – menade du '2.1.3'?"
    ) in "\n".join(rader)


def test_fullstandighet_och_orsaksanalys(projekt: Path, runner: CliRunner) -> None:
    _ersatt(projekt, "bjorkbackaskolan.yaml", "  2.1.3:\n    utfall: 91\n", "")
    _ersatt(
        projekt,
        "bjorkbackaskolan.yaml",
        "    kommentar: |\n      Studieron är fortfarande för låg. Analysen visar att oron uppstår vid\n"
        "      övergångar; se utvecklingsområde 4.1.\n",
        "",
    )
    kod, rader = _kontrollera(runner)
    text = "\n".join(rader)
    assert kod == 0, text
    assert "varning: styrtal 2.1.3 (Andel elever i årskurs 3" in text and "saknar utfall" in text
    assert (
        "varning: styrtal 1.1.2 är ej uppnått men saknar kommentar (Skollagen 4 kap. kräver "
        "en analys av orsakerna"
    ) in text
    assert _kontrollera(runner, "--strikt")[0] == 1


def test_styrtal_som_inte_ar_aktuellt_visas_med_skal(projekt: Path, runner: CliRunner) -> None:
    html = _bygg_html(runner, projekt)["alvmora-gymnasium"]
    assert "Ej aktuellt" in html
    assert "Frågan om studiero ställdes inte" in html


def test_trend_fran_tidigare_periodfil_och_historik(projekt: Path, runner: CliRunner) -> None:
    html = _bygg_html(runner, projekt)
    bjork = html["bjorkbackaskolan"]
    assert '<th scope="col" class="tidigare">Utfall 2024/25</th>' in bjork
    assert '<td class="tidigare">86,4\u00a0%</td>' in bjork  # from rapporter/2024-25/
    gymn = html["alvmora-gymnasium"]
    assert "Utfall 2023/24" in gymn and "80,3\u00a0%" in gymn  # inline historik


def test_period_som_inte_stammer_med_mappen(projekt: Path, runner: CliRunner) -> None:
    rad = _ersatt(projekt, "resurscentrum.yaml", "period: 2025/26", "period: 2024/25")
    kod, rader = _kontrollera(runner)
    assert kod == 1
    assert (
        f"rapporter/2025-26/resurscentrum.yaml:{rad}:9: fel: filen ligger i mappen för 2025/26 "
        "men 'period' är 2024/25"
    ) in "\n".join(rader)


def test_ny_enhet_klarar_kontrollera_och_vagrar_befintligt_id(
    projekt: Path, runner: CliRunner
) -> None:
    res = runner.invoke(
        kvalitet,
        ["ny", "enhet", "ekbacken", "--namn", "Ekbackens förskola", "--skolform", "förskola"],
    )
    assert res.exit_code == 0, res.output
    fil = projekt / PERIOD / "ekbacken.yaml"
    text = fil.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    for sid in ("1.1.3", "1.1.4", "3.1.1"):
        assert f"\n  {sid}:\n" in text
    assert "\n  2.1.1:" not in text  # gäller inte förskola
    for rubrik in ("kvalitetsarbete:", "resultat:", "analys:", "utvecklingsområden:"):
        assert rubrik in text
    kod, rader = _kontrollera(runner)
    assert kod == 0, rader
    assert any("ekbacken.yaml" in r and "varning" in r for r in rader)

    fore = fil.read_bytes()
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "ekbacken", "--namn", "X", "--skolform", "grundskola"]
    )
    assert res.exit_code == 1
    assert "enheten 'ekbacken' finns redan för 2025/26" in res.output
    assert fil.read_bytes() == fore
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "bjorkbackaskolan", "--namn", "X", "--skolform", "grundskola"]
    )
    assert res.exit_code == 1


def test_ny_enhet_med_ogiltigt_id_ger_kod_2(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(
        kvalitet, ["ny", "enhet", "Ek Backen", "--namn", "X", "--skolform", "förskola"]
    )
    assert res.exit_code == 2
    assert "'ek-backen'" in res.output


def test_ny_period_tva_ganger_och_sedan_bygg(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(kvalitet, ["ny", "period", "2026/27"])
    assert res.exit_code == 0, res.output
    ny = projekt / "rapporter" / "2026-27"
    assert sorted(f.name for f in ny.iterdir()) == [
        "alvmora-gymnasium.yaml", "bjorkbackaskolan-mellanstadiet.yaml", "bjorkbackaskolan.yaml",
        "forskolan-lingonet.yaml", "huvudman.yaml", "huvudmannens-rapport.yaml",
        "lingonet-blabaret.yaml", "resurscentrum.yaml",
    ]  # fmt: skip
    huvudman = (ny / "huvudman.yaml").read_text(encoding="utf-8")
    assert "period: 2026/27" in huvudman and "# Huvudmannafilen för" in huvudman
    fore = {f.name: f.read_bytes() for f in ny.iterdir()}

    res = runner.invoke(kvalitet, ["ny", "period", "2026/27"])
    assert res.exit_code == 1
    assert "perioden 2026/27 finns redan" in res.output
    assert {f.name: f.read_bytes() for f in ny.iterdir()} == fore

    assert _kontrollera(runner)[0] == 0
    res = runner.invoke(kvalitet, ["bygg", "--format", "html", "--ut", "ut-2026"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut-2026" / "bjorkbackaskolan.html").read_text(encoding="utf-8")
    assert "Uppföljning av föregående periods utvecklingsområden" in html
    assert "Studiero i årskurs 7–9" in html and "Läsutveckling i förskoleklass" in html
    assert "Utfall 2025/26" in html  # förra periodens utfall blir trend
    assert "89,5\u00a0%" in html


def test_bygg_aldre_period(projekt: Path, runner: CliRunner) -> None:
    res = runner.invoke(
        kvalitet, ["bygg", "--period", "2024/25", "--ut", "ut-2024", "--format", "html"]
    )
    assert res.exit_code == 0, res.output
    assert sorted(f.name for f in (projekt / "ut-2024").glob("*.html")) == [
        "bjorkbackaskolan.html",
        "sammanstallning.html",
    ]
    res = runner.invoke(kvalitet, ["bygg", "--period", "2019/20"])
    assert res.exit_code == 2
    assert "perioden '2019/20' finns inte i projektet" in res.output
