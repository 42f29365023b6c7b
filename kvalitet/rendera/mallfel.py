"""A template's errors as located Swedish messages, and the check of a project's templates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
import jinja2.sandbox

from kvalitet.grund.problem import KvalitetError, Problem, fel, visningsnamn
from kvalitet.kalla.las import SPARA_UTF8
from kvalitet.kalla.projekt import inbyggda_mallar
from kvalitet.rendera.sandlada import Mallgrans


@contextmanager
def oversatta_mallfel() -> Iterator[None]:
    """A template's errors as a located Swedish KvalitetError, never a traceback."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise KvalitetError(_syntaxfel(exc).visa()) from None
    except jinja2.TemplateNotFound as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen '{exc.name}' finns inte "
            "(lägg den i projektets 'mallar/' eller rätta namnet)"
        ) from None
    except jinja2.sandbox.SecurityError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen försöker nå något som mallar inte får använda "
            f"({_oversatt_sakerhet(str(exc))}) (en mall får bara visa rapportens uppgifter; "
            "se docs/mallar.md)"
        ) from None
    except jinja2.UndefinedError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen använder något som inte finns: "
            f"{_oversatt_odefinierad(exc.message or '')} (rätta namnet i mallen; se docs/mallar.md)"
        ) from None
    except jinja2.TemplateError as exc:  # a template through a symbolic link
        raise KvalitetError(str(exc)) from None
    except Mallgrans as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: {exc} (förenkla mallen; se docs/mallar.md)"
        ) from None
    except MemoryError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen tar för mycket minne (förenkla mallen; "
            "se docs/mallar.md)"
        ) from None
    except RecursionError as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen anropar sig själv för många gånger (ett makro eller "
            "en include som anropar sig själv utan slut; rätta mallen)"
        ) from None
    except (TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        raise KvalitetError(
            f"{_mallplats(exc)}fel: mallen kunde inte fyllas i ({type(exc).__name__}: {exc}) "
            "(rätta mallen)"
        ) from None


def kontrollera_mallar(projektmallar: Path, miljo: jinja2.Environment) -> list[Problem]:
    """Compile every template in the project's own ``mallar/``: syntax errors, located."""
    if not projektmallar.is_dir() or projektmallar.resolve() == inbyggda_mallar():
        return []
    problem: list[Problem] = []
    for fil in sorted(projektmallar.rglob("*")):
        if fil.is_symlink() and (fil.is_dir() or fil.suffix in (".j2", ".html", ".css")):
            problem.append(
                fel(
                    fil,
                    1,
                    1,
                    f"'{visningsnamn(fil)}' är en symbolisk länk, och mallar läses inte genom länkar",
                    "kopiera in filen i mallmappen i stället för att länka till den",
                )
            )
            continue
        if not fil.is_file() or fil.suffix not in (".j2", ".html"):
            continue
        namn = fil.relative_to(projektmallar).as_posix()
        try:
            miljo.get_template(namn)
        except jinja2.TemplateSyntaxError as exc:
            problem.append(_syntaxfel(exc))
        except UnicodeDecodeError:
            problem.append(fel(fil, 1, 1, "mallen är inte sparad som UTF-8", SPARA_UTF8))
        except jinja2.TemplateError as exc:  # a symbolic link (see _Mallladdare)
            problem.append(_lank_problem(fil, str(exc)))
    return problem


def _lank_problem(fil: Path, text: str) -> Problem:
    vad = text.split(": fel: ", 1)[-1]
    return fel(fil, 1, 1, vad, "kopiera in filen i mallmappen i stället för att länka till den")


def _syntaxfel(exc: jinja2.TemplateSyntaxError) -> Problem:
    fil = Path(exc.filename) if exc.filename else Path(exc.name or "mall")
    return fel(
        fil,
        exc.lineno or 1,
        1,
        f"mallen har ett syntaxfel: {exc.message}",
        "kontrollera att varje {% if %}, {% for %} och {% block %} har sitt {% end... %} "
        "och att {{ }} och {% %} är stängda",
    )


def _oversatt_sakerhet(text: str) -> str:
    """Jinja's sandbox messages in Swedish."""
    if m := re.match(r"^access to attribute '(.+)' of '(.+)' object is unsafe\.?$", text):
        return f"'{m.group(1)}' på ett värde av typen '{m.group(2)}'"
    if m := re.match(r"^(.+) is not safely callable$", text):
        return f"{m.group(1)} får inte anropas"
    return text


def _oversatt_odefinierad(text: str) -> str:
    if m := re.match(r"^'(.+)' is undefined$", text):
        return f"'{m.group(1)}' finns inte"
    if m := re.match(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'$", text):
        klass, falt = m.group(1), m.group(2)
        svar = f"'{klass}' har inget fält '{falt}'"
        kanda = _falt_i_klass(klass)
        if kanda:
            from kvalitet.kontroll.modellfel import menade_du

            if forslag := menade_du(falt, kanda):
                svar += f" – menade du '{forslag}'?"
            svar += "; fält som finns: " + ", ".join(kanda)
        return svar
    if m := re.match(r"^'(.+)' has no attribute '(.+)'$", text):
        return f"'{m.group(1)}' har inget fält '{m.group(2)}'"
    return text


def _falt_i_klass(namn: str) -> list[str]:
    """The attribute names a template may use on a model or view class, by class name."""
    import dataclasses

    from kvalitet import modell
    from kvalitet.berika import vy

    for modul in (modell, vy):
        klass = getattr(modul, namn, None)
        if isinstance(klass, type) and hasattr(klass, "model_fields"):
            return list(klass.model_fields)
        if isinstance(klass, type) and dataclasses.is_dataclass(klass):
            return [f.name for f in dataclasses.fields(klass)]
    return []


def _mallplats(exc: BaseException) -> str:
    """``fil:rad:1: `` of the innermost template frame in a traceback, if any."""
    plats = ""
    tb = exc.__traceback__
    while tb is not None:
        kod = tb.tb_frame.f_code
        if kod.co_filename.endswith((".j2", ".html", ".css")):
            plats = f"{visningsnamn(Path(kod.co_filename))}:{tb.tb_lineno}:1: "
        tb = tb.tb_next
    return plats
