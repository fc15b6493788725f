"""Strict conversion of plain YAML data into the frozen dataclasses of :mod:`pushback_lib.case`.

One job: walk a dataclass's type hints and the data side by side, so every
wrong type, unknown field or missing field is reported with the dotted path of
the field (``facts[2].verified``) and what was expected. The checks that need
the whole case (unique ids, props, ranges) live in :mod:`pushback_lib.cases`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from typing import Any, Literal, TypeVar

from .errors import CaseError

__all__ = ["build", "join"]

T = TypeVar("T")

_SKIP = frozenset({"path"})
"""Fields the loader fills in itself; a case file may not set them."""


def join(where: str, name: str | int) -> str:
    """Extend a dotted field path: ``join("facts", 2)`` is ``facts[2]``."""
    if isinstance(name, int):
        return f"{where}[{name}]"
    return f"{where}.{name}" if where else name


def _kind(value: Any) -> str:
    """A learner-readable name for the YAML type of a value."""
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "nothing (null)"}
    return names.get(type(value), type(value).__name__)


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], list[dataclasses.Field[Any]]]:
    """Type hints and loadable fields of a dataclass, computed once per class."""
    fields = [f for f in dataclasses.fields(cls) if f.name not in _SKIP]
    return typing.get_type_hints(cls), fields


def build(cls: type[T], data: Any, where: str, source: str) -> T:
    """Make a ``cls`` dataclass from ``data`` or raise ``CaseError`` at the first problem."""
    if not isinstance(data, dict):
        raise CaseError(source, where or "(top level)",
                        f"expected a mapping of fields, got {_kind(data)}")
    hints, fields = _shape(cls)  # type: ignore[arg-type]  # a class is hashable; mypy cannot see it through type[T]
    known = {f.name for f in fields}
    for key in data:
        if key not in known:
            raise CaseError(source, join(where, str(key)),
                            f"unknown field; expected one of {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for f in fields:
        path = join(where, f.name)
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise CaseError(source, path, "missing required field")
            continue
        values[f.name] = _convert(hints[f.name], data[f.name], path, source,
                                  required=f.default is dataclasses.MISSING)
    return cls(**values)


def _convert(hint: Any, value: Any, path: str, source: str, required: bool) -> Any:
    origin = typing.get_origin(hint)
    if origin is Literal:
        options = typing.get_args(hint)
        if value not in options:
            raise CaseError(source, path, f"expected one of {', '.join(map(str, options))}, "
                                          f"got {value!r}")
        return value
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise CaseError(source, path, f"expected a list, got {_kind(value)}")
        return tuple(_convert(item_hint, item, join(path, i), source, required=True)
                     for i, item in enumerate(value))
    if dataclasses.is_dataclass(hint):
        return build(hint, value, path, source)  # type: ignore[arg-type]
    if hint is bool:
        if not isinstance(value, bool):
            raise CaseError(source, path, f"expected true or false, got {_kind(value)} {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise CaseError(source, path, f"expected a number, got {_kind(value)} {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise CaseError(source, path, f"expected text, got {_kind(value)} {value!r}")
        if required and not value.strip():
            raise CaseError(source, path, "expected non-empty text")
        return value.strip()
    raise TypeError(f"no converter for {hint!r} at {path}")  # a bug in case.py, not in the file
