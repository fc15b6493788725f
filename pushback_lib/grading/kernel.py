"""What the test cells call inside a learner's notebook.

The release test cell ends with ``run_checks(question_id, answer)``; the
source version adds ``run_hidden_checks(...)`` inside the hidden-test region.
Each prints its plain-language report to stdout (never stderr, which would
zero the cell) and returns the points as a plain ``float``, the cell's last
expression, which is how nbgrader reads partial credit.

These numbers are advice to the learner and to ``nbgrader validate``. In a
learner's kernel any code may have changed them, so the autograder ignores
them and writes its own (see :mod:`pushback_lib.grading.preprocessors`).
"""

from __future__ import annotations

from .checks import Question, QuestionResult, grade, grade_value
from .plain import Plain
from .questions import question
from .source import Refused, answers_from_source

__all__ = ["run_checks", "run_hidden_checks", "as_graded"]


def _written_problem(name: str) -> str:
    """Why the latest cell that assigns ``name`` would not count when graded, or "".

    The autograder reads answers from the cells' text; looking at this kernel's
    input history lets the learner hear the same verdict now, not after grading.
    """
    try:
        from IPython import get_ipython
        shell = get_ipython()
        history = list(shell.user_ns.get("In", [])) if shell is not None else []
    except Exception:
        return ""
    for source in reversed(history):
        if not isinstance(source, str) or name not in source:
            continue
        found = answers_from_source(source).get(name)
        if found is not None:
            return found.reason if isinstance(found, Refused) else ""
    return ""


def as_graded(q: Question, answer: object, key: Plain = None) -> QuestionResult:
    """Check a live answer the way the autograder will: refused if its cell computes it."""
    problem = _written_problem(q.answer_name)
    return grade(q, Refused(problem), key) if problem else grade_value(q, answer, key)


def run_checks(question_id: str, answer: object) -> float:
    """Run the visible checks; the points scale to the whole cell."""
    result = as_graded(question(question_id), answer)
    print(result.report(include_hidden=False))
    return result.points(include_hidden=False)


def run_hidden_checks(question_id: str, answer: object, key: Plain = None) -> float:
    """Run every check (visible and hidden); the points are the cell's grade.

    ``key`` is the question's answer key, written in the hidden-test region of
    the source notebook (:mod:`.answer_key`); the learner's package has none.
    """
    result = as_graded(question(question_id), answer, key)
    hidden = [c for c in result.checks if c.hidden]
    print(f"Hidden checks: {sum(bool(c.passed) for c in hidden)} of {len(hidden)} passed.")
    return result.points(include_hidden=True)
