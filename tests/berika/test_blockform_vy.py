"""The block form in the view: röjandekontroll and charts wherever a block stands, the table of
contents setting, the huvudman's wording of the questions, and values written with a percent
sign or as a text ("80 %", "Över 80 %")."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

PERIOD = Path("rapporter") / "2025-26"
RESURS = PERIOD / "resurscentrum.yaml"
HUVUDMAN = PERIOD / "huvudman.yaml"


def _ersatt(projekt: Path, fil: Path, gammalt: str, nytt: str) -> None:
    text = (projekt / fil).read_text(encoding="utf-8")
    assert gammalt in text, gammalt
    (projekt / fil).write_text(text.replace(gammalt, nytt, 1), encoding="utf-8")


def _bygg_html(runner: CliRunner, *enheter: str) -> None:
    flaggor = [f for e in enheter for f in ("--enhet", e)]
    res = runner.invoke(kvalitet, ["bygg", "--format", "html", *flaggor])
    assert res.exit_code == 0, res.output


def _html(projekt: Path, namn: str = "resurscentrum") -> str:
    return (projekt / "ut" / f"{namn}.html").read_text(encoding="utf-8")


def test_rojandekontroll_i_block_under_onumrerad_rubrik(projekt: Path, runner: CliRunner) -> None:
    """A table and a chart under an unnumbered heading are masked like any other table."""
    _ersatt(
        projekt,
        RESURS,
        "                    - rad: Individnivå\n                      värden: [88, 71]\n",
        "                    - rad: Individnivå\n                      värden: [88, 71]\n"
        "                      antal: [6, 140]\n",
    )
    _ersatt(
        projekt,
        RESURS,
        "                    - rad: Ej beviljade, lärare saknas\n                      värden: [16]\n",
        "                    - rad: Ej beviljade, lärare saknas\n                      värden: [16]\n"
        "                      antal: [3]\n",
    )
    _bygg_html(runner, "resurscentrum")
    html = _html(projekt)
    diagram = re.search(r'<figure class="diagram-ram diagram-block">.*?</figure>', html, re.S)
    assert diagram is not None
    assert "88" not in diagram.group(0), "det dolda värdet får inte stå i diagrammet"
    assert "Individnivå .." in diagram.group(0) or "..</text>" in diagram.group(0)
    assert "71" in diagram.group(0)
    assert '<th scope="row">Ej beviljade, lärare saknas</th><td>..</td>' in html
    assert ">16<" not in html


def test_innehallsforteckningen_kan_ta_med_onumrerade_rubriker(
    projekt: Path, runner: CliRunner
) -> None:
    def innehall() -> str:
        return re.search(r'<nav class="innehall".*?</nav>', _html(projekt), re.S).group(0)

    _bygg_html(runner, "resurscentrum")
    assert "Rektorsenkät" not in innehall()
    assert "2.1.2</span> Elevhälsans ärenden" in innehall()
    _ersatt(
        projekt,
        HUVUDMAN,
        "  delvis_marginal: 10\n",
        "  delvis_marginal: 10\n  innehållsförteckning: alla\n",
    )
    _bygg_html(runner, "resurscentrum")
    assert '<li class="niva-3"><a href="#avsnitt-2-3-r1">Rektorsenkät</a></li>' in innehall()
    assert '<li class="niva-5"><a href="#avsnitt-2-3-r1-r1-r1">Fungerar väl</a></li>' in innehall()
    # the numbers do not move
    assert "2.1.2</span> Elevhälsans ärenden" in innehall()


def test_huvudmannens_formuleringar_och_svar_i_fri_text(projekt: Path, runner: CliRunner) -> None:
    _ersatt(
        projekt,
        HUVUDMAN,
        "inställningar:\n",
        "utvecklingsfrågor:\n  forskning: Hur kan utvecklingsarbetet kopplas till relevant "
        "forskning och beprövad erfarenhet?\n\ninställningar:\n",
    )
    _bygg_html(runner, "resurscentrum", "bjorkbackaskolan")
    html = _html(projekt)
    assert (
        '<th scope="row">Hur kan utvecklingsarbetet kopplas till relevant forskning och '
        "beprövad erfarenhet?</th>"
    ) in html
    assert "Koppling till forskning och beprövad erfarenhet" not in html
    # the standard wording stays for the questions the huvudman did not word
    assert '<th scope="row">Vilka insatser ska genomföras?</th>' in html
    # an answer in plain text is printed as written: no invented "På lång sikt: –"
    rad = re.search(r'<th scope="row">Vilka konkreta effekter förväntas\?</th>.*?</tr>', html, re.S)
    assert "På lång sikt" not in rad.group(0) and "–" not in rad.group(0)
    # kort_sikt/lång_sikt still works, side by side too
    rad = re.search(r'<th scope="row">Vilka insatser ska genomföras\?</th>.*?</tr>', html, re.S)
    assert "På kort sikt" in rad.group(0) and "På lång sikt" in rad.group(0)
    # in list form (Björkbackaskolan) the huvudman's wording is the question heading
    assert '<h4 class="fraga">Hur kan utvecklingsarbetet kopplas till relevant' in _html(
        projekt, "bjorkbackaskolan"
    )


def test_malvarde_80_procent_behaller_tecknet_overallt(projekt: Path, runner: CliRunner) -> None:
    """A styrtal with 'mått: text' and målvärde '80 %' printed '80' (report, sammanställning
    and CSV)."""
    _ersatt(
        projekt,
        HUVUDMAN,
        "              målvärde: 5\n",
        "              målvärde: 5\n"
        "            - id: 3.1.2\n"
        "              text: Andel medarbetare som har haft medarbetarsamtal\n"
        "              mått: text\n"
        '              målvärde: "80 %"\n',
    )
    _ersatt(
        projekt,
        RESURS,
        "styrtal:\n",
        'styrtal:\n  3.1.2:\n    utfall: "85 %"\n    status: uppnått\n',
    )
    res = runner.invoke(kvalitet, ["bygg", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = _html(projekt)
    rad = re.search(
        r'<tr class="status-uppnått">\s*<th scope="row"><span class="nr">3\.1\.2'
        r"</span>.*?</tr>",
        html,
        re.S,
    )
    assert rad is not None
    assert "<td>85\u00a0%</td><td>80\u00a0%</td>" in rad.group(0)
    sammanstallning = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "mål 80\u00a0%" in sammanstallning
    assert ">85\u00a0%<" in sammanstallning or "85\u00a0%" in sammanstallning
    csv = (projekt / "ut" / "sammanstallning.csv").read_text(encoding="utf-8-sig")
    rader = [r for r in csv.splitlines() if ";3.1.2;" in r and r.split(";")[1] == "resurscentrum"]
    assert rader and rader[0].split(";")[7:9] == ["80 %", "85 %"], rader


def test_over_80_procent_godtas_som_utfall(projekt: Path, runner: CliRunner) -> None:
    """A procent styrtal reported as 'Över 80 %' was an error; it is kept as written, and its
    status is computed only from a number or given by the unit."""
    _ersatt(projekt, RESURS, "    utfall: 72\n", '    utfall: "Över 80 %"\n')
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    assert "status kan inte räknas fram" in res.output
    _bygg_html(runner, "resurscentrum")
    rad = re.search(r'<th scope="row"><span class="nr">E\.1</span>.*?</tr>', _html(projekt), re.S)
    assert "<td>Över 80 %</td>" in rad.group(0)
    assert "Ej bedömt" in rad.group(0)
    _ersatt(
        projekt,
        RESURS,
        '    utfall: "Över 80 %"\n',
        '    utfall: "Över 80 %"\n    status: uppnått\n',
    )
    _bygg_html(runner, "resurscentrum")
    rad = re.search(r'<th scope="row"><span class="nr">E\.1</span>.*?</tr>', _html(projekt), re.S)
    assert "Uppnått" in rad.group(0)
    # a text without a number is still an error
    _ersatt(projekt, RESURS, '    utfall: "Över 80 %"\n', "    utfall: bra\n")
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 1
    assert "styrtal E.1 mäts i procent, men utfall är texten 'bra'" in res.output


def test_sammanstallningens_slutsatser_ur_block_var_de_star(
    projekt: Path, runner: CliRunner
) -> None:
    _ersatt(
        projekt,
        RESURS,
        "            - text: |\n                Analysen visar att mer",
        "            - slutsats:\n"
        '                inledning: "Elevhälsan behöver:"\n'
        "                punkter:\n"
        "                  - komma in **tidigare**,\n"
        "                  - nå fler elever.\n"
        "            - text: |\n                Analysen visar att mer",
    )
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    del_ = html.split('id="slutsats-resurscentrum"', 1)[1].split("</section>", 1)[0]
    # under an unnumbered heading, in reading order, with Markdown and the lead-in kept
    assert "<li>Elevhälsan behöver:<ul><li>komma in <strong>tidigare</strong>,</li>" in del_
    assert del_.index("Elevhälsan behöver:") < del_.index("flytta tyngdpunkten")
    assert (
        "<li>Tydligare fokus på <strong>främjande och förebyggande</strong> elevhälsa.</li>" in del_
    )
