"""Questions, checks and their results: the pure core every grading path shares.

A :class:`Question` owns the check function for one graded cell. The check
takes the learner's answer as plain data and returns :class:`CheckResult`
items, each visible or hidden, each with a weight and a plain-language
message. :func:`grade` turns them into points for the cell:

* visible only (the release test cell, ``nbgrader validate``, the
  self-check): the cell's points times the share of visible weight earned;
* everything (the source test cell and the trusted autograder): the cell's
  points times the share of all weight earned.

The same function runs in a learner's kernel (where it can be tampered with,
so its number is only advice) and in the grading process on answers read
from the notebook's text (where it is the score that counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .plain import NotPlainData, Plain, to_plain
from .source import Answer, Refused

__all__ = ["CheckResult", "Question", "QuestionResult", "MISSING", "grade", "format_points",
           "grade_value"]


@dataclass(frozen=True)
class CheckResult:
    """One check of one answer."""

    name: str
    """What is checked, in a few words (shown to the learner for visible checks)."""
    earned: float
    """Weight earned, from 0 to ``weight``."""
    weight: float
    """How much this check counts inside its question."""
    message: str
    """What is right, or what to improve, in plain language."""
    hidden: bool = False
    """Hidden checks count in the grade but their names and messages are never shown."""
    passed: bool | None = None
    """Shown as a tick; defaults to "earned all its weight" (a weight-0 check sets it)."""
    about: str = ""
    """What the check tests and why that matters, never its expected answer.

    Graded feedback shows it for every hidden check that failed, and reveal mode
    for every check, so a learner can learn from a miss without being handed the
    answer that other learners have still to find."""
    unchecked: str = ""
    """Why this check could not run here (it earns nothing), e.g. the case's labels are
    withheld in a learner's kernel; empty when it ran. The trusted grader has them."""

    def __post_init__(self) -> None:
        if self.passed is None:
            object.__setattr__(self, "passed", self.weight > 0 and self.earned >= self.weight)


CheckFn = Callable[[Plain, Plain], "list[CheckResult]"]
"""``check(answer, key)``: ``key`` is the question's answer key, or None (:mod:`.answer_key`)."""


@dataclass(frozen=True)
class Question:
    """One auto-graded question: one answer variable, one test cell, one check function."""

    id: str
    """``"<assignment>.<part>"``, e.g. ``"a1-q1"``; also the test cell's nbgrader grade id."""
    answer_name: str
    """The variable the learner assigns in the answer cell."""
    points: float
    """The test cell's points in nbgrader."""
    title: str
    check: CheckFn = field(repr=False, compare=False)
    keyed: bool = False
    """Its hidden checks need the answer key from the source notebook (:mod:`.answer_key`)."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
"""The answer variable was never assigned."""


@dataclass(frozen=True)
class QuestionResult:
    """The checks of one answer, and the points they earn."""

    question: Question
    checks: tuple[CheckResult, ...]
    problem: str = ""
    """Why the answer could not be checked at all (missing, not plain data), or empty."""

    def points(self, include_hidden: bool) -> float:
        """Points for the cell, never below 0 nor above the question's points."""
        chosen = [c for c in self.checks if include_hidden or not c.hidden]
        total = sum(c.weight for c in chosen)
        if total <= 0:
            return 0.0
        earned = sum(min(max(c.earned, 0.0), c.weight) for c in chosen)
        value = round(self.question.points * earned / total, 2)
        return float(min(max(value, 0.0), self.question.points))

    def report(self, include_hidden: bool) -> str:
        """The learner-facing lines: every visible check; hidden ones as a count.

        Graded (``include_hidden``): how many hidden checks passed, then what
        each failed one was testing and why it matters (its ``about``), never
        its expected answer. Self-check: only that hidden checks exist and are
        not run, so a full visible score never reads as a full mark.
        """
        q = self.question
        lines = [f"{q.id} {q.title}"]
        if self.problem:
            lines.append(f"  ✗ {self.problem}")
        for c in self.checks:
            if not c.hidden and c.unchecked:
                lines.append(f"  ? {c.name}: not checked here: {c.unchecked}")
            elif not c.hidden:
                lines.append(f"  {'✓' if c.passed else '✗'} {c.name}: {c.message}".rstrip(": "))
        hidden = [c for c in self.checks if c.hidden]
        if hidden and include_hidden:
            lines.extend(self.hidden_lines())
        elif hidden:
            one = len(hidden) == 1
            lines.append(f"  Not checked here: {len(hidden)} hidden check{'' if one else 's'}. "
                         f"{'It runs' if one else 'They run'} when your instructor grades the "
                         "assignment, so passing the visible checks is not yet your mark.")
        elif self.problem:
            lines.append("  More checks run when your instructor grades the assignment.")
        return "\n".join(lines)

    def hidden_lines(self) -> list[str]:
        """The graded view of the hidden checks: a count, then each failure explained."""
        hidden = [c for c in self.checks if c.hidden]
        passed = sum(bool(c.passed) for c in hidden)
        lines = [f"  Hidden checks: {passed} of {len(hidden)} passed."]
        for c in hidden:
            if not c.passed:
                lines.append(f"  ✗ {c.name}: {c.about or 'no explanation was written for it'}")
        return lines


def grade(question: Question, answer: Answer | _Missing, key: Plain = None) -> QuestionResult:
    """Run a question's checks on an answer read as plain data (or refused, or missing).

    ``key`` is the question's answer key (instructor side), or None: then its
    hidden checks cannot pass, the visible ones are unaffected.
    """
    if isinstance(answer, _Missing):  # MISSING, the one instance
        return QuestionResult(question, _zero(question, None), f"{question.answer_name} is not "
                              "assigned: write your answer in the answer cell")
    if isinstance(answer, Refused):
        return QuestionResult(question, _zero(question, None), answer.reason)
    try:
        checks = tuple(question.check(answer, key))
    except NotPlainData as exc:
        return QuestionResult(question, _zero(question, None), str(exc))
    except Exception as exc:  # a malformed answer must cost points, never crash grading
        return QuestionResult(question, _zero(question, None),
                              f"{question.answer_name} could not be checked "
                              f"({type(exc).__name__}: {exc})")
    return QuestionResult(question, checks)


def grade_value(question: Question, value: object, key: Plain = None) -> QuestionResult:
    """Grade a live Python value (in a kernel or the self-check) after making it plain data."""
    try:
        plain = to_plain(value, question.answer_name)
    except NotPlainData as exc:
        return grade(question, Refused(str(exc)))
    return grade(question, plain, key)


def _zero(question: Question, answer: Plain) -> tuple[CheckResult, ...]:
    """The question's checks, all failed: keeps the visible/hidden weights of a real run."""
    try:
        template = question.check(None, None)
    except Exception:
        template = [CheckResult("answer", 0.0, 1.0, "no answer")]
    return tuple(CheckResult(c.name, 0.0, c.weight, "not checked", c.hidden, False, c.about)
                 for c in template)


def format_points(points: float) -> str:
    """A score as nbgrader must read it: a plain number such as ``1.5``."""
    return repr(float(round(points, 2)))
