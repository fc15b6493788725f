"""``pushback-course release`` and ``make release``: the one way a source assignment is released.

This is nbgrader's ``generate_assignment`` run for each assignment in the
source directory (``solutions/``), so ``exercises/`` gets the student versions
(solutions cleared, hidden tests removed, locked cells checksummed).

Two callers, one implementation: an instructor's course records every graded
cell and its points in its own gradebook; the repository's ``make release``
(:mod:`tools.release`) passes ``scratch_gradebook=True`` so the run leaves
nothing but the release notebooks behind and its output depends only on
``solutions/`` (the drift test regenerates and compares byte for byte).
"""

from __future__ import annotations

import contextlib
import copy
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .course import Course, InstructorError
from .nbrun import StepResult, run_converter

__all__ = ["release"]


@contextlib.contextmanager
def _with_scratch_gradebook(course: Course) -> Iterator[Course]:
    """The same course, its gradebook a throwaway SQLite file (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="pushback-release-") as tmp:
        config = copy.deepcopy(course.config)
        config.CourseDirectory.db_url = f"sqlite:///{Path(tmp) / 'gradebook.db'}"
        yield Course(course.root, config)


def release(course: Course, assignments: list[str] | None = None, *,
            scratch_gradebook: bool = False) -> list[StepResult]:
    """Generate the named assignments (default: all) and return one result each.

    ``scratch_gradebook``: record nothing in the course's gradebook (for a
    repository build, where the release notebooks are the only product).
    """
    from nbgrader.converters import GenerateAssignment

    available = course.assignments()
    if not available:
        raise InstructorError(f"no assignment to release: {course.source_dir} has no folder with a notebook")
    chosen = assignments or available
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise InstructorError(f"unknown assignment(s) {', '.join(unknown)}: "
                              f"{course.source_dir} has {', '.join(available)}")
    if not scratch_gradebook:
        return [run_converter(GenerateAssignment, course, a, student=".", create_assignment=True)
                for a in chosen]
    with _with_scratch_gradebook(course) as scratch:
        return [run_converter(GenerateAssignment, scratch, a, student=".", create_assignment=True)
                for a in chosen]
