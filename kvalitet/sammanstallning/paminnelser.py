"""Reminder e-mails composed from the overview and the deadline: one mail per rektor with the
units they have not submitted, on the days ``inlämning.påminnelser`` names and every day after
the deadline. Pure: sending is ``epost.skicka``."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from kvalitet.grund.format import antal, datum
from kvalitet.modell.behorigheter import Behorighetsfil
from kvalitet.sammanstallning.granskningsoversikt import Enhetslage, Granskningsoversikt


@dataclass(frozen=True)
class Paminnelse:
    """One e-mail: to whom, the subject, the text, and the units it is about."""

    till: str
    namn: str | None
    amne: str
    text: str
    enheter: tuple[str, ...]


def ska_paminna(oversikt: Granskningsoversikt) -> bool:
    """Today is a reminder day: one of ``påminnelser`` days before the deadline, or after it."""
    kvar = oversikt.dagar_kvar
    if kvar is None or oversikt.inlamning is None:
        return False
    return kvar < 0 or kvar in oversikt.inlamning.paminnelser


def _rektorer(fil: Behorighetsfil) -> dict[str, tuple[str | None, set[str]]]:
    """E-mail → (name, the units they are rektor of); groups cannot be written to."""
    ut: dict[str, tuple[str | None, set[str]]] = {}
    for person in fil.personer:
        if "rektor" in person.roller and person.epost and person.epost.strip():
            _, enheter = ut.setdefault(person.epost.strip(), (person.namn, set()))
            enheter.update(person.enheter)
    return ut


def _nar(kvar: int) -> str:
    if kvar > 1:
        return f"om {kvar} dagar"
    if kvar == 1:
        return "i morgon"
    if kvar == 0:
        return "i dag"
    return f"för {antal(-kvar, 'dag', 'dagar')} sedan"


def _rad(lage: Enhetslage, adress: str | None) -> str:
    rad = f"- {lage.namn}"
    if lage.oppna_kommentarer:
        rad += f" ({antal(lage.oppna_kommentarer, 'öppen kommentar', 'öppna kommentarer')})"
    if adress:
        rad += f"\n  {adress.rstrip('/')}/skriv/{lage.enhet}"
    return rad


def _radbryt(text: str) -> str:
    """Paragraphs wrapped at 72 characters (a mail client's width); lists as they are."""
    stycken = text.split("\n\n")
    return "\n\n".join(
        s if s.startswith("- ") else textwrap.fill(s, 72, break_on_hyphens=False) for s in stycken
    )


def paminnelser(
    oversikt: Granskningsoversikt,
    behorigheter: Behorighetsfil,
    adress: str | None = None,
    tvinga: bool = False,
) -> list[Paminnelse]:
    """The reminders to send today (none on other days unless ``tvinga``): every rektor with
    a unit still in utkast. ``adress`` is the server's address, for a link to each unit."""
    if oversikt.sista_dag is None or not (tvinga or ska_paminna(oversikt)):
        return []
    kvar = oversikt.dagar_kvar or 0
    ej_inlamnade = {e.enhet: e for e in oversikt.ej_inlamnade}
    sista = datum(oversikt.sista_dag, lang=True)
    ut: list[Paminnelse] = []
    for epost, (namn, enheter) in sorted(_rektorer(behorigheter).items()):
        egna = [ej_inlamnade[e] for e in sorted(enheter) if e in ej_inlamnade]
        if not egna:
            continue
        if len(egna) == 1:
            vad = f"kvalitetsrapporten för {egna[0].namn}"
        else:
            vad = f"{len(egna)} kvalitetsrapporter"
        if kvar < 0:
            amne = f"Påminnelse: {vad} skulle ha lämnats in senast {sista}"
            nar = f"skulle ha lämnats in senast {sista} ({_nar(kvar)})"
        else:
            amne = f"Påminnelse: {vad} ska lämnas in senast {sista}"
            nar = f"ska lämnas in senast {sista} ({_nar(kvar)})"
        rader = "\n".join(_rad(e, adress) for e in egna)
        text = (
            f"Hej{' ' + namn if namn else ''}!\n\n"
            f"Kvalitetsrapporterna för {oversikt.period} {nar}. "
            + (
                "Den här rapporten är inte inlämnad än"
                if len(egna) == 1
                else "De här rapporterna är inte inlämnade än"
            )
            + f":\n\n{rader}\n\n"
            "Öppna rapporten, skriv klart och tryck på Lämna in. Inget av det du har skrivit "
            "försvinner; granskaren kan godkänna rapporten först när du har lämnat in den.\n\n"
            f"Frågor besvaras av {behorigheter.kontakt}.\n\n"
            "Det här är ett automatiskt meddelande från kvalitetsrapporternas server.\n"
        )
        ut.append(Paminnelse(epost, namn, amne, _radbryt(text), tuple(e.enhet for e in egna)))
    return ut
