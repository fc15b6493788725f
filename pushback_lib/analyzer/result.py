"""The analyzer's answer as small frozen values: findings, suggestions, contradictions, the analysis.

Plain data so a test, an exercise or an instructor script can compare and
store them; the notebook rendering lives in :mod:`.render` and is reached
through ``Analysis._repr_html_``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .labels import COMPONENTS, FLAGS, NOT_SURE

__all__ = ["Finding", "Suggestion", "Contradiction", "Analysis"]


@dataclass(frozen=True)
class Finding:
    """One piece of text that triggered a label, and why."""

    label: str
    """A component, a flag, or ``"contradiction"``."""
    start: int
    """Character offset of the span in the draft (inclusive)."""
    end: int
    """Character offset just past the span."""
    quote: str
    """The draft's text between ``start`` and ``end``."""
    why: str
    """The reason, in the course's words, this span counts for the label."""


@dataclass(frozen=True)
class Suggestion:
    """What to add or change next, tied to a stage of the process."""

    stage: str
    """A key of ``pushback_lib.STAGES``."""
    text: str


@dataclass(frozen=True)
class Contradiction:
    """A claim in the draft that disagrees with a case fact: one wrong fact sinks the case."""

    fact_id: str
    fact_text: str
    start: int
    end: int
    quote: str
    said: str
    """The value the draft states (a number or a date word)."""
    expected: str
    """The value(s) the case fact holds."""
    prerequisite: str = "accuracy"


@dataclass(frozen=True)
class Analysis:
    """Formative feedback on one draft: what it contains, what it should not do, what next."""

    text: str = field(repr=False)
    components: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    findings: tuple[Finding, ...] = ()
    """The spans behind each call and why. Worked out when first read (the rules that find
    them compile once per process), so scoring many drafts does not pay for explanations."""
    suggestions: tuple[Suggestion, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    prescore: float = 0.0
    """0..1 for instructors: the share of the six components present, minus a deduction per flag
    and per contradiction. A pre-score to start manual grading from, never a grade."""
    cited_facts: tuple[str, ...] = ()
    """Ids of the case's facts the draft cites (empty without a case)."""
    confidence: dict[str, float] = field(default_factory=dict)
    """Label -> calibrated probability that the label applies (rounded to 3 places). A label is
    present from its threshold on (``threshold``; 0.25 to 0.75, chosen on writers the model
    never saw)."""
    threshold: dict[str, float] = field(default_factory=dict, repr=False)
    """Label -> the probability from which the analyzer calls it present."""
    unsure: frozenset[str] = frozenset()
    """Labels whose probability lies between 0.2 and 0.8: the analyzer will not call them, and says
    what would make them clear instead of guessing."""
    model: str = ""
    """Version of the trained model that made the calls."""
    explain: Callable[[], tuple[Finding, ...]] | None = field(default=None, repr=False,
                                                              compare=False)
    """How to find the spans when ``findings`` is first read (set by ``analyze``)."""

    def __getattribute__(self, name: str) -> object:
        if name == "findings":
            explain = object.__getattribute__(self, "explain")
            if explain is not None:  # first read: find the spans once, keep them
                object.__setattr__(self, "explain", None)
                object.__setattr__(self, "findings", explain())
        return object.__getattribute__(self, name)

    def __repr__(self) -> str:
        """Like the dataclass repr, but with the label sets in a fixed order (``COMPONENTS`` /
        ``FLAGS``), so a notebook's stored output does not change with Python's hash seed."""
        def ordered(labels: frozenset[str], order: tuple[str, ...]) -> str:
            inner = ", ".join(repr(x) for x in (*order, *sorted(labels - set(order))) if x in labels)
            return f"frozenset({{{inner}}})" if inner else "frozenset()"
        return (f"Analysis(components={ordered(self.components, COMPONENTS)}, "
                f"flags={ordered(self.flags, FLAGS)}, findings={self.findings!r}, "
                f"suggestions={self.suggestions!r}, contradictions={self.contradictions!r}, "
                f"prescore={self.prescore!r}, cited_facts={self.cited_facts!r}, "
                f"confidence={{{', '.join(f'{k!r}: {v!r}' for k, v in self.confidence.items())}}}, "
                f"unsure={ordered(self.unsure, (*COMPONENTS, *FLAGS))}, model={self.model!r})")

    def findings_for(self, label: str) -> tuple[Finding, ...]:
        """The findings of one label, in text order."""
        return tuple(f for f in self.findings if f.label == label)

    def __str__(self) -> str:
        present = [c for c in COMPONENTS if c in self.components and c not in self.unsure]
        missing = [c for c in COMPONENTS if c not in self.components and c not in self.unsure]
        flags = [f for f in FLAGS if f in self.flags and f not in self.unsure]
        unsure = [x for x in (*COMPONENTS, *FLAGS) if x in self.unsure]
        lines = [f"Pre-score {self.prescore:.2f}",
                 f"Components present: {', '.join(present) or 'none'}",
                 f"Components missing: {', '.join(missing) or 'none'}",
                 f"Flags: {', '.join(flags) or 'none'}"]
        if unsure:
            lines.append(f"Not sure: {'; '.join(f'{x} ({NOT_SURE[x]})' for x in unsure)}")
        if self.findings:
            lines.append("Findings:")
            lines += [f"  [{f.label}] {f.quote!r} ({f.start}-{f.end}): {f.why}" for f in self.findings]
        if self.contradictions:
            lines.append("Contradictions with the case:")
            lines += [f"  {c.quote!r} says {c.said}, but fact {c.fact_id} says {c.expected}"
                      for c in self.contradictions]
        if self.suggestions:
            lines.append("Next:")
            lines += [f"  ({s.stage}) {s.text}" for s in self.suggestions]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .render import analysis_html
        return analysis_html(self)
