"""The one exception family of the library.

Every error a learner or an instructor can meet is a ``PushbackError``, a
``ValueError``, so that ``except ValueError`` in a notebook catches it and the
message, written in the course's words, says what was wrong and where.
"""

from __future__ import annotations

__all__ = ["PushbackError", "CaseError", "PlanError", "LabelsWithheld"]


class PushbackError(ValueError):
    """Base class of every error raised on purpose by ``pushback_lib``."""


class CaseError(PushbackError):
    """A case file is missing, malformed or inconsistent.

    The message names the file, the field (as a dotted path such as
    ``facts[2].verified``) and what was expected, so an author can fix it
    without reading the loader.
    """

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}")


class PlanError(PushbackError):
    """A ``PushbackPlan`` was built with a value of the wrong kind."""


class LabelsWithheld(PushbackError):
    """A case's expert labels are not available here: they stay with the instructor.

    A case kept back for graded work ships as a brief only; its labels (which
    facts are verified, who is trusted, the expert's call...) live in the
    instructor's ``keys/`` folder and open after grading, when the instructor
    releases the debrief (``pushback-course release-debrief``). A self-paced
    clone of the course has them in ``keys/`` beside ``solutions/``.
    """

    def __init__(self, case_id: str, what: str) -> None:
        self.case_id = case_id
        self.what = what
        super().__init__(
            f"{what} needs the expert's labels of the case {case_id!r}, which are kept back until "
            "after grading. The debrief opens when your instructor releases it "
            f"(pushback-course release-debrief {case_id}); working on your own from a clone of "
            "the course, it is in keys/ beside solutions/, to open once you have committed to "
            "your own answer.")
