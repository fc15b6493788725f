"""``pushback-course feedback``: one feedback page per student and assignment.

This is nbgrader's own ``generate_feedback``, run per submission so one bad
notebook costs only its own page, and with the course's ``nbgrader_config.py``
so the grading engineer's feedback preprocessors (which strip hidden tests)
apply exactly as with ``nbgrader generate_feedback``.

A page must not tell a learner something the marker never said, so a
submission is *held back* (no page, named in the output) while it has an
answer not marked yet (it would read "Score: 0.0 / 2.0") or a draft comment
from ``pushback-course comments`` nobody edited (it would reach the learner
as the marker's words). ``allow_pending`` / ``allow_drafts`` override that.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..course import Course, InstructorError, check_known
from ..nbrun import StepResult, run_converter

__all__ = ["feedback", "FeedbackRun", "held_back"]


@dataclass
class FeedbackRun:
    """What ``feedback`` did: the pages it made and every submission that got none, with why."""

    results: list[StepResult] = field(default_factory=list)
    held: dict[tuple[str, str], str] = field(default_factory=dict)
    """``(student, assignment) -> why no page was made``."""


def held_back(course: Course, todo: list[tuple[str, str]], allow_pending: bool = False,
              allow_drafts: bool = False) -> dict[tuple[str, str], str]:
    """The submissions of ``todo`` whose page would mislead, with the reason."""
    from .comment_bank import DRAFT_MARK

    wanted = set(todo)
    held: dict[tuple[str, str], str] = {}
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                key = (sub.student.id, assignment.name)
                if key not in wanted:
                    continue
                reasons = []
                unmarked = [g.name for nb in sub.notebooks for g in nb.grades if g.needs_manual_grade]
                if unmarked and not allow_pending:
                    reasons.append(f"not marked yet: {', '.join(unmarked)} (mark them in formgrader, "
                                   "or pass --allow-pending)")
                drafts = [c.name for nb in sub.notebooks for c in nb.comments
                          if c.manual_comment is None and (c.auto_comment or "").startswith(DRAFT_MARK)]
                if drafts and not allow_drafts:
                    reasons.append(f"unedited draft comment on {', '.join(drafts)} (edit it in formgrader, "
                                   "or remove the drafts with `pushback-course comments --clear`)")
                if reasons:
                    held[key] = "; ".join(reasons)
    return held


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
             students: list[str] | None = None, allow_pending: bool = False,
             allow_drafts: bool = False) -> FeedbackRun:
    """Generate feedback for every graded submission (optionally only some).

    Every submitted one that gets no page is in the result's ``held``: not
    graded, failed or malformed at grading, unmarked answers, unedited drafts.
    """
    from nbgrader.converters import GenerateFeedback

    check_known(course, assignments, students)
    graded = set(graded_submissions(course, assignments))
    todo = sorted(k for k in graded if not students or k[0] in students)
    if not todo:
        raise InstructorError(f"no autograded submission in {course.autograded_dir}"
                              + (f" for {', '.join(assignments)}" if assignments else "")
                              + (f" of {', '.join(students)}" if students else "")
                              + ": run `pushback-course autograde` first")
    run = FeedbackRun()
    for s, a in course.submissions(assignments):
        if (s, a) not in graded and (not students or s in students):
            run.held[(s, a)] = ("submitted but not graded (failed or malformed at grading, or not "
                                "graded yet: see `pushback-course status`)")
    run.held.update(held_back(course, todo, allow_pending, allow_drafts))
    scrubbed = with_scrubbing(course)
    run.results = [run_converter(GenerateFeedback, scrubbed, a, student=s) for s, a in todo
                   if (s, a) not in run.held]
    return run


def with_scrubbing(course: Course) -> Course:
    """The course with :class:`ScrubSecrets` last in its feedback chain and learners' markdown
    sanitized on the page, whatever its config says: a course directory without our
    ``nbgrader_config.py`` must not get pages that run a learner's script in another's browser."""
    import copy

    from nbgrader.converters import GenerateFeedback

    from ...grading.scrub import ScrubSecrets

    chain = list(GenerateFeedback(config=course.config).preprocessors)
    names = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}" for p in chain]
    scrubbed = any(n.rsplit(".", 1)[-1] == "ScrubSecrets" for n in names)
    sanitized = course.config.HTMLExporter.get("sanitize_html") is True
    if scrubbed and sanitized:
        return course
    config = copy.deepcopy(course.config)
    if not scrubbed:
        config.GenerateFeedback.preprocessors = [*chain, ScrubSecrets]
    config.HTMLExporter.sanitize_html = True
    return Course(course.root, config)
