"""A case from the learner's own work: load it from the blank template, and say honestly what
the rubric can score on it.

Why a module beside :mod:`pushback_lib.cases`: a learner's own case is the
same kind of file as the course's cases, so it loads with the same strict
loader (every type error names its field). What differs is what can go wrong
and what a score means:

* a template copied but not finished still holds ``TODO`` placeholders; they are
  all listed at once, each by its field, rather than one per attempt;
* the labels (which facts are verified, which ally is trusted, which
  alternative fits) are the learner's own judgement, not a hidden answer
  key, so a rubric point earned from them says "consistent with what you
  wrote", not "right". :func:`what_is_scored` says which is which, criterion
  by criterion.

==========================  ===================================================
``load_own_case(path)``     the case, or ``UnfilledTemplate`` naming every field
                            still to fill (``CaseError`` for a malformed one)
``unfilled(data)``          (field, placeholder) pairs still holding ``TODO``
``what_is_scored(result)``  per criterion: scored from your prose, scored
                            against your own labels, and what is not scored
``NOT_SCORED``              what no rubric can check on your own case
==========================  ===================================================
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._schema import join, read_yaml
from .cases import Case, load_case
from .errors import CaseError, PushbackError
from .rubric import RubricResult

__all__ = ["PLACEHOLDER", "UnfilledTemplate", "unfilled", "load_own_case", "Basis",
           "what_is_scored", "NOT_SCORED"]

PLACEHOLDER = "TODO"
"""Text the template puts where the learner must write; a value starting with it is unfilled."""


class UnfilledTemplate(PushbackError):
    """The case file still holds template placeholders; the message lists each by field."""

    def __init__(self, source: str, fields: list[tuple[str, str]]) -> None:
        self.source = source
        self.fields = fields
        """(dotted field, the placeholder's hint) for every unfilled value, in file order."""
        lines = [f"  {path}: {hint}" for path, hint in fields]
        super().__init__(f"{source}: {len(fields)} field(s) still hold the template's "
                         f"{PLACEHOLDER}; fill each in, then load it again:\n" + "\n".join(lines))


def unfilled(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every (dotted field, hint) whose text still starts with ``TODO``, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from unfilled(value, join(where, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from unfilled(value, join(where, i))
    elif isinstance(data, str) and data.strip().upper().startswith(PLACEHOLDER):
        yield where, data.strip()[len(PLACEHOLDER):].lstrip(" :-").strip() or "write this"


def load_own_case(path: str | os.PathLike[str]) -> Case:
    """Load a case the learner wrote from the template.

    Raises ``UnfilledTemplate`` listing every placeholder left, then (once those
    are filled) ``CaseError`` at the first field that breaks the case format,
    exactly as for the course's own cases.
    """
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise CaseError(str(file), "", "no such file; copy the template first "
                                       "(see lesson 13) and give its path")
    left = list(unfilled(read_yaml(file, "case")))
    if left:
        raise UnfilledTemplate(str(file), left)
    return load_case(file)


@dataclass(frozen=True)
class Basis:
    """What one rubric criterion's points rest on, when the case is the learner's own."""

    stage: str
    criterion: str
    points: str
    """``"3/3"``: as scored."""
    basis: str
    """``"your prose"`` or ``"your own labels"``."""
    caveat: str
    """What a point here does and does not tell you."""


# Stage key -> (basis, caveat). Stages absent here are scored from the plan's prose only.
_SELF_LABELLED: dict[str, tuple[str, str]] = {
    "build_case": ("your own labels", "the points trust your 'verified: true'; only you know "
                   "whether the fact would survive the stakeholder checking it"),
    "evidence": ("your own labels", "whether an example is 'in the category' is your call; "
                 "ask a colleague whether it would convince this stakeholder"),
    "alternative": ("your own labels", "the rubric compares your plan with the alternative "
                    "you marked recommended; it cannot tell whether that one is the best"),
    "enlist": ("your own labels", "'trusted_by_stakeholder' is your reading of the relationship; "
               "it is not checked against anything"),
}
_PROSE = ("your prose", "read from what you wrote; the same check as on the course's cases")

NOT_SCORED: tuple[str, ...] = (
    "Whether your facts are true: the file says what you believe, and nobody has checked it.",
    "Whether pushing back is the right call: pb.decide weighs the numbers you chose; compare it "
    "with your own call (expert_outcome in your file) and ask which number you are least sure of.",
    "How the stakeholder will react: no role-play exists for your case; rehearse it with a "
    "colleague playing them.",
    "Timing and setting in the real world: when and where you raise it is yours to plan.",
)
"""What no rubric can score on a learner's own case, said plainly."""


def what_is_scored(result: RubricResult) -> list[Basis]:
    """Each criterion of a rubric result on an own case, with what its points rest on."""
    out = []
    for c in result.criteria:
        basis, caveat = _SELF_LABELLED.get(c.stage, _PROSE)
        out.append(Basis(c.stage, c.name, f"{c.points}/{c.max_points}", basis, caveat))
    return out
