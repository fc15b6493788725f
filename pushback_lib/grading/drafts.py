"""Checks for free-text answers: a draft scored by the analyzer's pre-score.

The pre-score is partial credit only; a manually graded cell next to the
draft question carries the instructor's judgement.
"""

from __future__ import annotations

from .checks import CheckResult
from .plain import Plain

__all__ = ["draft_checks", "FULL_MARKS_AT", "MIN_WORDS"]

FULL_MARKS_AT = 0.8
"""Pre-score that earns the whole weight (below it, credit scales linearly)."""
MIN_WORDS = 40

_TONE = ("whether any sentence reads as aggressive (blame, sarcasm, 'you signed this off'); an "
         "aggressive pushback never works, however right it is")
_SUBSTANCE = ("whether the draft rests on more than opinion: the other side's goals and facts "
              "you can show, not taste or feeling")


def draft_checks(answer: Plain, case_id: str, *, weight: float) -> list[CheckResult]:
    """Visible: the analyzer's pre-score; hidden: not aggressive, not resting on opinion only."""
    from ..analyzer import analyze
    from .casebook import case

    if type(answer) is not str or len(answer.split()) < MIN_WORDS:
        words = len(answer.split()) if type(answer) is str else 0
        problem = ("the draft should be text (between triple quotes)" if type(answer) is not str
                   else f"the draft has {words} words; write at least {MIN_WORDS}")
        return [CheckResult("form", 0, 0, problem, passed=False),
                CheckResult("analyzer pre-score", 0.0, weight, "not checked until the form is right"),
                CheckResult("tone", 0.0, 1.0, "", hidden=True, about=_TONE),
                CheckResult("substance", 0.0, 1.0, "", hidden=True, about=_SUBSTANCE)]
    analysis = analyze(answer, case(case_id))
    earned = round(weight * min(1.0, analysis.prescore / FULL_MARKS_AT), 4)
    missing = [s.text for s in analysis.suggestions][:2]
    if analysis.prescore >= FULL_MARKS_AT:
        advice = (f"the analyzer finds what it looks for (pre-score at least {FULL_MARKS_AT:.2f}"
                  "); your instructor still reads the draft")
    else:
        advice = f"pre-score {analysis.prescore:.2f} of the {FULL_MARKS_AT:.2f} that earns full marks"
    if missing:
        advice += "; to improve: " + " ".join(missing)
    return [CheckResult("form", 0, 0, f"a draft of {len(answer.split())} words", passed=True),
            CheckResult("analyzer pre-score", earned, weight, advice),
            CheckResult("tone", 0.0 if "aggressive" in analysis.flags else 1.0, 1.0, "",
                        hidden=True, about=_TONE),
            CheckResult("substance", 0.0 if "opinion_only" in analysis.flags else 1.0, 1.0, "",
                        hidden=True, about=_SUBSTANCE)]
