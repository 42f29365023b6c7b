"""``kvalitet ny period`` for the huvudman's own report: the plan's activities and the uppdrag
that are not done are carried into the new period's file; results and analysis are not."""

from __future__ import annotations

from kvalitet.modell import Huvudmannarapport
from kvalitet.ny.skapa import _block, yv

SCHEMA = "../../schema/huvudmannens-rapport.schema.json"
UPPDRAGETS_TEXTER = (
    ("analys", "analys"),
    ("vad_vi_vill_uppna", "vad_vi_vill_uppnå"),
    ("atgarder", "åtgärder"),
)


def ny_titel(titel: str, forra: str, period: str) -> str:
    """The title with the new period: ``... 2025/26`` → ``... 2026/27``."""
    return titel.replace(forra, period) if forra in titel else f"{titel} {period}"


def huvudmannens_rapport_for(rapport: Huvudmannarapport, forra: str, period: str) -> str:
    """The new period's ``huvudmannens-rapport.yaml`` as text."""
    rader = [
        f"# yaml-language-server: $schema={SCHEMA}",
        f"# Huvudmannens rapport för {period}, skapad av 'kvalitet ny period' ur {forra}.",
        "# Uppdrag som inte är klara och verksamhetsplanens aktiviteter följer med; skriv",
        "# resultaten under 'uppföljning', uppföljningen av aktiviteter och uppdrag, och analysen.",
        "# Se docs/huvudman.md#huvudmannens-rapport.",
        "",
        f"titel: {yv(ny_titel(rapport.titel, forra, period))}",
        f"period: {yv(period)}",
        "status: utkast",
    ]
    if rapport.ansvarig:
        rader.append("ansvarig:")
        rader += [
            f"  {k}: {yv(v)}"
            for k, v in (("namn", rapport.ansvarig.namn), ("roll", rapport.ansvarig.roll))
            if v
        ]
    if rapport.namnd:
        n = rapport.namnd
        rader += [
            "",
            "# Ärendet till nämnden: skriv det nya diarienumret och ta bort '#' framför raderna.",
            "# nämnd:",
            f"#   namn: {yv(n.namn)}",
            "#   diarienummer: ",
        ]
        if n.beredande_tjansteperson:
            rader.append(f"#   beredande_tjänsteperson: {yv(n.beredande_tjansteperson)}")
        rader.append("#   förslag_till_beslut:")
        rader.append("#     - ")
    if rapport.uppfoljning is not None:
        rader += ["", "uppföljning:", "  styrtal:"]
        rader += [
            f"    {yv(sid)}:\n      {'beräkna: ' + res.berakna if res.berakna else 'resultat: '}"
            for sid, res in rapport.uppfoljning.styrtal.items()
        ]
    if rapport.aktiviteter:
        rader += ["", "aktiviteter:"]
        for a in rapport.aktiviteter:
            rader.append(f"  - rubrik: {yv(a.rubrik)}")
            if a.styrtal:
                rader.append(f"    styrtal: [{', '.join(yv(s) for s in a.styrtal)}]")
            if a.beskrivning:
                rader.append(f"    beskrivning: {_block(a.beskrivning, 6)}")
            rader.append("    uppföljning: ")
    oppna = [u for u in rapport.uppdrag if u.status != "klart"]
    if oppna:
        rader += ["", "uppdrag:"]
        for u in oppna:
            rader.append(f"  - rubrik: {yv(u.rubrik)}")
            if u.beslut:
                rader.append(f"    beslut: {yv(u.beslut)}")
            rader.append(f"    status: {u.status}")
            for falt, nyckel in UPPDRAGETS_TEXTER:
                text = getattr(u, falt)
                if text:
                    rader.append(
                        f"    {nyckel}: {_block(text, 6) if chr(10) in text.strip() else yv(text)}"
                    )
            if u.nasta_steg:
                rader.append(f"    # nästa steg i {forra}: {' '.join(u.nasta_steg.split())}")
            rader += ["    uppföljning: ", "    nästa_steg: "]
    if rapport.sammanstallning != "bilaga":
        rader += ["", f"sammanställning: {rapport.sammanstallning}"]
    return "\n".join(rader) + "\n"
