"""The numbers behind the dashboard: where the cohort stands, computed once, checked by tests.

Every figure of the dashboard is drawn from a ``CohortSummary`` and so is its
text alternative, so the picture, the words and the tests cannot disagree.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ...process import STAGE_KEYS, stage
from .scores import UNMAPPED, CellScore, mastery, totals

__all__ = ["CohortSummary", "Struggling", "summarize", "stage_label"]


def stage_label(key: str) -> str:
    """A stage's name for a chart axis (``unmapped`` stays as it is)."""
    return stage(key).name if key in STAGE_KEYS else key


@dataclass(frozen=True)
class Struggling:
    """A student who needs help: overall below the threshold, or weak on some stage."""

    student: str
    overall: float
    """Fraction of all points over every graded cell the student submitted."""
    weak_stages: tuple[str, ...]
    """Stage keys where the student is below the threshold, weakest first."""


@dataclass(frozen=True)
class CohortSummary:
    """Fractions (0..1) per assignment, stage and criterion, and who needs help."""

    threshold: float
    distributions: dict[str, dict[str, float]]
    """assignment -> student -> fraction of the assignment's points."""
    stages: dict[str, float]
    """stage key -> mean over students of their fraction on that stage."""
    criteria: dict[str, float]
    """rubric criterion -> mean over students of their fraction on it."""
    struggling: tuple[Struggling, ...]
    """Weakest first."""


def _mean_fraction(per_student: dict[str, tuple[float, float]]) -> float:
    fractions = [s / m for s, m in per_student.values() if m]
    return statistics.fmean(fractions) if fractions else 0.0


def summarize(scores: list[CellScore], threshold: float = 0.6) -> CohortSummary:
    """Summarize a cohort's cell scores; ``threshold`` is the mastery line (default 60%)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"the mastery threshold must be in (0, 1], got {threshold}")
    distributions = {a: {s: (sc / mx if mx else 0.0) for s, (sc, mx) in st.items()}
                     for a, st in totals(scores).items()}
    by_stage = mastery(scores, "stages")
    stages = {k: _mean_fraction(v) for k, v in by_stage.items()}
    criteria = {k: _mean_fraction(v) for k, v in mastery(scores, "criteria").items()}
    overall: dict[str, list[float]] = {}
    for c in scores:
        acc = overall.setdefault(c.student, [0.0, 0.0])
        acc[0] += c.score
        acc[1] += c.max_score
    struggling = []
    for student, (sc, mx) in overall.items():
        frac = sc / mx if mx else 0.0
        weak = sorted(((v[student][0] / v[student][1], k) for k, v in by_stage.items()
                       if k != UNMAPPED and student in v and v[student][1] and
                       v[student][0] / v[student][1] < threshold))
        if frac < threshold or weak:
            struggling.append(Struggling(student, frac, tuple(k for _, k in weak)))
    struggling.sort(key=lambda s: (s.overall, s.student))
    return CohortSummary(threshold, distributions, stages, criteria, tuple(struggling))
