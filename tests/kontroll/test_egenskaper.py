"""Property-based: random YAML and random mutations of the examples give located problems only."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvalitet.kalla.las import las_yaml
from kvalitet.kontroll.validera import validera_enhet, validera_huvudman

EXEMPEL = sorted((Path(__file__).resolve().parents[2] / "rapporter").rglob("*.yaml"))
NYCKLAR = [
    "namn", "skolform", "huvudman", "ansvarig", "roll", "period", "status", "datum", "text",
    "avsnitt", "rubrik", "tabeller", "rader", "rad", "värden", "kolumner", "flickor", "pojkar",
    "bilder", "fil", "alt", "slutsatser", "resultat", "objektiva", "analys", "utvecklingsområden",
    "verksamhetsplan", "perspektiv", "mål", "styrtal", "id", "målvärde", "utfall", "mått",
    "aktiviteter", "delaktighet", "kvalitetsarbete", "förväntade_effekter", "kort_sikt", "okänt",
]  # fmt: skip
TECKEN = ["\t", ":", "- ", "[", "]", "{", "}", '"', "'", "#", "&a", "*a", "!", "|", ">", "%", "@",
          "\n", "  ", "\x00", "\u00a0", "ä", "\ufeff", "---", "..."]  # fmt: skip

skalarer = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
)
varden = st.recursive(
    skalarer,
    lambda barn: (
        st.lists(barn, max_size=4)
        | st.dictionaries(st.sampled_from(NYCKLAR) | st.text(max_size=8), barn, max_size=5)
    ),
    max_leaves=25,
)


def _kontrollera(fil: Path, text: str | bytes) -> None:
    if isinstance(text, bytes):
        fil.write_bytes(text)
    else:
        fil.write_text(text, encoding="utf-8", errors="surrogatepass")
    kalla = las_yaml(fil)
    if fil.name == "huvudman.yaml":
        _, problem = validera_huvudman(kalla, fil.parent.parent)
    else:
        _, problem = validera_enhet(kalla, fil.parent.parent)
    # YAML counts NEL, LS and PS as line breaks too (and so do its line numbers)
    brytningar = (
        sum(text.count(t) for t in ("\n", "\x85", "\u2028", "\u2029"))
        if isinstance(text, str)
        else text.count(b"\n") + text.count("\x85".encode()) + text.count("\u2028".encode())
    )
    rader = max(1, brytningar + 1)
    for p in problem:
        assert p.fil == fil
        assert 1 <= p.rad <= rader + 1, p.visa()
        assert p.kolumn >= 1
        assert p.vad and p.visa().startswith(f"{fil}:{p.rad}:{p.kolumn}: ")


INSTALLNING = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@INSTALLNING
@given(data=st.dictionaries(st.sampled_from(NYCKLAR), varden, max_size=8))
def test_slumpade_dokument(tmp_path: Path, data: dict) -> None:
    (tmp_path / "rapporter").mkdir(exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True)
    _kontrollera(tmp_path / "rapporter" / "slump.yaml", text)


@INSTALLNING
@given(
    exempel=st.sampled_from(EXEMPEL),
    andringar=st.lists(
        st.tuples(st.sampled_from(["ta-bort", "dubbla", "infoga", "ersatt", "korta"]),
                  st.floats(0, 1), st.sampled_from(TECKEN)),
        min_size=1, max_size=4,
    ),
)  # fmt: skip
def test_muterade_exempel(tmp_path: Path, exempel: Path, andringar: list) -> None:
    (tmp_path / "rapporter").mkdir(exist_ok=True)
    text = exempel.read_text(encoding="utf-8")
    for typ, var, tecken in andringar:
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
    _kontrollera(tmp_path / "rapporter" / exempel.name, text)


@INSTALLNING
@given(data=st.binary(max_size=400))
def test_slumpade_bytes(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "rapporter").mkdir(exist_ok=True)
    _kontrollera(tmp_path / "rapporter" / "bytes.yaml", data)
