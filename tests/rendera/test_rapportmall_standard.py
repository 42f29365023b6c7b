"""The built-in standard rapportmall describes exactly the layout the templates print today:
its parts, headings, numbers, empty parts, fixed texts, cover title and document title, read
from the built HTML of every example unit, the reference report and a unit with nothing filled
in. (The next step, templates driven by the rapportmall, must then stay byte-identical.)"""

from __future__ import annotations

import html as htmlmod
import re
import shutil
from pathlib import Path

import pytest

from kvalitet.berika.vy import las_upp
from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
from kvalitet.kalla.las import las_data
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kalla.rapportmallar import inbyggd_rapportmall
from kvalitet.kontroll.period import las_period
from kvalitet.modell.rapportmall import Rapportmall
from kvalitet.modell.rapportmall_disposition import (
    Dispositionsdel,
    disposition,
    dokumentvarden,
    fyll_i,
)
from kvalitet.rendera.miljo import skapa_miljo

ROT = Path(__file__).resolve().parents[2]
GENERERADE = ("tidigare-utvecklingsomraden", "utvecklingsomraden", "verksamhetsplan")
"""Parts whose sub-headings are made from the data (last period's areas, the areas, the plan's perspektiv)."""
REFERENS = ROT / "tests" / "data" / "referens-004"
RUBRIK = re.compile(
    r'<h(\d) id="[^"]*" class="(?:huvudrubrik|rubrik)[^"]*">'
    r'(?:<span class="nr">([^<]*)</span> )?(.*?)</h\d>\s*'
    r'(<p class="underlag">(.*?)</p>\s*)?(<p class="ej-ifyllt">(.*?)</p>)?',
    re.S,
)


def standardmallen() -> Rapportmall:
    data, fel = las_data(inbyggd_rapportmall())
    assert not fel
    return Rapportmall.model_validate(data)


def _byggda(rot: Path, period: str | None = None) -> list[tuple[str, object, str, bool]]:
    """(id, unit, HTML, has plan) for every unit of a project's period, rendered as bygg does."""
    proj = hitta_projekt(rot)
    lage = las_period(proj, period)
    miljo = skapa_miljo(projektets_mallar(proj, lage))
    ut = []
    for kontroll in lage.enheter:
        assert kontroll.rapport is not None, kontroll.problem
        vy = las_upp(
            kontroll.id,
            kontroll.rapport,
            kontroll.fil,
            proj.rot,
            lage.huvudman,
            lage.huvudmannafil,
            lage.historik.get(kontroll.id, {}),
        )
        html = html_for_enhet(proj, lage, kontroll, miljo)
        ut.append((kontroll.id, kontroll.rapport, html, vy.verksamhetsplan_rubrik is not None))
    return ut


def _rubriker(html: str) -> list[tuple[int, str, str, str | None, str | None]]:
    """(level, number, text, fixed text, empty text) of each section heading in <main> and the
    introduction (the cover's h1 is not a section)."""
    kropp = html.split("</header>", 1)[1]
    return [
        (int(m[1]) - 1, m[2] or "", htmlmod.unescape(m[3]), m[5], m[7])
        for m in RUBRIK.finditer(kropp)
    ]


def _platta(delar: list[Dispositionsdel]) -> list[Dispositionsdel]:
    return [x for d in delar for x in (d, *_platta(d.delar))]


def _jamfor(rapport, html: str, har_plan: bool) -> None:  # type: ignore[no-untyped-def]
    mall = standardmallen()
    forvantat = disposition(mall, rapport, har_plan)
    skrivna = _rubriker(html)
    # level 1: exactly the template's parts, in order, with number and heading
    ett = [(d.nummer, d.rubrik) for d in forvantat]
    assert [(nr, text) for niva, nr, text, _, _ in skrivna if niva == 1] == ett
    # every part (at any level) printed with its number, fixed text and empty text
    for del_ in _platta(forvantat):
        if del_.id == "delaktighet":
            assert ('class="delaktighet"' in html) and del_.rubrik in html
            continue
        traff = [s for s in skrivna if s[:3] == (del_.niva, del_.nummer, del_.rubrik)]
        assert len(traff) == 1, (del_, skrivna)
        _, _, _, fast, tom = traff[0]
        assert fast == del_.fast_text
        assert tom == del_.tom_text
    # a part whose sub-parts are all the template's: no other numbered sub-heading
    for del_ in _platta(forvantat):
        if del_.nummer and not del_.egna_avsnitt and del_.id not in GENERERADE:
            barn = [
                (nr, text)
                for niva, nr, text, _, _ in skrivna
                if niva == del_.niva + 1 and nr.startswith(del_.nummer + ".")
            ]
            assert barn == [(d.nummer, d.rubrik) for d in del_.delar if d.nummer]
    # nothing says "not filled in" that the template did not say
    assert html.count('class="ej-ifyllt">Avsnittet är inte ifyllt.') == sum(
        d.tom_text == "Avsnittet är inte ifyllt." for d in _platta(forvantat)
    )
    varden = dokumentvarden(mall, rapport, "")
    assert f'<span class="rapporttyp">{mall.titel_for(rapport.skolform)}</span>' in html
    titel = fyll_i(mall.dokument.dokumenttitel, varden)
    assert f"<title>{htmlmod.escape(titel, quote=False)}</title>" in html


@pytest.mark.parametrize("period", ["2025/26", "2024/25"])
def test_exemplets_enheter_har_standardmallens_delar(period: str) -> None:
    byggda = _byggda(ROT, period)
    assert byggda
    for _, rapport, html, har_plan in byggda:
        if rapport.rapportmall:
            continue  # Blåbäret and the stage report follow their own templates
        _jamfor(rapport, html, har_plan)


def test_referensrapporten_har_standardmallens_delar() -> None:
    byggda = _byggda(REFERENS)
    assert byggda
    for _, rapport, html, har_plan in byggda:
        _jamfor(rapport, html, har_plan)


def test_en_tom_enhet_har_standardmallens_tomma_delar(projekt: Path) -> None:
    """Only the required fields: sections 1–4 print 'Avsnittet är inte ifyllt.', the rest is
    left out, as the template says."""
    for fil in (projekt / "rapporter" / "2025-26").glob("*.yaml"):
        if fil.name != "huvudman.yaml":
            fil.unlink()
    (projekt / "rapporter" / "2025-26" / "tomma-skolan.yaml").write_text(
        "namn: Tomma skolan\nskolform: förskola\nperiod: 2025/26\n", encoding="utf-8"
    )
    shutil.rmtree(projekt / "rapporter" / "2024-25")
    ((_, rapport, html, har_plan),) = _byggda(projekt)
    _jamfor(rapport, html, har_plan)
    delar = disposition(standardmallen(), rapport, har_plan)  # type: ignore[arg-type]
    assert [(d.nummer, d.tom) for d in delar][:4] == [
        ("1", True),
        ("2", True),
        ("3", True),
        ("4", True),
    ]
