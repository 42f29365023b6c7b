"""A person's YAML file written back by a program (the editor, the import): everything that was
not changed stays byte for byte as it was (comments, key order, quoting, block style, blank
lines), and a changed value keeps the style of the value it replaces.

Built on ruamel.yaml's round-trip mode. The plain data (``som_data``) is what a form or an
import works with: mappings, lists, texts, numbers, booleans and None; dates as ISO texts.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from kvalitet.grund.problem import KvalitetError

Sokvag = tuple[str | int, ...]

_STILAR = (
    LiteralScalarString,
    FoldedScalarString,
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
)
_INDRAG = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (3, 3, 0))
"""(mapping, sequence, offset) as ruamel calls them, most common first."""


def _yaml(indrag: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a person's long lines
    yaml.allow_duplicate_keys = False
    mapping, sekvens, forskjutning = indrag
    yaml.indent(mapping=mapping, sequence=sekvens, offset=forskjutning)
    return yaml


class Rundtur:
    """One YAML document, read to be changed and written back."""

    def __init__(self, text: str) -> None:
        self.bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.radslut = "\r\n" if "\r\n" in text else "\n"
        self._original = text.replace("\r\n", "\n")
        self.indrag = _INDRAG[0]
        try:
            self.dokument = _yaml(self.indrag).load(self._original)
        except YAMLError as exc:
            raise KvalitetError(
                f"filen kan inte läsas som YAML och kan inte skrivas om ({exc})"
            ) from None
        # the indentation that writes the unchanged file back exactly is the file's own
        for indrag in _INDRAG:
            if self._dumpa(self.dokument, indrag) == self._original:
                self.indrag = indrag
                break

    @staticmethod
    def _dumpa(dokument: Any, indrag: tuple[int, int, int]) -> str:
        ut = io.StringIO()
        _yaml(indrag).dump(dokument, ut)
        return ut.getvalue()

    def text(self) -> str:
        """The document as text; the unchanged file's own text when nothing was changed."""
        text = self._dumpa(self.dokument, self.indrag)
        if self.dokument is None and not self._original.strip():
            text = self._original
        text = text.replace("\n", self.radslut)
        return ("\ufeff" if self.bom else "") + text

    # ------------------------------------------------------------------ reading

    def som_data(self) -> Any:
        """The document as plain data (JSON-compatible)."""
        return _som_data(self.dokument)

    def hamta(self, sokvag: Sokvag) -> Any:
        """The plain value at ``sokvag``; None when it is not there."""
        nod: Any = self.dokument
        for steg in sokvag:
            try:
                nod = nod[steg]
            except (KeyError, IndexError, TypeError):
                return None
        return _som_data(nod)

    # ------------------------------------------------------------------ changing

    def uppdatera(self, data: Any) -> None:
        """Make the document equal to ``data`` (plain data), touching only what differs."""
        if not isinstance(self.dokument, CommentedMap) or not isinstance(data, dict):
            self.dokument = _ny_nod(data, None)
            return
        _sla_samman_mapp(self.dokument, data)

    def satt(self, sokvag: Sokvag, varde: Any) -> None:
        """Set one value (mappings on the way are created), keeping the old value's style."""
        if not sokvag:
            self.uppdatera(varde)
            return
        if self.dokument is None:
            self.dokument = CommentedMap()
        foralder = self._foralder(sokvag, skapa=True)
        nyckel = sokvag[-1]
        gammal = _barn(foralder, nyckel)
        if gammal is not _SAKNAS and isinstance(gammal, CommentedMap | CommentedSeq):
            if isinstance(varde, dict) and isinstance(gammal, CommentedMap):
                _sla_samman_mapp(gammal, varde)
                return
            if isinstance(varde, list) and isinstance(gammal, CommentedSeq):
                _sla_samman_lista(gammal, varde)
                return
        if gammal is not _SAKNAS and _lika(gammal, varde):
            return
        ny = _ny_nod(varde, None if gammal is _SAKNAS else gammal)
        if isinstance(foralder, CommentedSeq) and isinstance(nyckel, int):
            if nyckel == len(foralder):
                foralder.append(ny)
            else:
                foralder[nyckel] = ny
        else:
            foralder[nyckel] = ny

    def ta_bort(self, sokvag: Sokvag) -> None:
        """Remove a key or a list item; nothing happens when it is not there."""
        try:
            foralder = self._foralder(sokvag, skapa=False)
            del foralder[sokvag[-1]]
        except (KeyError, IndexError, TypeError):
            pass

    def kommentera(self, sokvag: Sokvag, kommentar: str) -> None:
        """Put ``# kommentar`` at the end of the line of the key ``sokvag`` (e.g. a source note);
        an earlier end-of-line comment there is replaced."""
        foralder = self._foralder(sokvag, skapa=False)
        if isinstance(foralder, CommentedMap | CommentedSeq):
            foralder.yaml_add_eol_comment(kommentar.replace("\n", " "), sokvag[-1], column=None)

    def _foralder(self, sokvag: Sokvag, skapa: bool) -> Any:
        nod: Any = self.dokument
        for steg, nasta in itertools.pairwise(sokvag):
            barn = _barn(nod, steg)
            if barn is _SAKNAS or barn is None:
                if not skapa:
                    raise KeyError(steg)
                barn = CommentedSeq() if isinstance(nasta, int) else CommentedMap()
                if isinstance(nod, CommentedSeq) and isinstance(steg, int) and steg == len(nod):
                    nod.append(barn)
                else:
                    nod[steg] = barn
            nod = barn
        return nod


_SAKNAS = object()


def _barn(nod: Any, nyckel: str | int) -> Any:
    try:
        return nod[nyckel]
    except (KeyError, IndexError, TypeError):
        return _SAKNAS


def _som_data(nod: Any) -> Any:
    if isinstance(nod, dict):
        return {str(k): _som_data(v) for k, v in nod.items()}
    if isinstance(nod, list):
        return [_som_data(v) for v in nod]
    if isinstance(nod, dt.datetime | dt.date):
        return nod.isoformat()
    if isinstance(nod, bool) or nod is None:
        return nod
    if isinstance(nod, int):
        return int(nod)
    if isinstance(nod, float):
        return float(nod)
    return str(nod)


def _lika(gammal: Any, ny: Any) -> bool:
    gammal_data = _som_data(gammal)
    if type(gammal_data) is not type(ny) and not (
        isinstance(gammal_data, int | float)
        and isinstance(ny, int | float)
        and not isinstance(gammal_data, bool)
        and not isinstance(ny, bool)
    ):
        return False
    return gammal_data == ny


def _ny_nod(varde: Any, gammal: Any) -> Any:
    """A node for a new value; a text keeps the block or quote style of the text it replaces,
    and a text of several lines is written as a block (``|``)."""
    if isinstance(varde, dict):
        mapp = CommentedMap()
        for k, v in varde.items():
            mapp[k] = _ny_nod(v, None)
        return mapp
    if isinstance(varde, list):
        return CommentedSeq(_ny_nod(v, None) for v in varde)
    if isinstance(varde, str):
        if isinstance(gammal, dt.date) and not isinstance(gammal, dt.datetime):
            try:
                return dt.date.fromisoformat(varde)
            except ValueError:
                pass
        if "\n" in varde.rstrip("\n"):
            text = varde if varde.endswith("\n") else varde + "\n"
            return LiteralScalarString(text)
        for stil in _STILAR[2:]:
            if isinstance(gammal, stil):
                return stil(varde)
        return varde
    return varde


def _sla_samman_mapp(gammal: CommentedMap, ny: dict[str, Any]) -> None:
    for nyckel in [k for k in gammal if k not in ny]:
        del gammal[nyckel]
    forra: str | None = None
    for nyckel, varde in ny.items():
        if nyckel in gammal:
            _sla_samman_varde(gammal, nyckel, varde)
        else:
            plats = list(gammal).index(forra) + 1 if forra is not None else 0
            gammal.insert(plats, nyckel, _ny_nod(varde, None))
        forra = nyckel


def _sla_samman_lista(gammal: CommentedSeq, ny: list[Any]) -> None:
    while len(gammal) > len(ny):
        del gammal[len(gammal) - 1]
    for i, varde in enumerate(ny):
        if i < len(gammal):
            _sla_samman_varde(gammal, i, varde)
        else:
            gammal.append(_ny_nod(varde, None))


def _sla_samman_varde(foralder: Any, nyckel: str | int, varde: Any) -> None:
    gammal = foralder[nyckel]
    if isinstance(gammal, CommentedMap) and isinstance(varde, dict):
        _sla_samman_mapp(gammal, varde)
    elif isinstance(gammal, CommentedSeq) and isinstance(varde, list):
        _sla_samman_lista(gammal, varde)
    elif not _lika(gammal, varde):
        foralder[nyckel] = _ny_nod(varde, gammal)


def andrade_rader(fore: str, efter: str) -> Iterable[str]:
    """A unified diff of two texts (for a dry run: what would change)."""
    import difflib

    return difflib.unified_diff(
        fore.splitlines(keepends=True), efter.splitlines(keepends=True), "före", "efter"
    )
