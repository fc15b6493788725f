"""Strict conversion of YAML files into frozen dataclasses: cases and role-play scripts alike.

One job: read a YAML file (``read_yaml``), then walk a dataclass's type hints
and the data side by side (``build``), so every syntax error, wrong type,
unknown field or missing field is reported with the file, the dotted path of
the field (``facts[2].verified``) and what was expected. The checks that need a
whole document (unique ids, props, ranges, turn links) live with its loader:
:mod:`pushback_lib.cases` and :mod:`pushback_lib.practice.script`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from importlib.resources.abc import Traversable
from typing import Any, Literal, TypeVar

from .errors import CaseError

__all__ = ["read_yaml", "build", "join"]

T = TypeVar("T")

_SKIP = frozenset({"path", "labels_from"})
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


def read_yaml(path: Traversable, what: str) -> Any:
    """The parsed content of a YAML file that must hold a mapping of ``what`` fields.

    Raises ``CaseError`` naming the file (and the line and column of a syntax
    error) when it cannot be read, is not YAML, or is empty.
    """
    import yaml  # deferred: keeps `import pushback_lib` light

    source = str(path)
    try:
        # The C SafeLoader is the same safe subset as yaml.safe_load, several times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseError(source, where, f"invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(source, "", f"cannot read the {what} file ({exc})") from None
    if data is None:
        raise CaseError(source, "", f"the file is empty; expected a mapping of {what} fields")
    return data


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
    args = typing.get_args(hint)
    if type(None) in args and len(args) == 2:  # ``X | None``: None is "not given", never written
        return _convert(next(a for a in args if a is not type(None)), value, path, source, required)
    if origin is dict:  # ``dict[str, X]``: a mapping keyed by id (a label overlay's items)
        if not isinstance(value, dict):
            raise CaseError(source, path, f"expected a mapping of ids, got {_kind(value)}")
        for key in value:
            if not isinstance(key, str):
                raise CaseError(source, join(path, str(key)), f"expected an id (text), got {_kind(key)}")
        return {key: _convert(args[1], item, join(path, key), source, required=True)
                for key, item in value.items()}
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
    raise TypeError(f"no converter for {hint!r} at {path}")  # a bug in cases/model.py, not in the file
