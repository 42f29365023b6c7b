"""The sandbox every template renders in: data only, and a bounded cost.

A template (anyone with access to the repository can write one) gets the report as plain data
(``rendera.data.som_malldata``) and may call nothing but the template's own macros and blocks,
the filters, ``range`` and ``namespace``, and reading methods of a mapping
(``items``, ``keys``, ``values``, ``get``). Every other attribute that is callable or starts with
``_`` is out of reach, whatever pydantic or Jinja add in a later release.

The cost is bounded too: ``*``, ``**``, ``%``, ``+`` and ``~`` refuse a result of more than
``MAX_LANGD`` characters or items, ``range`` more than ``MAX_INTERVALL`` numbers, and a render
that runs longer than ``MAX_SEKUNDER`` is stopped (``rendera.tidsgrans``)."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, overload

import jinja2
import jinja2.compiler
import jinja2.nodes
import jinja2.runtime
import jinja2.sandbox
import jinja2.utils
from markupsafe import Markup

MAX_LANGD = 5_000_000
"""The longest string or sequence a template may build by an operator (5 M characters)."""

MAX_INTERVALL = 100_000
"""The most numbers a template's ``range`` gives."""

MAX_EXPONENT = 256
"""The largest exponent of ``**`` (``10 ** 10 ** 10`` would run for ever)."""

MAX_SEKUNDER = 30.0
"""The longest a single render may take."""

DATA = (str, int, float, bool, type(None), date, Decimal, dict, list, tuple)
"""What a template may hold: plain data (``Markup`` and ``MarkdownText`` are ``str``)."""

MAPPNINGSMETODER = frozenset({"items", "keys", "values", "get"})
"""The only methods a template may call on data: reading a mapping."""


class Mallgrans(Exception):
    """A template went over one of the sandbox's limits (``vad``: ``minne`` or ``tid``)."""

    def __init__(self, vad: str, text: str) -> None:
        super().__init__(text)
        self.vad = vad


def for_mycket_minne() -> Mallgrans:
    mb = MAX_LANGD // 1_000_000
    return Mallgrans(
        "minne",
        f"mallen tar för mycket minne (gränsen är {mb} MB text eller {mb} miljoner poster "
        "per uttryck)",
    )


class Intervall(Sequence[int]):
    """``range`` for templates: at most ``MAX_INTERVALL`` numbers."""

    def __init__(self, *args: int) -> None:
        self._r = range(*args)
        if len(self._r) > MAX_INTERVALL:
            raise Mallgrans(
                "minne",
                f"mallen ber om för många tal med range() (gränsen är {MAX_INTERVALL:_} tal)".replace(
                    "_", " "
                ),
            )

    def __len__(self) -> int:
        return len(self._r)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...
    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        return self._r[i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._r)

    def __repr__(self) -> str:
        return repr(self._r)


def _langd(x: object) -> int | None:
    return len(x) if isinstance(x, (str, list, tuple)) else None


def _multiplicera(a: Any, b: Any) -> Any:
    for sekvens, antal in ((a, b), (b, a)):
        langd = _langd(sekvens)
        if langd is not None and isinstance(antal, int) and langd * max(antal, 0) > MAX_LANGD:
            raise for_mycket_minne()
    return operator.mul(a, b)


def _addera(a: Any, b: Any) -> Any:
    la, lb = _langd(a), _langd(b)
    if la is not None and lb is not None and la + lb > MAX_LANGD:
        raise for_mycket_minne()
    return operator.add(a, b)


def _potens(a: Any, b: Any) -> Any:
    if isinstance(a, int) and isinstance(b, int) and abs(b) > MAX_EXPONENT and abs(a) > 1:
        raise for_mycket_minne()
    return operator.pow(a, b)


_BREDD = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _modulo(a: Any, b: Any) -> Any:
    if isinstance(a, str):
        for bredd, precision in _BREDD.findall(a):
            if "*" in (bredd, precision) or int(bredd or 0) + int(precision or 0) > MAX_LANGD:
                raise for_mycket_minne()
    return operator.mod(a, b)


def _begransa_filter(filter_: Callable[..., Any], langd: Callable[..., int]) -> Callable[..., Any]:
    """``filter_`` refused when ``langd`` (of its arguments) says its result is too long."""

    forst = 1 if hasattr(filter_, "jinja_pass_arg") else 0  # the eval context, environment

    @functools.wraps(filter_)  # keeps Jinja's mark of what the filter is passed first
    def begransat(*args: Any, **kwargs: Any) -> Any:
        if langd(*args[forst:], **kwargs) > MAX_LANGD:
            raise for_mycket_minne()
        return filter_(*args, **kwargs)

    return begransat


def _ersatt_langd(s: Any, gammal: Any = "", ny: Any = "", antal: int | None = None) -> int:
    text, gammal, ny = str(s), str(gammal), str(ny)
    hur_manga = text.count(gammal) if antal is None else min(antal, text.count(gammal))
    return len(text) + hur_manga * len(ny)


def _bredd_langd(s: Any, bredd: Any = 80, *args: Any, **kwargs: Any) -> int:
    text = str(s)
    tal = bredd if isinstance(bredd, int) else 0
    return len(text) + tal * (text.count("\n") + 1)


def _format_langd(s: Any, *args: Any, **kwargs: Any) -> int:
    for bredd, precision in _BREDD.findall(str(s)):
        if "*" in (bredd, precision):
            return MAX_LANGD + 1
        if int(bredd or 0) + int(precision or 0) > MAX_LANGD:
            return MAX_LANGD + 1
    return len(str(s))


_BEGRANSADE_FILTER: dict[str, Callable[..., int]] = {
    "replace": _ersatt_langd,
    "center": _bredd_langd,
    "indent": _bredd_langd,
    "wordwrap": _bredd_langd,
    "format": _format_langd,
}
"""Jinja's filters whose result can be far longer than their text, with its length."""


_OPERATORER: dict[str, Callable[[Any, Any], Any]] = {
    "*": _multiplicera,
    "+": _addera,
    "**": _potens,
    "%": _modulo,
}


def sammanfoga(join: Callable[[Any], str], delar: tuple[Any, ...]) -> str:
    """``a ~ b``: refused when the result would be longer than ``MAX_LANGD``."""
    texter = [d if isinstance(d, str) else str(d) for d in delar]
    if sum(map(len, texter)) > MAX_LANGD:
        raise for_mycket_minne()
    return join(texter)


class _Kodgenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, with ``~`` through ``sammanfoga`` (its length is bounded)."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: jinja2.compiler.Frame) -> None:
        self.write("environment.sammanfoga(")
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)")
        else:
            self.write("markup_join" if frame.eval_ctx.autoescape else "str_join")
        self.write(", (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_MALLENS_EGNA = (jinja2.runtime.Macro, jinja2.runtime.BlockReference)
"""Callables a template defines itself: its macros, ``caller()``, ``self.block()``, ``super()``."""


class Sandlada(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, locked down to data (see the module's description)."""

    code_generator_class = _Kodgenerator
    intercepted_binops = frozenset(_OPERATORER)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals.clear()
        self.globals.update(range=Intervall, namespace=jinja2.utils.Namespace)
        self.tillatna: tuple[object, ...] = (Intervall, jinja2.utils.Namespace)
        """The global helpers a template may call (the filters are called by Jinja itself)."""
        self.sammanfoga = sammanfoga
        for namn, langd in _BEGRANSADE_FILTER.items():
            self.filters[namn] = _begransa_filter(self.filters[namn], langd)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value) or attr.startswith("_"):
            return False
        if isinstance(obj, dict) and attr in MAPPNINGSMETODER:
            return True
        if isinstance(value, _MALLENS_EGNA):
            return True
        return isinstance(value, DATA) and not callable(value)

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, _MALLENS_EGNA) or any(obj is t for t in self.tillatna):
            return True
        bunden = getattr(obj, "__self__", None)
        return isinstance(bunden, dict) and getattr(obj, "__name__", "") in MAPPNINGSMETODER

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``a.b``: on a mapping its key ``b`` first (a field named ``items`` is the field)."""
        if isinstance(obj, dict):
            if attribute in obj:
                return obj[attribute]
            if attribute in MAPPNINGSMETODER:
                return getattr(obj, attribute)
            return self.undefined(
                hint=f"'{_klassnamn(obj)} object' has no attribute '{attribute}'",
                obj=obj,
                name=attribute,
            )
        return super().getattr(obj, attribute)

    def call(
        __self,  # Jinja's own signature: a template may pass 'self' as a keyword
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if isinstance(__obj, jinja2.Undefined):
            __obj._fail_with_undefined_error()  # 'x' har inget fält 'parse_raw'
        if not __self.is_safe_callable(__obj):
            namn = getattr(__obj, "__name__", None) or _klassnamn(__obj)
            raise jinja2.sandbox.SecurityError(
                f"'{namn}' får inte anropas i en mall: en mall anropar bara sina egna makron, "
                "filtren, range() och namespace()"
            )
        return __context.call(__obj, *args, **kwargs)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        return _OPERATORER[operator](left, right)


def _klassnamn(obj: object) -> str:
    namn = getattr(obj, "klass", None) if isinstance(obj, dict) else None
    return namn if isinstance(namn, str) else type(obj).__name__


__all__ = ["DATA", "MAX_LANGD", "Mallgrans", "Markup", "Sandlada"]
