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


class Snabbygge:
    """HTML, CSV and XLSX of many projects, one after the other in the same folder, with the
    Jinja environment (its compiled templates) kept between them.

    It runs the functions ``kvalitet bygg`` runs for each document (``html_for_enhet``,
    ``starta_sammanstallning``), without the build's plan, cache and lock, which decide only
    *whether* a document is built. Compiling the templates anew is most of a small project's
    build time (about 29 templates per project), so the 200 generated projects of a run use
    this; the PDF subset goes through ``bygg`` itself."""

    def __init__(self) -> None:
        self.miljoer: dict[Path, object] = {}

    def bygg(self, rot: Path) -> Path:
        from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar
        from kvalitet.bygg.sammanstallningen import (
            slutfor_sammanstallning,
            starta_sammanstallning,
        )
        from kvalitet.kalla.projekt import hitta_projekt
        from kvalitet.kontroll.period import las_period
        from kvalitet.rendera.miljo import skapa_miljo

        projekt = hitta_projekt(rot)
        lage = las_period(projekt)
        fel = [p.visa() for p in lage.problem if p.ar_fel]
        assert not fel, "\n".join(fel)
        mallar = projektets_mallar(projekt, lage)
        if mallar not in self.miljoer:
            self.miljoer[mallar] = skapa_miljo(mallar)
        miljo = self.miljoer[mallar]
        ut = rot / "ut"
        tmpmapp = ut / ".tmp"
        tmpmapp.mkdir(parents=True)
        for kontroll in lage.enheter:
            html = html_for_enhet(projekt, lage, kontroll, miljo)  # type: ignore[arg-type]
            (ut / f"{kontroll.id}.html").write_text(html, encoding="utf-8")
        paborjad = starta_sammanstallning(projekt, lage, ut, tmpmapp, ("html",), miljo)  # type: ignore[arg-type]
        res = slutfor_sammanstallning(paborjad, ut, tmpmapp)
        assert res.lyckad, res.fel or (res.rapport and res.rapport.fel)
        return ut
