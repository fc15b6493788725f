"""The pushback builder's state: a plan being written, and feedback on it.

The ``PushbackBuilder`` widget is a view over this class: every keystroke
becomes an :meth:`BuilderState.update`, and the feedback (rubric and draft
analysis) is recomputed from the resulting ``PushbackPlan``, so the widget, an
exercise and a test all score exactly the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from ..cases import Case
from ..errors import PlanError
from ..plan import PushbackPlan

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analysis
    from ..rubric import RubricResult

__all__ = ["TEXT_FIELDS", "ID_FIELDS", "FIELD_LABELS", "Feedback", "BuilderState", "id_options"]

TEXT_FIELDS: tuple[str, ...] = ("opening", "acknowledge", "business_reason", "alternative",
                                "closing", "let_go")
ID_FIELDS: tuple[str, ...] = ("challenges", "evidence", "analogies", "allies")
FIELD_LABELS: dict[str, str] = {
    "opening": "Opening", "acknowledge": "Acknowledge", "business_reason": "Business reason",
    "challenges": "Their challenges", "evidence": "Evidence (facts)", "analogies": "Analogies",
    "alternative": "Alternative", "allies": "Allies", "closing": "Closing",
    "let_go": "If still no",
}
"""Labels for the builder's fields, short enough for a widget description."""


@dataclass(frozen=True)
class Feedback:
    """What the learner sees beside the plan: the rubric and the draft analysis."""

    rubric: RubricResult
    analysis: Analysis


def id_options(case: Case, field: str) -> list[tuple[str, str]]:
    """(label, id) pairs a learner can pick for an id field.

    The options name each fact's prop but never the expert's labels (verified,
    trusted...): judging them is the learner's work; ``pb.debrief`` reveals them.
    """
    if field == "evidence":
        return [(f"{f.text.strip()} [{f.prop.replace('_', ' ')}]", f.id) for f in case.facts]
    if field == "challenges":
        return [(c.text.strip(), c.id) for c in case.challenges]
    if field == "analogies":
        return [(a.text.strip(), a.id) for a in case.analogies]
    if field == "allies":
        return [(f"{a.name}: {a.role}", a.id) for a in case.allies]
    raise PlanError(f"{field!r} is not an id field; expected one of {', '.join(ID_FIELDS)}")


class BuilderState:
    """A plan for one case, edited one field at a time."""

    def __init__(self, case: Case, plan: PushbackPlan | None = None) -> None:
        self.case = case
        self._plan = plan or PushbackPlan()

    def update(self, **changes: Any) -> PushbackPlan:
        """Change some fields; ``PlanError`` names a field the plan does not have."""
        known = {f.name for f in fields(PushbackPlan)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise PlanError(f"PushbackPlan has no field {unknown[0]!r}; fields: {', '.join(sorted(known))}")
        self._plan = replace(self._plan, **changes)
        return self._plan

    def plan(self) -> PushbackPlan:
        return self._plan

    def draft(self) -> str:
        """The plan as the text of an email, in Yes Sandwich order."""
        return self._plan.draft()

    def feedback(self) -> Feedback:
        """Score the plan and analyse the draft, both against this case."""
        from ..analyzer import analyze
        from ..rubric import score
        return Feedback(score(self._plan, self.case), analyze(self.draft(), self.case))
