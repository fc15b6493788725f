"""pushback_lib: the helper library of the Pushback course.

Table of contents (everything public is in ``__all__``):

==========================  ===================================================
The process                 ``STAGES``, ``PREREQUISITES``, ``SOURCES``,
                            ``stage(key)`` (:mod:`pushback_lib.process`)
Cases                       ``cases()``, ``load_case(id_or_path)``, ``Case``
                            and its parts (:mod:`pushback_lib.cases`); a case
                            shows the learner's brief, no expert labels
The reveal                  ``debrief(case, plan=None, call=None) -> Debrief``:
                            labels, reasons and the expert outcome, for after
                            the learner commits (:mod:`pushback_lib.cases.views`)
A learner's pushback        ``PushbackPlan`` (:mod:`pushback_lib.plan`)
The rubric                  ``score(plan, case) -> RubricResult``
                            (:mod:`pushback_lib.rubric`)
Push back or let go         ``decide(...) -> Decision``
                            (:mod:`pushback_lib.decision`)
Draft analyzer              ``analyze(text, case=None) -> Analysis``,
                            ``COMPONENTS``, ``FLAGS``, ``disagree(analysis, label)``
                            (:mod:`pushback_lib.analyzer`)
Self-check                  ``check(question, answer)`` for self-paced learners
                            (:mod:`pushback_lib.grading.selfcheck`)
Errors                      ``PushbackError`` (a ``ValueError``), ``CaseError``,
                            ``PlanError`` (:mod:`pushback_lib.errors`)
Views                       :mod:`pushback_lib.charts` (matplotlib) and
                            :mod:`pushback_lib.widgets` (ipywidgets), imported
                            only when used
==========================  ===================================================

Importing the package is cheap: the heavier modules (YAML, the analyzer, and
above all matplotlib and ipywidgets) load on first use, so a notebook's setup
cell and the grading kernel start fast and never need a browser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .cases import (
    PROPS,
    Ally,
    Alternative,
    Analogy,
    Case,
    Challenge,
    DecisionInputs,
    ExpertOutcome,
    Fact,
    Person,
)
from .errors import CaseError, PlanError, PushbackError
from .plan import PushbackPlan
from .process import PREREQUISITES, SOURCES, STAGE_KEYS, STAGES, Prerequisite, Source, Stage, stage

__version__ = "0.2.0.dev0"  # the one version source: pyproject.toml reads it

# Names served lazily: name -> submodule that defines it.
_LAZY: dict[str, str] = {
    "cases": "pushback_lib.cases",
    "load_case": "pushback_lib.cases",
    "cases_dir": "pushback_lib.cases",
    "debrief": "pushback_lib.cases",
    "Debrief": "pushback_lib.cases",
    "score": "pushback_lib.rubric",
    "RubricResult": "pushback_lib.rubric",
    "CriterionResult": "pushback_lib.rubric",
    "Penalty": "pushback_lib.rubric",
    "decide": "pushback_lib.decision",
    "Decision": "pushback_lib.decision",
    "analyze": "pushback_lib.analyzer",
    "Analysis": "pushback_lib.analyzer",
    "Finding": "pushback_lib.analyzer",
    "Suggestion": "pushback_lib.analyzer",
    "Contradiction": "pushback_lib.analyzer",
    "COMPONENTS": "pushback_lib.analyzer",
    "FLAGS": "pushback_lib.analyzer",
    "disagree": "pushback_lib.analyzer",
    "check": "pushback_lib.grading.selfcheck",
}

__all__ = [
    "STAGES", "STAGE_KEYS", "PREREQUISITES", "SOURCES", "Stage", "Prerequisite", "Source", "stage",
    "Case", "Person", "Challenge", "Fact", "Analogy", "Alternative", "Ally", "DecisionInputs",
    "ExpertOutcome", "PROPS", "PushbackPlan",
    "PushbackError", "CaseError", "PlanError",
    *_LAZY,
    *("charts", "widgets"),
]

# Views served lazily as submodules, so ``pb.widgets.RolePlay`` works after a
# bare ``import pushback_lib as pb`` without importing matplotlib or ipywidgets
# until then.
_LAZY_MODULES = ("charts", "widgets")


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f"pushback_lib.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pushback_lib' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    # ``name as name``: an explicit re-export of the lazily served API.
    from . import charts as charts
    from . import widgets as widgets
    from .analyzer import COMPONENTS as COMPONENTS
    from .analyzer import FLAGS as FLAGS
    from .analyzer import Analysis as Analysis
    from .analyzer import Contradiction as Contradiction
    from .analyzer import Finding as Finding
    from .analyzer import Suggestion as Suggestion
    from .analyzer import analyze as analyze
    from .cases import Debrief as Debrief
    from .cases import cases as cases
    from .cases import cases_dir as cases_dir
    from .cases import debrief as debrief
    from .cases import load_case as load_case
    from .decision import Decision as Decision
    from .decision import decide as decide
    from .grading.selfcheck import check as check
    from .rubric import CriterionResult as CriterionResult
    from .rubric import Penalty as Penalty
    from .rubric import RubricResult as RubricResult
    from .rubric import score as score
