"""Property-based: mutations of the rights file and of a review file give located problems
only, and the review's writer refuses a broken file in Swedish without writing over it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvalitet.kalla.las import las_yaml
from kvalitet.kontroll.behorigheter import validera_behorigheter
from kvalitet.kontroll.granskning import las_granskningsbytes

ROT = Path(__file__).resolve().parents[2]
BEHORIGHETER = (ROT / "rapporter" / "behörigheter.yaml").read_text(encoding="utf-8")
GRANSKNING = """\
enhet: bjorkbackaskolan
läge: inlämnad
händelser:
- tid: '2026-06-10T14:02:11+02:00'
  handling: lämna in
  från: utkast
  till: inlämnad
  av: {namn: Helena Sandberg, epost: helena.sandberg@alvmora.se}
kommentarer:
- nummer: 1
  sökväg: [resultat, objektiva]
  text: Vad bygger ni det på?
  av: {namn: Karin Ek, epost: karin.ek@alvmora.se}
  tid: '2026-06-11T09:15:00+02:00'
  svar:
  - text: Elevenkäten.
    av: {namn: Helena Sandberg}
    tid: '2026-06-11T10:00:00+02:00'
  löst: {av: {namn: Karin Ek}, tid: '2026-06-12T08:00:00+02:00'}
"""
TECKEN = [
    *"\t:[]{}\"'#!|>@\n\x00\u00a0ä",
    "- ",
    "&a",
    "*a",
    "  ",
    "---",
    "0",
    "-1",
    "rektr",
    "läge",
]
INSTALLNING = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
andringar = st.lists(
    st.tuples(
        st.sampled_from(["ta-bort", "dubbla", "infoga", "ersatt", "korta"]),
        st.floats(0, 1),
        st.sampled_from(TECKEN),
    ),
    min_size=1,
    max_size=4,
)


def _mutera(text: str, lista: list[tuple[str, float, str]]) -> str:
    for typ, var, tecken in lista:
        rader = text.split("\n")
        i = int(var * (len(rader) - 1))
        pos = int(var * max(len(text) - 1, 0))
        if typ == "ta-bort":
            del rader[i]
            text = "\n".join(rader)
        elif typ == "dubbla":
            rader.insert(i, rader[i])
            text = "\n".join(rader)
        elif typ == "infoga":
            text = text[:pos] + tecken + text[pos:]
        elif typ == "ersatt":
            text = text[:pos] + tecken + text[pos + 1 :]
        else:
            text = text[:pos]
    return text


def _placerade(fil: Path, text: str, problem: list) -> None:  # type: ignore[type-arg]
    rader = max(1, sum(text.count(t) for t in ("\n", "\x85", "\u2028", "\u2029")) + 1)
    for p in problem:
        assert p.fil == fil
        assert 1 <= p.rad <= rader + 1 and p.kolumn >= 1, p.visa()
        assert p.vad and "Input should" not in p.visa() and "Traceback" not in p.visa(), p.visa()


@INSTALLNING
@given(lista=andringar)
def test_muterade_behorigheter(tmp_path: Path, lista: list[tuple[str, float, str]]) -> None:
    fil = tmp_path / "behörigheter.yaml"
    text = _mutera(BEHORIGHETER, lista)
    fil.write_text(text, encoding="utf-8")
    modell, problem = validera_behorigheter(
        las_yaml(fil),
        ["bjorkbackaskolan", "alvmora-gymnasium", "forskolan-lingonet", "resurscentrum"],
    )
    assert modell is not None or any(p.ar_fel for p in problem)
    _placerade(fil, text, problem)


@INSTALLNING
@given(lista=andringar)
def test_muterade_granskningar(tmp_path: Path, lista: list[tuple[str, float, str]]) -> None:
    fil = tmp_path / "bjorkbackaskolan.yaml"
    text = _mutera(GRANSKNING, lista)
    granskning, problem = las_granskningsbytes(text.encode("utf-8"), fil)
    assert granskning is not None or any(p.ar_fel for p in problem)
    _placerade(fil, text, problem)


@INSTALLNING
@given(data=st.binary(max_size=300))
def test_slumpade_bytes_som_granskning(data: bytes) -> None:
    fil = Path("bjorkbackaskolan.yaml")
    granskning, problem = las_granskningsbytes(data, fil)
    assert granskning is not None or problem
