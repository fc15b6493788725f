"""Every auto-graded question of the course, by id (``"a1-q1"``), one module per assignment."""

from __future__ import annotations

from ...errors import PushbackError
from ..checks import Question
from . import a1, a2, a3, a4

__all__ = ["QUESTIONS", "CASES", "question"]

_MODULES = (a1, a2, a3, a4)

QUESTIONS: dict[str, Question] = {q.id: q for m in _MODULES for q in m.QUESTIONS}
"""Question id -> question; the id is also the nbgrader grade id of its test cell."""

CASES: list[str] = sorted({c for m in _MODULES for c in m.CASES})
"""The cases the checks read (loaded before any submission runs)."""


def question(question_id: str) -> Question:
    """The question with this id; the error lists the known ids."""
    found = QUESTIONS.get(question_id) if type(question_id) is str else None
    if found is None:
        raise PushbackError(f"no question {question_id!r}: expected one of "
                            f"{', '.join(QUESTIONS)}")
    return found
