"""The history of one part of a unit file (an avsnitt, a styrtal, a slutsats, an
utvecklingsområde: the same paths as the review's comments), read from git: the commits in
which just that part changed (its value compared between the file's versions), who and when,
a word diff, and "Återställ", which writes the part's older value back through the ordinary
save (``Redigering.spara``): a new commit with the restorer as author, nothing else in the file
touched. The same code answers ``kvalitet skriv`` and ``kvalitet server`` (``skrivsidor.py``)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from kvalitet.grund.problem import visningsnamn
from kvalitet.kalla.gitlogg import MAX_VERSIONER, ar_commit, filer_vid, filversioner
from kvalitet.kalla.historik import Forfattare
from kvalitet.visa.behorighet import Nekad
from kvalitet.visa.delvarde import (
    SAKNAS,
    del_i_version,
    del_ur,
    las_sokvag,
    las_version,
    ordvis,
    satt_del,
    som_text,
)
from kvalitet.visa.sparning import las_rundtur, version_av

UTAN_GIT = (
    "Projektet är inte ett git-förråd, så det finns ingen historik per text (vem som ändrade "
    "vad och när). Gör projektmappen till ett förråd (git init, git add -A, git commit) så "
    "blir varje sparning en commit och historiken syns här. Tidigare versioner av hela filen "
    "finns ändå i ut/.kvalitet/historik/."
)
INTE_STATUS = (
    "Rapportens status återställs inte ur historiken; den flyttas med knapparna överst "
    "(på servern: granskningens knappar)."
)
_CACHE_STORLEK = 4096
_DELAR: OrderedDict[tuple[str, str], Any] = OrderedDict()
"""(a version's SHA-256, the path) → the part's value, shared by every request."""


class Delhistorik:
    """History per text for the editor ``redigering`` (its file lookup, rights and save)."""

    _las = threading.Lock()

    def __init__(self, redigering: Any) -> None:
        self.r = redigering

    # ------------------------------------------------------------------ reading

    def _del(self, text: bytes | None, sokvag: list[str | int]) -> Any:
        """The part at ``sokvag`` in one version (``delvarde.las_version``: all versions and
        the file now are read the same way, so that they compare), cached by content: old
        versions never change. A version that cannot be read has no part."""
        if text is None:
            return SAKNAS
        nyckel = (hashlib.sha256(text).hexdigest(), json.dumps(sokvag, ensure_ascii=False))
        with self._las:
            if nyckel in _DELAR:
                _DELAR.move_to_end(nyckel)
                return _DELAR[nyckel]
        varde = del_i_version(las_version(text), sokvag)
        with self._las:
            _DELAR[nyckel] = varde
            while len(_DELAR) > _CACHE_STORLEK:
                _DELAR.popitem(last=False)
        return varde

    def historik(self, enhets_id: str, sokvag: Any) -> dict[str, Any]:
        """The part's changes, newest first, each with who, when, the text before and after,
        and the word diff; ``git: False`` and a Swedish explanation without git."""
        sokvag = las_sokvag(sokvag)
        fil = self.r.enhetsfil(enhets_id)
        far = self.r.session.behorighet.far_skriva(enhets_id) and sokvag[0] != "status"
        svar: dict[str, Any] = {
            "enhet": enhets_id,
            "fil": visningsnamn(fil, self.r.projekt.rot),
            "sokvag": sokvag,
            "git": bool(self.r.historik.git),
            "far_aterstalla": far,
        }
        nu = self._del(fil.read_bytes(), sokvag)
        svar["nu"] = som_text(nu)
        if not self.r.historik.git:
            return {**svar, "forklaring": UTAN_GIT, "andringar": []}
        rot = self.r.projekt.rot
        versioner = filversioner(rot, fil)
        texter = filer_vid(rot, [v.commit for v in versioner], fil)
        andringar: list[dict[str, Any]] = []
        forra: Any = SAKNAS
        for v in reversed(versioner):  # oldest first: a change is a value unlike the one before
            varde = self._del(texter.get(v.commit), sokvag)
            if varde == forra:
                continue
            andringar.append(
                {
                    "commit": v.commit,
                    "kort": v.commit[:7],
                    "namn": v.namn,
                    "epost": v.epost,
                    "tid": v.tid,
                    "meddelande": v.meddelande,
                    **_skillnad(forra, varde),
                }
            )
            forra = varde
        if nu != forra:  # written outside kvalitet and not committed yet
            andringar.append(
                {
                    "commit": None,
                    "kort": "",
                    "namn": "inte incheckad (ändrad utanför kvalitet)",
                    "epost": "",
                    "tid": _andrad(fil),
                    "meddelande": "",
                    **_skillnad(forra, nu),
                }
            )
        for andring in andringar:
            andring["nuvarande"] = False
        if andringar:
            andringar[-1]["nuvarande"] = True
        svar["andringar"] = list(reversed(andringar))
        svar["fler"] = len(versioner) >= MAX_VERSIONER
        return svar

    # ------------------------------------------------------------------ writing

    def aterstall(
        self,
        enhets_id: str,
        sokvag: Any,
        commit: Any,
        forfattare: Forfattare | None = None,
    ) -> dict[str, Any]:
        """Write the part's value at ``commit`` back into the file as it is now, through the
        ordinary save (merge, conflict, rights and commit as any save)."""
        sokvag = las_sokvag(sokvag)
        if sokvag[0] == "status":
            raise Nekad(INTE_STATUS)
        fil = self.r.enhetsfil(enhets_id)  # on the server: refused without the right to write
        if not self.r.historik.git:
            raise Nekad(UTAN_GIT)
        rot = self.r.projekt.rot
        if not ar_commit(commit) or commit not in {v.commit for v in filversioner(rot, fil)}:
            raise Nekad(
                "den versionen finns inte i filens historik; öppna historiken igen och välj en "
                "version i listan"
            )
        gammal = filer_vid(rot, [commit], fil)[commit]
        try:  # the editor's own reading of that version: the value it writes back
            aldre = las_rundtur(gammal, "versionen").som_data() if gammal is not None else None
        except Nekad:
            aldre = None
        varde = del_ur(aldre, sokvag)
        if varde is SAKNAS:
            raise Nekad("den delen fanns inte i den versionen; välj en annan version i listan")
        nu = fil.read_bytes()
        bas = copy.deepcopy(las_rundtur(nu, visningsnamn(fil, rot)).som_data())
        innehall = satt_del(copy.deepcopy(bas), sokvag, copy.deepcopy(varde))
        svar: dict[str, Any] = self.r.spara(
            enhets_id,
            innehall,
            version_av(nu),
            bas,
            anledning=f"återställt {_vagtext(sokvag)} till {commit[:7]}",
            forfattare=forfattare,
        )
        svar["aterstallt"] = {"sokvag": sokvag, "commit": commit}
        return svar


def _skillnad(fore: Any, efter: Any) -> dict[str, Any]:
    a, b = som_text(fore), som_text(efter)
    return {
        "fore": a,
        "efter": b,
        "finns": efter is not SAKNAS,
        "diff": ordvis(a, b),
    }


def _vagtext(sokvag: list[str | int]) -> str:
    return " › ".join(str(s + 1) if isinstance(s, int) else s for s in sokvag)


def _andrad(fil: Path) -> str:
    try:
        tid = fil.stat().st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(tid).astimezone().isoformat(timespec="seconds")
