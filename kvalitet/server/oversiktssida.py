"""``/oversikt``: the förvaltning's overview of the latest period's review as a page: per unit
its state, when it was submitted and by whom, whether it is late, and its open comments."""

from __future__ import annotations

import html as htmllib
from urllib.parse import quote

from starlette.responses import Response

from kvalitet.kalla.projekt import Projekt
from kvalitet.sammanstallning.granskningsoversikt import granskningsoversikt
from kvalitet.server.sidor import serversida
from kvalitet.visa.granska import Granskningar


def _tid(tid: object) -> str:
    return tid.strftime("%Y-%m-%d %H:%M") if hasattr(tid, "strftime") else ""


def oversiktssida(projekt: Projekt, granskningar: Granskningar) -> Response:
    oversikt = granskningsoversikt(projekt, granskningar.period(None), minne=granskningar.minne)
    rader = []
    for e in oversikt.enheter:
        lank = htmllib.escape(quote(e.enhet), quote=True)
        vem = f" av {htmllib.escape(e.inlamnad_av)}" if e.inlamnad_av else ""
        rader.append(
            f'<tr data-enhet="{htmllib.escape(e.enhet, quote=True)}">'
            f'<th scope="row"><a href="/skriv/{lank}">{htmllib.escape(e.namn)}</a></th>'
            f"<td>{htmllib.escape(e.lage)}</td>"
            f"<td>{_tid(e.inlamnad)}{vem}</td>"
            f"<td>{'sen' if e.sen else ''}</td>"
            f"<td>{e.oppna_kommentarer} av {e.kommentarer}</td></tr>"
        )
    if oversikt.sista_dag is None:
        frist = "<p>Perioden har ingen sista dag (<code>inlämning:</code> i huvudman.yaml).</p>"
    else:
        frist = (
            f"<p>Sista dag: {oversikt.sista_dag.isoformat()} · inlämnade "
            f"{len(oversikt.enheter) - len(oversikt.ej_inlamnade)} av {len(oversikt.enheter)}"
            f" · sena {len(oversikt.sena)}</p>"
        )
    innehall = (
        f"{frist}<table><thead><tr><th scope='col'>Enhet</th><th scope='col'>Läge</th>"
        "<th scope='col'>Inlämnad</th><th scope='col'>Sen</th>"
        "<th scope='col'>Öppna kommentarer</th></tr></thead><tbody>"
        + "".join(rader)
        + '</tbody></table><p><a href="/">Startsidan</a></p>'
    )
    return serversida(200, f"Granskningsöversikt {oversikt.period}", innehall)
