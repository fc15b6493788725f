"""Assignment a1-niche-recruitment: the rejected favourite candidate (seed case 000).

Part C sets it beside a small issue (``survey_timing``): every issue is
different, so the process is a checklist to adapt, not a recipe to run in full.
"""

from __future__ import annotations

from ...process import STAGE_KEYS
from ..answer_key import expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..kit import MIN_REASON_WORDS, case_names, case_specifics, id_choices, judged_only, labelled_items
from ..plain import Plain
from ..plans import plan_judgement, rubric_checks

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
        tests="whether an opener shows the other side you heard their view before you "
              "disagree; people listen to a different view once they feel heard",
        expected=expected_items(key, [True, False], 5),
        explain=["it shows you see why the CV did not stand out before you disagree",
                 "'with respect, you misread' tells him he is wrong before he feels heard",
                 "", "", ""])


SMALL_CASE = "survey_timing"
"""Part C contrasts Layla's case with a small issue that does not need every stage."""
ALWAYS = ("listen", "decide")
"""Stages no pushback can leave out: hearing the other side, and deciding whether to push at all."""


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    """Customise: which stages a small issue can leave out, and why (a dict).

    What the small case can skip is the case's own judgement
    (``Case.unnecessary_stages``), shown to the learner only in its debrief.
    """
    small = case(SMALL_CASE)
    can_skip = set(small.unnecessary_stages.reasons())
    skip = answer.get("skip") if type(answer) is dict else None
    why = answer.get("why") if type(answer) is dict else None
    if type(answer) is not dict or set(answer) != {"skip", "why"}:
        problem = 'q3_customise should be a dictionary {"skip": [stage keys], "why": "your reason"}'
    elif type(skip) is not list or not all(type(k) is str and k in STAGE_KEYS for k in skip):
        problem = f'q3_customise["skip"] should be a list of stage keys: {", ".join(STAGE_KEYS)}'
    elif len(set(skip)) != len(skip):
        problem = 'q3_customise["skip"] names a stage twice'
    elif type(why) is not str or len(why.split()) < MIN_REASON_WORDS:
        problem = (f'q3_customise["why"] should be your reason in at least {MIN_REASON_WORDS} '
                   "words")
    else:
        problem = ""
    left_out = set(skip) if not problem and type(skip) is list else set()
    text = why if not problem and type(why) is str else ""
    specific = case_specifics(text, [small.relationship, small.situation, small.stakes,
                                     *(f.text for f in small.facts)], case_names(small))
    keeps_core = not problem and not (left_out & set(ALWAYS))
    reasoned = len(judged_only(specific)) >= 2
    # A right set of stages for a reason that fits any issue is a guess: it earns nothing.
    can_skip_right = reasoned and bool(can_skip) and can_skip <= left_out
    keeps_needed = reasoned and left_out <= can_skip
    who = small.stakeholder.name
    return [
        CheckResult("form", 0, 0, problem or "a list of stages to leave out, with a reason",
                    passed=not problem),
        CheckResult("keeps listening and deciding", 1.0 if keeps_core else 0.0, 1.0,
                    "not checked until the form is right" if problem else
                    "right: even a two-line note starts from what the other side wants, and from "
                    "deciding it is worth saying" if keeps_core else
                    "not yet: no issue is so small that you skip hearing the other side, or "
                    "deciding whether to push at all"),
        CheckResult("your reason rests on this issue", 1.0 if reasoned else 0.0, 1.0,
                    "not checked until the form is right" if problem else
                    f"right: it uses the case ({', '.join(sorted(judged_only(specific))[:4])})"
                    if reasoned
                    else f"not yet: say what about the issue, {who} or the numbers makes a stage "
                    "unnecessary, in the case's own terms"),
        CheckResult("leaves out what this issue does not need", 1.0 if can_skip_right else 0.0,
                    1.0, "",
            hidden=True, about="whether you saw which stages a small, low-risk suggestion "
            "to a manager who welcomes them can do without, for a reason drawn from the issue; "
            "running every stage every time turns a two-line note into a campaign"),
        CheckResult("keeps what the issue cannot do without", 1.0 if keeps_needed else 0.0,
                    1.0, "",
            hidden=True, about="whether every stage you dropped is one the issue can spare; "
            "even a small suggestion needs its business reason, a concrete way forward and a "
            "friendly close"),
    ]


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return labelled_items(
        answer, what="q4_which_stage", allowed=STAGE_KEYS, visible=2, item="Action",
        hint="which stage of the process is this move part of?",
        tests="whether you can name the stage a move serves; knowing what a move is for is "
              "what lets you adapt it to the next case",
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
        explain={**{f.id: f.why for f in the_case.facts},  # shown in reveal mode only
                 "f_grading_project": "a verified project from your interview notes",
                 "f_rival_offer": "a forwarded message you never checked with Daniel; one wrong fact "
                                  "sinks the case"})


def _q6(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return rubric_checks(answer, CASE, weight=4.0, hidden=plan_judgement(case(CASE), "Khalid"))


QUESTIONS = [
    Question("a1-q1", "q1_statement_kinds", 2, "Opinion or business reason?", _q1, keyed=True),
    Question("a1-q2", "q2_acknowledges", 2, "Acknowledgment or not?", _q2, keyed=True),
    Question("a1-q3", "q3_customise", 2, "Customise the process to the issue", _q3),
    Question("a1-q4", "q4_which_stage", 2, "Name the stage", _q4, keyed=True),
    Question("a1-q5", "q5_safe_facts", 2, "Facts that are safe to cite", _q5),
    Question("a1-q6", "q6_plan", 3, "A pushback plan for Khalid", _q6),
]
CASES = [CASE, SMALL_CASE]
