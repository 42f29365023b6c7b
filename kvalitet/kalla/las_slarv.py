"""Slips in lists that YAML reads without an error but with another meaning, found from the
source text around each value: a list item written without its '- ' under the text of the item
above (YAML joins the two into one item), and a Word bullet ('–', '—', '•') where YAML or
Markdown needs '- '. (A line without '- ' at the dash itself is a syntax error: yamldiagnos.)"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kvalitet.kalla.yamldiagnos import Diagnos

WORDTECKEN = ("–", "—", "•", "●", "▪", "◦")
"""Bullets a word processor writes (en dash, em dash, bullets) that are no list in YAML or
Markdown."""
_NAMN = {"–": "tankstreck", "—": "långt tankstreck"}


def _indrag(rad: str) -> int:
    return len(rad) - len(rad.lstrip(" "))


def _tecken(rad: str) -> str | None:
    """The Word bullet that begins the line's text (followed by a space), if any."""
    ren = rad.lstrip(" ")
    return next((t for t in WORDTECKEN if ren.startswith(t + " ")), None)


def _namn(tecken: str) -> str:
    return f"'{tecken}' ({_NAMN.get(tecken, 'punkt från Word')})"


def _noder(rot: Node) -> list[tuple[Node, Node | None]]:
    """Every node with its parent, without recursion."""
    ut: list[tuple[Node, Node | None]] = []
    stack: list[tuple[Node, Node | None]] = [(rot, None)]
    sedda: set[int] = set()
    while stack:
        nod, foralder = stack.pop()
        if id(nod) in sedda:
            continue  # an alias: the same node again
        sedda.add(id(nod))
        ut.append((nod, foralder))
        if isinstance(nod, SequenceNode):
            stack.extend((barn, nod) for barn in nod.value)
        elif isinstance(nod, MappingNode):
            stack.extend((del_, nod) for par in nod.value for del_ in par)
    return ut


def listslarv(rot: Node, text: str) -> list[Diagnos]:
    """The list slips of a document (its composed node tree ``rot`` and its ``text``)."""
    rader = text.split("\n")
    ut: list[Diagnos] = []
    for nod, foralder in _noder(rot):
        if not isinstance(nod, ScalarNode):
            continue
        enradig = nod.start_mark.line == nod.end_mark.line
        if enradig and not str(nod.value).startswith(WORDTECKEN):
            continue  # most values: nothing to look at
        if nod.style in ("|", ">"):
            if any(t in nod.value for t in WORDTECKEN):
                ut.extend(_i_markdown(nod, rader))
        elif not nod.style:  # plain: None from PyYAML, "" from libyaml
            i_lista = isinstance(foralder, SequenceNode) and not foralder.flow_style
            ut.extend(_i_yaml(nod, rader, i_lista))
    return sorted(ut, key=lambda d: (d.rad, d.kolumn))


def _ny_punkt(ovan: str, rad: str, streck: int) -> bool:
    """A line of a list item (dash at column ``streck``) that begins a new item: after an empty
    line, or a sentence that has ended, with a capital letter."""
    if not rad.strip() or _indrag(rad) <= streck:
        return False
    if not ovan.strip():
        return True
    return ovan.rstrip().endswith((".", "!", "?")) and rad.lstrip()[:1].isupper()


def _i_yaml(nod: ScalarNode, rader: list[str], i_lista: bool) -> list[Diagnos]:
    """A plain value: lines in it that begin with a Word bullet, or, in a list, lines that
    begin a new item without their own '- '."""
    forsta, sista = nod.start_mark.line, nod.end_mark.line
    if forsta >= len(rader):
        return []
    ut: list[Diagnos] = []
    radtext = rader[forsta]
    streck = radtext.rfind("-", 0, nod.start_mark.column) if i_lista else -1
    for nr in range(forsta, min(sista, len(rader) - 1) + 1):
        rad = rader[nr]
        egen_rad = nr > forsta or nod.start_mark.column == _indrag(rad)
        if egen_rad and (tecken := _tecken(rad)):
            rest = rad.lstrip(" ")[len(tecken) :].strip()
            ut.append(
                Diagnos(
                    nr + 1,
                    _indrag(rad) + 1,
                    f"{_namn(tecken)} är inget listtecken i YAML, så raden blir ingen punkt i en "
                    "lista, bara text (ihop med raderna runt den)",
                    f"skriv '- ' i stället: '- {rest}'",
                )
            )
        elif nr > forsta and streck >= 0 and _ny_punkt(rader[nr - 1], rad, streck):
            ut.append(
                Diagnos(
                    nr + 1,
                    streck + 1,
                    "raden saknar '- ', så YAML läser ihop den med punkten ovanför till en enda "
                    "punkt",
                    f"skriv '- ' först på raden, i linje med '-' på punkten ovanför: "
                    f"'{' ' * streck}- {rad.strip()}'",
                )
            )
    if i_lista and (tecken := _tecken(str(nod.value))) and forsta < len(rader):
        ut.append(
            Diagnos(
                forsta + 1,
                nod.start_mark.column + 1,
                f"punkten börjar med {_namn(tecken)} efter '- ', så den får två listtecken",
                f"ta bort '{tecken}': '- {str(nod.value)[len(tecken) :].strip()}'",
            )
        )
    return ut


def _i_markdown(nod: ScalarNode, rader: list[str]) -> list[Diagnos]:
    """A text under '|' or '>' is Markdown, where a Word bullet is no list either. A '•' always
    marks a list; an en or em dash does when two lines or more begin with one, or it stands
    beside a '- ' item (one line beginning '– ' may be a quoted reply)."""
    slut = nod.end_mark.line - (1 if nod.end_mark.column == 0 else 0)
    start, slut = nod.start_mark.line + 1, min(slut, len(rader) - 1)
    traffar = [(nr, t) for nr in range(start, slut + 1) if (t := _tecken(rader[nr]))]
    streck = sum(1 for _, t in traffar if t in _NAMN)

    def bredvid_lista(nr: int) -> bool:
        return any(
            0 <= n <= slut and rader[n].lstrip(" ").startswith(("- ", "* "))
            for n in (nr - 1, nr + 1)
        )

    return [
        Diagnos(
            nr + 1,
            _indrag(rader[nr]) + 1,
            f"{_namn(t)} gör ingen punktlista i texten; raden visas som vanlig text",
            f"skriv '- ' i stället för '{t} ' först på raden",
        )
        for nr, t in traffar
        if t not in _NAMN or streck >= 2 or bredvid_lista(nr)
    ]
