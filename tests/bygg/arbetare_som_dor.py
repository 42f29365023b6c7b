"""A worker target for tests: the document whose name is in KVALITET_TEST_DOD kills its worker
(as the out-of-memory killer would); every other document renders as usual."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kvalitet.bygg.verkstad import _rendera


def rendera_eller_do(
    namn: str, html: str, projektrot: Path, bas: Path | None, arkiv: bool = False
) -> tuple[str, Any, str | None]:
    if namn == os.environ.get("KVALITET_TEST_DOD"):
        os._exit(137)
    return _rendera(namn, html, projektrot, bas, arkiv)
