"""What to add or change next: one suggestion per gap, each tied to a stage of the process.

The order follows the process (listen first, close last) so a learner works
through the feedback the way they would work through the stages.
"""

from __future__ import annotations

from functools import lru_cache

from .labels import LABEL_STAGE, NOT_SURE
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


_CLARIFY: dict[str, str] = {
    "acknowledge": "restate what they want in your own words, plainly and without a 'but' "
                   "('You need the pack to stand out').",
    "business_reason": "say how the decision touches a goal, cost, deadline or risk they care about "
                       "('...which puts the March deadline at risk').",
    "evidence": "name the specific fact, number, document or past example you rely on "
                "('the pilot site shipped late for three weeks').",
    "alternative": "spell out the different way forward (what, who, by when) rather than asking to "
                   "revisit or discuss.",
    "involve": "name who should join, or propose the session plainly.",
    "let_go": "if you accept their decision, say so plainly and warmly ('It's your call, and we'll "
              "make it work').",
    "aggressive": "some words may read as sharp or sarcastic; read it aloud as they would hear it, "
                  "and keep it on the content.",
    "opinion_only": "add the business reason or a fact behind it.",
}
"""What would make each label clear, after the plain "not sure whether..." (``labels.NOT_SURE``)."""
_PRAISE_WITHHELD = (" No credit for it while the tone may read as hostile or sarcastic: warmth next to "
                    "a jab sounds like sarcasm.")
_PRAISE = frozenset({"acknowledge", "let_go"})


def _clarify(label: str, tone_doubt: bool) -> str:
    """"Not sure whether ...: what would make it clear", and why no credit when the tone is in doubt."""
    text = f"{NOT_SURE[label][0].upper()}{NOT_SURE[label][1:]}: {_CLARIFY[label]}"
    return text + (_PRAISE_WITHHELD if tone_doubt and label in _PRAISE else "")


@lru_cache(maxsize=1024)  # a pure function of few distinct inputs: most drafts share their labels
def suggestions(components: frozenset[str], flags: frozenset[str],
                contradictions: tuple[Contradiction, ...],
                unverified: tuple[str, ...] = (), *, unsure: frozenset[str] = frozenset(),
                focus: str | None = None, withheld: frozenset[str] = frozenset()) -> tuple[Suggestion, ...]:
    """Suggestions for a draft with these labels, in the order of the process.

    A label the analyzer is not sure about is neither praised nor criticised: its
    suggestion says plainly that it is not sure ("Not sure whether this acknowledges
    their view") and what would make it clear; an acknowledgement or let-go beside
    a tone that may be hostile (or one held back in ``withheld`` because hostility is not ruled
    out firmly enough, :func:`.core.praise_withheld`) is also told why it gets no credit. With ``focus``
    (a stage key), only that stage's suggestions and those about tone and accuracy
    are kept: an exercise about listening should not push the learner to add evidence.
    """
    out: list[tuple[int, Suggestion]] = []
    order = {k: i for i, k in enumerate(("listen", "decide", "build_case", "evidence", "alternative",
                                         "enlist", "deliver", "close"))}
    letting_go = "let_go" in components and "let_go" not in unsure
    tone_doubt = "aggressive" in flags or "aggressive" in unsure
    for label, text in _MISSING.items():
        if label in unsure:
            stage = LABEL_STAGE[label]
            out.append((order[stage], Suggestion(stage, _clarify(label, tone_doubt or label in withheld))))
            continue
        if label in components:
            continue
        if letting_go and label in ("alternative", "involve"):
            continue  # a graceful let-go does not need a new proposal or an ally
        out.append((order[LABEL_STAGE[label]], Suggestion(LABEL_STAGE[label], text)))
    if "let_go" in unsure:
        doubt = tone_doubt or "let_go" in withheld
        out.append((order["close"], Suggestion("close", _clarify("let_go", doubt))))
    for flag in ("aggressive", "opinion_only"):
        if flag in unsure:  # neither blamed nor cleared: say it is open, and how to settle it
            out.append((order[LABEL_STAGE[flag]], Suggestion(LABEL_STAGE[flag], _clarify(flag, tone_doubt))))
        elif flag in flags:
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
    if focus is not None:
        keep = {focus, "deliver"} | ({"build_case"} if contradictions or unverified else set())
        out = [(i, s) for i, s in out if s.stage in keep]
    out.sort(key=lambda pair: pair[0])
    return tuple(s for _, s in out)
