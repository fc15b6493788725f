"""``pushback-course feedback``: one feedback page per student and assignment.

This is nbgrader's own ``generate_feedback``, run per submission so one bad
notebook costs only its own page, and with the course's ``nbgrader_config.py``
so the grading engineer's feedback preprocessors (which strip hidden tests)
apply exactly as with ``nbgrader generate_feedback``.
"""

from __future__ import annotations

from .course import Course, InstructorError
from .nbrun import StepResult, run_converter

__all__ = ["feedback"]


def graded_submissions(course: Course, assignments: list[str] | None = None) -> list[tuple[str, str]]:
    """``(student, assignment)`` with an autograded copy on disk."""
    root = course.autograded_dir
    if not root.is_dir():
        return []
    found = []
    for student in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for assignment in sorted(p for p in student.iterdir() if p.is_dir()):
            if assignments is None or assignment.name in assignments:
                found.append((student.name, assignment.name))
    return found


def feedback(course: Course, assignments: list[str] | None = None,
             students: list[str] | None = None) -> list[StepResult]:
    """Generate feedback for every graded submission (optionally only some)."""
    from nbgrader.converters import GenerateFeedback

    todo = [(s, a) for s, a in graded_submissions(course, assignments) if not students or s in students]
    if not todo:
        raise InstructorError(f"no autograded submission in {course.autograded_dir}: "
                              "run `pushback-course autograde` first")
    return [run_converter(GenerateFeedback, course, a, student=s) for s, a in todo]
