"""The result of scoring a pushback plan: one criterion per stage, plus penalties.

Kept apart from the scoring rules (:mod:`pushback_lib.rubric.scoring`) so the types can
be shown, compared and reused by grading and widgets without the rules. A
result renders itself as an HTML table in a notebook and as plain text
elsewhere.

No oracle before the debrief. What a learner sees by default (``str(result)``,
the HTML table, ``CriterionResult.reason``, ``Penalty.reason`` and
``Penalty.ref``) never names which fact is unverified, which ally the
stakeholder does not trust, which analogy is out of category or which option
is the recommended one: "one fact you cite would not survive a check" costs
the same points as naming it, but adding and removing ids one at a time no
longer reads the labels back. The named version is kept for the moment the
labels are meant to be seen (a debrief after the learner commits, graded
feedback after the deadline):

- ``result.explain(reveal=True)``: the whole result as text, items named;
- ``criterion.reason_for(reveal=True)``, ``penalty.reason_for(reveal=True)``
  and ``penalty.ref_for(reveal=True)``: one line each, for other renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .._html import badge, table

__all__ = ["Level", "LEVELS", "CriterionResult", "Penalty", "RubricResult"]

Level = Literal["missing", "weak", "good", "strong", "not needed"]
LEVELS: tuple[str, ...] = ("missing", "weak", "good", "strong", "not needed")
"""``not needed``: the case marks the stage unnecessary, so it is worth 0 of 0 (see
``Case.unnecessary_stages``); the other levels grade what the plan did."""


@dataclass(frozen=True)
class CriterionResult:
    """How the plan did on one stage of the process."""

    stage: str
    """A key of ``pushback_lib.STAGES``."""
    name: str
    """The stage's short name, shown to learners."""
    points: int
    max_points: int
    level: Level
    reason: str
    """What earned the points, and what to do to earn the rest; never names a hidden label."""
    revealed: str = ""
    """The reason with the judged items named (which fact, which ally), for the debrief or
    graded feedback after grading; empty when it would say nothing more than ``reason``."""

    def reason_for(self, reveal: bool = False) -> str:
        """The learner-facing reason, or (``reveal=True``, after grading) the named one."""
        return self.revealed if reveal and self.revealed else self.reason

    @property
    def needed(self) -> bool:
        """False for a stage the case makes unnecessary (worth 0 of 0)."""
        return self.level != "not needed"

    @property
    def fraction(self) -> float:
        """Share of the points earned; a stage that is not needed has nothing missing (1.0)."""
        if not self.needed:
            return 1.0
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class Penalty:
    """An accuracy or credibility deduction, visible to the learner."""

    points: int
    field: str
    """The plan field holding the offending id, e.g. ``evidence``."""
    ref: str
    """The id that caused it; empty when naming it would give a label away (see ``revealed_ref``)."""
    reason: str
    """Why, for the learner; never names an unverified fact or an untrusted ally."""
    revealed_ref: str = ""
    """The id behind a penalty whose ``ref`` is withheld, for the debrief only."""
    revealed: str = ""
    """The reason with the item named, for the debrief only; empty when ``reason`` says it all."""

    def ref_for(self, reveal: bool = False) -> str:
        return self.revealed_ref if reveal and self.revealed_ref else self.ref

    def reason_for(self, reveal: bool = False) -> str:
        return self.revealed if reveal and self.revealed else self.reason


@dataclass(frozen=True)
class RubricResult:
    """Every criterion, every penalty and the total (never below 0)."""

    case_id: str
    criteria: tuple[CriterionResult, ...]
    penalties: tuple[Penalty, ...] = ()

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria)

    @property
    def total(self) -> int:
        earned = sum(c.points for c in self.criteria)
        return max(0, earned - sum(p.points for p in self.penalties))

    @property
    def fraction(self) -> float:
        return self.total / self.max_total if self.max_total else 0.0

    def by_stage(self) -> dict[str, float]:
        """Fraction of the points earned per stage key (before penalties); 1.0 when not needed."""
        return {c.stage: c.fraction for c in self.criteria}

    @property
    def skipped(self) -> tuple[CriterionResult, ...]:
        """The criteria of stages this case makes unnecessary."""
        return tuple(c for c in self.criteria if not c.needed)

    def criterion(self, stage: str) -> CriterionResult:
        """The criterion for a stage key; ``KeyError`` names the scored stages."""
        for c in self.criteria:
            if c.stage == stage:
                return c
        raise KeyError(f"no criterion for {stage!r}; scored stages: "
                       f"{', '.join(c.stage for c in self.criteria)}")

    def explain(self, reveal: bool = False) -> str:
        """The result as text. ``reveal=True`` names the judged items (which fact is
        unverified, which ally is not trusted): only for a debrief after the learner commits,
        or graded feedback after the deadline."""
        width = max(len(c.name) for c in self.criteria) if self.criteria else 10
        lines = [f"Rubric for case {self.case_id}: {self.total}/{self.max_total}"]
        for c in self.criteria:
            lines.append(f"  {c.name:<{width}}  {c.points}/{c.max_points}  {c.level:<7}  "
                         f"{c.reason_for(reveal)}")
        for p in self.penalties:
            ref = p.ref_for(reveal)
            where = f"{p.field}: {ref}" if ref else p.field
            lines.append(f"  Penalty -{p.points} ({where}): {p.reason_for(reveal)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain(reveal=False)

    def _repr_html_(self) -> str:
        rows = [(c.name, f"{c.points}/{c.max_points}", badge(c.level), c.reason)
                for c in self.criteria]
        rows += [("Accuracy penalty", f"-{p.points}", badge("penalty", "#D55E00"),
                  f"{p.field}: {p.ref}. {p.reason}" if p.ref else f"{p.field}. {p.reason}")
                 for p in self.penalties]
        return table(("Stage", "Points", "Level", "Why, and what to do next"), rows,
                     caption=f"Rubric for case {self.case_id}",
                     footer=[("Total", f"{self.total}/{self.max_total}",
                              f"{self.fraction:.0%}", "")])

    def __repr__(self) -> str:
        return (f"RubricResult(case_id={self.case_id!r}, total={self.total}, "
                f"max_total={self.max_total}, penalties={len(self.penalties)})")

