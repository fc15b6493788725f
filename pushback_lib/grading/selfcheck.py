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

from .. import learner_progress
from .checks import QuestionResult
from .kernel import as_graded
from .questions import question

__all__ = ["check", "SelfCheck"]


@dataclass(frozen=True)
class SelfCheck:
    """The visible result of one question; renders as text or HTML by itself."""

    result: QuestionResult
    revealed: bool = False
    """Reveal mode: every check, hidden ones included, judged with the source notebook's key."""
    note: str = ""

    @property
    def points(self) -> float:
        """Points from the visible checks (every check in reveal mode), scaled to the question's points."""
        return self.result.points(include_hidden=self.revealed)

    @property
    def max_points(self) -> float:
        return float(self.result.question.points)

    @property
    def passed(self) -> bool:
        """True when every visible check passes (hidden ones may still fail)."""
        return self.points >= self.max_points

    def _lines(self) -> list[str]:
        notes = [f"  {self.note}"] if self.note else []
        if self.revealed:
            return notes + [f"  {'✓' if c.passed else '✗'} {c.name}: {c.message}".rstrip(": ")
                            for c in self.result.checks if c.weight > 0 or not c.passed]
        return notes + self.result.report(include_hidden=False).splitlines()[1:]

    @property
    def _which(self) -> str:
        return "every check (revealed)" if self.revealed else "the visible checks"

    def __repr__(self) -> str:
        q = self.result.question
        head = f"{q.id} {q.title}: {self.points} of {self.max_points:g} points from {self._which}"
        return "\n".join([head, *self._lines()])

    __str__ = __repr__

    def _repr_html_(self) -> str:
        q = self.result.question
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in self._lines())
        return (f"<div class='pushback-selfcheck' role='status'><strong>{html.escape(q.id)} "
                f"{html.escape(q.title)}</strong>: {self.points} of {self.max_points:g} points "
                f"from {html.escape(self._which)}<ul>{items}</ul></div>")


_ATTEMPTED: set[str] = set()


def check(question_id: str, answer: object, reveal: bool = False) -> SelfCheck:
    """Check one answer with the question's visible checks (never the hidden ones).

    In a notebook, an answer whose cell computes it (rather than writing the
    value out) is refused here exactly as the autograder will refuse it.
    Raises ``PushbackError`` naming the known question ids for an unknown id.

    ``reveal=True`` (self-paced learners, after at least one honest attempt at
    the question) runs every check, hidden ones included, with the answer key
    read from the source notebook in ``solutions/`` of a clone of the course;
    where there is no key (an installed package, a cohort hub) it says so.
    """
    q = question(question_id)
    if not reveal:
        _ATTEMPTED.add(q.id)
        shown = SelfCheck(as_graded(q, answer))
        learner_progress.check_done(q.id, shown.points, shown.max_points)  # the learner's record
        return shown
    if q.id not in _ATTEMPTED:
        return SelfCheck(as_graded(q, answer), note="Reveal mode opens after a first honest try: run "
                         f"check({q.id!r}, your_answer) first.")
    from .answer_key import find_key

    key, found = find_key(q.id)
    if not found:
        return SelfCheck(as_graded(q, answer), note="Reveal mode needs the course's source notebooks "
                         "(solutions/ in a clone of the course); this installation has none, so only "
                         "the visible checks are shown. In a cohort, your instructor has them.")
    return SelfCheck(as_graded(q, answer, key), revealed=True)
