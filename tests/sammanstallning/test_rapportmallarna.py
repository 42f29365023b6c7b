"""Issue 28 point 6: the sammanställning and the huvudman's report with units on different
rapportmallar. Parts are compared by the templates' ids, the differences are named, and the
bedömningsskala tables are summed (units per step and row, with the steps' words)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from kvalitet.cli import kvalitet

PERIOD = Path("rapporter") / "2025-26"
STEG = ("grön", "gul", "röd")
# the example's own units on other templates than 'standard' (the tests write their own)
EGNA_MALLAR = ("lingonet-blabaret", "bjorkbackaskolan-mellanstadiet")


def _bara_standardmallen(projekt: Path) -> None:
    """The example with its units on other templates removed, also from behörigheter.yaml."""
    for id_ in EGNA_MALLAR:
        (projekt / PERIOD / f"{id_}.yaml").unlink()
    behorigheter = projekt / "rapporter" / "behörigheter.yaml"
    text = behorigheter.read_text(encoding="utf-8")
    for id_ in EGNA_MALLAR:
        text = text.replace(f", {id_}]", "]")
    behorigheter.write_text(text, encoding="utf-8")


def _avdelning(id_: str, namn: str, bedomningar: list[str | None], kurs: bool) -> str:
    rader = "\n".join(
        f"          - rad: {rad}\n            värden: [{b or 'null'}, null]"
        for rad, b in zip(
            ["Normer och värden", "Omsorg, utveckling och lärande", "Förskola och hem"],
            bedomningar,
            strict=True,
        )
    )
    fortbildning = (
        "  fortbildning:\n    tabeller:\n      - radrubrik: Kurs eller utbildning\n"
        "        kolumner: [Antal deltagare]\n        rader:\n"
        "          - rad: Läslyftet\n            värden: [4]\n"
        if kurs
        else ""
    )
    return f"""namn: {namn}
skolform: förskola
period: 2025/26
status: klar
rapportmall: forskola-avdelning
ansvarig:
  namn: Maria Lind
  roll: förskolechef
beskrivning: Avdelningen {id_} har 18 barn.
delar:
  forbattringsomraden:
    tabeller:
      - kolumner: [Förbättringsområde, Så här har vi arbetat, Resultat]
        rader:
          - rad: Språk
            värden: [Högläsning, Små grupper, Fler barn berättar]
{fortbildning}  sjalvvardering:
    tabeller:
      - radrubrik: Målområde i läroplanen
        kolumner: [Bedömning, Kommentar]
        rader:
{rader}
"""


def _projekt(projekt: Path) -> None:
    _bara_standardmallen(projekt)
    mapp = projekt / PERIOD
    (mapp / "blabaret.yaml").write_text(
        _avdelning("blabaret", "Förskolan Lingonet, Blåbäret", ["grön", "gul", "gul"], True),
        encoding="utf-8",
    )
    (mapp / "hallonet.yaml").write_text(
        _avdelning("hallonet", "Förskolan Lingonet, Hallonet", ["grön", "röd", None], False),
        encoding="utf-8",
    )
    (mapp / "mellanstadiet.yaml").write_text(
        """namn: Björkbackaskolan mellanstadiet
skolform: grundskola
period: 2025/26
status: klar
rapportmall: stadierapport
ansvarig:
  namn: Jonas Berg
  roll: rektor
analys:
  text: Läsningen har lyft resultaten.
delar:
  kunskapsresultat:
    tabeller:
      - radrubrik: Årskurs
        kolumner: ["2023/24", "2024/25", "2025/26", Flickor, Pojkar]
        rader:
          - rad: Årskurs 6
            värden: [81, "---", 86, 90, 80]
""",
        encoding="utf-8",
    )


def _text(html: str) -> str:
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    return re.sub(r" ([,.:;)])", r"\1", text)


def test_sammanstallningen_jamfor_mallarnas_delar_och_summerar_skalan(
    projekt: Path, runner: CliRunner
) -> None:
    _projekt(projekt)
    res = runner.invoke(kvalitet, ["kontrollera"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    text = _text(html)
    assert "6 Rapportmallarna och självvärderingarna" in text
    assert 'href="#rapportmallar"' in html  # in the table of contents
    assert "Enheterna följer 3 rapportmallar." in text
    assert (
        "Förskoleavdelningens kvalitetsredovisning ('forskola-avdelning'): "
        "Förskolan Lingonet, Blåbäret, Förskolan Lingonet, Hallonet" in text
    )
    # the differences, named
    assert (
        "Förskolan Lingonet, Blåbäret och Förskolan Lingonet, Hallonet följer "
        "'forskola-avdelning': delarna 'Organisation', 'Förbättringsområden', 'Fortbildning', "
        "'Självvärdering' och 'Förbättringsområden nästa år' finns bara där" in text
    )
    assert (
        "Björkbackaskolan mellanstadiet följer 'stadierapport': delarna 'Läsåret i korthet', "
        "'Kunskapsresultat' och 'Trygghet och studiero' finns bara där; delarna 'Om enheten'"
        in text
    )
    assert (
        "'Prioriterade utvecklingsområden' och 'Uppföljning av verksamhetsplanen' i 'standard' "
        "finns inte där." in text
    )
    # a part with the same id in two templates is one row: 'analys' (standard, stadierapport)
    rad = re.search(r"<tr><th scope=\"row\">Analys <span class=\"del-id\">\(analys\)</span></th>"
                    r"(.*?)</tr>", html)  # fmt: skip
    assert rad is not None
    celler = re.findall(r"<td>(.*?)</td>", rad.group(1))
    kolumner = re.findall(r'<th scope="col">([a-z-]+)</th>', html.split('class="malldelar"')[1])
    per_mall = dict(zip(kolumner, celler, strict=False))
    assert per_mall["stadierapport"] == "finns"
    assert per_mall["standard"] == "finns"
    assert per_mall["forskola-avdelning"] == "finns inte"
    # the scale summed: units per step and row, with the steps' words
    # the scale's heading once (the table's name is the scale's), its words in the caption
    assert "6.1 Självvärdering 2 enheter" in text
    assert "Självvärdering: Självvärdering" not in text
    assert "2 enheter på mallen 'forskola-avdelning' har fyllt i tabellen." in text
    skala = html.split('class="skaltabell"')[1].split("</table>")[0]
    assert "Grön: Vi arbetar så här i hela verksamheten" in unescape(skala)
    rader = {
        unescape(m.group(1)): [int(n) for n in re.findall(r'<td class="antal">(\d+)</td>', m.group(2))]
        for m in re.finditer(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', skala)
    }  # fmt: skip
    assert rader["Normer och värden"] == [2, 0, 0, 0]
    assert rader["Omsorg, utveckling och lärande"] == [0, 1, 1, 0]
    assert rader["Förskola och hem"] == [0, 1, 0, 1]  # Hallonet has not assessed it


def test_huvudmannens_rapport_har_samma_avsnitt(projekt: Path, runner: CliRunner) -> None:
    _projekt(projekt)
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    rapport = projekt / "ut" / "huvudmannens-rapport.html"
    assert rapport.is_file()
    text = _text(rapport.read_text(encoding="utf-8"))
    assert "Rapportmallarna och självvärderingarna" in text
    assert "Skillnader mellan mallarna" in text
    assert "finns bara där" in text


def test_bara_standardmallen_ger_ingen_sjatte_del(projekt: Path, runner: CliRunner) -> None:
    _bara_standardmallen(projekt)
    res = runner.invoke(kvalitet, ["sammanstall", "--format", "html"])
    assert res.exit_code == 0, res.output
    html = (projekt / "ut" / "sammanstallning.html").read_text(encoding="utf-8")
    assert "Rapportmallarna" not in html
