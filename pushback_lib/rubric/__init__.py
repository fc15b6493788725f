"""The rubric: ``score(plan, case) -> RubricResult``.

=================  ============================================================
``scoring``        the rules: one criterion per stage, penalties for
                   distractors and padding, stages a case makes unnecessary
``prose``          whether the plan's own words use an item of the case and tie
                   it to the stakeholder (deterministic term matching); sentences
                   pasted from the case are set aside and earn nothing
``result``         ``RubricResult``, ``CriterionResult``, ``Penalty``: the scored
                   values, shown as text or an HTML table
=================  ============================================================

What a learner sees names no hidden label (which fact is unverified, which ally
is not trusted); the named version is for the debrief and graded feedback after
grading: ``result.explain(reveal=True)``, ``criterion.reason_for(reveal=True)``,
``penalty.reason_for(reveal=True)`` and ``penalty.ref_for(reveal=True)``.
"""

from __future__ import annotations

from .result import LEVELS, CriterionResult, Level, Penalty, RubricResult
from .scoring import (
    AGGRESSIVE_PENALTY,
    OVERKILL_PENALTY,
    UNKNOWN_FACT_PENALTY,
    UNKNOWN_ID_PENALTY,
    UNTRUSTED_ALLY_PENALTY,
    UNUSED_ID_PENALTY,
    UNVERIFIED_FACT_PENALTY,
    score,
)

__all__ = ["score", "RubricResult", "CriterionResult", "Penalty", "Level", "LEVELS",
           "AGGRESSIVE_PENALTY", "OVERKILL_PENALTY", "UNKNOWN_FACT_PENALTY", "UNKNOWN_ID_PENALTY",
           "UNTRUSTED_ALLY_PENALTY", "UNUSED_ID_PENALTY", "UNVERIFIED_FACT_PENALTY"]
