"""Assignment a1-niche-recruitment: the rejected favourite candidate (seed case 000)."""

from __future__ import annotations

from ...process import STAGE_KEYS, STAGES
from ..answer_key import expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..kit import id_choices, labelled_items, ordered_items
from ..plain import Plain
from ..plans import rubric_checks

CASE = "niche_recruitment"
KINDS = ("opinion", "business_reason")


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q1_statement_kinds", allowed=KINDS, visible=2,
        expected=expected_items(key, ["opinion", "business_reason"], 6),
        explain=["a feeling asks Khalid to trust you, not the facts",
                 "it ties a verified project to the merger deadline he gave you",
                 "", "", "", ""])


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q2_acknowledges", allowed=(True, False), visible=2, item="Opener",
        hint="does it show Khalid you understood his view before you disagree?",
        expected=expected_items(key, [True, False], 5),
        explain=["it shows you see why the CV did not stand out before you disagree",
                 "'with respect, you misread' tells him he is wrong before he feels heard",
                 "", "", ""])


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return ordered_items(answer, what="q3_stage_order", expected=list(STAGE_KEYS),
                         visible_positions={0, len(STAGE_KEYS) - 1},
                         explain=[s.description for s in STAGES])


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q4_which_stage", allowed=STAGE_KEYS, visible=2, item="Action",
        hint="which stage of the process is this move part of?",
        expected=expected_items(key, ["evidence", "alternative"], 4),
        explain=["a success story with this very client lowers the risk he feels",
                 "a small, concrete next step is an alternative, not just an objection",
                 "", ""])


def _q5(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    return id_choices(
        answer, what="q5_safe_facts", universe=[f.id for f in the_case.facts],
        expected={f.id for f in the_case.facts if f.verified},
        visible={"f_grading_project", "f_rival_offer"},
        explain={"f_grading_project": "a verified project from your interview notes",
                 "f_rival_offer": "hearsay you have not checked; one wrong fact sinks the case"})


def _q6(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    trusted = {a.id for a in the_case.allies if a.trusted_by_stakeholder}
    verified = {f.id for f in the_case.facts if f.verified}
    challenges = {c.id for c in the_case.challenges}
    return rubric_checks(answer, CASE, weight=4.0, hidden=[
        ("enlists someone Khalid trusts", 1.0, lambda p: bool(set(p.allies) & trusted)),
        ("cites only verified facts, at least two", 1.0,
         lambda p: len(p.evidence) >= 2 and set(p.evidence) <= verified),
        ("links the reason to a challenge he shared", 1.0,
         lambda p: bool(set(p.challenges) & challenges)),
    ])


QUESTIONS = [
    Question("a1-q1", "q1_statement_kinds", 2, "Opinion or business reason?", _q1, keyed=True),
    Question("a1-q2", "q2_acknowledges", 2, "Acknowledgment or not?", _q2, keyed=True),
    Question("a1-q3", "q3_stage_order", 2, "The stages in order", _q3),
    Question("a1-q4", "q4_which_stage", 2, "Name the stage", _q4, keyed=True),
    Question("a1-q5", "q5_safe_facts", 2, "Facts that are safe to cite", _q5),
    Question("a1-q6", "q6_plan", 3, "A pushback plan for Khalid", _q6),
]
CASES = [CASE]
