"""The loss report of a Word import: words in the Word file against words in the unit, every
element that did not come along and where it stood, and what was guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kvalitet.importera.word_las import RT, Forlust, rakna_ord
from kvalitet.importera.word_xml import parsa, text_i

_EJ_TEXT = {"fil", "alt", "mått", "diagram", "röjande", "numrerad", "antal"}


def _ren_markdown(text: str) -> str:
    text = re.sub(r"\]\([^)]*\)", "]", text).replace("(fotnot: ", "(")
    return re.sub(r"\\(.)", r"\1", text)


def ord_i_data(data: Any, nyckel: str = "") -> int:
    """Words in the imported content: texts, headings, points and table cells (not file
    names, alt texts or settings)."""
    if nyckel in _EJ_TEXT:
        return 0
    if isinstance(data, dict):
        grupper = 0
        if isinstance(data.get("rader"), list) and "kolumner" not in data:
            grupper = len(
                {
                    g
                    for r in data["rader"]
                    if isinstance(r, dict)
                    for g in r
                    if g in ("flickor", "pojkar", "totalt")
                }
            )
        return grupper + sum(ord_i_data(v, str(k)) for k, v in data.items())
    if isinstance(data, list):
        return sum(ord_i_data(v, nyckel) for v in data)
    if isinstance(data, bool) or data is None:
        return 0
    if isinstance(data, int | float):
        return 1
    return rakna_ord(_ren_markdown(str(data)))


@dataclass
class Forlustrapport:
    ord_i_word: int
    ord_i_enheten: int = 0
    forluster: list[Forlust] = field(default_factory=list)
    gissningar: list[str] = field(default_factory=list)
    varningar: list[str] = field(default_factory=list)

    @property
    def andel(self) -> float:
        return 100.0 if not self.ord_i_word else 100.0 * self.ord_i_enheten / self.ord_i_word

    def text(self, fil: str, enhetsfil: str) -> str:
        from kvalitet.grund.format import antal

        andel = f"{self.andel:.1f}".replace(".", ",")
        rader = [
            f"Förlustrapport för {fil} → {enhetsfil}",
            f"  Ord: {self.ord_i_word} i Word-filen, {self.ord_i_enheten} i enheten ({andel} %).",
        ]
        if self.forluster:
            rader.append(f"  Följde inte med ({antal(len(self.forluster), 'sak', 'saker')}):")
            rader += [
                f"    - {f.vad} ({f.plats})" + (f", {f.ord} ord" if f.ord else "")
                for f in self.forluster
            ]
        else:
            rader.append("  Följde inte med: inget.")
        if self.gissningar:
            rader.append(f"  Gissat ({len(self.gissningar)}):")
            rader += [f"    - {g}" for g in self.gissningar]
        if self.varningar:
            rader.append(f"  Varningar ({len(self.varningar)}):")
            rader += [f"    - {v}" for v in self.varningar]
        return "\n".join(rader)


def sidhuvuden_och_relationer(dok: Any) -> list[Forlust]:
    """Page headers and footers with text, and every external relationship that is not a link
    (an attached template, a linked image, an OLE source): never fetched."""
    ut: list[Forlust] = []
    sett: set[str] = set()
    for rel in dok.part.rels.values():
        if rel.is_external or rel.reltype not in (RT + "header", RT + "footer"):
            continue
        text = text_i(parsa(rel.target_part.blob))
        if not re.sub(r"[\d\s]", "", text) or text in sett:
            continue
        sett.add(text)
        sort = "sidhuvudet" if rel.reltype.endswith("header") else "sidfoten"
        ut.append(
            Forlust(
                f"{sort}: '{text[:60]}' (kvalitet skriver sidhuvud och sidfot själv)",
                "hela dokumentet",
            )
        )
    for del_ in dok.part.package.iter_parts():
        for rel in del_.rels.values():
            if rel.is_external and not rel.reltype.endswith("/hyperlink"):
                typ = rel.reltype.rsplit("/", 1)[-1]
                ut.append(
                    Forlust(
                        f"en extern relation ({typ}) till '{rel.target_ref[:80]}', som aldrig hämtas",
                        f"i {del_.partname}",
                    )
                )
    return ut
