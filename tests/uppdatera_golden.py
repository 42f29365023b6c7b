"""Regenerate the golden HTML files: python3 tests/uppdatera_golden.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "rendera"))

from test_html import GOLDEN, rendera_exempel

if __name__ == "__main__":
    GOLDEN.mkdir(exist_ok=True)
    fil = GOLDEN / "bjorkbackaskolan.html"
    fil.write_text(rendera_exempel("bjorkbackaskolan"), encoding="utf-8")
    print(f"skrev {fil}")
