"""The one exception family of the library.

Every error a learner or an instructor can meet is a ``PushbackError``, a
``ValueError``, so that ``except ValueError`` in a notebook catches it and the
message, written in the course's words, says what was wrong and where.
"""

from __future__ import annotations

__all__ = ["PushbackError", "CaseError", "PlanError"]


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
