"""Limits on login attempts: a token bucket per client address (``/logga-in`` and the
provider's redirect back, ``/inloggad``) and one per account (the ID token's ``sub``, once
the token is verified). A bucket holds ``per_minut`` attempts and fills again at that rate; an
empty one answers 429 with ``Retry-After``. The buckets are in memory and bounded: a flood of
new addresses pushes out the oldest buckets, never grows the process."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

MAX_HINKAR = 50_000


class Hinkar:
    """Token buckets by key (an address, or ``sub:…``), ``per_minut`` attempts each."""

    def __init__(self, per_minut: int) -> None:
        self.per_minut = per_minut
        self._hinkar: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._las = threading.Lock()

    def ta(self, nyckel: str, nu: float | None = None) -> int:
        """One attempt for ``nyckel``: 0 when allowed, else the seconds until the next is."""
        nu = time.monotonic() if nu is None else nu
        takt = self.per_minut / 60.0
        with self._las:
            kvar, sedan = self._hinkar.pop(nyckel, (float(self.per_minut), nu))
            kvar = min(float(self.per_minut), kvar + (nu - sedan) * takt)
            if kvar >= 1.0:
                kvar -= 1.0
                svar = 0
            else:
                svar = max(1, math.ceil((1.0 - kvar) / takt))
            self._hinkar[nyckel] = (kvar, nu)
            while len(self._hinkar) > MAX_HINKAR:
                self._hinkar.popitem(last=False)
        return svar


class Inloggningsgrans:
    """The server's two limits (``[server] inloggningar_per_adress`` and
    ``inloggningar_per_konto``, attempts per minute)."""

    def __init__(self, per_adress: int, per_konto: int) -> None:
        self.adresser = Hinkar(per_adress)
        self.konton = Hinkar(per_konto)

    def adress(self, klient: str) -> int:
        return self.adresser.ta(klient)

    def konto(self, sub: str) -> int:
        return self.konton.ta(f"sub:{sub}")
