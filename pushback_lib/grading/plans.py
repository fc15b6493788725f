"""Checks for answers that are a ``PushbackPlan``: rebuilt from plain data, scored by the rubric."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import PlanError
from ..plan import PushbackPlan
from .checks import CheckResult
from .plain import PLAN_FIELDS, PLAN_KEY, Plain

__all__ = ["plan_from_answer", "rubric_checks", "FULL_MARKS_AT"]

FULL_MARKS_AT = 0.9
"""Share of the rubric that earns the whole rubric weight (the rest scales linearly)."""

_TEXT = {"acknowledge", "business_reason", "alternative", "opening", "closing", "let_go"}


def plan_from_answer(answer: Plain) -> tuple[PushbackPlan | None, str]:
    """The plan an answer describes, or ``(None, what is wrong)``.

    The answer is ``{"__plan__": {field: value}}`` (what ``PushbackPlan(...)``
    becomes as plain data); every field is checked for its exact type before
    the plan is built, so nothing but text and lists of text reaches the rubric.
    """
    if type(answer) is not dict or PLAN_KEY not in answer or len(answer) != 1:
        return None, "the answer should be a PushbackPlan(...), with each field written out"
    fields = answer[PLAN_KEY]
    if type(fields) is not dict:
        return None, "the answer should be a PushbackPlan(...)"
    clean: dict[str, object] = {}
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            return None, f"PushbackPlan has no field {name!r}"
        if name in _TEXT:
            if type(value) is not str:
                return None, f"PushbackPlan.{name} should be text"
        elif type(value) is not list or not all(type(v) is str for v in value):
            return None, f"PushbackPlan.{name} should be a list of ids (text)"
        clean[name] = value
    try:
        return PushbackPlan(**clean), ""  # type: ignore[arg-type]
    except PlanError as exc:
        return None, str(exc)


def rubric_checks(answer: Plain, case_id: str, *, weight: float,
                  hidden: list[tuple[str, float, Callable[[PushbackPlan], bool]]]
                  ) -> list[CheckResult]:
    """A visible rubric check worth ``weight`` plus named hidden checks on the plan.

    The rubric part earns ``weight * min(1, fraction / FULL_MARKS_AT)``; its
    message is the rubric's own advice for the weakest stage.
    """
    from ..rubric import score
    from .casebook import case

    plan, problem = plan_from_answer(answer)
    results = [CheckResult("form", 0, 0, problem or "the plan is a valid PushbackPlan",
                           passed=plan is not None)]
    if plan is None:
        results.append(CheckResult("rubric score", 0.0, weight, "not checked until the form "
                                   "is right"))
        results.extend(CheckResult(name, 0.0, w, "", hidden=True) for name, w, _ in hidden)
        return results
    the_case = case(case_id)
    result = score(plan, the_case)
    earned = round(weight * min(1.0, result.fraction / FULL_MARKS_AT), 4)
    weakest = min(result.criteria, key=lambda c: c.points / c.max_points if c.max_points else 1)
    advice = (f"a strong plan: at least {FULL_MARKS_AT:.0%} of the rubric" if earned >= weight
              else f"{result.total} of {result.max_total} rubric points")
    if result.penalties:
        advice += "; " + "; ".join(p.reason for p in result.penalties)
    if weakest.points < weakest.max_points:
        advice += f"; to improve, work on '{weakest.name}': {weakest.reason}"
    results.append(CheckResult("rubric score", earned, weight, advice))
    for name, w, test in hidden:
        try:
            ok = bool(test(plan))
        except Exception:
            ok = False
        results.append(CheckResult(name, w if ok else 0.0, w, "", hidden=True))
    return results
