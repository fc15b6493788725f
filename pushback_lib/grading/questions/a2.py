"""Assignment a2-agency-feedback: challenging creative feedback on a phone call (seed case 003)."""

from __future__ import annotations

from ..answer_key import expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..drafts import draft_checks
from ..kit import id_choices, labelled_items, ordered_items
from ..plain import Plain
from ..plans import rubric_checks

CASE = "agency_feedback"


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q1_statement_kinds", allowed=("opinion", "business_reason"), visible=2,
        expected=expected_items(key, ["business_reason", "opinion"], 6),
        explain=["it rests on the signed brief's audience and objective",
                 "'we just love it' is the agency's taste, not the client's goal",
                 "", "", "", ""])


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q2_acknowledges", allowed=(True, False), visible=2, item="Move",
        hint="does it show Greg you understood his concern before you disagree?",
        expected=expected_items(key, [True, False], 5),
        explain=["repeating the CEO's worry in Greg's words shows you heard it",
                 "defending the work at once tells him you have not listened",
                 "", "", ""])


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return ordered_items(answer, what="q3_sandwich", expected=expected_items(key, ["s2"], 3),
                         items=["s1", "s2", "s3"], visible_positions={0},
                         explain=["agreement comes first", "then the concern",
                                  "then a positive way forward"])


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    return id_choices(
        answer, what="q4_props", universe=[f.id for f in the_case.facts],
        expected={f.id for f in the_case.facts if f.verified},
        visible={"f_brief_audience", "f_ceo_hates_it"},
        explain={"f_brief_audience": "the signed brief is the strongest prop you have",
                 "f_ceo_hates_it": "second-hand gossip; bringing it would cost you credibility"})


def _q5(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    trusted = {a.id for a in the_case.allies if a.trusted_by_stakeholder}
    verified = {f.id for f in the_case.facts if f.verified}
    return rubric_checks(answer, CASE, weight=4.0, hidden=[
        ("enlists someone Greg trusts", 1.0, lambda p: bool(set(p.allies) & trusted)),
        ("cites only verified props, at least two", 1.0,
         lambda p: len(p.evidence) >= 2 and set(p.evidence) <= verified),
        ("brings an analogy from outside the category", 1.0,
         lambda p: any(not a.in_category for a in the_case.analogies if a.id in p.analogies)),
    ])


def _q6(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return draft_checks(answer, CASE, weight=3.0)


QUESTIONS = [
    Question("a2-q1", "q1_statement_kinds", 2, "Opinion or business reason?", _q1, keyed=True),
    Question("a2-q2", "q2_acknowledges", 2, "Acknowledging on the call", _q2, keyed=True),
    Question("a2-q3", "q3_sandwich", 1, "Build the Yes Sandwich", _q3, keyed=True),
    Question("a2-q4", "q4_props", 2, "Props to bring to the room", _q4),
    Question("a2-q5", "q5_plan", 3, "A pushback plan for Greg", _q5),
    Question("a2-q6", "q6_draft", 2, "Draft the follow-up email", _q6),
]
CASES = [CASE]
