"""Checks for free-text answers: a draft that uses the case, scored by the analyzer's pre-score.

The analyzer's pre-score rewards the *shape* of a pushback (acknowledgement,
a business reason, a way forward), which a well-made generic draft has too:
58 polite words about "your goals" and "the data" would reach it without a
single word from the case. So the draft earns nothing until it does what a
pushback cannot do without: put one of the case's facts and one of the
stakeholder's own challenges into the learner's own words. A sentence copied
from the case (most of its words from one of the case's texts, or a long run
of them verbatim) is set aside first: pasting is not using.

The pre-score is partial credit only; a manually graded cell next to the
draft question carries the instructor's judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._text import sentences, terms, words
from .checks import CheckResult
from .kit import case_names, case_texts
from .plain import Plain

if TYPE_CHECKING:
    from ..cases import Case

__all__ = ["draft_checks", "draft_use", "DraftUse", "FULL_MARKS_AT", "MIN_WORDS",
           "COPIED_SHARE", "VERBATIM_RUN", "VERBATIM_SHARE"]

FULL_MARKS_AT = 0.8
"""Pre-score that earns the whole weight (below it, credit scales linearly)."""
MIN_WORDS = 40
COPIED_SHARE = 0.85
"""A sentence with this share of its terms from one text of the case is a copy of it."""
VERBATIM_RUN = 6
"""Words in a row repeated from the case's text that count as a pasted stretch (a quoted figure
such as "aged 25 to 34" is shorter)."""
VERBATIM_SHARE = 0.6
"""A sentence whose words lie this much in pasted stretches is a copy, whatever it adds."""

_TONE = ("whether any sentence reads as aggressive (blame, sarcasm, 'you signed this off'); an "
         "aggressive pushback never works, however right it is")
_SUBSTANCE = ("whether the fact your draft rests on is one you could put in front of the other "
              "side (documented, checked), and the draft rests on more than opinion; one "
              "unchecked story can sink the whole case")


@dataclass(frozen=True)
class DraftUse:
    """What a draft's own sentences (copies of the case set aside) take from the case."""

    own: tuple[str, ...]
    """The sentences in the learner's own words."""
    copied: int
    """How many sentences were set aside as copied from the case."""
    facts: tuple[str, ...]
    """Ids of the facts the own sentences use (verified or not)."""
    challenges: tuple[str, ...]
    """Ids of the stakeholder's challenges the own sentences use."""


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def _pasted_share(sentence: str, verbatim: set[tuple[str, ...]]) -> float:
    """Share of the sentence's words that lie in a stretch of ``VERBATIM_RUN`` words from the case."""
    w = words(sentence)
    covered = [False] * len(w)
    for i in range(len(w) - VERBATIM_RUN + 1):
        if tuple(w[i:i + VERBATIM_RUN]) in verbatim:
            covered[i:i + VERBATIM_RUN] = [True] * VERBATIM_RUN
    return sum(covered) / len(w) if w else 0.0


def _need(item: set[str], most: int) -> int:
    """Shared terms that show a use: one for a tiny item, up to ``most`` for a long one."""
    return min(most, 1 if len(item) <= 2 else 2 if len(item) <= 8 else 3)


def draft_use(text: str, case: Case) -> DraftUse:
    """Which facts and challenges the draft puts into its own words.

    An item's terms leave out the words of the decision itself and people's
    names (every sentence about Helen's request says "alert" and "Helen"), so
    what is left is what tells this fact or challenge apart.
    """
    sources = [*case_texts(case), *(a.text for a in case.analogies)]
    source_terms = [terms(s) for s in sources]
    verbatim: set[tuple[str, ...]] = set().union(*(_runs(s, VERBATIM_RUN) for s in sources))
    own: list[str] = []
    copied = 0
    for sentence in sentences(text):
        t = terms(sentence)
        pasted = (len(t) >= 4 and any(len(t & s) >= COPIED_SHARE * len(t) for s in source_terms))
        if pasted or _pasted_share(sentence, verbatim) >= VERBATIM_SHARE:
            copied += 1
        else:
            own.append(sentence)
    background = terms(case.decision) | {w for n in case_names(case) for w in terms(n)}
    own_terms = [terms(s) for s in own]

    def used(item_text: str, most: int) -> bool:
        item = terms(item_text) - background
        return bool(item) and any(len(t & item) >= _need(item, most) for t in own_terms)

    return DraftUse(tuple(own), copied,
                    tuple(f.id for f in case.facts if used(f.text, 3)),
                    tuple(c.id for c in case.challenges if used(c.text, 2)))


def draft_checks(answer: Plain, case_id: str, *, weight: float) -> list[CheckResult]:
    """Visible: uses the case in own words (the gate), then the analyzer's pre-score.

    Hidden: not aggressive, and the fact it rests on is verified. Every check
    earns 0 until the gate passes: a polite draft about nothing is not a pushback.
    """
    from ..analyzer import analyze
    from .casebook import case

    the_case = case(case_id)
    who = the_case.stakeholder.name.split()[0]
    if type(answer) is not str or len(answer.split()) < MIN_WORDS:
        words_in = len(answer.split()) if type(answer) is str else 0
        problem = ("the draft should be text (between triple quotes)" if type(answer) is not str
                   else f"the draft has {words_in} words; write at least {MIN_WORDS}")
        return [CheckResult("form", 0, 0, problem, passed=False),
                CheckResult("uses the case in your own words", 0, 0,
                            "not checked until the form is right", passed=False),
                CheckResult("analyzer pre-score", 0.0, weight, "not checked until the form is right"),
                CheckResult("tone", 0.0, 1.0, "", hidden=True, about=_TONE),
                CheckResult("substance", 0.0, 1.0, "", hidden=True, about=_SUBSTANCE)]
    use = draft_use(answer, the_case)
    grounded = bool(use.facts) and bool(use.challenges)
    if grounded:
        gate = "right: your own sentences use a fact of the case and one of " \
               f"{who}'s challenges"
    else:
        missing = [part for part, found in (("a fact of the case", use.facts),
                                            (f"one of {who}'s challenges", use.challenges))
                   if not found]
        gate = (f"not yet: no sentence in your own words uses {' or '.join(missing)}; a draft "
                "earns nothing until it says what this case is about")
        if use.copied:
            gate += (f" ({use.copied} sentence{'s' if use.copied > 1 else ''} copied from the "
                     "case text did not count: say what the fact means for them instead)")
    whole = analyze(answer, the_case)  # tone and opinion flags: on everything the draft says
    # the pre-score on the learner's own sentences only: a pasted option or fact earns no shape
    analysis = analyze("\n".join(use.own), the_case) if use.copied else whole
    earned = round(weight * min(1.0, analysis.prescore / FULL_MARKS_AT), 4) if grounded else 0.0
    if not grounded:
        advice = "no points until your own words use the case (see above)"
    elif analysis.prescore >= FULL_MARKS_AT:
        advice = (f"the analyzer finds what it looks for (pre-score at least {FULL_MARKS_AT:.2f}"
                  "); your instructor still reads the draft")
    else:
        advice = f"pre-score {analysis.prescore:.2f} of the {FULL_MARKS_AT:.2f} that earns full marks"
    missing_moves = [s.text for s in analysis.suggestions][:2]
    if grounded and missing_moves:
        advice += "; to improve: " + " ".join(missing_moves)
    rests_on_verified = any(f.verified for f in the_case.facts if f.id in use.facts)
    return [CheckResult("form", 0, 0, f"a draft of {len(answer.split())} words", passed=True),
            CheckResult("uses the case in your own words", 0, 0, gate, passed=grounded),
            CheckResult("analyzer pre-score", earned, weight, advice),
            CheckResult("tone", 1.0 if grounded and "aggressive" not in whole.flags else 0.0,
                        1.0, "", hidden=True, about=_TONE),
            CheckResult("substance", 1.0 if grounded and rests_on_verified
                        and "opinion_only" not in whole.flags else 0.0, 1.0, "",
                        hidden=True, about=_SUBSTANCE)]
