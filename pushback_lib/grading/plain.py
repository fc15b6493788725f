"""Answers as plain data: the only kind of value the trusted grader accepts.

A learner's answer reaches a check as JSON-like data built from exact
``str``, ``int``, ``float``, ``bool`` and ``None`` values, lists and
dictionaries with text keys. Exact type checks (not ``isinstance``) refuse
subclasses and look-alikes, so an object that claims to equal everything, a
``str`` subclass with a rigged ``__eq__``, or a NaN that equals nothing never
reaches a comparison. A :class:`~pushback_lib.plan.PushbackPlan` is converted
field by field with the same checks.
"""

from __future__ import annotations

import math
from dataclasses import fields
from typing import Any

from ..errors import PushbackError
from ..plan import PushbackPlan

__all__ = ["Plain", "NotPlainData", "to_plain", "plan_to_plain", "PLAN_FIELDS", "PLAN_KEY",
           "MAX_ITEMS", "MAX_TEXT", "MAX_DEPTH"]

Plain = str | int | float | bool | None | list | dict

MAX_ITEMS = 2_000
"""Most items in one list or dictionary: answers are short, a flood is refused."""
MAX_TEXT = 20_000
"""Most characters in one text answer (a long email draft is about 3,000)."""
MAX_DEPTH = 8
"""Deepest nesting of lists and dictionaries."""

PLAN_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PushbackPlan))

PLAN_KEY = "__plan__"
"""A plan travels as ``{PLAN_KEY: {field: value}}``, so checks can tell it from a dict."""


class NotPlainData(PushbackError):
    """An answer holds something other than plain data; the message says where."""


def to_plain(value: Any, where: str = "answer", depth: int = 0) -> Plain:
    """Return ``value`` as plain data, or raise ``NotPlainData`` naming the offending part.

    Tuples become lists and a ``PushbackPlan`` becomes a dictionary of its
    fields. Anything else (sets, objects, subclasses of the plain types,
    non-finite floats) is refused.
    """
    if depth > MAX_DEPTH:
        raise NotPlainData(f"{where} is nested more than {MAX_DEPTH} levels deep")
    kind = type(value)
    if value is None or kind is bool or kind is int:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise NotPlainData(f"{where} is {value!r}; use an ordinary number")
        return value
    if kind is str:
        if len(value) > MAX_TEXT:
            raise NotPlainData(f"{where} is {len(value)} characters long; the limit is {MAX_TEXT}")
        return value
    if kind is list or kind is tuple:
        if len(value) > MAX_ITEMS:
            raise NotPlainData(f"{where} has {len(value)} items; the limit is {MAX_ITEMS}")
        return [to_plain(item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value)]
    if kind is dict:
        if len(value) > MAX_ITEMS:
            raise NotPlainData(f"{where} has {len(value)} keys; the limit is {MAX_ITEMS}")
        out: dict[str, Plain] = {}
        for key, item in value.items():
            if type(key) is not str:
                raise NotPlainData(f"{where} has the key {_describe(key)}; keys must be text")
            out[key] = to_plain(item, f"{where}[{key!r}]", depth + 1)
        return out
    if kind is PushbackPlan:
        return {PLAN_KEY: plan_to_plain(value, where)}
    raise NotPlainData(
        f"{where} is {_describe(value)}; write plain values (text, numbers, True/False, "
        "lists, dictionaries) or a PushbackPlan")


def plan_to_plain(plan: PushbackPlan, where: str = "plan") -> dict[str, Plain]:
    """A ``PushbackPlan`` as a dictionary, every field checked for its exact type."""
    if type(plan) is not PushbackPlan:
        raise NotPlainData(f"{where} is {_describe(plan)}, not a PushbackPlan")
    out: dict[str, Plain] = {}
    for name in PLAN_FIELDS:
        value = object.__getattribute__(plan, name)
        out[name] = to_plain(value, f"{where}.{name}", 1)
    return out


def _describe(value: Any) -> str:
    """A short, safe description of a value that never calls its own ``__repr__``."""
    kind = type(value)
    return f"a {kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" \
        else f"a {kind.__qualname__}"
