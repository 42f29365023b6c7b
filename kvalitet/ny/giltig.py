"""What a new unit may be called and hold: every field against the vocabulary, and the file
names that the project reader or the outputs already use for something else."""

from __future__ import annotations

import re
from pathlib import Path

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.projekt import HUVUDMANNAFIL, HUVUDMANNARAPPORT

RESERVERADE_ID = {
    Path(HUVUDMANNAFIL).stem: "huvudmannens fil med styrtalen",
    Path(HUVUDMANNARAPPORT).stem: "huvudmannens egen rapport",
    "behorigheter": "filen med behörigheterna",
    "sammanstallning": "huvudmannens sammanställning (sammanstallning.html, .csv, .xlsx)",
    "index": "startsidan i bygget och förhandsvisningen",
    "ny": "sidan Ny enhet i formuläret (/skriv/ny)",
}
"""Ids a unit may not have: the project reader (kalla/projekt.py) reads the file by that name as
something else, or a built file or a page of the editor has that name."""
MAX_NAMN = 120
_STYRTECKEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def kontrollera_ny_enhet(enhets_id: str, namn: str, skolform: str) -> None:
    """Every field of a new unit against the vocabulary, before anything is written (the CLI
    and the editor both come here): a field holding a line break would add lines to the file."""
    from kvalitet.kontroll.validera import ENHETS_ID, slug
    from kvalitet.modell.falt import SKOLFORMER

    if skolform not in SKOLFORMER:
        raise KvalitetError(
            f"skolformen {skolform[:60]!r} finns inte; välj en av {', '.join(SKOLFORMER)}"
        )
    if not namn.strip() or _STYRTECKEN.search(namn):
        raise KvalitetError(
            "enhetens namn ska vara en rad text utan radbrytningar och styrtecken, "
            "t.ex. 'Ekbacksskolan'"
        )
    if len(namn) > MAX_NAMN:
        raise KvalitetError(f"enhetens namn är {len(namn)} tecken; korta det till högst {MAX_NAMN}")
    if not ENHETS_ID.fullmatch(enhets_id) or len(enhets_id) > MAX_NAMN:
        raise KvalitetError(
            f"id:t '{enhets_id[:60]}' får bara innehålla små bokstäver a–z, siffror och "
            f"bindestreck (t.ex. '{slug(enhets_id)[:60]}'); id:t blir filens namn"
        )
    if enhets_id in RESERVERADE_ID:
        raise KvalitetError(
            f"'{enhets_id}' kan inte vara en enhets id: filen {enhets_id}.yaml är reserverad för "
            f"{RESERVERADE_ID[enhets_id]}; välj ett annat namn, t.ex. '{enhets_id}-enheten'"
        )
