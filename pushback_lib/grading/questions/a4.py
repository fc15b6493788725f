"""Assignment a4-capstone: a case the learner has not seen in the lessons (capstone_vendor)."""

from __future__ import annotations

from ..casebook import case
from ..checks import CheckResult, Question
from ..drafts import draft_checks
from ..kit import id_choices, one_choice
from ..plain import Plain
from ..plans import rubric_checks

CASE = "capstone_vendor"


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    return id_choices(
        answer, what="q1_safe_facts", universe=[f.id for f in the_case.facts],
        expected={f.id for f in the_case.facts if f.verified},
        visible={"f_near_misses", "f_other_trust"},
        explain={"f_near_misses": "verified incident reports: the safety net has worked",
                 "f_other_trust": "an unchecked story; one wrong fact sinks the case"})


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    from ...decision import decide
    return one_choice(answer, what="q2_choice", allowed=("push_back", "let_go"), checks=[
        ("agrees with decide(case)", decide(case(CASE)).recommendation, False,
         "the model's recommendation for this case"),
        ("agrees with the expert", case(CASE).expert_outcome.choice, True, ""),
    ])


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    trusted = {a.id for a in the_case.allies if a.trusted_by_stakeholder}
    verified = {f.id for f in the_case.facts if f.verified}
    return rubric_checks(answer, CASE, weight=4.0, hidden=[
        ("enlists someone Helen trusts", 1.0, lambda p: bool(set(p.allies) & trusted)),
        ("cites only verified facts, at least two", 1.0,
         lambda p: len(p.evidence) >= 2 and set(p.evidence) <= verified),
        ("links the reason to a challenge she shared", 1.0,
         lambda p: bool(set(p.challenges) & {c.id for c in the_case.challenges})),
    ])


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return draft_checks(answer, CASE, weight=3.0)


QUESTIONS = [
    Question("a4-q1", "q1_safe_facts", 2, "Facts that are safe to cite", _q1),
    Question("a4-q2", "q2_choice", 1, "Push back or let go?", _q2),
    Question("a4-q3", "q3_plan", 4, "A pushback plan for Helen", _q3),
    Question("a4-q4", "q4_draft", 3, "Draft what you will say", _q4),
]
CASES = [CASE]
