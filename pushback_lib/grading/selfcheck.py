"""``pushback_lib.check(question_id, answer)``: the self-check for self-paced learners.

One call per question runs its *visible* checks and says, in plain
language, what is right and what to improve, and how many hidden checks it
did not run (so a full visible score never reads as the mark). Hidden checks
are not named or described here; reveal mode, after an honest attempt, shows
every check with what it tests::

    >>> from pushback_lib import check
    >>> check("a1-q1", ["opinion", "opinion"])          # doctest: +ELLIPSIS
    a1-q1 Opinion or business reason?: 0 of 2 visible checks pass; ...
    ...
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import learner_progress
from .._html import fragment
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
        """True when every check shown passes (outside reveal mode, hidden ones may still fail)."""
        return self.points >= self.max_points

    @property
    def hidden_unchecked(self) -> int:
        """How many hidden checks this report did not run (0 in reveal mode)."""
        return 0 if self.revealed else sum(c.hidden for c in self.result.checks)

    def _lines(self) -> list[str]:
        notes = [f"  {self.note}"] if self.note else []
        if self.revealed:
            lines = []
            for c in self.result.checks:
                if c.weight <= 0 and c.passed:
                    continue
                line = f"  {'✓' if c.passed else '✗'} {c.name}: {c.message}".rstrip(": ")
                if c.about:
                    line += f" [{'hidden' if c.hidden else 'visible'}: {c.about}]"
                lines.append(line)
            return notes + lines
        return notes + self.result.report(include_hidden=False).splitlines()[1:]

    def _summary(self) -> str:
        """The headline: points only when they are the whole story, else what was checked."""
        if self.revealed:
            return f"{self.points} of {self.max_points:g} points with every check (revealed)"
        if not self.hidden_unchecked:
            return f"{self.points} of {self.max_points:g} points (every check is visible)"
        shown = [c for c in self.result.checks if not c.hidden and c.weight > 0]
        ok = sum(bool(c.passed) for c in shown)
        total = sum(c.weight > 0 for c in self.result.checks)
        hidden = ("the hidden one is" if self.hidden_unchecked == 1
                  else f"the {self.hidden_unchecked} hidden ones are")
        return (f"{ok} of {len(shown)} visible check{'' if len(shown) == 1 else 's'} "
                f"pass{'es' if len(shown) == 1 else ''}; {'it covers' if len(shown) == 1 else 'they cover'} "
                f"{len(shown)} of the {total} checks, and {hidden} not checked here")

    def __repr__(self) -> str:
        q = self.result.question
        return "\n".join([f"{q.id} {q.title}: {self._summary()}", *self._lines()])

    __str__ = __repr__

    def _repr_html_(self) -> str:
        q = self.result.question
        return fragment("<div class='pushback-selfcheck' role='status'><strong>{{ id }} {{ title }}"
                        "</strong>: {{ summary }}<ul>{% for line in lines %}<li>{{ line }}</li>"
                        "{% endfor %}</ul></div>",
                        id=q.id, title=q.title, summary=self._summary(),
                        lines=[line.strip() for line in self._lines()])


_ATTEMPTED: set[str] = set()


def check(question_id: str, answer: object, reveal: bool = False) -> SelfCheck:
    """Check one answer with the question's visible checks (never the hidden ones).

    In a notebook, an answer whose cell computes it (rather than writing the
    value out) is refused here exactly as the autograder will refuse it.
    Raises ``PushbackError`` naming the known question ids for an unknown id.

    ``reveal=True`` (self-paced learners, after at least one honest attempt at
    the question: an answer of the right form went through ``check``) runs
    every check, hidden ones included, each with what it tests and why, with
    the answer key read from the source notebook in ``solutions/`` of a clone of the course;
    where there is no key (an installed package, a cohort hub) it says so.
    """
    q = question(question_id)
    if not reveal:
        result = as_graded(q, answer)
        if not result.problem and all(c.passed for c in result.checks if c.name == "form"):
            _ATTEMPTED.add(q.id)  # an honest attempt: an answer of the right form was checked
        shown = SelfCheck(result)
        # The learner's record keeps what was checked and what was not, so it never
        # reports a pass that only the visible checks gave.
        learner_progress.check_done(q.id, shown.points, shown.max_points,
                                    hidden_unchecked=shown.hidden_unchecked)
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
