"""Live preview: a local server (127.0.0.1 only) that re-renders on every request and tells open
pages to reload, through server-sent events, as soon as a file of the project is saved."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from kvalitet.grund.problem import KvalitetError, Problem
from kvalitet.kalla.projekt import Projekt
from kvalitet.visa.bevakning import Bevakare
from kvalitet.visa.filer import BILDTYPER, projektfil
from kvalitet.visa.inloggning import inloggningslank
from kvalitet.visa.sidor import felsida, inte_hittad, sida

if TYPE_CHECKING:
    from kvalitet.visa.lokal import Lokalserver

VARD = "127.0.0.1"
HTML = "text/html; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HAMTNINGAR = (".html", ".pdf", ".docx")
"""What a unit, the sammanställning and the huvudman's report can be fetched as."""
HANDELSER = "/__kvalitet/handelser"
LADDA_OM = f"""<script>
(function () {{
  var forsta = null;
  var kalla = new EventSource("{HANDELSER}");
  kalla.addEventListener("version", function (e) {{
    if (forsta === null) {{ forsta = e.data; return; }}
    if (e.data !== forsta) {{ location.reload(); }}
  }});
}})();
</script>"""

_SKRIPT = LADDA_OM.removeprefix("<script>").removesuffix("</script>")
CSP = (
    "default-src 'none'; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(_SKRIPT.encode()).digest()).decode()}'; "
    "style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Every page may run only its own reload script (by its hash), and load nothing from outside."""
CSP_BILD = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""A picture of the project: an SVG can carry script, so it is shown in a sandbox with none."""


class Forhandsvisning:
    """The preview of one project: pages rendered fresh from the files on every request."""

    def __init__(self, projekt: Projekt) -> None:
        from kvalitet.kontroll.period import Valideringsminne

        self.projekt = projekt
        self.bevakare = Bevakare(self._bevakade_mappar())
        # files that did not change are not validated again on the next request
        self.minne = Valideringsminne()
        from kvalitet.visa.redigera import Redigering
        from kvalitet.visa.skrivsidor import Skrivsidor

        self.redigering = Redigering(self)
        self.skrivsidor = Skrivsidor(self.redigering)
        self._miljoer: dict[tuple[Path, tuple[str, ...]], Any] = {}

    def miljo(self, mallar: Path) -> Any:
        """The Jinja environment of a template folder, made once: Jinja compiles each template
        once and compiles it again only when its file changed (``auto_reload``), where a new
        environment per page compiled every template on every request. A template added to or
        removed from the folder (which may shadow a built-in one) gives a new environment."""
        from kvalitet.rendera.miljo import skapa_miljo

        filer = tuple(sorted(str(f) for f in mallar.rglob("*"))) if mallar.is_dir() else ()
        nyckel = (mallar, filer)
        miljo = self._miljoer.get(nyckel)
        if miljo is None:
            if len(self._miljoer) > 8:
                self._miljoer.clear()
            miljo = self._miljoer.setdefault(nyckel, skapa_miljo(mallar))
        return miljo

    def _bevakade_mappar(self) -> list[Path]:
        from kvalitet.kalla.projekt import inbyggda_mallar

        mappar = [self.projekt.rapporter, self.projekt.mallar, inbyggda_mallar()]
        return list(dict.fromkeys(m.resolve() for m in mappar))

    # ------------------------------------------------------------------ pages

    def startsida(
        self, synlig: Callable[[str], bool] | None = None, filer: Sequence[str] = ()
    ) -> str:
        """The start page; with ``synlig`` only the units it says the person may see; with
        ``filer`` the links to the huvudman's files the person may edit."""
        import dataclasses

        from kvalitet.kontroll.period import las_period
        from kvalitet.visa.sidor import startsidans_innehall

        lage = las_period(self.projekt, minne=self.minne)
        if synlig is not None:
            lage = dataclasses.replace(lage, enheter=[k for k in lage.enheter if synlig(k.id)])
        innehall = startsidans_innehall(lage, self.projekt.rot, filer)
        return self._sida(f"Förhandsvisning {lage.period or ''}", innehall)

    def enhet(
        self,
        enhets_id: str,
        pdf: bool = False,
        omladdning: bool = True,
        lage: Any = None,
        docx: bool = False,
    ) -> tuple[bytes, str]:
        """A unit's report (HTML, PDF or with ``docx`` Word), or the page with its located
        errors; ``lage`` is the unit's period as ``las_period`` just gave it (else it is read
        here)."""
        from kvalitet.bygg.enhet import html_for_enhet, projektets_mallar, word_mall
        from kvalitet.kontroll.period import las_period
        from kvalitet.rendera.miljo import kontrollera_mallar

        if lage is None:
            lage = las_period(self.projekt, None, [enhets_id], minne=self.minne)
        if not lage.enheter:
            return self._inte_hittad(f"Enheten '{enhets_id}' finns inte för {lage.period}.")
        kontroll = lage.enheter[0]
        mallar = projektets_mallar(self.projekt, lage)
        miljo = self.miljo(mallar)
        fel = [p for p in (*lage.problem, *kontrollera_mallar(mallar, miljo)) if p.ar_fel]
        if fel or kontroll.rapport is None:
            return self._felsida(kontroll.id, fel), HTML
        try:
            html = html_for_enhet(self.projekt, lage, kontroll, miljo)
        except KvalitetError as exc:
            return self._felsida(kontroll.id, [], exc.format_message()), HTML
        if pdf:
            from kvalitet.bygg.pdf import skriv_pdf

            return skriv_pdf(html, self.projekt.rot, kontroll.fil.parent).data, "application/pdf"
        if docx:
            return _word(html, word_mall(lage))
        return (_med_omladdning(html) if omladdning else html).encode("utf-8"), HTML

    def sammanstallning(
        self, pdf: bool = False, huvudmannens: bool = False, docx: bool = False
    ) -> tuple[bytes, str]:
        """The sammanställning, or with ``huvudmannens`` the huvudman's own report (which has
        it as its appendix), as HTML, PDF or Word, or the page with their located errors."""
        from kvalitet.bygg.enhet import projektets_mallar, word_mall
        from kvalitet.bygg.sammanstallningen import sammanstallning_for
        from kvalitet.kontroll.period import las_period
        from kvalitet.rendera.miljo import rendera_sammanstallning

        lage = las_period(self.projekt, minne=self.minne)
        if lage.period is None:
            return self._inte_hittad("Projektet har inga rapporter att sammanställa.")
        if not lage.huvudman_ok:
            return self._felsida("sammanstallning", lage.huvudmansproblem), HTML
        namn = "huvudmannens-rapport" if huvudmannens else "sammanstallning"
        if huvudmannens and (lage.rapport is None or lage.huvudman is None):
            if lage.rapportfil is None:
                return self._inte_hittad(f"Perioden {lage.period} har ingen huvudmannens rapport.")
            return self._felsida(namn, lage.rapportproblem), HTML
        miljo = self.miljo(projektets_mallar(self.projekt, lage))
        try:
            data = sammanstallning_for(self.projekt, lage, self.minne)
            if huvudmannens:
                from kvalitet.bygg.huvudmannens import huvudmannens_rendering

                html = huvudmannens_rendering(self.projekt, lage, data, miljo)(
                    "" if pdf or docx else ".html"
                )
            else:
                html = rendera_sammanstallning(
                    data, lage, self.projekt.rot, miljo, "" if pdf or docx else ".html"
                )
        except KvalitetError as exc:
            return self._felsida(namn, [], exc.format_message()), HTML
        if pdf:
            from kvalitet.bygg.pdf import skriv_pdf

            return skriv_pdf(html, self.projekt.rot).data, "application/pdf"
        if docx:
            return _word(html, word_mall(lage))
        return _med_omladdning(html).encode("utf-8"), HTML

    def _felsida(self, namn: str, problem: list[Problem], extra: str = "") -> bytes:
        return felsida(namn, problem, self.projekt.rot, extra)

    def _inte_hittad(self, text: str) -> tuple[bytes, str]:
        return inte_hittad(text), "404"

    @staticmethod
    def _sida(titel: str, innehall: str) -> str:
        return sida(titel, innehall, LADDA_OM)


def _word(html: str, mall: Path | None) -> tuple[bytes, str]:
    """The Word file of a page's PDF HTML, on the huvudman's Word template."""
    from kvalitet.bygg.docx import skriv_docx

    return skriv_docx(html, mall).data, DOCX


def _med_omladdning(html: str) -> str:
    plats = html.rfind("</body>")
    return html[:plats] + LADDA_OM + html[plats:] if plats != -1 else html + LADDA_OM


def svara_pa_get(visning: Forhandsvisning, skrivsidor: Any, h: Any, sokvag: str) -> None:
    """Answer a logged-in GET (not the events) through ``h._svara``: the editor's pages, the
    start page, pictures, units and the sammanställning. Both the local server's handler and
    ``kvalitet server`` (``kvalitet/server/``) call this, with their own ``h``."""
    if skrivsidor.get(h, sokvag):
        return
    if sokvag in ("/", "/index.html"):
        from kvalitet.visa.textfiler import redigerbara

        filer = redigerbara(skrivsidor.r.session.behorighet)
        data = visning.startsida(filer=filer).encode("utf-8")
        h._svara(200, data, HTML)
        return
    if sokvag.startswith("/filer/"):
        fil = projektfil(visning.projekt.rot, sokvag[len("/filer/") :])
        typ = BILDTYPER.get(fil.suffix.lower()) if fil is not None else None
        if fil is None or typ is None:
            h._svara(404, b"Hittades inte", "text/plain; charset=utf-8")
        else:
            # an SVG can carry script: it is shown in a sandbox with no script at all
            h._svara(200, fil.read_bytes(), typ, CSP_BILD)
        return
    namn = unquote(sokvag.lstrip("/"))
    if namn.rsplit(".", 1)[0] in (
        "sammanstallning",
        "huvudmannens-rapport",
    ) and namn.endswith(HAMTNINGAR):
        data, typ = visning.sammanstallning(
            pdf=namn.endswith(".pdf"),
            huvudmannens=namn.startswith("huvudmannens"),
            docx=namn.endswith(".docx"),
        )
    elif "/" not in namn and namn.endswith(HAMTNINGAR) and ".." not in namn:
        data, typ = visning.enhet(
            namn.rsplit(".", 1)[0], pdf=namn.endswith(".pdf"), docx=namn.endswith(".docx")
        )
    else:
        data, typ = visning._inte_hittad(f"Sidan '{sokvag}' finns inte.")
    if typ == "404":
        h._svara(404, data, HTML)
    else:
        h._svara(200, data, typ)


def skapa_server(visning: Forhandsvisning, port: int) -> Lokalserver:
    """The preview's server (uvicorn, ``lokal.py``), listening on 127.0.0.1 only; OSError when
    the port cannot be used."""
    from kvalitet.visa.lokal import Lokalserver

    return Lokalserver(visning, port)


def kor(
    projekt: Projekt,
    port: int,
    meddela: Callable[[str], None] = print,
    sida: str = "",
    oppna: Callable[[str], object] | None = None,
) -> None:
    """Run the preview until Ctrl-C; ``sida`` (e.g. ``skriv/enhet``) is the page to open."""
    visning = Forhandsvisning(projekt)
    try:
        server = skapa_server(visning, port)
    except OSError as exc:
        raise KvalitetError(
            f"porten {port} kan inte användas ({exc.strerror}); välj en annan med --port, "
            "t.ex. --port 8765"
        ) from None
    visning.bevakare.starta()
    adress = f"http://{VARD}:{server.server_address[1]}/"
    lank = inloggningslank(adress, visning.redigering.session, sida)
    try:
        meddela(
            f"Förhandsvisning av {projekt.rot} på {adress}\n"
            f"Öppna den här länken i webbläsaren (den loggar in, och gäller en gång):\n  {lank}\n"
            "Sidorna laddas om när du sparar. Stäng med Ctrl-C."
        )
        if oppna is not None:
            oppna(lank)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        visning.bevakare.stoppa()
        server.server_close()
        meddela("Förhandsvisningen är stängd.")


def vanta_pa(predikat: Callable[[], bool], sekunder: float) -> bool:
    """Poll ``predikat`` until it is true or ``sekunder`` pass (for tests and scripts)."""
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut:
        if predikat():
            return True
        time.sleep(0.05)
    return bool(predikat())
