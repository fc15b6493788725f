"""``pushback_lib.check(question_id, answer)``: the self-check for self-paced learners.

One call per question runs its *visible* checks and says, in plain
language, what is right and what to improve. Hidden checks are never run
for display and never described, so the self-check cannot leak them::

    >>> from pushback_lib import check
    >>> check("a1-q3", ["listen", "decide"])           # doctest: +ELLIPSIS
    a1-q3 The stages in order: 0.0 of 2 points from the visible checks
    ...
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .checks import QuestionResult
from .kernel import as_graded
from .questions import question

__all__ = ["check", "SelfCheck"]


@dataclass(frozen=True)
class SelfCheck:
    """The visible result of one question; renders as text or HTML by itself."""

    result: QuestionResult

    @property
    def points(self) -> float:
        """Points from the visible checks, scaled to the question's points."""
        return self.result.points(include_hidden=False)

    @property
    def max_points(self) -> float:
        return float(self.result.question.points)

    @property
    def passed(self) -> bool:
        """True when every visible check passes (hidden ones may still fail)."""
        return self.points >= self.max_points

    def _lines(self) -> list[str]:
        return self.result.report(include_hidden=False).splitlines()[1:]

    def __repr__(self) -> str:
        q = self.result.question
        head = f"{q.id} {q.title}: {self.points} of {self.max_points:g} points from the visible checks"
        return "\n".join([head, *self._lines()])

    __str__ = __repr__

    def _repr_html_(self) -> str:
        q = self.result.question
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in self._lines())
        return (f"<div class='pushback-selfcheck' role='status'><strong>{html.escape(q.id)} "
                f"{html.escape(q.title)}</strong>: {self.points} of {self.max_points:g} points "
                f"from the visible checks<ul>{items}</ul></div>")


def check(question_id: str, answer: object) -> SelfCheck:
    """Check one answer with the question's visible checks (never the hidden ones).

    In a notebook, an answer whose cell computes it (rather than writing the
    value out) is refused here exactly as the autograder will refuse it.
    Raises ``PushbackError`` naming the known question ids for an unknown id.
    """
    return SelfCheck(as_graded(question(question_id), answer))
