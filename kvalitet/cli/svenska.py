"""Swedish texts for click's own messages (usage, help headings, usage errors)."""

from __future__ import annotations

import importlib

_TEXTER: dict[str, str] = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Parameter saknas",
    "Missing command.": "Ange ett kommando.",
    "Missing {param_type}": "{param_type} saknas",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil, inte en mapp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp, inte en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan inte läsas.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan inte skrivas.",
    "directory": "mappen",
    "file": "filen",
    "path": "sökvägen",
    "Aborted!": "Avbrutet.",
    "default: {default}": "standard: {default}",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
}

_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Oväntat extra argument ({args})",
        "Oväntade extra argument ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "Flaggan {name!r} behöver ett värde.",
        "Flaggan {name!r} behöver {nargs} värden.",
    ),
    "Did you mean {possibility}?": (
        "Menade du {possibility}?",
        "(Menade du någon av: {possibilities}?)",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} är inte {choice}.",
        "{value!r} är inte en av {choices}.",
    ),
}


def _gettext(text: str) -> str:
    return _TEXTER.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in _PLURAL:
        en, flera = _PLURAL[singular]
        return en if n == 1 else flera
    return singular if n == 1 else plural


def installera_svenska() -> None:
    """Replace the gettext functions click's modules looked up at import with Swedish ones."""
    for namn in ("core", "exceptions", "formatting", "decorators", "parser", "types", "termui"):
        modul = importlib.import_module(f"click.{namn}")
        if hasattr(modul, "_"):
            modul._ = _gettext  # type: ignore[attr-defined]
        if hasattr(modul, "ngettext"):
            modul.ngettext = _ngettext  # type: ignore[attr-defined]
