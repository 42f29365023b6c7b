"""The server tests' fixture ``tjanst`` (``serverhjalp.py``): kvalitet server and a real OIDC
provider, each a process on a free port of 127.0.0.1."""

from serverhjalp import tjanst

__all__ = ["tjanst"]
