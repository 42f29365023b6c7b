"""skript/granska holds the checkers to the list of known false positives: a new finding fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from skript.granska.kanda import FelIListan, Fynd, jamfor, las_kanda


def test_nytt_fynd_ar_nytt_och_kanda_forklaras(tmp_path: Path) -> None:
    lista = tmp_path / "kanda.toml"
    lista.write_text(
        '[[kand]]\nverktyg = "vnu"\nregel = "css"\ninnehaller = "bookmark-level"\n'
        'skal = "WeasyPrint"\n',
        encoding="utf-8",
    )
    kanda = las_kanda(lista)
    css = Fynd("vnu", "a.html", "css", "error", "CSS: “bookmark-level”: Property …")
    ny = Fynd("axe", "a.html@390", "scrollable-region-focusable", "serious", "…")
    utfall = jamfor([css, ny], kanda)
    assert utfall.nya == [ny]
    assert [f for f, _ in utfall.kanda] == [css]
    assert jamfor([ny], kanda).oanvanda == kanda


@pytest.mark.parametrize(
    "post",
    [
        'verktyg = "axe"\nregel = "x"\n',  # no reason
        'verktyg = "axe"\nregel = "*"\nskal = "allt"\n',  # a whole checker
        'verktyg = "axe"\nregel = "x"\nskal = "s"\nokand = 1\n',
    ],
)
def test_listan_kraver_skal_och_tystar_aldrig_en_hel_granskare(tmp_path: Path, post: str) -> None:
    lista = tmp_path / "kanda.toml"
    lista.write_text("[[kand]]\n" + post, encoding="utf-8")
    with pytest.raises(FelIListan):
        las_kanda(lista)


def test_projektets_lista_har_skal_for_varje_post() -> None:
    assert all(len(k.skal) > 40 for k in las_kanda())
