"""Rebuild on save (`kvalitet bygg --bevaka`): the watch loop, the memory kept between builds,
and the command as a user runs it (not timed)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kvalitet.bygg.minne import Byggminne, bevakade_mappar
from kvalitet.bygg.utfor import Bygge, bygg
from kvalitet.bygg.verkstad import PdfVerkstad
from kvalitet.kalla.projekt import hitta_projekt
from kvalitet.kontroll.period import Valideringsminne, las_period
from kvalitet.visa.bevakning import bevaka
from kvalitet.visa.server import vanta_pa

PERIOD = Path("rapporter") / "2025-26"


def _andra(fil: Path, gammal: str, ny: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert gammal in text
    fil.write_text(text.replace(gammal, ny, 1), encoding="utf-8")


def test_bevakningen_bygger_om_det_som_sparas_och_overlever_fel(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    ut = (projekt / "ut").resolve()
    byggen: list[Bygge] = []
    stopp = threading.Event()

    with PdfVerkstad(1) as verkstad:
        minne = Byggminne(verkstad)

        def bygg_en_gang() -> None:
            byggen.append(bygg(proj, ut, ("html",), minne=minne))

        trad = threading.Thread(
            target=bevaka, args=(bevakade_mappar(proj), bygg_en_gang), kwargs={"stopp": stopp}
        )
        trad.start()
        try:

            def efter(antal: int) -> Bygge:
                assert vanta_pa(lambda: len(byggen) >= antal, 30), f"bygge {antal} kom aldrig"
                time.sleep(0.3)  # no extra build follows a single save
                assert len(byggen) == antal
                return byggen[-1]

            forsta = efter(1)
            assert {r.id for r in forsta.enheter if not r.oforandrad} == {
                "alvmora-gymnasium",
                "bjorkbackaskolan",
                "bjorkbackaskolan-mellanstadiet",
                "forskolan-lingonet",
                "lingonet-blabaret",
                "resurscentrum",
            }
            fil = projekt / PERIOD / "resurscentrum.yaml"

            _andra(fil, "utfall: 5,3", "utfall: 5,1")
            andra = efter(2)
            assert [r.id for r in andra.enheter if not r.oforandrad] == ["resurscentrum"]
            assert andra.sammanstallning is not None and not andra.sammanstallning.oforandrad
            assert "5,1" in (ut / "resurscentrum.html").read_text(encoding="utf-8")

            fil.write_text(fil.read_text(encoding="utf-8") + "\n# kommentar\n", encoding="utf-8")
            tredje = efter(3)
            assert tredje.sammanstallning is not None and tredje.sammanstallning.oforandrad

            # a misspelt key: the build fails, the watch goes on
            _andra(fil, "skolform:", "skolfrom:")
            fjarde = efter(4)
            trasig = next(r for r in fjarde.enheter if r.id == "resurscentrum")
            assert not trasig.ok
            assert "menade du 'skolform'" in " ".join(p.visa() for p in trasig.problem)
            assert "5,1" in (ut / "resurscentrum.html").read_text(encoding="utf-8")

            _andra(fil, "skolfrom:", "skolform:")
            _andra(fil, "utfall: 5,1", "utfall: 4,9")
            femte = efter(5)
            assert femte.ok and "4,9" in (ut / "resurscentrum.html").read_text(encoding="utf-8")
        finally:
            stopp.set()
            trad.join(10)
    assert not trad.is_alive()


def test_valideringsminnet_marker_en_bild_som_kommer_till(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    minne = Valideringsminne()
    bild = projekt / "rapporter" / "bilder" / "samverkan-organisation.svg"
    innehall = bild.read_bytes()
    bild.unlink()

    def problem() -> list[str]:
        lage = las_period(proj, None, ["resurscentrum"], minne=minne)
        return [p.visa() for k in lage.enheter for p in k.problem if p.ar_fel]

    assert any("finns inte" in p for p in problem())
    assert any("finns inte" in p for p in problem())  # from memory: the same answer
    bild.write_bytes(innehall)
    assert problem() == []


def test_valideringsminnet_ger_samma_svar_som_utan_minne(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    minne = Valideringsminne()
    utan = las_period(proj)
    for _ in range(2):
        med = las_period(proj, minne=minne)
        assert [(k.id, k.ok, [p.visa() for p in k.problem]) for k in med.enheter] == [
            (k.id, k.ok, [p.visa() for p in k.problem]) for k in utan.enheter
        ]
        assert med.historik.keys() == utan.historik.keys()


def _barn(pid: int) -> set[int]:
    barn = set()
    for post in os.listdir("/proc"):
        if post.isdigit():
            try:
                with open(f"/proc/{post}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        barn.add(int(post))
            except OSError:
                continue
    return barn


def _kommando(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _arbetare(pid: int) -> set[int]:
    return {p for p in _barn(pid) if "resource_tracker" not in _kommando(p)}


def test_bygg_bevaka_i_terminalen(projekt: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", "bygg", "--bevaka", "--jobb", "2",
         "--enhet", "resurscentrum"],
        cwd=projekt, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    rader: list[str] = []

    def till(text: str) -> None:
        for rad in proc.stdout:  # type: ignore[union-attr]
            rader.append(rad)
            if text in rad:
                return
        raise AssertionError("".join(rader))

    try:
        till("Väntar på ändringar")
        pdf = projekt / "ut" / "resurscentrum.pdf"
        forsta = pdf.stat().st_mtime_ns
        # while waiting, the workers are started (WeasyPrint loaded) and kept between builds
        assert vanta_pa(lambda: len(_arbetare(proc.pid)) == 2, 10)
        arbetare = _arbetare(proc.pid)
        _andra(projekt / PERIOD / "resurscentrum.yaml", "utfall: 5,3", "utfall: 5,1")
        till("Väntar på ändringar")
        assert pdf.stat().st_mtime_ns != forsta
        assert _arbetare(proc.pid) == arbetare
    finally:
        proc.send_signal(signal.SIGINT)
        utdata, _ = proc.communicate(timeout=30)
    text = "".join(rader) + utdata
    assert proc.returncode == 0, text
    assert text.count("✓ resurscentrum: ut/resurscentrum.html, ut/resurscentrum.pdf") == 2
    assert "Bevakningen är avslutad." in text
    assert "Traceback" not in text
    assert vanta_pa(lambda: not any(os.path.exists(f"/proc/{p}") for p in arbetare), 10)


def test_pdf_i_huvudprocessen_stanger_inte_av_ctrl_c(projekt: Path) -> None:
    """With --jobb 1 the PDF is made in this process, which must still stop on Ctrl-C."""
    from kvalitet.bygg.verkstad import PdfVerkstad as Verkstad

    with Verkstad(1) as verkstad:
        verkstad.skicka("x", "<p>hej</p>", projekt).result()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_valideringsminnet_vaxer_inte_med_antalet_sparningar(projekt: Path) -> None:
    proj = hitta_projekt(projekt)
    minne = Valideringsminne()
    fil = projekt / PERIOD / "resurscentrum.yaml"
    las_period(proj, minne=minne)
    antal = len(minne._poster)
    for i in range(5):
        fil.write_text(fil.read_text(encoding="utf-8") + f"# sparning {i}\n", encoding="utf-8")
        las_period(proj, minne=minne)
    assert len(minne._poster) == antal


def _starta_bevakning(projekt: Path) -> tuple[subprocess.Popen[str], set[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kvalitet", "bygg", "--bevaka", "--jobb", "2",
         "--format", "html,pdf", "--enhet", "resurscentrum"],
        cwd=projekt, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    for rad in proc.stdout:
        if "Väntar på ändringar" in rad:
            break
    assert vanta_pa(lambda: len(_arbetare(proc.pid)) == 2, 10)
    return proc, _arbetare(proc.pid)


def _borta(pider: set[int]) -> bool:
    return not any(os.path.exists(f"/proc/{p}") for p in pider)


def test_sigterm_avslutar_bevakningen_och_arbetarna(projekt: Path) -> None:
    proc, arbetare = _starta_bevakning(projekt)
    proc.send_signal(signal.SIGTERM)
    utdata, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, utdata
    assert "Bevakningen är avslutad." in utdata and "Traceback" not in utdata
    assert vanta_pa(lambda: _borta(arbetare), 10)


def test_arbetarna_avslutar_sig_sjalva_om_huvudprocessen_dodas(projekt: Path) -> None:
    proc, arbetare = _starta_bevakning(projekt)
    proc.kill()  # SIGKILL: the main process cannot clean up
    proc.communicate(timeout=30)
    assert vanta_pa(lambda: _borta(arbetare), 10), "arbetarna blev kvar utan huvudprocess"


def test_i_bevakningen_kommer_enhetens_pdf_fore_sammanstallningens(projekt: Path) -> None:
    """The edited unit's PDF does not share the processors with the sammanställning's."""
    proj = hitta_projekt(projekt)
    ut = (projekt / "ut").resolve()
    with PdfVerkstad(2) as verkstad:
        minne = Byggminne(verkstad)
        assert bygg(proj, ut, minne=minne).ok
        skickade: list[tuple[str, list[bool]]] = []
        framtider = []
        riktig = verkstad.skicka

        def loggande(namn: str, *args, **kwargs):  # type: ignore[no-untyped-def]
            skickade.append((namn, [f.done() for f in framtider]))
            framtider.append(riktig(namn, *args, **kwargs))
            return framtider[-1]

        verkstad.skicka = loggande  # type: ignore[method-assign]
        _andra(projekt / PERIOD / "resurscentrum.yaml", "utfall: 5,3", "utfall: 5,1")
        bygge = bygg(proj, ut, minne=minne)
    assert bygge.ok and bygge.sammanstallning is not None
    # the huvudman's report shows the units too: it follows, after the unit's PDF as well
    assert skickade == [
        ("resurscentrum", []),
        ("sammanstallning", [True]),
        ("huvudmannens-rapport", [True, False]),
    ]
