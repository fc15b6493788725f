"""Read a learner's answers from the text of their answer cells, without running it.

This is how the trusted grader gets answers: nothing the learner wrote is
executed in the grading process. Each answer cell is parsed (never run), and
only top-level assignments of a literal value are taken::

    q1_statement_kinds = ["opinion", "business_reason"]
    q5_plan = PushbackPlan(acknowledge="...", evidence=["f_cv"])

Any other way of binding an answer name (a call, a loop, a function, an
import, ``+=``) turns that answer into a :class:`Refused` with a reason the
learner can act on, so an answer is either plain data written out in full or
nothing. Later cells win over earlier ones, as when the notebook runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from .plain import PLAN_FIELDS, PLAN_KEY, NotPlainData, Plain, to_plain

__all__ = ["Refused", "Answer", "answers_from_sources", "answers_from_source"]

_PLAN_NAMES = ("PushbackPlan",)


@dataclass(frozen=True)
class Refused:
    """An answer that cannot be graded, and why (in words the learner can act on)."""

    reason: str


Answer = Plain | Refused


def answers_from_sources(sources: Iterable[str]) -> dict[str, Answer]:
    """Answers bound by a sequence of answer-cell sources, later cells winning."""
    answers: dict[str, Answer] = {}
    for number, source in enumerate(sources, start=1):
        answers.update(answers_from_source(source, f"answer cell {number}"))
    return answers


def answers_from_source(source: str, where: str = "answer cell") -> dict[str, Answer]:
    """Answers bound by one cell's source (IPython magics become plain calls first)."""
    try:
        tree = ast.parse(_to_python(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        line = getattr(exc, "lineno", None)
        return {"__syntax_error__": Refused(
            f"{where} has a syntax error{f' on line {line}' if line else ''}, so none of its "
            "answers can be read")}
    try:
        return _read(tree, where)
    except (RecursionError, MemoryError):
        return {"__too_deep__": Refused(f"{where} is nested too deeply to read")}


def _read(tree: ast.Module, where: str) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for stmt in tree.body:
        literal = _literal_assignment(stmt)
        if literal is not None:
            targets, value = literal
            for name in targets:
                answers[name] = value
            continue
        for name, line in _bound_names(stmt):
            answers[name] = Refused(
                f"{name} is set by code on line {line} of {where}; write the answer itself as a "
                "plain value (text, numbers, True/False, lists) or a PushbackPlan(...) of them")
    return answers


def _to_python(source: str) -> str:
    """The cell as plain Python, the way IPython would see it (a pure text transform)."""
    from IPython.core.inputtransformer2 import TransformerManager
    return TransformerManager().transform_cell(source)


def _literal_assignment(stmt: ast.stmt) -> tuple[list[str], Answer] | None:
    """``(names, value)`` for ``name = <literal>``; None for any other statement."""
    if isinstance(stmt, ast.Assign):
        if not all(isinstance(t, ast.Name) for t in stmt.targets):
            return None
        names = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        value_node = stmt.value
    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
        names = [stmt.target.id]
        value_node = stmt.value
    else:
        return None
    return names, _value(value_node, names[0], stmt.lineno)


def _value(node: ast.expr, name: str, line: int) -> Answer:
    """The plain value of a literal expression or a ``PushbackPlan(...)`` of literals."""
    if isinstance(node, ast.Call) and _is_plan_constructor(node.func):
        if node.args:
            return Refused(f"{name}: give PushbackPlan its fields by name "
                           f"(PushbackPlan(acknowledge=...)), line {line}")
        fields: dict[str, Plain] = {}
        for kw in node.keywords:
            if kw.arg is None:
                return Refused(f"{name}: write each PushbackPlan field out (no **), line {line}")
            if kw.arg not in PLAN_FIELDS:
                return Refused(f"{name}: PushbackPlan has no field {kw.arg!r} (line {line}); "
                               f"fields are {', '.join(PLAN_FIELDS)}")
            field_value = _value(kw.value, f"{name}.{kw.arg}", line)
            if isinstance(field_value, Refused):
                return field_value
            fields[kw.arg] = field_value
        return {PLAN_KEY: fields}
    try:
        raw = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return Refused(f"{name} is computed by code on line {line}; write the answer itself as a "
                       "plain value (text, numbers, True/False, lists) or a PushbackPlan(...) "
                       "of them")
    try:
        return to_plain(raw, name)
    except NotPlainData as exc:
        return Refused(str(exc))


def _is_plan_constructor(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in _PLAN_NAMES
    return isinstance(func, ast.Attribute) and func.attr in _PLAN_NAMES


def _bound_names(stmt: ast.stmt) -> list[tuple[str, int]]:
    """Every name a statement could bind, anywhere inside it, with its line."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            found.append((node.id, node.lineno))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append((node.name, node.lineno))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                found.append(((alias.asname or alias.name).split(".")[0], node.lineno))
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            found.extend((n, node.lineno) for n in node.names)
        elif isinstance(node, ast.arg):
            found.append((node.arg, getattr(node, "lineno", 0)))
    return found
