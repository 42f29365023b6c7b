"""Building a project for the differential check: in this process, through the library function
``kvalitet bygg`` calls (a subprocess per project would cost an interpreter and imports each)."""

from __future__ import annotations

from pathlib import Path


def bygg(rot: Path, pdf: bool = False) -> Path:
    """Build every unit, the sammanställning and huvudmannens rapport into ``rot/ut``; fail with
    the tool's own messages when a document could not be built."""
    from kvalitet.bygg.utfor import bygg as kvalitet_bygg
    from kvalitet.kalla.projekt import hitta_projekt

    ut = rot / "ut"
    bygge = kvalitet_bygg(
        hitta_projekt(rot), ut, format=("html", "pdf") if pdf else ("html",), jobb=1, alla=True
    )
    fel = [f"{e.id}: {e.fel}" for e in bygge.enheter if not e.ok]
    fel += [f"{p.fil}:{p.rad}: {p.vad}" for e in bygge.enheter for p in e.problem if p.ar_fel]
    samman = bygge.sammanstallning
    if samman is None:
        fel.append("sammanställningen byggdes inte")
    elif not samman.lyckad:
        fel.append(f"sammanställningen: {samman.fel or (samman.rapport and samman.rapport.fel)}")
    assert not fel, "\n".join(fel)
    return ut
