"""A learner's pushback, as a plan the rubric can score.

A plan holds one field per stage a plan can show. Ids (facts, analogies,
challenges, allies) refer to the case the plan is for, so the rubric can check
accuracy: a cited id that the case does not hold, or an unverified fact, costs
credibility visibly.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PlanError

__all__ = ["PushbackPlan"]

_TEXT_FIELDS = ("acknowledge", "business_reason", "alternative", "opening", "closing", "let_go")
_ID_FIELDS = ("challenges", "evidence", "analogies", "allies")


@dataclass(frozen=True)
class PushbackPlan:
    """What the learner will say and bring; every field defaults to empty.

    Text fields are free text; id fields are tuples of ids from the case
    (lists are accepted and turned into tuples).
    """

    acknowledge: str = ""
    """What of the stakeholder's view you acknowledge first (stage: listen)."""
    business_reason: str = ""
    """The business reason for your disagreement (stage: build_case)."""
    challenges: tuple[str, ...] = ()
    """Ids of the stakeholder's stated challenges the reason addresses."""
    evidence: tuple[str, ...] = ()
    """Ids of the case facts you cite (stage: build_case)."""
    analogies: tuple[str, ...] = ()
    """Ids of analogous examples or success stories (stage: evidence)."""
    alternative: str = ""
    """The alternative you recommend (stage: alternative)."""
    allies: tuple[str, ...] = ()
    """Ids of the people you enlist (stage: enlist)."""
    opening: str = ""
    """How you open: the agreement of the Yes Sandwich (stage: deliver)."""
    closing: str = ""
    """How you close: the positive way forward (stage: close)."""
    let_go: str = ""
    """What you will say if the answer is still no (stage: close)."""

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise PlanError(f"PushbackPlan.{name} must be text (a str), got {type(value).__name__}")
        for name in _ID_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                raise PlanError(
                    f"PushbackPlan.{name} must be a list of ids, got the single string {value!r}; "
                    f"write [{value!r}]")
            try:
                ids = tuple(value)
            except TypeError:
                raise PlanError(
                    f"PushbackPlan.{name} must be a list of ids, got {type(value).__name__}") from None
            for item in ids:
                if not isinstance(item, str):
                    raise PlanError(
                        f"PushbackPlan.{name} holds {item!r} ({type(item).__name__}); ids are strings")
            object.__setattr__(self, name, ids)

    def draft(self) -> str:
        """The plan assembled as the text of an email, in Yes Sandwich order."""
        parts = [self.opening, self.acknowledge, self.business_reason, self.alternative,
                 self.closing]
        return "\n\n".join(p.strip() for p in parts if p.strip())
