"""The editor's pages and requests (``/skriv/…``): the form page, its data, the preview in the
frame beside it, and the writes. Every write is a POST with the session's token in the header
``X-Kvalitet-Token`` and a JSON body (an image: its bytes); there are no CORS headers, so a page
on another site can neither send the header nor read an answer."""

from __future__ import annotations

import html as htmllib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from kvalitet.grund.problem import KvalitetError, Problem
from kvalitet.kalla.filbyte import Skrivfel
from kvalitet.kalla.historik import Forfattare
from kvalitet.modell.falt import SKOLFORMER
from kvalitet.visa.behorighet import IngenRatt, Nekad, Upptagen
from kvalitet.visa.bilder import MAX_BYTE, spara_bild
from kvalitet.visa.formular import formular
from kvalitet.visa.jsonkropp import las_json
from kvalitet.visa.redigera import EnhetSaknas, Redigering
from kvalitet.visa.sidor import inte_hittad
from kvalitet.visa.textfiler import Textfiler
from kvalitet.visa.textsidor import MAX_KROPP, Svar, Textsidor, delar_av

STATISKT = Path(__file__).parent / "statiskt"
_TYPER = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
STATISKA = {
    f.name: _TYPER[f.suffix]
    for f in sorted(STATISKT.iterdir())
    if f.is_file() and f.suffix in _TYPER and not f.name.startswith(".")
}
"""Every ``*.js`` and ``*.css`` in ``statiskt/`` (the editor's ES modules), fixed at import: a
request's path is only looked up here, never joined to a folder."""
CSP_REDIGERA = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
"""The editor runs only its own script file: no inline script, nothing from outside."""
MAX_JSON = 5 * 1024 * 1024
JSON_TYP = "application/json; charset=utf-8"
HTML_TYP = "text/html; charset=utf-8"


def _sida(titel: str, kropp: str, token: str, klass: str = "") -> bytes:
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="kvalitet-token" content="{htmllib.escape(token, quote=True)}">'
        f"<title>{htmllib.escape(titel)}</title>"
        '<link rel="stylesheet" href="/statiskt/redigera.css">'
        '<script type="module" src="/statiskt/redigera.js"></script></head>'
        f'<body class="{klass}">{kropp}</body></html>'
    ).encode()


def redigeringssida(enhets_id: str, namn: str, token: str) -> bytes:
    e = htmllib.escape(enhets_id, quote=True)
    lank = htmllib.escape(quote(enhets_id), quote=True)
    kropp = f"""
<a class="hoppa" href="#formular">Hoppa till formuläret</a>
<header class="topp" data-enhet="{e}">
  <p class="brodsmula"><a href="/">Alla enheter</a></p>
  <h1>Skriv rapporten: <span id="enhetsnamn">{htmllib.escape(namn)}</span></h1>
  <div class="verktyg">
    <p id="statusrad">Status: <strong id="status">…</strong></p>
    <button type="button" id="klar">Markera som klar</button>
    <button type="button" id="godkann">Godkänn (förvaltningen)</button>
    <button type="button" id="oppna-igen" hidden>Öppna igen</button>
    <button type="button" id="angra">Ångra senaste sparning</button>
    <a href="/{lank}.pdf">Hämta PDF</a>
    <a href="/{lank}.docx">Hämta Word</a>
    <a href="#forhandsrubrik">Till förhandsvisningen</a>
  </div>
  <p id="sparstatus" role="status" aria-live="polite"></p>
  <div id="serverfel" class="fel" role="alert" hidden></div>
  <div id="konflikt" hidden tabindex="-1"></div>
  <div id="felsammanfattning" aria-live="polite"></div>
</header>
<main class="delad">
  <section class="formularspalt" aria-labelledby="formularrubrik">
    <h2 id="formularrubrik">Formulär</h2>
    <p id="godkand-info" class="info" hidden>Rapporten är godkänd och kan inte ändras. Välj
      ”Öppna igen” om den behöver ändras; då blir den klar igen.</p>
    <form id="formular" novalidate><p>Formuläret laddas …</p></form>
  </section>
  <section class="forhandsspalt" aria-labelledby="forhandsrubrik">
    <h2 id="forhandsrubrik">Förhandsvisning</h2>
    <iframe id="forhandsvisning" title="Förhandsvisning av rapporten"
            src="/skriv/{lank}/forhandsvisning"></iframe>
  </section>
</main>"""
    return _sida(f"Skriv: {namn}", kropp, token, "redigera")


def nysida(token: str, mallar: dict[str, str] | None = None) -> bytes:
    """The page "Ny enhet"; ``mallar``: the project's valid rapportmallar, name → heading."""
    val = "".join(f'<option value="{s}">{s}</option>' for s in SKOLFORMER)
    mallval = '<option value="">Huvudmannens val för skolformen</option>' + "".join(
        f'<option value="{htmllib.escape(n, quote=True)}">{htmllib.escape(r)} ({htmllib.escape(n)})'
        "</option>"
        for n, r in sorted((mallar or {}).items())
    )
    kropp = f"""
<main class="ny">
  <p class="brodsmula"><a href="/">Alla enheter</a></p>
  <h1>Ny enhet</h1>
  <p>Enhetens fil skapas med <code>kvalitet ny enhet</code> i den senaste perioden, med
     huvudmannens styrtal för skolformen. Sedan öppnas den i formuläret.</p>
  <form id="ny-enhet" novalidate>
    <p><label for="ny-namn">Enhetens namn</label>
       <input id="ny-namn" name="namn" required autocomplete="off" aria-describedby="ny-fel"></p>
    <p><label for="ny-skolform">Skolform</label>
       <select id="ny-skolform" name="skolform">{val}</select></p>
    <p><label for="ny-rapportmall">Rapportmall</label>
       <select id="ny-rapportmall" name="rapportmall">{mallval}</select></p>
    <p id="ny-fel" class="falt-fel" aria-live="polite"></p>
    <p><button type="submit">Skapa enheten</button></p>
  </form>
</main>"""
    return _sida("Ny enhet", kropp, token, "nysida")


class Skrivsidor:
    """Routes ``/skriv/…`` and ``/statiskt/…`` of the preview server to the editor."""

    def __init__(self, redigering: Redigering) -> None:
        self.r = redigering

    # ------------------------------------------------------------------ GET

    def get(self, h: Any, sokvag: str) -> bool:
        """Answer a GET; False when the path is not the editor's."""
        if sokvag.startswith("/statiskt/"):
            namn = sokvag.removeprefix("/statiskt/")
            if namn in STATISKA:
                h._svara(200, (STATISKT / namn).read_bytes(), STATISKA[namn], CSP_REDIGERA)
            else:
                h._svara(404, b"Hittades inte", "text/plain; charset=utf-8")
            return True
        if (text := delar_av(sokvag)) is not None:  # the huvudman's files as text
            self._svar(h, self._textsidor().get(text))
            return True
        if not sokvag.startswith("/skriv/"):
            return False
        delar = [unquote(d) for d in sokvag.removeprefix("/skriv/").split("/")]
        token = self.r.session.token
        try:
            if delar == ["ny"]:
                h._svara(200, nysida(token, self._mallar()), HTML_TYP, CSP_REDIGERA)
            elif delar == ["formular.json"]:
                self._json(h, 200, formular())
            elif len(delar) == 1 and delar[0]:
                self._redigeringssida(h, delar[0], token)
            elif len(delar) == 2 and delar[1] == "data":
                self._data(h, delar[0])
            elif len(delar) == 2 and delar[1] == "formular.json":
                self._formular(h, delar[0])
            elif len(delar) == 2 and delar[1] == "forhandsvisning":
                self._forhandsvisning(h, delar[0])
            elif len(delar) == 3 and delar[1] == "historik":
                self._historik(h, delar[0], delar[2])
            else:
                h._svara(404, inte_hittad(f"Sidan '{sokvag}' finns inte."), HTML_TYP)
        except (Nekad, KvalitetError) as exc:
            self._fel(h, 404, exc)
        return True

    def _redigeringssida(self, h: Any, enhets_id: str, token: str) -> None:
        """The form page; for a unit that is not there a 404 page, for a file the form cannot
        open (a YAML error) a page with its located errors: never JSON in the browser."""
        try:
            oppnad = self.r.oppna(enhets_id)
        except EnhetSaknas as exc:
            h._svara(404, inte_hittad(_mening(exc) + "."), HTML_TYP)
            return
        except (Nekad, KvalitetError) as exc:
            fel = self._fel_i_filen(enhets_id)
            extra = "" if fel else _mening(exc)
            h._svara(409, self.r.visning._felsida(enhets_id, fel, extra), HTML_TYP)
            return
        namn = str(oppnad["data"].get("namn") or enhets_id)
        h._svara(200, redigeringssida(enhets_id, namn, token), HTML_TYP, CSP_REDIGERA)

    def _data(self, h: Any, enhets_id: str) -> None:
        """The unit's data for the form; for a file it cannot open, the reason and the file's
        located errors (``fil:rad:kolumn: fel: …``), which the form shows in its place."""
        try:
            svar = self.r.oppna(enhets_id)
        except EnhetSaknas as exc:
            self._fel(h, 404, exc)
            return
        except (Nekad, KvalitetError) as exc:
            rot = self.r.projekt.rot
            problem = [p.visa(rot) for p in sorted(self._fel_i_filen(enhets_id))]
            self._json(h, 409, {"fel": _mening(exc), "problem": problem})
            return
        self._json(h, 200, svar)

    def _mallar(self) -> dict[str, str]:
        """The project's valid rapportmallar, name → the template's own name."""
        from kvalitet.kalla.rapportmallar import las_rapportmallar
        from kvalitet.kontroll.rapportmall import validera_rapportmall

        ut = {}
        for namn, kalla in las_rapportmallar(self.r.projekt.rapporter).items():
            mall, _ = validera_rapportmall(kalla, namn)
            if mall is not None:
                ut[namn] = mall.namn
        return ut

    def _formular(self, h: Any, enhets_id: str) -> None:
        """The form of the unit's rapportmall (``visa/mallformular.py``); the model's form for
        a file that cannot be read (the data request then says why)."""
        from kvalitet.kalla.las import las_data
        from kvalitet.kontroll.period import las_period
        from kvalitet.visa.mallformular import formular_for_enhet

        try:
            fil = self.r.enhetsfil(enhets_id)
        except EnhetSaknas as exc:
            self._fel(h, 404, exc)
            return
        data, fel = las_data(fil)
        if fel:
            self._json(h, 200, formular())
            return
        lage = las_period(self.r.projekt, None, [enhets_id], minne=self.r.visning.minne)
        self._json(h, 200, formular_for_enhet(lage, enhets_id, data))

    def _historik(self, h: Any, enhets_id: str, sokvag: str) -> None:
        """The history of one part (``/skriv/<enhet>/historik/<the path as JSON>``)."""
        from kvalitet.visa.delhistorik import Delhistorik

        try:
            vag = json.loads(sokvag)
        except ValueError:
            vag = None
        try:
            self._json(h, 200, Delhistorik(self.r).historik(enhets_id, vag))
        except EnhetSaknas as exc:
            self._fel(h, 404, exc)
        except (Nekad, KvalitetError) as exc:
            self._fel(h, 400, exc)

    def _fel_i_filen(self, enhets_id: str) -> list[Problem]:
        """What ``kvalitet kontrollera`` says about the unit's file: its errors, located."""
        from kvalitet.kontroll.period import las_period

        visning = self.r.visning
        lage = las_period(visning.projekt, None, [enhets_id], minne=visning.minne)
        return [p for p in lage.problem if p.ar_fel]

    def _forhandsvisning(self, h: Any, enhets_id: str) -> None:
        from kvalitet.visa.forlatande import forhandsvisning
        from kvalitet.visa.server import CSP

        data, typ = forhandsvisning(self.r.visning, enhets_id)
        kod = 404 if typ == "404" else 200
        h._svara(kod, data, "text/html; charset=utf-8",
                 CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'"))  # fmt: skip

    # ------------------------------------------------------------------ POST

    def post(self, h: Any, sokvag: str) -> None:
        if not self.r.session.ratt_token(h.headers.get("X-Kvalitet-Token")):
            self._json(h, 403, {"fel": "Sidan är för gammal eller kommer inte från kvalitet. "
                                       "Ladda om sidan och försök igen."})  # fmt: skip
            return
        if (text := delar_av(sokvag)) is not None:
            self._textpost(h, text)
            return
        if not sokvag.startswith("/skriv/"):
            self._json(h, 404, {"fel": "Hittades inte."})
            return
        delar = [unquote(d) for d in sokvag.removeprefix("/skriv/").split("/")]
        try:
            langd = int(h.headers.get("Content-Length") or 0)
        except ValueError:
            langd = -1
        bild = len(delar) == 2 and delar[1] == "bild"
        if langd < 0 or langd > (MAX_BYTE if bild else MAX_JSON):
            grans = "10 MB" if bild else "5 MB"
            self._json(h, 413, {"fel": f"Det som skickades är för stort (högst {grans})."})
            return
        kropp = h.rfile.read(langd) if langd else b""
        try:
            if bild:
                enhets_id = delar[0]
                fil = self.r.enhetsfil(enhets_id)
                svar = spara_bild(
                    self.r.skrivratt, fil, unquote(h.headers.get("X-Filnamn") or ""), kropp
                )
                self._json(h, 200, svar)
                return
            if "json" not in (h.headers.get("Content-Type") or ""):
                raise Nekad("det som skickades är inte JSON")
            self._json(h, 200, self._skriv(delar, las_json(kropp)))
        except Skrivfel as exc:  # the disk, not the request: named folder and cause
            self._fel(h, 507 if exc.full else 503, exc)
        except IngenRatt as exc:
            self._fel(h, 403, exc)
        except Upptagen as exc:
            self._fel(h, 503, exc)
        except (Nekad, KvalitetError) as exc:
            self._fel(h, 400, exc)

    def _textsidor(self) -> Textsidor:
        textfiler = Textfiler(self.r.projekt, self.r.historik)
        return Textsidor(textfiler, self.r.session.behorighet, self.r.session.token)

    def _textpost(self, h: Any, delar: list[str]) -> None:
        try:
            langd = int(h.headers.get("Content-Length") or 0)
        except ValueError:
            langd = -1
        if langd < 0 or langd > MAX_KROPP:
            self._json(h, 413, {"fel": "Det som skickades är för stort (högst 3 MB)."})
            return
        kropp = h.rfile.read(langd) if langd else b""
        self._svar(h, self._textsidor().post(delar, kropp, self._forfattare()))

    @staticmethod
    def _svar(h: Any, svar: Svar) -> None:
        h._svara(svar.kod, svar.data, svar.typ, svar.csp)

    def _skriv(self, delar: list[str], b: dict[str, Any]) -> dict[str, Any]:
        if delar == ["ny"]:
            namn, skolform = str(b.get("namn", "")), str(b.get("skolform", ""))
            mall = str(b.get("rapportmall") or "") or None
            return {"enhet": self.r.ny_enhet(namn, skolform, self._forfattare(), mall)}
        if delar == ["markdown"]:
            return {"html": self.r.markdown(str(b.get("text", "")))}
        if len(delar) != 2:
            raise Nekad("okänd begäran")
        enhet, vad = delar
        version = str(b.get("version", ""))
        vem = self._forfattare()
        if vad == "spara":
            return self.r.spara(enhet, b.get("data"), version, b.get("bas"), forfattare=vem)
        if vad == "status":
            status = str(b.get("status", ""))
            return self.r.satt_status(enhet, status, version, b.get("bas"), forfattare=vem)
        if vad == "angra":
            return self.r.angra(enhet, version or None, forfattare=vem)
        if vad == "aterstall":
            from kvalitet.visa.delhistorik import Delhistorik

            return Delhistorik(self.r).aterstall(enhet, b.get("sokvag"), b.get("commit"), vem)
        raise Nekad("okänd begäran")

    def _forfattare(self) -> Forfattare | None:
        """The git author of this session's writes: the logged-in person on the server
        (as ``granska.forfattare_for``), None locally (the repository's own author)."""
        person = self.r.session.behorighet.person
        return Forfattare(person.namn or person.epost, person.epost) if person.epost else None

    # ------------------------------------------------------------------ answers

    @staticmethod
    def _json(h: Any, kod: int, data: Any) -> None:
        h._svara(kod, json.dumps(data, ensure_ascii=False).encode("utf-8"), JSON_TYP, CSP_REDIGERA)

    def _fel(self, h: Any, kod: int, exc: Exception) -> None:
        self._json(h, kod, {"fel": _mening(exc)})


def _mening(exc: Exception) -> str:
    """The error's Swedish message as a sentence (first letter upper case)."""
    text = exc.format_message() if isinstance(exc, KvalitetError) else str(exc)
    return text[:1].upper() + text[1:]
