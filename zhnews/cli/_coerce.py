"""Option values without pydantic, where typer's own answer is certain.

typer coerces every option through a pydantic `TypeAdapter`; importing pydantic
and building the adapters costs a one-article run about 0.1 s, a sixth of its
start. Most values need none of it: an option left out (None), a default that
already has its type, a string for a `str` option, a choice among an enum's
names, a plain decimal for an `int`. Those are answered here, exactly as the
adapter would answer them; anything else (paths, constrained numbers, a value
that does not parse, whose error message must be typer's) goes to typer's own
coercion, built on first need. `tests/cli/test_coerce.py` compares both on
every kind of value zhnews's options take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, get_args, get_origin

_SLOW = object()  # "ask typer": the fast path cannot be sure
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")


# pydantic's name for the error, which typer passes on: "Value error, 'xml' is not one of …".
_PYDANTIC_PREFIX = "Value error, "


def _plain(exc: Exception) -> None:
    """A bad value's message as a user reads it, without pydantic's prefix."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and _PYDANTIC_PREFIX in message:
        exc.message = message.replace(_PYDANTIC_PREFIX, "")


def install() -> None:
    """Make typer try the fast path first; a typer without these internals is left as it is."""
    try:
        from typer import _coercion, core
    except ImportError:
        return
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "zhnews_fast", False):
        return

    @dataclass(frozen=True)
    class FastParam(base):
        descriptor: Any = None
        built: list = field(default_factory=list)

        def _coerce_value(self, value, param, ctx):
            try:
                result = fast_value(self.annotation, self.parameter_info, value, ctx)
            except Exception:  # a typer whose internals moved: its own coercion is always right
                result = _SLOW
            if result is not _SLOW:
                return result
            if not self.built:
                self.built.append(original(self.descriptor))
            try:
                return self.built[0]._coerce_value(value, param=param, ctx=ctx)
            except Exception as exc:
                _plain(exc)
                raise

    def build(descriptor):
        try:
            if descriptor.file_annotation is not None:
                return original(descriptor)
            return FastParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                             descriptor=descriptor)
        except Exception:  # typer's internals are private: if they changed, use them as they are
            return original(descriptor)

    build.zhnews_fast = True
    core.build_runtime_param = build


def fast_value(annotation, info, value, ctx):
    """What typer's adapter makes of `value`, or `_SLOW` when only the adapter can tell."""
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        items = value if isinstance(value, (list, tuple)) else [value]
        out = [_leaf(item_type, info, item, ctx) for item in items]
        return _SLOW if any(item is _SLOW for item in out) else out
    if get_origin(annotation) is not None:
        return _SLOW
    return _leaf(annotation, info, value, ctx)


def _leaf(annotation, info, value, ctx):
    if getattr(info, "parser", None) is not None:
        return _SLOW
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation, info, value, ctx)
    if annotation is str:
        return value if type(value) is str else _SLOW
    if annotation in (int, float):
        return _number(annotation, info, value)
    return _SLOW


def _choice(annotation, info, value, ctx):
    from typer._param_types import coerce_cli_choice

    try:
        return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
    except Exception:  # typer words the error
        return _SLOW


def _number(annotation, info, value):
    if info.min is not None or info.max is not None or info.clamp:
        return _SLOW
    if type(value) is annotation:
        return value
    if annotation is int and type(value) is str and _DECIMAL.fullmatch(value):
        return int(value)
    return _SLOW
