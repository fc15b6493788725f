"""The analyzer's vocabulary: the six components, the two flags, and the stage each belongs to.

Kept apart from the rules so that tests, the bench, the corpus checker and the
rendering all read the same names, and so that a label can never drift from the
stage of the process (``pushback_lib.STAGES``) its feedback points to.
"""

from __future__ import annotations

__all__ = ["COMPONENTS", "FLAGS", "LABELS", "LABEL_STAGE", "DEFINITIONS", "NOT_SURE", "CONTRADICTION",
           "RULED_OUT_BY", "hard_rules"]

COMPONENTS: tuple[str, ...] = (
    "acknowledge", "business_reason", "evidence", "alternative", "involve", "let_go",
)
"""What a good pushback draft can contain (issue 4's contract, in this order)."""

FLAGS: tuple[str, ...] = ("aggressive", "opinion_only")
"""What a draft should not do."""

CONTRADICTION = "contradiction"
"""Finding label for a claim that disagrees with one of the case's facts."""

LABELS: tuple[str, ...] = (*COMPONENTS, *FLAGS)

LABEL_STAGE: dict[str, str] = {
    "acknowledge": "listen",
    "business_reason": "build_case",
    "evidence": "evidence",
    "alternative": "alternative",
    "involve": "enlist",
    "let_go": "close",
    "aggressive": "deliver",
    "opinion_only": "build_case",
    CONTRADICTION: "build_case",
}
"""The stage of the process (a key of ``pushback_lib.STAGES``) each label's feedback belongs to."""

DEFINITIONS: dict[str, str] = {
    "acknowledge": "shows the writer understood the other person's view, concern or feedback "
                   "before disagreeing",
    "business_reason": "grounds the disagreement in a business outcome, goal or constraint of the "
                       "client or stakeholder, not personal taste",
    "evidence": "cites a specific fact, document, number, past example, analogous case or "
                "success story",
    "alternative": "proposes a concrete alternative, recommendation or next step",
    "involve": "brings other people in or proposes a joint session",
    "let_go": "gracefully accepts the other's decision while keeping the relationship",
    "aggressive": "hostile, blaming, absolute, sarcastic or belittling language, or shouting",
    "opinion_only": "the disagreement rests only on personal feeling or taste, with no business "
                    "reason or evidence",
    CONTRADICTION: "a claim that contradicts one of the case's facts (the accuracy prerequisite)",
}
"""One line per label, in the words of issue 4; shown to learners beside each finding."""

NOT_SURE: dict[str, str] = {
    "acknowledge": "not sure whether this acknowledges their view",
    "business_reason": "not sure whether this grounds the disagreement in their business",
    "evidence": "not sure whether this cites evidence",
    "alternative": "not sure whether this proposes a concrete alternative",
    "involve": "not sure whether this brings anyone in",
    "let_go": "not sure whether this lets go gracefully",
    "aggressive": "not sure whether the tone reads as hostile or sarcastic",
    "opinion_only": "not sure whether the disagreement rests on more than a feeling",
}
"""What the learner is told, in plain words, about a label the analyzer will not call: a
question left open, neither praise nor blame (``Analysis.unsure``)."""


RULED_OUT_BY: dict[str, tuple[str, ...]] = {
    "acknowledge": ("aggressive",),
    "let_go": ("aggressive",),
    "opinion_only": ("business_reason", "evidence"),
}
"""The labelling guide's two hard rules (``corpus/GUIDE.md``) as data: a label is never present
beside any label listed for it. No ``acknowledge`` or ``let_go`` beside ``aggressive`` (never
praise hostility); no ``opinion_only`` beside a ``business_reason`` or ``evidence`` (an opinion
with a reason is not opinion only). The learned model reads these labels the same way
(:mod:`.model`, "conditional")."""


def hard_rules(labels: set[str] | frozenset[str]) -> frozenset[str]:
    """A label set with the labelling guide's hard rules (``RULED_OUT_BY``) applied."""
    out = set(labels)
    return frozenset(label for label in out if not out.intersection(RULED_OUT_BY.get(label, ())))
