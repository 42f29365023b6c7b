"""The vocabularies that commands need before any model is loaded (one source: ``modell`` and
the JSON Schema read them from here, so ``kvalitet bygg`` with nothing to do loads no pydantic)."""

from __future__ import annotations

SKOLFORMER = ("förskola", "grundskola", "gymnasieskola", "vuxenutbildning", "fritidshem", "annan")
