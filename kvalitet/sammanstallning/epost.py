"""Sending the reminders over SMTP (the standard library's smtplib), switchable off: the server's
settings (``[epost]`` in its TOML file, or ``KVALITET_SMTP_*`` in the environment) say where."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from kvalitet.grund.problem import KvalitetError
from kvalitet.sammanstallning.paminnelser import Paminnelse

JA = ("ja", "på", "pa", "true", "1", "yes", "on")
NEJ = ("nej", "av", "false", "0", "no", "off")


@dataclass(frozen=True)
class Epostinstallningar:
    """Where reminders go out. ``pa=False`` (the default without a server) sends nothing."""

    vard: str = ""
    port: int = 25
    avsandare: str = ""
    anvandare: str | None = None
    losenord: str | None = None
    starttls: bool = False
    pa: bool = False
    tidsgrans: float = 30.0

    @classmethod
    def fran_mappning(
        cls, data: Mapping[str, object], plats: str = "[epost]"
    ) -> Epostinstallningar:
        """From the keys ``värd``, ``port``, ``avsändare``, ``användare``, ``lösenord``,
        ``starttls`` and ``påminnelser`` (på/av); errors in Swedish, naming ``plats``."""

        def text(nyckel: str) -> str | None:
            varde = data.get(nyckel)
            return str(varde).strip() if varde not in (None, "") else None

        def sant(nyckel: str, standard: bool) -> bool:
            varde = data.get(nyckel)
            if varde is None or varde == "":
                return standard
            if isinstance(varde, bool):
                return varde
            if str(varde).strip().casefold() in JA:
                return True
            if str(varde).strip().casefold() in NEJ:
                return False
            raise KvalitetError(
                f"{plats} {nyckel}: '{varde}' är varken på eller av (skriv på eller av)"
            )

        vard = text("värd") or ""
        try:
            port = int(text("port") or (587 if sant("starttls", False) else 25))
        except ValueError:
            raise KvalitetError(
                f"{plats} port: '{data.get('port')}' är inget portnummer (t.ex. 587)"
            ) from None
        pa = sant("påminnelser", bool(vard))
        avsandare = text("avsändare") or ""
        if pa and (not vard or "@" not in avsandare):
            raise KvalitetError(
                f"{plats}: påminnelserna är på men 'värd' eller 'avsändare' saknas (skriv t.ex. "
                'värd = "smtp.alvmora.se" och avsändare = "kvalitet@alvmora.se", eller '
                'påminnelser = "av")'
            )
        return cls(
            vard=vard,
            port=port,
            avsandare=avsandare,
            anvandare=text("användare"),
            losenord=text("lösenord"),
            starttls=sant("starttls", False),
            pa=pa,
        )

    @classmethod
    def fran_miljo(cls, miljo: Mapping[str, str]) -> Epostinstallningar:
        """From ``KVALITET_SMTP_VARD``, ``_PORT``, ``_AVSANDARE``, ``_ANVANDARE``, ``_LOSENORD``,
        ``_STARTTLS`` and ``KVALITET_PAMINNELSER`` (på/av)."""
        nycklar = {
            "värd": "KVALITET_SMTP_VARD",
            "port": "KVALITET_SMTP_PORT",
            "avsändare": "KVALITET_SMTP_AVSANDARE",
            "användare": "KVALITET_SMTP_ANVANDARE",
            "lösenord": "KVALITET_SMTP_LOSENORD",
            "starttls": "KVALITET_SMTP_STARTTLS",
            "påminnelser": "KVALITET_PAMINNELSER",
        }
        return cls.fran_mappning(
            {k: miljo[v] for k, v in nycklar.items() if v in miljo}, "miljön (KVALITET_SMTP_*)"
        )


def som_brev(paminnelse: Paminnelse, avsandare: str) -> EmailMessage:
    brev = EmailMessage()
    brev["From"] = formataddr(("Kvalitetsrapporterna", avsandare))
    brev["To"] = formataddr((paminnelse.namn or "", paminnelse.till))
    brev["Subject"] = paminnelse.amne
    brev["Date"] = formatdate(localtime=True)
    brev["Message-ID"] = make_msgid(domain=avsandare.rpartition("@")[2] or None)
    brev["Content-Language"] = "sv"
    brev.set_content(paminnelse.text)
    return brev


def skicka(paminnelser: Iterable[Paminnelse], installningar: Epostinstallningar) -> int:
    """Send every reminder over one SMTP connection; the number sent (0 when switched off).
    A server that cannot be reached or refuses is a Swedish ``KvalitetError`` naming it."""
    lista = list(paminnelser)
    if not installningar.pa or not lista:
        return 0
    plats = f"{installningar.vard}:{installningar.port}"
    try:
        with smtplib.SMTP(
            installningar.vard, installningar.port, timeout=installningar.tidsgrans
        ) as smtp:
            if installningar.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if installningar.anvandare:
                smtp.login(installningar.anvandare, installningar.losenord or "")
            for paminnelse in lista:
                smtp.send_message(som_brev(paminnelse, installningar.avsandare))
    except smtplib.SMTPException as exc:
        raise KvalitetError(
            f"e-postservern {plats} tog inte emot påminnelserna ({exc.__class__.__name__}); "
            "kontrollera värd, port, användare och lösenord i serverns inställningar"
        ) from None
    except OSError as exc:
        raise KvalitetError(
            f"e-postservern {plats} går inte att nå ({exc.strerror or exc}); kontrollera värd "
            "och port i serverns inställningar, eller stäng av påminnelserna"
        ) from None
    return len(lista)


PAMINNELSEMAPP = Path("ut") / ".kvalitet" / "paminnelser"
"""One file per day with the reminders sent that day (``2026-06-08.json``)."""


def skicka_en_gang(
    paminnelser: Iterable[Paminnelse], installningar: Epostinstallningar, rot: Path, idag: dt.date
) -> tuple[int, int]:
    """Send the reminders not already sent today (to the same address about the same units),
    and note them in ``ut/.kvalitet/paminnelser/<dag>.json``: a job that runs twice a day, or a
    server that restarts, does not send twice. (sent, already sent)."""
    from kvalitet.kalla.filbyte import ersatt
    from kvalitet.kalla.historik import skapa_mapp
    from kvalitet.kalla.skrivvag import last

    lista = list(paminnelser)
    if not installningar.pa or not lista:
        return 0, 0
    fil = skapa_mapp(rot, PAMINNELSEMAPP) / f"{idag.isoformat()}.json"
    with last(fil, rot):
        try:
            skickade = set(json.loads(fil.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            skickade = set()
        nycklar = {id(p): f"{p.till.casefold()}|{','.join(p.enheter)}" for p in lista}
        nya = [p for p in lista if nycklar[id(p)] not in skickade]
        antal = skicka(nya, installningar)
        skickade.update(nycklar[id(p)] for p in nya)
        ersatt(fil, json.dumps(sorted(skickade), ensure_ascii=False, indent=0).encode("utf-8"))
    return antal, len(lista) - len(nya)
