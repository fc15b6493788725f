"""Run one nbgrader converter the way nbgrader's own ``NbGraderAPI`` does.

``capture_log`` keeps nbgrader's log for the report instead of letting it
flood the terminal; the result says whether the step worked and, if not, the
last lines of the log that explain why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .course import Course

__all__ = ["StepResult", "run_converter"]


@dataclass(frozen=True)
class StepResult:
    """The outcome of one nbgrader step for one assignment (and student)."""

    assignment: str
    student: str
    success: bool
    log: str
    error: str = ""

    def reason(self, lines: int = 6) -> str:
        """The last error lines of nbgrader's log: what an instructor needs to read."""
        text = "\n".join(line for line in self.log.splitlines() if "[ERROR]" in line or "[WARNING]" in line)
        if not text:
            text = self.error or self.log
        return "\n".join(text.strip().splitlines()[-lines:])


def run_converter(converter_class: type, course: Course, assignment: str, student: str = "*",
                  force: bool = True, **traits: Any) -> StepResult:
    """Run ``converter_class`` (an nbgrader converter) for one assignment / student."""
    from nbgrader.utils import capture_log

    coursedir = course.coursedir(assignment_id=assignment, student_id=student)
    converter = converter_class(coursedir=coursedir, config=course.config)
    converter.force = force
    for name, value in traits.items():
        setattr(converter, name, value)
    converter.log.setLevel(logging.INFO)
    result = capture_log(converter)
    return StepResult(assignment, student, bool(result.get("success")), result.get("log", ""),
                      result.get("error", "") or "")
