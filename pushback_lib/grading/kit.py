"""Reusable check shapes, so each question module states only its content.

Every helper returns the *same list of checks* (names, weights, visible or
hidden) whatever the answer is, even ``None``: the grade's denominator never
depends on what the learner wrote, and an unreadable answer simply earns 0 on
each. Comparisons use exact types (``True`` is not ``1``), on plain data only.
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import CheckResult
from .plain import Plain

__all__ = ["shape_check", "labelled_items", "id_choices", "ordered_items", "exact_equal",
           "one_choice"]


def exact_equal(a: Plain, b: Plain) -> bool:
    """Equality of plain data that also requires the same types all the way down."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(exact_equal(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if type(a) is dict:
        return a.keys() == b.keys() and all(exact_equal(a[k], b[k]) for k in a)  # type: ignore[union-attr,index]
    return a == b


def shape_check(answer: Plain, length: int, allowed: Sequence[Plain], what: str) -> CheckResult:
    """Weight-0 gate: a list of ``length`` items, each one of ``allowed``."""
    allowed_text = ", ".join(repr(a) for a in allowed)
    if type(answer) is not list:
        return CheckResult("form", 0, 0, f"{what} should be a list of {length} items, each one "
                           f"of {allowed_text}", passed=False)
    if len(answer) != length:
        return CheckResult("form", 0, 0, f"{what} has {len(answer)} items; it needs {length}, "
                           "one per item in the question", passed=False)
    for i, item in enumerate(answer):
        if not any(exact_equal(item, a) for a in allowed):
            return CheckResult("form", 0, 0, f"item {i + 1} of {what} is {item!r}; use one of "
                               f"{allowed_text}", passed=False)
    return CheckResult("form", 0, 0, f"{what} is a list of {length} valid items", passed=True)


def labelled_items(answer: Plain, *, what: str, expected: Sequence[Plain],
                   allowed: Sequence[Plain], visible: int, explain: Sequence[str],
                   item: str = "Statement",
                   hint: str = "reread it and ask whether it rests on the other side's goals and "
                               "facts or on taste and feeling") -> list[CheckResult]:
    """One check per item (weight 1); the first ``visible`` are visible, the rest hidden.

    ``explain[i]`` says why item i has its label; a visible item shows it when right
    and a hint when wrong.
    """
    gate = shape_check(answer, len(expected), allowed, what)
    results = [gate]
    for i, want in enumerate(expected):
        got = answer[i] if gate.passed and type(answer) is list else None
        right = gate.passed and exact_equal(got, want)
        msg = (f"right: {explain[i]}" if right else f"not yet: {hint}" if gate.passed
               else "not checked until the form is right")
        results.append(CheckResult(f"{item} {i + 1}", 1.0 if right else 0.0, 1.0, msg,
                                   hidden=i >= visible))
    return results


def id_choices(answer: Plain, *, what: str, universe: Sequence[str], expected: set[str],
               visible: set[str], explain: dict[str, str]) -> list[CheckResult]:
    """One check per id of ``universe``: right when chosen exactly if it is in ``expected``."""
    problem = ""
    if type(answer) is not list or not all(type(x) is str for x in answer):
        problem = f"{what} should be a list of ids (text), such as [{universe[0]!r}]"
    elif len(set(answer)) != len(answer):
        problem = f"{what} lists an id twice"
    else:
        unknown = [x for x in answer if x not in universe]
        if unknown:
            problem = f"{what} holds {unknown[0]!r}, which is not an id in the case"
    results = [CheckResult("form", 0, 0, problem or f"{what} is a list of ids from the case",
                           passed=not problem)]
    chosen = set(answer) if not problem and type(answer) is list else set()
    for ident in universe:
        right = not problem and ((ident in chosen) == (ident in expected))
        if right:
            msg = f"right: {explain.get(ident, '')}".rstrip(": ")
        elif problem:
            msg = "not checked until the form is right"
        else:
            msg = ("consider it again: " + ("it is safe and useful, so it belongs"
                   if ident in expected else "citing it could cost you credibility"))
        results.append(CheckResult(ident, 1.0 if right else 0.0, 1.0, msg,
                                   hidden=ident not in visible))
    return results


def ordered_items(answer: Plain, *, what: str, expected: Sequence[str],
                  visible_positions: set[int], explain: Sequence[str]) -> list[CheckResult]:
    """One check per position (weight 1) of an ordering of ``expected``'s items."""
    gate = shape_check(answer, len(expected), sorted(expected), what)
    if gate.passed and len(set(answer)) != len(expected):  # type: ignore[arg-type]
        gate = CheckResult("form", 0, 0, f"{what} repeats an item; each appears once",
                           passed=False)
    results = [gate]
    for i, want in enumerate(expected):
        right = gate.passed and exact_equal(answer[i], want)  # type: ignore[index]
        msg = (f"right: {explain[i]}" if right else
               "not yet: think about what has to be true before this step can work"
               if gate.passed else "not checked until the form is right")
        results.append(CheckResult(f"position {i + 1}", 1.0 if right else 0.0, 1.0, msg,
                                   hidden=i not in visible_positions))
    return results


def one_choice(answer: Plain, *, what: str, allowed: Sequence[str],
               checks: Sequence[tuple[str, str, bool, str]]) -> list[CheckResult]:
    """A single choice among ``allowed``, judged by several (name, expected, hidden, why) checks."""
    ok = type(answer) is str and answer in allowed
    results = [CheckResult("form", 0, 0, f"{what} is {answer!r}" if ok else
                           f"{what} should be one of {', '.join(map(repr, allowed))}", passed=ok)]
    for name, want, hidden, why in checks:
        right = ok and answer == want
        results.append(CheckResult(name, 1.0 if right else 0.0, 1.0,
                                   f"right: {why}" if right else "not yet: weigh the case again",
                                   hidden=hidden))
    return results
