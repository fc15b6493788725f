"""What to add or change next: one suggestion per gap, each tied to a stage of the process.

The order follows the process (listen first, close last) so a learner works
through the feedback the way they would work through the stages.
"""

from __future__ import annotations

from .labels import LABEL_STAGE
from .result import Contradiction, Suggestion

__all__ = ["suggestions", "EMPTY"]

EMPTY = Suggestion("listen", "Write something first: a few sentences of the email or of what you "
                             "will say on the call, then ask for feedback again.")

_MISSING: dict[str, str] = {
    "acknowledge": "Open by showing you understood their view: restate their concern in their words "
                   "before you disagree ('I can see why the budget worries you...').",
    "business_reason": "Ground the disagreement in their business: a goal, cost, deadline or challenge "
                       "they shared with you, not your taste.",
    "evidence": "Add a specific fact, number or document (the brief, interview notes, the email chain), "
                "or an example of what worked in a similar situation.",
    "alternative": "Recommend a concrete alternative or next step: 'I disagree' is easy, a different "
                   "solution is what sells.",
    "involve": "Consider bringing someone in: a colleague they trust, or on a big issue a meeting with "
               "everyone in the room to work it through.",
}

_FLAG: dict[str, str] = {
    "aggressive": "Take the heat out: drop the blaming, absolute or sarcastic words and capitals, and keep "
                  "the talk on the content of the issue (agreement, then concern, then a way forward).",
    "opinion_only": "Your disagreement rests on taste or feeling only: say what it means for their business "
                    "and back it with a fact or an example.",
}


def suggestions(components: frozenset[str], flags: frozenset[str],
                contradictions: tuple[Contradiction, ...],
                unverified: tuple[str, ...] = ()) -> tuple[Suggestion, ...]:
    """Suggestions for a draft with these labels, in the order of the process."""
    out: list[tuple[int, Suggestion]] = []
    order = {k: i for i, k in enumerate(("listen", "decide", "build_case", "evidence", "alternative",
                                         "enlist", "deliver", "close"))}
    letting_go = "let_go" in components
    for label, text in _MISSING.items():
        if label in components:
            continue
        if letting_go and label in ("alternative", "involve"):
            continue  # a graceful let-go does not need a new proposal or an ally
        out.append((order[LABEL_STAGE[label]], Suggestion(LABEL_STAGE[label], text)))
    for flag in ("aggressive", "opinion_only"):
        if flag in flags:
            out.append((order[LABEL_STAGE[flag]], Suggestion(LABEL_STAGE[flag], _FLAG[flag])))
    for c in contradictions:
        out.append((order["build_case"], Suggestion(
            "build_case", f"Accuracy: you say {c.said}, but the case's fact {c.fact_id!r} says "
                          f"{c.expected}. Correct it: one wrong fact sinks the whole case.")))
    for fact_id in unverified:
        out.append((order["build_case"], Suggestion(
            "build_case", f"You cite fact {fact_id!r}, which is not verified: check it first, "
                          f"or leave it out to protect your credibility.")))
    if not letting_go and components and "alternative" in components:
        out.append((order["close"], Suggestion(
            "close", "Plan the close: aim for a win/win, and know what you will say if the answer is "
                     "still no, so you can let go without anyone being angered.")))
    out.sort(key=lambda pair: pair[0])
    return tuple(s for _, s in out)
