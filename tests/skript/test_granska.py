"""skript/granska holds the checkers to the list of known false positives (issue 26.6): an entry
excuses exactly the findings it names (file, page, rule, element), so a new finding of the same
rule anywhere else fails, and an excused finding that is gone is reported too."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from skript.granska.kanda import FelIListan, Fynd, forslag, jamfor, las_kanda

DELAD = Fynd(
    "outloud",
    "sammanstallning.pdf",
    "TBL-010",
    "error",
    "header cells look shredded: 8 header cells against 7 data cells",
    "s. 7",
    "Styrtal; Målvärde; Lägst; Median; Högst",
)
POST = """[[kand]]
verktyg = "outloud"
regel = "TBL-010"
skal = "Spridningstabellen delas av ett sidbyte; varje del har sin rubrikrad."
fynd = [
  { fil = ["sammanstallning.pdf", "arkiv/sammanstallning.pdf"], plats = "s. 7", text = "header cells look shredded: 8 header cells against 7 data cells", element = "Styrtal; Målvärde; Lägst; Median; Högst" },
]
"""


def _lista(tmp_path: Path, text: str = POST) -> Path:
    fil = tmp_path / "kanda.toml"
    fil.write_text(text, encoding="utf-8")
    return fil


def _med(f: Fynd, **andrat: str) -> Fynd:
    return Fynd(**{**f.__dict__, **andrat})


def test_posten_forklarar_bara_sitt_eget_fynd(tmp_path: Path) -> None:
    kanda = las_kanda(_lista(tmp_path))
    tvilling = _med(DELAD, fil="arkiv/sammanstallning.pdf")
    utfall = jamfor([DELAD, tvilling], kanda)
    assert not utfall.nya and not utfall.oanvanda
    assert [f for f, _ in utfall.kanda] == [DELAD, tvilling]


@pytest.mark.parametrize(
    "andrat",
    [
        {"plats": "s. 8"},  # the same table split again, on the next page
        {"fil": "huvudmannens-rapport.pdf"},  # the same defect in another document
        {"fil": "bjorkbackaskolan.pdf"},
        {"element": "Styrtal; Utfall 2025/26; Målvärde; Status"},  # another table, same page
        {"text": "header cells look shredded: 9 header cells against 7 data cells"},
        {"regel": "TBL-011"},
    ],
)
def test_samma_regel_nagon_annanstans_ar_ett_nytt_fynd(
    tmp_path: Path, andrat: dict[str, str]
) -> None:
    """A future split-table defect is not hidden by the entry for today's split table."""
    kanda = las_kanda(_lista(tmp_path))
    ny = _med(DELAD, **andrat)
    utfall = jamfor([DELAD, _med(DELAD, fil="arkiv/sammanstallning.pdf"), ny], kanda)
    assert utfall.nya == [ny]


def test_ett_kant_fynd_som_forsvunnit_rapporteras(tmp_path: Path) -> None:
    kanda = las_kanda(_lista(tmp_path))
    utfall = jamfor([DELAD], kanda)  # the arkiv/ twin is gone
    assert utfall.oanvanda == [
        "outloud TBL-010: arkiv/sammanstallning.pdf: sammanstallning.pdf, "
        "arkiv/sammanstallning.pdf s. 7 'header cells look shredded: 8 header cells against "
        "7 data cells' [Styrtal; Målvärde; Lägst; Median; Högst]"
    ]
    # a file the run did not check (e.g. with --ut: no arkiv/) is not counted as gone
    assert not jamfor([DELAD], kanda, {"sammanstallning.pdf"}).oanvanda


@pytest.mark.parametrize(
    ("post", "fel"),
    [
        ('verktyg = "axe"\nregel = "x"\nfynd = [{fil = "a", text = "t"}]\n', "skal"),
        (
            'verktyg = "axe"\nregel = "*"\nskal = "allt"\nfynd = [{fil = "a", text = "t"}]\n',
            "mönster",
        ),
        ('verktyg = "vnu"\nregel = "css"\nskal = "s"\n', "fynd"),
        (
            'verktyg = "vnu"\nregel = "css"\nskal = "s"\nfynd = [{fil = "*.html", text = "t"}]\n',
            "mönster",
        ),
        ('verktyg = "vnu"\nregel = "css"\nskal = "s"\nfynd = [{text = "t"}]\n', "fil"),
        ('verktyg = "vnu"\nregel = "css"\nskal = "s"\nfynd = [{fil = "a"}]\n', "text"),
        ('verktyg = "vnu"\nregel = "css"\nskal = "s"\ninnehaller = "x"\nfynd = []\n', "okända"),
        (
            'verktyg = "vnu"\nregel = "css"\nskal = "s"\nfynd = [{fil = "a", text = "t", x = 1}]\n',
            "okända",
        ),
        # outloud and axe: the page (selector) and the element are required
        (
            'verktyg = "outloud"\nregel = "TBL-010"\nskal = "s"\nfynd = [{fil = "a.pdf", text = "t"}]\n',
            "plats",
        ),
        (
            'verktyg = "axe"\nregel = "r"\nskal = "s"\nfynd = [{fil = "a", text = "t", plats = "p"}]\n',
            "element",
        ),
    ],
)
def test_listan_vagrar_breda_och_ofullstandiga_poster(tmp_path: Path, post: str, fel: str) -> None:
    with pytest.raises(FelIListan, match=fel):
        las_kanda(_lista(tmp_path, "[[kand]]\n" + post))


def test_forslaget_ar_poster_utan_skal(tmp_path: Path) -> None:
    """--forslag writes the new findings as entries; the list refuses them until a person has
    written the reason."""
    text = forslag([DELAD, _med(DELAD, fil="arkiv/sammanstallning.pdf")])
    data = tomllib.loads(text)
    assert data["kand"][0]["fynd"] == [
        {
            "fil": ["sammanstallning.pdf", "arkiv/sammanstallning.pdf"],
            "plats": "s. 7",
            "text": DELAD.text,
            "element": DELAD.element,
        }
    ]
    with pytest.raises(FelIListan, match="skal"):
        las_kanda(_lista(tmp_path, text))
    kanda = las_kanda(_lista(tmp_path, text.replace('skal = ""', 'skal = "skäl"')))
    assert not jamfor([DELAD, _med(DELAD, fil="arkiv/sammanstallning.pdf")], kanda).nya


def test_projektets_lista_ar_smal_och_har_skal() -> None:
    kanda = las_kanda()
    assert all(len(k.skal) > 40 for k in kanda)
    for k in kanda:
        for u in k.fynd:
            if k.verktyg in ("outloud", "axe"):
                assert u.plats is not None and u.element is not None, (k.regel, u)
            if k.regel.startswith("TBL"):  # a table rule: bound to its page and its cells
                assert u.plats and u.plats.startswith("s. ") and u.element, (k.regel, u)


def test_projektets_lista_doljer_ingen_ny_delad_tabell() -> None:
    """Today's excused split spridning table, on a page further or in another document, or
    another table split on the same page, is a new finding."""
    kanda = las_kanda()
    idag = next(
        Fynd(k.verktyg, u.filer[0], k.regel, "error", u.text, u.plats or "", u.element or "")
        for k in kanda
        for u in k.fynd
        if k.regel == "TBL-010" and "Lägst" in (u.element or "")
    )
    assert not jamfor([idag], kanda).nya
    sidor = {u.plats for k in kanda for u in k.fynd if idag.fil in u.filer}
    sista = max(int(p.removeprefix("s. ")) for p in sidor if p and p.startswith("s. "))
    for ny in (
        _med(idag, plats=f"s. {sista + 1}"),  # the table split once more, on a new page
        _med(idag, fil="bjorkbackaskolan.pdf"),
        _med(idag, element="Styrtal; Målvärde; Lägst; Median; Högst; Enheter"),
    ):
        assert jamfor([ny], kanda).nya == [ny], ny


def test_levande_granskningens_projekt_har_sina_tva_trasiga_enheter(tmp_path: Path) -> None:
    """The live check's copy of the example: one unit that is not YAML, one with an error at a
    field (if the example changes so that this fails, change skript/granska/levande.py)."""
    from kvalitet.kalla.projekt import hitta_projekt
    from kvalitet.kontroll.period import las_period
    from skript.granska.levande import MED_FEL, TRASIG, forbered_projekt

    lage = las_period(hitta_projekt(forbered_projekt(tmp_path)))
    fel = {k.id: [p for p in k.problem if p.ar_fel] for k in lage.enheter}
    trasig = next(k for k in lage.enheter if k.id == TRASIG)
    assert trasig.rapport is None and fel[TRASIG] and all(p.rad for p in fel[TRASIG]), fel[TRASIG]
    assert fel[MED_FEL] and all(p.rad for p in fel[MED_FEL]), fel[MED_FEL]
    assert not [k for k, f in fel.items() if f and k not in (TRASIG, MED_FEL)]
