"""A case study as a value: the data every lesson, exercise and widget reads.

Case files live in ``pushback_lib/data/cases/<id>.yaml`` and are turned into these frozen
dataclasses by :mod:`pushback_lib.cases.loading`. Everything here is plain data, so a
case can be compared, hashed and shown without side effects.

The expert's judgements (``verified``, ``in_category``, ``recommended``,
``trusted_by_stakeholder``, each with its ``why``; ``unnecessary_stages``;
``decision_inputs``; ``expert_outcome``) are left out of every learner-facing
view: ``repr``, ``str(case)`` and the notebook display show the brief only
(:mod:`pushback_lib.cases.views`). ``case.debrief(plan, call)`` reveals them,
after the learner has committed to a call of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..plan import PushbackPlan
    from .views import Debrief

__all__ = ["PROPS", "CHOICES", "Person", "Challenge", "Fact", "Analogy", "Alternative",
           "Ally", "SKIPPABLE_STAGES", "UnnecessaryStages", "DecisionInputs", "ExpertOutcome", "Case"]

PROPS: tuple[str, ...] = (
    "brief", "contact_report", "email_chain", "interview_notes", "cv", "data", "meeting_notes",
)
"""The documents ('props') a fact can rest on."""

CHOICES: tuple[str, ...] = ("push_back", "let_go")
"""The two choices every case comes down to."""

Choice = Literal["push_back", "let_go"]


@dataclass(frozen=True)
class Person:
    """Someone in the case: you, the stakeholder, or an ally."""

    name: str
    role: str
    organisation: str = ""


@dataclass(frozen=True)
class Challenge:
    """A challenge or goal the stakeholder has shared; business reasons link to these."""

    id: str
    text: str


@dataclass(frozen=True)
class Fact:
    """Something you know, resting on a prop; only verified facts are safe to cite."""

    id: str
    text: str
    prop: str
    """One of ``PROPS``."""
    verified: bool | None = field(default=None, repr=False)
    """False for a claim nobody can source, or a figure measured on something else (costs credibility).
    None only while the case's labels are withheld (:attr:`Case.labelled`)."""
    why: str = field(default="", repr=False)
    """One line for the debrief: why the label is what it is (shown only after the learner commits)."""


@dataclass(frozen=True)
class Analogy:
    """An analogous example or success story that lowers the stakeholder's risk."""

    id: str
    text: str
    kind: Literal["example", "success_story"] = "example"
    in_category: bool | None = field(default=None, repr=False)
    """True when it comes from the same industry or category (a labelled case: True unless set)."""
    why: str = field(default="", repr=False)
    """One line for the debrief: why the label is what it is (shown only after the learner commits)."""


@dataclass(frozen=True)
class Alternative:
    """A way forward you could recommend; ``recommended`` marks the expert's pick."""

    id: str
    text: str
    recommended: bool | None = field(default=None, repr=False)
    """The expert's pick (a labelled case: False unless set)."""
    why: str = field(default="", repr=False)
    """One line for the debrief: why the label is what it is (shown only after the learner commits)."""


@dataclass(frozen=True)
class Ally:
    """Someone who could support the pushback."""

    id: str
    name: str
    role: str
    trusted_by_stakeholder: bool | None = field(default=None, repr=False)
    """Whether the stakeholder trusts them (a labelled case: False unless set)."""
    why: str = field(default="", repr=False)
    """One line for the debrief: why the label is what it is (shown only after the learner commits)."""


SKIPPABLE_STAGES: tuple[str, ...] = ("evidence", "alternative", "enlist")
"""The stages a case may mark unnecessary; listening, the business reason, the delivery and
the close are part of every pushback, however small."""


@dataclass(frozen=True)
class UnnecessaryStages:
    """Stages this case makes unnecessary, each with the reason (empty: the stage is needed).

    The process is a checklist to adapt, not a fixed recipe: on a small issue,
    enlisting an ally or hunting for analogies is overkill. A case says so here,
    and the rubric then accepts a plan that skips the stage. Only the stages in
    ``SKIPPABLE_STAGES`` can be named, so a typo is an unknown field.
    """

    evidence: str = ""
    alternative: str = ""
    enlist: str = ""

    def reasons(self) -> dict[str, str]:
        """``{stage key: why it is unnecessary}`` for the stages this case marks."""
        return {key: why for key in SKIPPABLE_STAGES if (why := getattr(self, key))}


@dataclass(frozen=True)
class DecisionInputs:
    """The inputs of :func:`pushback_lib.decide`, each on a 0 to 1 scale.

    A case carries the values an expert would read off its situation, so the
    decision explorer and the exercises start from the same numbers.
    """

    stakes: float
    """How much value is at stake for the stakeholder (0 trivial, 1 critical)."""
    evidence: float
    """How strong and verified your evidence is."""
    credibility: float
    """How much the stakeholder trusts your judgement."""
    openness: float
    """How open the stakeholder is to a different view right now."""
    relationship_risk: float
    """How much pushing back could damage the relationship."""
    timing: float
    """How good the moment is (1 = right time and place, 0 = too late or wrong forum)."""


@dataclass(frozen=True)
class ExpertOutcome:
    """What an experienced practitioner did, and why it worked (or would)."""

    choice: Choice
    summary: str
    reasoning: str


@dataclass(frozen=True)
class Case:
    """A whole case study, as loaded from one case file."""

    id: str
    title: str
    sector: str
    """One of recruitment, agency, consulting, internal, or another short word."""
    you: Person
    stakeholder: Person
    situation: str
    decision: str
    """The decision you may want to challenge."""
    stakeholder_wants: tuple[str, ...]
    challenges: tuple[Challenge, ...]
    facts: tuple[Fact, ...]
    analogies: tuple[Analogy, ...]
    stakes: str
    """What is at stake, in words."""
    relationship: str
    """The state of the relationship, in words."""
    alternatives: tuple[Alternative, ...]
    allies: tuple[Ally, ...]
    decision_inputs: DecisionInputs | None = field(default=None, repr=False)
    """None only while the labels are withheld (:attr:`labelled`)."""
    expert_outcome: ExpertOutcome | None = field(default=None, repr=False)
    """None only while the labels are withheld (:attr:`labelled`)."""
    unnecessary_stages: UnnecessaryStages = field(default=UnnecessaryStages(), repr=False)
    """Stages a plan may skip for this case, with the reason (see :class:`UnnecessaryStages`)."""
    source: str = ""
    """The article key (``"000"``, ``"003"``) for a seed case, else empty."""
    path: str = field(default="", compare=False)
    """Where the case was loaded from (for error messages)."""
    labels_from: str = field(default="", compare=False, repr=False)
    """The file the expert's labels came from: the case file itself, or a label overlay
    (``keys/cases/<id>.yaml``, :mod:`pushback_lib.cases.keys`); empty while they are withheld."""

    @property
    def labelled(self) -> bool:
        """True when the expert's labels are known (a brief-only case before its debrief: False)."""
        return self.decision_inputs is not None and self.expert_outcome is not None

    def expert(self, what: str) -> tuple[DecisionInputs, ExpertOutcome]:
        """The expert's reading and outcome; ``LabelsWithheld`` (naming ``what``) while withheld."""
        self.require_labels(what)
        assert self.decision_inputs is not None and self.expert_outcome is not None
        return self.decision_inputs, self.expert_outcome

    def require_labels(self, what: str) -> Case:
        """This case, if its labels are known; else ``LabelsWithheld`` saying when and how they open.

        Everything that judges against the labels (the rubric, the debrief, the
        model's reading) calls this first, so a withheld label is never read as
        "not verified" or "not trusted".
        """
        if not self.labelled:
            from ..errors import LabelsWithheld

            raise LabelsWithheld(self.id, what)
        return self

    def fact(self, fact_id: str) -> Fact | None:
        """The fact with this id, or None when the case has none."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def challenge(self, challenge_id: str) -> Challenge | None:
        """The challenge with this id, or None."""
        return next((c for c in self.challenges if c.id == challenge_id), None)

    def analogy(self, analogy_id: str) -> Analogy | None:
        return next((a for a in self.analogies if a.id == analogy_id), None)

    def ally(self, ally_id: str) -> Ally | None:
        return next((a for a in self.allies if a.id == ally_id), None)

    def alternative(self, alternative_id: str) -> Alternative | None:
        return next((a for a in self.alternatives if a.id == alternative_id), None)

    def __repr__(self) -> str:
        return f"Case(id={self.id!r}, title={self.title!r})"

    def __str__(self) -> str:
        """The learner's brief as text: the situation and the documents, no expert labels."""
        from .views import brief  # same package; deferred because it imports this module

        return brief(self)

    def _repr_html_(self) -> str:
        from .views import brief_html

        return brief_html(self)

    def brief_markdown(self) -> str:
        """The learner's brief as Markdown, for a lesson cell or a handout; no expert labels."""
        from .views import brief_markdown

        return brief_markdown(self)

    def debrief(self, plan: PushbackPlan | None = None, call: str | None = None) -> Debrief:
        """The reveal, for after the learner commits: every label with its reason and the
        expert outcome; with the learner's ``plan`` and ``call``, where they differ."""
        from .views import debrief

        return debrief(self, plan, call)

    def unnecessary(self, stage_key: str) -> str:
        """Why this case makes the stage unnecessary, or ``""`` when it is needed."""
        return self.unnecessary_stages.reasons().get(stage_key, "")
