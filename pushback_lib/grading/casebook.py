"""The cases the checks read, loaded once per process and then frozen.

The trusted grader loads every case it needs *before* any submission runs
(see :func:`warm`), so a submission that rewrites a case file on disk cannot
change how it, or anyone after it, is graded.
"""

from __future__ import annotations

from ..cases import Case

__all__ = ["case", "warm"]

_SNAPSHOT: dict[str, Case] = {}


def case(case_id: str) -> Case:
    """The case with this id, as first loaded in this process."""
    found = _SNAPSHOT.get(case_id)
    if found is None:
        from ..cases import load_case
        found = _SNAPSHOT[case_id] = load_case(case_id)
    return found


def warm(case_ids: list[str]) -> None:
    """Load these cases now (the trusted grader calls this before executing anything)."""
    for case_id in case_ids:
        case(case_id)
