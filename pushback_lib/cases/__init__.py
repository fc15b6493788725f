"""Cases: the model, its strict loader, and the two ways to show a case.

=================  ============================================================
``model``          the frozen dataclasses (``Case``, ``Fact``, ``Ally``...), with
                   the expert's labels and their reasons
``loading``        ``cases()``, ``load_case(id_or_path)``: package data read with
                   ``importlib.resources``, every problem a ``CaseError`` naming
                   the file and the field
``views``          the learner's brief (no labels: what ``Case`` shows) and the
                   debrief (``debrief(case, plan, call)``), for after the learner
                   commits
=================  ============================================================

Everything public is re-exported here, so ``from pushback_lib.cases import
Case, load_case, debrief`` is the one spelling.
"""

from __future__ import annotations

import sys
import types

from .loading import ENV_VAR, case_folders, cases, cases_dir, extra_cases_dir, load_case
from .model import (
    CHOICES,
    PROPS,
    SKIPPABLE_STAGES,
    Ally,
    Alternative,
    Analogy,
    Case,
    Challenge,
    Choice,
    DecisionInputs,
    ExpertOutcome,
    Fact,
    Person,
    UnnecessaryStages,
)
from .views import Debrief, DebriefRow, brief, brief_html, brief_markdown, debrief

__all__ = ["cases", "load_case", "cases_dir", "extra_cases_dir", "case_folders", "ENV_VAR",
           "PROPS", "CHOICES", "Choice", "SKIPPABLE_STAGES", "Person", "Challenge", "Fact",
           "Analogy", "Alternative", "Ally", "UnnecessaryStages", "DecisionInputs",
           "ExpertOutcome", "Case", "brief", "brief_html", "brief_markdown", "debrief",
           "Debrief", "DebriefRow"]


class _CallableModule(types.ModuleType):
    """Lets ``pushback_lib.cases()`` work even after ``import pushback_lib.cases``.

    The function ``cases`` and this package share a name: importing the package
    makes Python bind ``pushback_lib.cases`` to it, hiding the function. Calling
    the package calls the function, so both spellings work.
    """

    def __call__(self) -> list[str]:
        return cases()


sys.modules[__name__].__class__ = _CallableModule
