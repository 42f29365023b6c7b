"""What stands where an answer should: placeholders left in a file ('Namn Efternamn' from
'kvalitet ny enhet', a typed 'Inte besvarad.') and the seven questions a development area leaves
unanswered, in a unit's report and in the huvudman's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kvalitet.grund.problem import Problem
from kvalitet.kalla.las import Kalla, Sokvag
from kvalitet.kontroll.modellfel import visa_sokvag
from kvalitet.modell import Utvecklingsomrade
from kvalitet.modell.falt import PLATSHALLARE


def platshallare(data: Any, kalla: Kalla, sokvag: Sokvag) -> list[Problem]:
    """Warn where a placeholder from 'kvalitet ny enhet' is still in the file, or a text such
    as 'Inte besvarad.' stands where an answer should."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in platshallare(v, kalla, (*sokvag, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in platshallare(v, kalla, (*sokvag, i))]
    if isinstance(data, str) and data.strip() in PLATSHALLARE:
        return [
            kalla.varning(
                sokvag,
                f"'{visa_sokvag(sokvag)}' är en platshållare ('{data.strip()}') som ännu inte "
                "har fyllts i; den skulle stå i rapporten och som PDF:ens författare",
                "skriv in den riktiga uppgiften",
            )
        ]
    if isinstance(data, str) and _utan_punkt(data) in UTSKRIVNA_PLATSHALLARE:
        return [
            kalla.varning(
                sokvag,
                f"'{visa_sokvag(sokvag)}' säger bara '{data.strip()}': en platshållare, inget "
                "svar, och den trycks i rapporten som den står",
                "skriv svaret, eller ta bort raden så säger kontrollen vad som saknas",
            )
        ]
    return []


UTSKRIVNA_PLATSHALLARE = frozenset(
    {
        "inte besvarad",
        "ej besvarad",
        "obesvarad",
        "inte besvarat",
        "ej besvarat",
        "inte ifyllt",
        "ej ifyllt",
        "inte ifylld",
        "ej ifylld",
        "avsnittet är inte ifyllt",
        "fyll i",
        "fylls i",
        "fylls i senare",
        "skriv här",
        "skriv text här",
        "text här",
        "todo",
        "tbd",
        "xxx",
        "lorem ipsum",
    }
)
"""Texts that stand where an answer should ('Inte besvarad.' is what a report prints for a
question left out): warned wherever they are the whole of a value, case and a final full stop
aside."""


def _utan_punkt(text: str) -> str:
    ren = text.strip().lower()
    return ren[:-1].rstrip() if ren.endswith(".") and not ren.endswith("..") else ren


_FRAGOR = {
    "varfor": ("varför", "varför utvecklingsområdet är prioriterat"),
    "styrdokument": ("styrdokument", "inom vilka styrdokument utvecklingsbehoven finns"),
    "forvantade_effekter": ("förväntade_effekter", "vilka effekter som förväntas"),
    "forutsattningar": ("förutsättningar", "vilka förutsättningar som finns"),
    "insatser": ("insatser", "vilka insatser som ska genomföras"),
    "uppfoljning": ("uppföljning", "hur insatserna följs upp och utvärderas"),
    "forskning": ("forskning", "kopplingen till forskning och beprövad erfarenhet"),
}


def obesvarade_fragor(omraden: Sequence[Utvecklingsomrade], kalla: Kalla) -> list[Problem]:
    """A warning for each of the seven questions a development area leaves unanswered (the
    report prints 'Inte besvarad.' there): in a unit's report and in the huvudman's."""
    ut: list[Problem] = []
    for u, omr in enumerate(omraden):
        for attr, (nyckel, fraga) in _FRAGOR.items():
            varde = getattr(omr, attr)
            tomt = varde is None or (isinstance(varde, str) and not varde.strip())
            if tomt:
                ut.append(
                    kalla.varning(
                        ("utvecklingsområden", u),
                        f"utvecklingsområdet '{omr.rubrik}' besvarar inte {fraga}",
                        f"lägg till '{nyckel}:'",
                    )
                )
    return ut
