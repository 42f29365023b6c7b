"""Regenerate the golden HTML files: python3 tests/uppdatera_golden.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "rendera"))

from golden import fall, golden_mapp, rendera_period

if __name__ == "__main__":
    for projekt, period in fall():
        mapp = golden_mapp(projekt, period)
        mapp.mkdir(parents=True, exist_ok=True)
        for gammal in mapp.glob("*.html"):
            gammal.unlink()
        for enhet, html in rendera_period(projekt, period).items():
            fil = mapp / f"{enhet}.html"
            fil.write_text(html, encoding="utf-8")
            print(f"skrev {fil}")
