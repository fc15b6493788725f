"""Assignment a3-push-or-let-go: the decision, computed with ``pushback_lib.decide``.

The trusted grader calls ``decide`` itself on the learner's inputs, so a
learner's stated recommendation is checked against the model, not trusted.
"""

from __future__ import annotations

from ...cases import DecisionInputs
from ..answer_key import expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..kit import labelled_items, one_choice
from ..plain import Plain

REBRAND = "let_go_rebrand"
AGENCY = "agency_feedback"
INPUTS = ("stakes", "evidence", "credibility", "openness", "relationship_risk", "timing")
SCENARIOS = ({"evidence": 0.1}, {"stakes": 0.2}, {"credibility": 0.95},
             {"openness": 0.0, "timing": 0.0}, {"relationship_risk": 0.9})
"""Changes to the agency case's inputs, in the order of Part C's list."""


def _decide(case_id: str, **inputs: float) -> str:
    from ...decision import decide
    return decide(case(case_id), **inputs).recommendation


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    ok = (type(answer) is dict and set(answer) == set(INPUTS)
          and all(type(v) in (int, float) and 0 <= v <= 1 for v in answer.values()))
    form = CheckResult("form", 0, 0, "six inputs, each from 0 to 1" if ok else
                       f"q1_inputs should be a dict with the keys {', '.join(INPUTS)}, each a "
                       "number from 0 to 1", passed=ok)
    lets_go = ok and _decide(REBRAND, **{k: float(v) for k, v in answer.items()}) == "let_go"  # type: ignore[union-attr]
    expert: DecisionInputs = case(REBRAND).decision_inputs
    near = ok and all(abs(float(answer[k]) - getattr(expert, k)) <= 0.3 for k in INPUTS)  # type: ignore[call-overload,index]
    low = ok and float(answer["stakes"]) <= 0.4 and float(answer["timing"]) <= 0.4  # type: ignore[call-overload,index]
    return [form,
            CheckResult("decide() with your inputs", 1.0 if lets_go else 0.0, 1.0,
                        "right: with your reading the model says let go" if lets_go else
                        "not yet: with your inputs the model says push back; reread the stakes "
                        "and the timing"),
            CheckResult("reading of stakes and timing", 1.0 if low else 0.0, 1.0, "", hidden=True),
            CheckResult("close to an expert's reading", 1.0 if near else 0.0, 1.0, "", hidden=True)]


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return one_choice(answer, what="q2_recommendation", allowed=("push_back", "let_go"), checks=[
        ("agrees with decide(case)", _decide(REBRAND), False, "the model's recommendation"),
        ("agrees with the expert", case(REBRAND).expert_outcome.choice, True, ""),
    ])


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    expected = [_decide(AGENCY, **s) == "let_go" for s in SCENARIOS]
    return labelled_items(answer, what="q3_turns_to_let_go", allowed=(True, False), visible=2,
                          expected=expected, item="Change",
                          hint="run decide(case, ...) with this change and compare",
                          explain=["with weak evidence the pushback rarely succeeds",
                                   "when little is at stake, the goodwill is worth more",
                                   "", "", ""])


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q4_reason_kinds", allowed=("push_back", "let_go"), visible=2, item="Reason",
        hint="weigh what is at stake, the evidence, the timing and the relationship",
        expected=expected_items(key, ["let_go", "push_back"], 5),
        explain=["printed boards and a final decision mean the moment has passed",
                 "a verified fact that answers their own challenge is worth raising",
                 "", "", ""])


QUESTIONS = [
    Question("a3-q1", "q1_inputs", 2, "Read the case as decision inputs", _q1),
    Question("a3-q2", "q2_recommendation", 1, "Push back or let go?", _q2),
    Question("a3-q3", "q3_turns_to_let_go", 2, "What turns the agency case?", _q3),
    Question("a3-q4", "q4_reason_kinds", 2, "Reasons to push back or let go", _q4, keyed=True),
]
CASES = [REBRAND, AGENCY]
