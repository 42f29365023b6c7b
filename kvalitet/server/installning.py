"""The server's configuration: a TOML file (``kvalitet server --konfig FIL``) and/or the
environment (``KVALITET_…``, which wins), checked whole with Swedish messages that say how to
fix each problem. ``docs/drift.md`` describes every setting."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kvalitet.grund.problem import KvalitetError

MILJO = {
    "adress": "KVALITET_SERVER_ADRESS",
    "sessionshemlighet": "KVALITET_SESSIONSHEMLIGHET",
    "utfardare": "KVALITET_OIDC_UTFARDARE",
    "klient_id": "KVALITET_OIDC_KLIENT_ID",
    "klient_hemlighet": "KVALITET_OIDC_KLIENT_HEMLIGHET",
    "revisionslogg": "KVALITET_REVISIONSLOGG",
    "push": "KVALITET_PUSH",
    "push_intervall": "KVALITET_PUSH_INTERVALL",
}
"""The settings that may come from the environment (secrets belong there, not in a file)."""
LOKALA = {"127.0.0.1", "localhost", "::1"}
HELTAL = {
    "pdf_samtidiga": (0, 0),
    "pdf_ko": (8, 0),
    "inloggningar_per_adress": (30, 1),
    "inloggningar_per_konto": (10, 1),
}
"""The whole-number settings of ``[server]``: (default, least value)."""


@dataclass(frozen=True)
class Installning:
    """Everything ``kvalitet server`` needs besides the project."""

    adress: str
    """The public base URL people open, e.g. ``https://kvalitet.kommun.se`` (the redirect base)."""
    sessionshemlighet: str
    utfardare: str
    klient_id: str
    klient_hemlighet: str
    omfang: str = "openid profile email"
    gruppansprak: str = "groups"
    sakra_kakor: bool = True
    session_timmar: float = 8.0
    skrivratt: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The fallback when the project has no ``rapporter/behörigheter.yaml``."""
    revisionslogg: Path | None = None
    """The audit log's file (JSON lines), besides standard error."""
    push: str | None = None
    """The git remote the project is pushed to on a schedule (``server/push.py``); None: never."""
    push_intervall: float = 15.0
    """Minutes between two pushes."""
    pdf_samtidiga: int = 0
    """PDF builds at once (worker processes); 0: half the cores, at least one."""
    pdf_ko: int = 8
    """PDF requests waiting for a place; one more is answered 503 with ``Retry-After``."""
    inloggningar_per_adress: int = 30
    """Login attempts per minute from one client address (a school behind one NAT address
    shares it); more: 429 with ``Retry-After``."""
    inloggningar_per_konto: int = 10
    """Logins per minute of one account (the ID token's ``sub``)."""

    @property
    def ursprung(self) -> str:
        """``https://host[:port]`` of ``adress``: the only Origin a write may come from."""
        delar = urlsplit(self.adress)
        return f"{delar.scheme}://{delar.netloc}"

    @property
    def vard(self) -> str:
        """The Host header a request must carry (``host[:port]`` of ``adress``)."""
        return urlsplit(self.adress).netloc.lower()

    def url(self, sokvag: str) -> str:
        return self.adress.rstrip("/") + sokvag


def _fel(fil: str, vad: str, hur: str) -> str:
    return f"{fil}: fel: {vad} ({hur})"


def las_installning(fil: Path | None, miljo: dict[str, str] | None = None) -> Installning:
    """The configuration from ``fil`` (may be None) and ``miljo`` (default: the environment);
    every problem at once in one ``KvalitetError``."""
    miljo = dict(os.environ) if miljo is None else miljo
    namn = str(fil) if fil is not None else "miljön"
    data: dict[str, object] = {}
    if fil is not None:
        if not fil.is_file():
            raise KvalitetError(_fel(namn, "filen finns inte", "ange en befintlig TOML-fil"))
        try:
            data = tomllib.loads(fil.read_text(encoding="utf-8"))
        except OSError:
            raise KvalitetError(
                _fel(namn, "filen kan inte läsas", "ge serverns användare rätt att läsa den")
            ) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise KvalitetError(
                _fel(namn, f"filen är inte giltig TOML ({exc})", "rätta raden som nämns")
            ) from None
    server = _tabell(data, "server")
    oidc = _tabell(data, "oidc")
    varden: dict[str, object] = {
        "adress": server.get("adress"),
        "sessionshemlighet": server.get("sessionshemlighet"),
        "sakra_kakor": server.get("sakra_kakor", True),
        "session_timmar": server.get("session_timmar", 8.0),
        "utfardare": oidc.get("utfardare"),
        "klient_id": oidc.get("klient_id"),
        "klient_hemlighet": oidc.get("klient_hemlighet"),
        "omfang": oidc.get("omfang", "openid profile email"),
        "gruppansprak": oidc.get("gruppansprak", "groups"),
        "revisionslogg": server.get("revisionslogg"),
        "push": server.get("push"),
        "push_intervall": server.get("push_intervall", 15.0),
        **{namn: server.get(namn, standard) for namn, (standard, _) in HELTAL.items()},
    }
    for nyckel, variabel in MILJO.items():
        if miljo.get(variabel):
            varden[nyckel] = miljo[variabel]
    problem = _kontrollera(varden, namn) + _kontrollera_push(varden, namn)
    regler, regelfel = _skrivratt(data.get("skrivratt", {}), namn)
    problem += regelfel
    if problem:
        raise KvalitetError(
            "inställningarna för kvalitet server går inte att använda:\n" + "\n".join(problem)
        )
    return Installning(
        adress=str(varden["adress"]).rstrip("/"),
        sessionshemlighet=str(varden["sessionshemlighet"]),
        utfardare=str(varden["utfardare"]).rstrip("/"),
        klient_id=str(varden["klient_id"]),
        klient_hemlighet=str(varden["klient_hemlighet"]),
        omfang=str(varden["omfang"]),
        gruppansprak=str(varden["gruppansprak"]),
        sakra_kakor=bool(varden["sakra_kakor"]),
        session_timmar=float(varden["session_timmar"]),  # type: ignore[arg-type]
        skrivratt=regler,
        revisionslogg=Path(str(varden["revisionslogg"])) if varden["revisionslogg"] else None,
        push=str(varden["push"]) if varden["push"] else None,
        push_intervall=float(varden["push_intervall"]),  # type: ignore[arg-type]
        **{namn: int(varden[namn]) for namn in HELTAL},  # type: ignore[call-overload]
    )


def _tabell(data: dict[str, object], namn: str) -> dict[str, object]:
    tabell = data.get(namn, {})
    return tabell if isinstance(tabell, dict) else {}


def _kontrollera(v: dict[str, object], namn: str) -> list[str]:
    problem = []
    for nyckel, tabell in (
        ("adress", "server"),
        ("sessionshemlighet", "server"),
        ("utfardare", "oidc"),
        ("klient_id", "oidc"),
        ("klient_hemlighet", "oidc"),
    ):
        if not isinstance(v[nyckel], str) or not v[nyckel]:
            problem.append(
                _fel(
                    namn,
                    f"'{nyckel}' saknas",
                    f'skriv {nyckel} = "…" under [{tabell}] '
                    f"eller sätt miljövariabeln {MILJO[nyckel]}",
                )
            )
    if problem:
        return problem
    adress = urlsplit(str(v["adress"]))
    lokal = adress.scheme == "http" and adress.hostname in LOKALA
    if (
        adress.scheme not in ("https", "http")
        or not adress.hostname
        or adress.path not in ("", "/")
    ):
        problem.append(
            _fel(
                namn,
                f"adress '{v['adress']}' är ingen bas-adress",
                'skriv t.ex. adress = "https://kvalitet.kommun.se"',
            )
        )
    elif adress.scheme == "http" and not lokal:
        problem.append(
            _fel(
                namn,
                "adressen börjar med http:// men är inte den egna datorn",
                "servern ska nås med https:// genom en omvänd proxy",
            )
        )
    if v["sakra_kakor"] is not True and not lokal:
        problem.append(
            _fel(
                namn,
                "sakra_kakor = false är bara tillåtet för http://127.0.0.1",
                "ta bort raden sakra_kakor",
            )
        )
    if len(str(v["sessionshemlighet"])) < 32:
        problem.append(
            _fel(
                namn,
                "sessionshemligheten är kortare än 32 tecken",
                "gör en ny med: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'",
            )
        )
    utfardare = urlsplit(str(v["utfardare"]))
    if utfardare.scheme != "https" and not (
        utfardare.scheme == "http" and utfardare.hostname in LOKALA
    ):
        problem.append(
            _fel(
                namn,
                f"utfärdaren '{v['utfardare']}' är ingen https-adress",
                "skriv leverantörens issuer-adress, t.ex. "
                "https://login.microsoftonline.com/<klientorganisation>/v2.0",
            )
        )
    if not isinstance(v["session_timmar"], int | float) or not 0 < float(v["session_timmar"]) <= 24:
        problem.append(_fel(namn, "session_timmar ska vara ett tal mellan 0 och 24", "t.ex. 8"))
    for nyckel, (standard, minst) in HELTAL.items():
        varde = v[nyckel]
        if isinstance(varde, bool) or not isinstance(varde, int) or varde < minst:
            problem.append(
                _fel(
                    namn,
                    f"{nyckel} under [server] ska vara ett heltal, minst {minst}",
                    f"t.ex. {nyckel} = {standard or 2}",
                )
            )
    return problem


_FJARR = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/-]*")


def _kontrollera_push(v: dict[str, object], namn: str) -> list[str]:
    """``push`` is a remote's name (as ``git remote`` lists it), ``push_intervall`` minutes."""
    problem = []
    fjarr = v["push"]
    if fjarr is not None and (not isinstance(fjarr, str) or not _FJARR.fullmatch(fjarr)):
        problem.append(
            _fel(
                namn,
                f"push = {fjarr!r} är inget namn på en fjärr i git",
                'skriv namnet som git remote visar det, t.ex. push = "origin"',
            )
        )
    try:
        intervall = float(v["push_intervall"])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        intervall = -1.0
    if isinstance(v["push_intervall"], bool) or not 0 < intervall <= 1440:
        problem.append(
            _fel(
                namn,
                "push_intervall ska vara ett antal minuter mellan 0 och 1440",
                "t.ex. push_intervall = 15",
            )
        )
    return problem


def _skrivratt(tabell: object, namn: str) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """``[skrivratt]``: e-post or ``grupp:NAMN`` → a list of unit ids (``"*"``: every unit)."""
    if not isinstance(tabell, dict):
        return {}, [_fel(namn, "[skrivratt] ska vara en tabell", "se docs/drift.md")]
    regler, problem = {}, []
    for vem, enheter in tabell.items():
        if not isinstance(enheter, list) or not all(isinstance(e, str) for e in enheter):
            problem.append(
                _fel(
                    namn,
                    f"skrivratt för '{vem}' ska vara en lista med enheters id",
                    f'skriv "{vem}" = ["enhetens-id"]',
                )
            )
            continue
        regler[vem.strip().lower()] = tuple(enheter)
    return regler, problem
