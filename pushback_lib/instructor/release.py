"""``pushback-course release``: generate every source assignment into the release folder.

This is nbgrader's ``generate_assignment`` run for each assignment in the
source directory (``solutions/``), so the gradebook learns every graded cell
and its points, and ``exercises/`` gets the student versions.
"""

from __future__ import annotations

from .course import Course, InstructorError
from .nbrun import StepResult, run_converter

__all__ = ["release"]


def release(course: Course, assignments: list[str] | None = None) -> list[StepResult]:
    """Generate the named assignments (default: all) and return one result each."""
    from nbgrader.converters import GenerateAssignment

    available = course.assignments()
    if not available:
        raise InstructorError(f"no assignment to release: {course.source_dir} has no folder with a notebook")
    chosen = assignments or available
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise InstructorError(f"unknown assignment(s) {', '.join(unknown)}: "
                              f"{course.source_dir} has {', '.join(available)}")
    return [run_converter(GenerateAssignment, course, a, student=".", create_assignment=True)
            for a in chosen]
