"""The rapportmall's parts that have a form of their own, read from headings: the prioritised
development areas (one heading per area, the template's questions as headings under it), last
period's areas followed up, and who took part (Personal, Elever, Vårdnadshavare, Övriga)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from kvalitet.importera.word_las import Stycke, rakna_ord

if TYPE_CHECKING:
    from kvalitet.importera.word_delar import Bygge, Nod
    from kvalitet.modell.rapportmall import Del

DELAKTIGA = {
    "personal": "personal",
    "personalen": "personal",
    "elever": "elever",
    "eleverna": "elever",
    "barn och elever": "elever",
    "barn": "elever",
    "barnen": "elever",
    "vårdnadshavare": "vårdnadshavare",
    "vårdnadshavarna": "vårdnadshavare",
    "övriga": "övriga",
    "andra": "övriga",
}
SIKT = {
    "på kort sikt": "kort_sikt",
    "kort sikt": "kort_sikt",
    "på lång sikt": "lång_sikt",
    "lång sikt": "lång_sikt",
}


def utan_nummer(bygge: Bygge, rubrik: str) -> str:
    from kvalitet.importera.word_delar import utan_nummer as bort

    return bort(bygge, rubrik)


def _norm(text: str) -> str:
    from kvalitet.importera.word_delar import normalisera

    return normalisera(text)


def _text(nod: Nod) -> str | None:
    """The node's own text as Markdown, or None when it holds more than text."""
    from kvalitet.importera.word_delar import _listtext

    if not all(isinstance(e, Stycke) for e in nod.innehall):
        return None
    return _listtext([e for e in nod.innehall if isinstance(e, Stycke)])


def _svar(nod: Nod, bygge: Bygge) -> Any:
    """A question's answer: its text, or 'På kort sikt' / 'På lång sikt' under it."""
    text = _text(nod)
    if text is None:
        return None
    if not nod.barn:
        return text
    sikt: dict[str, Any] = {}
    for barn in nod.barn:
        falt = SIKT.get(_norm(barn.rubrik))
        svar = _text(barn)
        if falt is None or svar is None or barn.barn:
            return None
        sikt[falt] = svar
        bygge.rubrikord += rakna_ord(barn.rubrik)
    return None if text else sikt


def utvecklingsomraden(bygge: Bygge, nod: Nod, d: Del) -> list[dict[str, Any]] | None:
    fragor = {_norm(f.fraga): f.falt for f in d.fragor}
    ut: list[dict[str, Any]] = []
    ord_ = 0
    for barn in nod.barn:
        omrade: dict[str, Any] = {"rubrik": utan_nummer(bygge, barn.rubrik)}
        direkt = _text(barn)
        if direkt is None:
            return None
        for fraga in barn.barn:
            falt = fragor.get(_norm(fraga.rubrik))
            svar = _svar(fraga, bygge)
            if falt is None or svar is None or falt in omrade:
                return None
            omrade[falt] = svar
            ord_ += rakna_ord(fraga.rubrik)
        if direkt:
            if isinstance(omrade.get("varför"), str):
                omrade["varför"] = f"{direkt}\n\n{omrade['varför']}"
            elif "varför" not in omrade:
                omrade["varför"] = direkt
                bygge.gissningar.append(
                    f"texten under utvecklingsområdet '{barn.rubrik}' lades som svar på "
                    "'Varför är utvecklingsområdet prioriterat?'"
                )
            else:
                return None
        ut.append(omrade)
    bygge.rubrikord += ord_
    return ut


def tidigare(bygge: Bygge, nod: Nod) -> list[dict[str, Any]] | None:
    ut: list[dict[str, Any]] = []
    for barn in nod.barn:
        text = _text(barn)
        if text is None or barn.barn:
            return None
        ut.append(
            {"rubrik": utan_nummer(bygge, barn.rubrik), **({"uppföljning": text} if text else {})}
        )
    return ut


def delaktighet(bygge: Bygge, nod: Nod) -> dict[str, Any] | None:
    """From headings (Personal, Elever …) or paragraphs that start with the label."""
    ut: dict[str, list[str]] = {}
    for barn in nod.barn:
        falt = DELAKTIGA.get(_norm(barn.rubrik))
        text = _text(barn)
        if falt is None or text is None or barn.barn:
            return None
        ut.setdefault(falt, []).append(text)
        bygge.rubrikord += rakna_ord(barn.rubrik)
    aktuell: str | None = None
    for el in nod.innehall:
        if not isinstance(el, Stycke):
            return None
        etikett, _, rest = el.ren.partition(":")
        if (falt := DELAKTIGA.get(_norm(etikett))) is not None and (
            rest.strip() or el.ren.strip(" :") == etikett.strip()
        ):
            aktuell = falt
            bygge.rubrikord += rakna_ord(etikett)
            if rest.strip():
                ut.setdefault(falt, []).append(
                    re.sub(r"^\W*" + re.escape(etikett.strip()) + r"\W*:\W*", "", el.text, count=1)
                    or rest.strip()
                )
            continue
        if aktuell is None:
            return None
        ut.setdefault(aktuell, []).append(el.text)
    return {k: "\n\n".join(v) for k, v in ut.items()} or None


def placera(bygge: Bygge, nod: Nod, d: Del) -> bool:
    """Put a heading at a part of its own form; False when the text does not have that form."""
    varde: Any = None
    if not nod.innehall and not nod.barn and d.falt and d.falt not in bygge.anvanda:
        bygge.anvanda.add(d.falt)  # empty in the Word file (or only the template's own text)
        bygge.rubrikord += rakna_ord(nod.rubrik)
        bygge.gissningar.append(
            f"rubriken '{nod.rubrik}' är mallens del '{d.id}', tom i Word-filen"
        )
        return True
    if (
        d.sort == "utvecklingsområden"
        and nod.barn
        and not [e for e in nod.innehall if isinstance(e, Stycke) and e.ren]
    ):
        varde = utvecklingsomraden(bygge, nod, d)
    elif d.sort == "uppföljning" and nod.barn and not nod.innehall:
        varde = tidigare(bygge, nod)
    elif d.sort == "delaktighet":
        varde = delaktighet(bygge, nod)
    if not varde or d.falt is None or d.falt in bygge.anvanda:
        return False
    bygge.anvanda.add(d.falt)
    bygge.data[d.falt] = varde
    bygge.rubrikord += rakna_ord(nod.rubrik)
    bygge.gissningar.append(
        f"rubriken '{nod.rubrik}' matchades mot mallens del '{d.id}' ({d.falt})"
    )
    return True


def delaktighet_i_texten(bygge: Bygge, innehall: list[Any]) -> list[Any]:
    """'Delaktighet i uppföljning och analys' as a line of its own (bold, as kvalitet's own
    Word file writes it) followed by 'Personal', its text, 'Elever', its text …: read into
    'delaktighet'; the elements without them."""
    delar = [d for _, d in bygge.mall.alla_delar() if d.sort == "delaktighet" and d.falt]
    if not delar or delar[0].falt in bygge.anvanda:
        return innehall
    d = delar[0]
    start = next(
        (
            i
            for i, e in enumerate(innehall)
            if isinstance(e, Stycke) and not e.lista and _norm(e.ren) == _norm(d.rubrik)
        ),
        None,
    )
    if start is None:
        return innehall
    ut: dict[str, str] = {}
    i = start + 1
    ord_ = rakna_ord(innehall[start].ren)
    while i + 1 < len(innehall):
        etikett, text = innehall[i], innehall[i + 1]
        if not (isinstance(etikett, Stycke) and isinstance(text, Stycke)):
            break
        falt = DELAKTIGA.get(_norm(etikett.ren))
        if falt is None or falt in ut or DELAKTIGA.get(_norm(text.ren)):
            break
        ut[falt] = text.text
        ord_ += rakna_ord(etikett.ren)
        i += 2
    if not ut:
        return innehall
    assert d.falt is not None
    bygge.anvanda.add(d.falt)
    bygge.data[d.falt] = ut
    bygge.rubrikord += ord_
    bygge.gissningar.append(
        f"raderna efter '{innehall[start].ren}' ({', '.join(ut)}) lästes som mallens del "
        f"'{d.id}' ({d.falt})"
    )
    return innehall[:start] + innehall[i:]
