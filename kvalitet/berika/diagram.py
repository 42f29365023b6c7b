"""SVG bar charts with text alternatives, drawn directly (no library): crisp in WeasyPrint, small,
and every series told apart by pattern and label as well as colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

from kvalitet.grund import format as fmt
from kvalitet.modell.status import ar_tal

BREDD = 360
HOJD = 220
VANSTER, HOGER, TOPP, BOTTEN = 44, 62, 16, 46
TYPSNITT = "Liberation Sans, Arial, DejaVu Sans, sans-serif"
# At least 3:1 against white for every bar (WCAG 1.4.11): 8.7, 4.3, 4.5, 4.8 and 4.0 to 1.
FARGER = ["#1f4e79", "#3b7dc4", "#767676", "#2e75b6", "#7f7f7f"]
MONSTER = ["", "rander", "prickar", "", "rander"]


@dataclass(frozen=True)
class Serie:
    namn: str
    varden: list[object]


def _skala(hogst: float, matt: str | None) -> tuple[float, list[float]]:
    """The top of the y axis and its gridlines (procent: 0–100)."""
    if matt == "procent" and 40 < hogst <= 100:
        return 100.0, [0, 25, 50, 75, 100]
    if hogst <= 0:
        return 1.0, [0, 1]
    steg = 10 ** math.floor(math.log10(hogst))
    for faktor in (1, 2, 2.5, 5, 10):
        if hogst / (steg * faktor) <= 5:
            steg *= faktor
            break
    topp = steg * math.ceil(hogst / steg)
    return topp, [steg * i for i in range(round(topp / steg) + 1)]


def _text(varde: object, matt: str | None) -> str:
    return fmt.varde(varde, matt) if ar_tal(varde) else str(varde if varde is not None else ".")


def _talat(varde: object, matt: str | None) -> str:
    """A value as the text alternative says it: "86,4 procent" rather than "86,4 %"."""
    return _text(varde, matt).replace("\u00a0%", " procent").replace(" %", " procent")


TECKENBREDD = 0.56
"""A digit's width in Liberation Sans, as a share of the font size (for fitting value labels)."""


def _etikett(text: str, bredd: float) -> tuple[str, float]:
    """A bar's value label and its font size: 10 px when it fits the bar, smaller down to 7 px,
    then without the unit (the y axis shows it)."""
    for kandidat in (text, text.replace("\u00a0%", "").replace(" %", "")):
        storlek = min(10.0, (bredd - 2) / (len(kandidat) * TECKENBREDD))
        if storlek >= 7:
            return kandidat, math.floor(storlek * 10) / 10
    return kandidat, 7.0


UPPE, NERE = 0.76, 0.16
"""How far a label's ink reaches above and below its baseline, in em (Liberation Sans: digits
0.70 and the comma 0.13; Arial and DejaVu Sans stay inside too)."""
AVSTAND = 1.5
"""The clear space between a label's white ground and its bar's end or the målvärde line."""
LINJEBREDD = 1.4


def _baslinje(forslag: float, storlek: float, linje: float | None) -> float:
    """A value label's baseline: ``forslag`` (just above its bar's end) unless the målvärde line
    at ``linje`` would cross the label or its white ground; then just above the line (there is
    always room: the line is never above the plot's top), so the label still reads as its bar's.
    Labels exactly at the målvärde stand above the line."""
    if linje is None:
        return forslag
    halv = LINJEBREDD / 2 + AVSTAND
    ovre, nedre = forslag - UPPE * storlek - 0.5, forslag + NERE * storlek + 0.5
    if nedre < linje - halv or ovre > linje + halv:
        return forslag
    return linje - halv - NERE * storlek - 0.5


def _etikettruta(text: str, storlek: float, mitt: float, bas: float, farg: str) -> str:
    """A label centred at ``mitt`` on ``bas``, on a white ground that covers its ink (so that a
    gridline never runs through it)."""
    bredd = len(text) * TECKENBREDD * storlek
    storleksattr = "" if storlek == 10 else f' font-size="{storlek}"'
    return (
        f'<g class="etikett"><rect x="{mitt - bredd / 2 - 1:.1f}" '
        f'y="{bas - UPPE * storlek - 0.5:.2f}" width="{bredd + 2:.1f}" '
        f'height="{(UPPE + NERE) * storlek + 1:.2f}" fill="#ffffff"/>'
        f'<text x="{mitt:.1f}" y="{bas:.2f}" text-anchor="middle" fill="{farg}"{storleksattr}>'
        f"{escape(text)}</text></g>"
    )


def beskriv(
    kategorier: list[str], serier: list[Serie], matt: str | None, malvarde: object = None
) -> str:
    """The chart's content as one Swedish sentence (its text alternative)."""
    delar = []
    for serie in serier:
        varden = [
            f"{k} {_talat(v, matt)}"
            for k, v in zip(kategorier, serie.varden, strict=True)
            if v is not None
        ]
        if varden:
            delar.append(f"{serie.namn}: " + ", ".join(varden))
    text = "Stapeldiagram. " + "; ".join(delar) + "."
    if ar_tal(malvarde):
        text += f" Målvärde {_talat(malvarde, matt)}."
    return text


def stapeldiagram(
    ident: str,
    titel: str,
    kategorier: list[str],
    serier: list[Serie],
    matt: str | None = None,
    malvarde: object = None,
    bredd: int = BREDD,
) -> Markup:
    """A grouped bar chart as inline SVG with ``role="img"``, ``<title>`` and ``<desc>``.

    Values that are not numbers (``..``, ``~100``, missing) get no bar but their symbol, so a
    hidden value is never drawn. A numeric ``malvarde`` is drawn as a dashed line. ``ident`` must
    be unique in the document (it names the title, description and patterns)."""
    tal = [float(v) for s in serier for v in s.varden if ar_tal(v)]  # type: ignore[arg-type]
    if ar_tal(malvarde):
        tal.append(float(malvarde))  # type: ignore[arg-type]
    topp, linjer = _skala(max(tal, default=1.0) * (1.0 if matt == "procent" else 1.1), matt)
    ritbredd = bredd - VANSTER - HOGER
    rithojd = HOJD - TOPP - BOTTEN
    y = lambda v: TOPP + rithojd * (1 - v / topp)  # noqa: E731
    delar: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="diagram" '
        f'viewBox="0 0 {bredd} {HOJD}" width="{bredd}" height="{HOJD}" '
        f'aria-labelledby="{ident}-titel {ident}-besk" font-family="{TYPSNITT}" font-size="10">',
        f'<title id="{ident}-titel">{escape(titel)}</title>',
        f'<desc id="{ident}-besk">{escape(beskriv(kategorier, serier, matt, malvarde))}</desc>',
        "<defs>",
        f'<pattern id="{ident}-rander" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="5" height="5" fill="{FARGER[1]}"/>'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#ffffff" stroke-width="2"/></pattern>',
        f'<pattern id="{ident}-prickar" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="{FARGER[2]}"/>'
        '<circle cx="2.5" cy="2.5" r="1.2" fill="#ffffff"/></pattern>',
        "</defs>",
    ]
    for linje in linjer:
        ly = y(linje)
        delar.append(
            f'<line x1="{VANSTER}" y1="{ly:.1f}" x2="{bredd - HOGER}" y2="{ly:.1f}" '
            'stroke="#d0d7de" stroke-width="0.6"/>'
            f'<text x="{VANSTER - 4}" y="{ly + 3:.1f}" text-anchor="end" fill="#555">'
            f"{escape(_text(linje, matt))}</text>"
        )
    grupp = ritbredd / max(len(kategorier), 1)
    stapel = min(34.0, grupp * 0.8 / max(len(serier), 1))
    mallinje = y(float(malvarde)) if ar_tal(malvarde) else None  # type: ignore[arg-type]
    etiketter: list[str] = []  # drawn last, each on a white ground, clear of the målvärde line
    for k, kategori in enumerate(kategorier):
        start = VANSTER + grupp * k + (grupp - stapel * len(serier)) / 2
        for s, serie in enumerate(serier):
            varde = serie.varden[k]
            x = start + stapel * s
            mitt = x + stapel / 2
            if ar_tal(varde):
                vy = y(max(float(varde), 0.0))  # type: ignore[arg-type]
                fyll = f"url(#{ident}-{MONSTER[s]})" if MONSTER[s] else FARGER[s % len(FARGER)]
                delar.append(
                    f'<rect x="{x + 1:.1f}" y="{vy:.1f}" width="{stapel - 2:.1f}" '
                    f'height="{TOPP + rithojd - vy:.1f}" fill="{fyll}" stroke="{FARGER[s]}"/>'
                )
                text, storlek = _etikett(_text(varde, matt), stapel)
                bas = _baslinje(vy - AVSTAND - NERE * storlek - 0.5, storlek, mallinje)
                etiketter.append(_etikettruta(text, storlek, mitt, bas, "#1a1a1a"))
            elif varde is not None:
                bas = _baslinje(TOPP + rithojd - 3, 10.0, mallinje)
                etiketter.append(_etikettruta(_text(varde, matt), 10.0, mitt, bas, "#555"))
        delar.append(
            f'<text x="{VANSTER + grupp * (k + 0.5):.1f}" y="{TOPP + rithojd + 13:.1f}" '
            f'text-anchor="middle" fill="#1a1a1a">{escape(_kort(kategori, grupp))}</text>'
        )
    delar.append(
        f'<line x1="{VANSTER}" y1="{TOPP + rithojd}" x2="{bredd - HOGER}" y2="{TOPP + rithojd}" '
        'stroke="#555" stroke-width="0.8"/>'
    )
    if ar_tal(malvarde):
        my = y(float(malvarde))  # type: ignore[arg-type]
        delar.append(
            f'<line class="malvarde" x1="{VANSTER}" y1="{my:.1f}" x2="{bredd - HOGER}" '
            f'y2="{my:.1f}" stroke="#9c1c1c" stroke-width="{LINJEBREDD}" stroke-dasharray="5 3"/>'
            f'<text x="{bredd - HOGER + 4}" y="{my - 2:.1f}" fill="#9c1c1c">Målvärde</text>'
            f'<text x="{bredd - HOGER + 4}" y="{my + 9:.1f}" fill="#9c1c1c">'
            f"{escape(_text(malvarde, matt))}</text>"
        )
    delar.extend(etiketter)
    if len(serier) > 1:
        lx = VANSTER
        for s, serie in enumerate(serier):
            fyll = f"url(#{ident}-{MONSTER[s]})" if MONSTER[s] else FARGER[s % len(FARGER)]
            delar.append(
                f'<rect x="{lx}" y="{HOJD - 14}" width="10" height="10" fill="{fyll}" '
                f'stroke="{FARGER[s]}"/><text x="{lx + 14}" y="{HOJD - 5}" fill="#1a1a1a">'
                f"{escape(serie.namn)}</text>"
            )
            lx += 20 + 6 * len(serie.namn)
    delar.append("</svg>")
    return Markup("".join(delar))


def _kort(text: str, bredd: float) -> str:
    """Shorten a category label to fit under its group."""
    tecken = max(4, int(bredd / 5.5))
    return text if len(text) <= tecken else text[: tecken - 1] + "…"
