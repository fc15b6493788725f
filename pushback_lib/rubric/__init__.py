"""The rubric: ``score(plan, case) -> RubricResult``.

=================  ============================================================
``scoring``        the rules: one criterion per stage, penalties for
                   distractors and padding, stages a case makes unnecessary
``prose``          whether the plan's own words use an item of the case and tie
                   it to the stakeholder (deterministic term matching)
``result``         ``RubricResult``, ``CriterionResult``, ``Penalty``: the scored
                   values, shown as text or an HTML table
=================  ============================================================
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
