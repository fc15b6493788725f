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

from .checks import grade_value
from .questions import question

__all__ = ["run_checks", "run_hidden_checks"]


def run_checks(question_id: str, answer: object) -> float:
    """Run the visible checks; the points scale to the whole cell."""
    result = grade_value(question(question_id), answer)
    print(result.report(include_hidden=False))
    return result.points(include_hidden=False)


def run_hidden_checks(question_id: str, answer: object) -> float:
    """Run every check (visible and hidden); the points are the cell's grade."""
    result = grade_value(question(question_id), answer)
    hidden = [c for c in result.checks if c.hidden]
    print(f"Hidden checks: {sum(bool(c.passed) for c in hidden)} of {len(hidden)} passed.")
    return result.points(include_hidden=True)
