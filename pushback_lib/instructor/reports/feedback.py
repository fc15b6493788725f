"""``pushback-course feedback``: one feedback page per student and assignment.

This is nbgrader's own ``generate_feedback``, run per submission so one bad
notebook costs only its own page, and with the course's ``nbgrader_config.py``
so the grading engineer's feedback preprocessors (which strip hidden tests)
apply exactly as with ``nbgrader generate_feedback``.
"""

from __future__ import annotations

from ..course import Course, InstructorError
from ..nbrun import StepResult, run_converter

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
    scrubbed = with_scrubbing(course)
    return [run_converter(GenerateFeedback, scrubbed, a, student=s) for s, a in todo]


def with_scrubbing(course: Course) -> Course:
    """The course with :class:`ScrubSecrets` last in its feedback chain, whatever its config says."""
    import copy

    from nbgrader.converters import GenerateFeedback

    from ...grading.scrub import ScrubSecrets

    chain = list(GenerateFeedback(config=course.config).preprocessors)
    names = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}" for p in chain]
    if any(n.rsplit(".", 1)[-1] == "ScrubSecrets" for n in names):
        return course
    config = copy.deepcopy(course.config)
    config.GenerateFeedback.preprocessors = [*chain, ScrubSecrets]
    return Course(course.root, config)
