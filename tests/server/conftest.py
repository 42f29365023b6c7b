"""The server tests' fixtures (``serverhjalp.py``): ``tjanst``, kvalitet server and a real OIDC
provider, each a process on a free port of 127.0.0.1; ``bladdrare``, a headless chromium."""

from serverhjalp import bladdrare, tjanst

__all__ = ["bladdrare", "tjanst"]
