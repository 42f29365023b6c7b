"""A person's YAML file written back by a program (the editor, the import): everything that was
not changed stays byte for byte as it was (comments, key order, quoting, block style, blank
lines), and a changed value keeps the style of the value it replaces.

Built on ruamel.yaml's round-trip mode. The plain data (``som_data``) is what a form or an
import works with: mappings, lists, texts, numbers, booleans and None; dates as ISO texts.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from kvalitet.grund.problem import KvalitetError
from kvalitet.kalla.las import las_yaml_text
from kvalitet.kalla.rundtur_kommentarer import normalisera
from kvalitet.kalla.rundtur_noder import (
    Ordning,
    infoga,
    ingen_ordning,
    lika,
    ny_nod,
    sla_samman_lista,
    sla_samman_mapp,
    som_data,
    ta_bort_nyckel,
)
from kvalitet.kalla.rundtur_ordning import Nyckelordning

Sokvag = tuple[str | int, ...]

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
    """One YAML document, read to be changed and written back.

    ``schema`` (a JSON Schema as plain data, e.g. ``kvalitet.modell.schema.schema()``) gives
    the order new keys are put in; without it a new key follows the key before it in the data.
    Text that ``kvalitet kontrollera`` would refuse to read (too large, too deep, aliases that
    expand too far, a syntax error) is refused here too, with the same message."""

    def __init__(self, text: str, schema: dict[str, Any] | None = None) -> None:
        self.bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.radslut = "\r\n" if "\r\n" in text else "\n"
        self._original = text.replace("\r\n", "\n")
        self.ordning: Ordning = Nyckelordning(schema).nycklar if schema else ingen_ordning
        self.indrag = _INDRAG[0]
        _granska(self._original)
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
        normalisera(self.dokument)

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
        return som_data(self.dokument)

    def hamta(self, sokvag: Sokvag) -> Any:
        """The plain value at ``sokvag``; None when it is not there."""
        nod: Any = self.dokument
        for steg in sokvag:
            try:
                nod = nod[steg]
            except (KeyError, IndexError, TypeError):
                return None
        return som_data(nod)

    # ------------------------------------------------------------------ changing

    def uppdatera(self, data: Any) -> None:
        """Make the document equal to ``data`` (plain data), touching only what differs."""
        if not isinstance(self.dokument, CommentedMap) or not isinstance(data, dict):
            self.dokument = ny_nod(data, None, (), self.ordning)
            return
        sla_samman_mapp(self.dokument, data, (), self.ordning)

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
                sla_samman_mapp(gammal, varde, sokvag, self.ordning)
                return
            if isinstance(varde, list) and isinstance(gammal, CommentedSeq):
                sla_samman_lista(gammal, varde, sokvag, self.ordning)
                return
        if gammal is not _SAKNAS and lika(gammal, varde):
            return
        ny = ny_nod(varde, None if gammal is _SAKNAS else gammal, sokvag, self.ordning)
        self._lagg(foralder, nyckel, ny, sokvag)

    def _lagg(self, foralder: Any, nyckel: str | int, ny: Any, sokvag: Sokvag) -> None:
        """Put ``ny`` at ``nyckel``; a new key of a mapping goes where it belongs."""
        if isinstance(foralder, CommentedSeq) and isinstance(nyckel, int):
            if nyckel == len(foralder):
                foralder.append(ny)
            else:
                foralder[nyckel] = ny
        elif isinstance(foralder, CommentedMap) and nyckel not in foralder:
            infoga(foralder, {nyckel: ny}, [*foralder, nyckel], sokvag[:-1], self.ordning)
        else:
            foralder[nyckel] = ny

    def ta_bort(self, sokvag: Sokvag) -> None:
        """Remove a key or a list item; nothing happens when it is not there."""
        try:
            foralder = self._foralder(sokvag, skapa=False)
            if isinstance(foralder, CommentedMap):
                if sokvag[-1] in foralder:
                    ta_bort_nyckel(foralder, sokvag[-1])
            else:
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
        for i, (steg, nasta) in enumerate(itertools.pairwise(sokvag)):
            barn = _barn(nod, steg)
            if barn is _SAKNAS or barn is None:
                if not skapa:
                    raise KeyError(steg)
                barn = CommentedSeq() if isinstance(nasta, int) else CommentedMap()
                self._lagg(nod, steg, barn, sokvag[: i + 1])
            nod = barn
        return nod


_SAKNAS = object()


def _barn(nod: Any, nyckel: str | int) -> Any:
    try:
        return nod[nyckel]
    except (KeyError, IndexError, TypeError):
        return _SAKNAS


def _granska(text: str) -> None:
    """Refuse what ``kvalitet kontrollera`` refuses to read, with its message, before ruamel
    (which has no limits) reads it."""
    if all(not r.strip() or r.lstrip().startswith("#") for r in text.split("\n")):
        return  # empty: nothing to check, and an empty document may be written to
    kalla = las_yaml_text(text, Path("filen"))
    if kalla.data is not None:
        return
    fel = next((p for p in kalla.problem if p.ar_fel), None)
    if fel is not None:
        hur = f" ({fel.hur})" if fel.hur else ""
        raise KvalitetError(f"rad {fel.rad}: {fel.vad}{hur}")


def andrade_rader(fore: str, efter: str) -> Iterable[str]:
    """A unified diff of two texts (for a dry run: what would change)."""
    import difflib

    return difflib.unified_diff(
        fore.splitlines(keepends=True), efter.splitlines(keepends=True), "före", "efter"
    )
