"""Assignment a3-push-or-let-go: the learner's own call first, the model second.

Part A asks for the learner's call with a reason before ``decide`` is run, and
Part B for the same reading as numbers, both on ``charity_raffle``: no lesson
works through it, so the first call is the learner's own (lessons 03 and 09
show the menu-board answer, which Parts D and E keep). The reason is graded on
substance (it names what decides the call, in the case's own terms) as much as
the call itself. Part C describes changes in
words, so mapping a situation to the model's inputs is the learner's job;
the trusted grader calls ``decide`` itself to know the expected answers.
"""

from __future__ import annotations

from ...cases import DecisionInputs
from ..answer_key import UNKNOWN, expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..kit import labelled_items, reasoned_choice
from ..plain import Plain

FIRST_CALL = "charity_raffle"
"""The case of Parts A and B: no lesson or other assignment shows its answer."""
REBRAND = "let_go_rebrand"
"""The menu-board case of lessons 03 and 09, behind Part D's reasons and Part E's let-go."""
AGENCY = "agency_feedback"
INPUTS = ("stakes", "evidence", "credibility", "openness", "relationship_risk", "timing")
SCENARIOS = ({"evidence": 0.1}, {"stakes": 0.2}, {"credibility": 0.95},
             {"openness": 0.0, "timing": 0.0}, {"relationship_risk": 0.9})
"""The inputs each of Part C's situations (told in words in the notebook) changes, in order."""


def _decide(case_id: str, **inputs: float) -> str:
    from ...decision import decide
    return decide(case(case_id), **inputs).recommendation


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    ok = (type(answer) is dict and set(answer) == set(INPUTS)
          and all(type(v) in (int, float) and 0 <= v <= 1 for v in answer.values()))
    form = CheckResult("form", 0, 0, "six inputs, each from 0 to 1" if ok else
                       f"q1_inputs should be a dict with the keys {', '.join(INPUTS)}, each a "
                       "number from 0 to 1", passed=ok)
    lets_go = ok and _decide(FIRST_CALL, **{k: float(v) for k, v in answer.items()}) == "let_go"  # type: ignore[union-attr]
    expert: DecisionInputs | None = case(FIRST_CALL).decision_inputs  # None: withheld here
    near = ok and expert is not None and all(
        abs(float(answer[k]) - getattr(expert, k)) <= 0.3 for k in INPUTS)  # type: ignore[call-overload,index]
    low = ok and float(answer["stakes"]) <= 0.4 and float(answer["timing"]) <= 0.4  # type: ignore[call-overload,index]
    return [form,
            CheckResult("decide() with your inputs", 1.0 if lets_go else 0.0, 1.0,
                        "right: with your reading the model says let go" if lets_go else
                        "not yet: with your inputs the model says push back; reread the stakes "
                        "and the timing"),
            CheckResult("reading of stakes and timing", 1.0 if low else 0.0, 1.0, "", hidden=True,
                        about="whether you read how much is at stake and how late the moment "
                              "is from the case's own words; those two decide most let-go calls"),
            CheckResult("close to an expert's reading", 1.0 if near else 0.0, 1.0, "", hidden=True,
                        about="whether every one of your six readings is near an experienced "
                              "practitioner's; the model can only be as good as the reading "
                              "you give it")]


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(FIRST_CALL)
    return reasoned_choice(
        answer, what="q2_call", case=the_case,
        expected=the_case.expert_outcome.choice if the_case.expert_outcome else UNKNOWN,
        about_call="whether your call matches an experienced practitioner's reading of this "
                   "case; knowing when a disagreement is not worth the relationship is as much "
                   "a skill as pushing back")


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    expected = [_decide(AGENCY, **s) == "let_go" for s in SCENARIOS]
    return labelled_items(answer, what="q3_turns_to_let_go", allowed=(True, False), visible=2,
                          expected=expected, item="Situation",
                          hint="which input of decide does this situation change, and by how "
                               "much? Try it with decide(agency, ...)",
                          explain=["with weak evidence the pushback rarely succeeds",
                                   "when little is at stake, the goodwill is worth more",
                                   "", "", ""],
                          tests="whether you can read a change in a situation as a change in "
                                "what decides the call (stakes, evidence, credibility, openness, "
                                "timing, relationship); the same disagreement can be worth "
                                "raising one week and not the next")


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q4_reason_kinds", allowed=("push_back", "let_go"), visible=2, item="Reason",
        hint="weigh what is at stake, the evidence, the timing and the relationship",
        tests="whether you can tell which way a single consideration pulls; a call is made of "
              "several, and knowing each one's direction is how you weigh them",
        expected=expected_items(key, ["let_go", "push_back"], 5),
        explain=["printed boards and a final decision mean the moment has passed",
                 "a verified fact that answers their own challenge is worth raising",
                 "", "", ""])


QUESTIONS = [
    Question("a3-q1", "q1_inputs", 2, "Read the case as decision inputs", _q1),
    Question("a3-q2", "q2_call", 2, "Your call: push back or let go?", _q2),
    Question("a3-q3", "q3_turns_to_let_go", 2, "What would turn the agency case?", _q3),
    Question("a3-q4", "q4_reason_kinds", 2, "Reasons to push back or let go", _q4, keyed=True),
]
CASES = [FIRST_CALL, REBRAND, AGENCY]
