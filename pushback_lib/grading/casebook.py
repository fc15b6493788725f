"""The cases the checks read, loaded once per process and then frozen.

The trusted grader loads every case it needs *before* any submission runs
(see :func:`warm`), so a submission that rewrites a case file on disk cannot
change how it, or anyone after it, is graded.

Where a case's labels come from differs by who runs the checks. In a
learner's kernel (self-check, test cells) a case is loaded as the library
loads it: a case kept back for grading has its labels only when a debrief was
released or the course is a clone with ``keys/`` (:mod:`pushback_lib.cases.keys`).
The trusted grader calls :func:`use_course_keys` with its course directory's
``keys/`` folder first: then overlays come from there and nowhere else (never
from the package, the environment or a folder a learner can write), and a
case without one there is graded with its labels withheld, so its label-based
checks cannot pass (:func:`withheld` lists such cases for a warning).
"""

from __future__ import annotations

from pathlib import Path

from ..cases import Case

__all__ = ["case", "warm", "use_course_keys", "withheld"]

_SNAPSHOT: dict[str, Case] = {}
_KEYS: list[Path | None] = [None]
"""The course's keys folder once the trusted grader names it; None: the library's own lookup."""


def use_course_keys(folder: Path) -> None:
    """Grade with the label overlays in ``folder`` (``<course>/keys``) only; forget other loads."""
    folder = Path(folder).resolve()
    if _KEYS[0] != folder:
        _KEYS[0] = folder
        _SNAPSHOT.clear()


def case(case_id: str) -> Case:
    """The case with this id, as first loaded in this process."""
    found = _SNAPSHOT.get(case_id)
    if found is None:
        from ..cases import load_case
        keys = _KEYS[0]
        found = _SNAPSHOT[case_id] = load_case(case_id) if keys is None else load_case(case_id, keys=keys)
    return found


def warm(case_ids: list[str]) -> None:
    """Load these cases now (the trusted grader calls this before executing anything)."""
    for case_id in case_ids:
        case(case_id)


def withheld(case_ids: list[str]) -> list[str]:
    """The ids among ``case_ids`` whose labels this process does not have."""
    return [c for c in case_ids if not case(c).labelled]
