"""Assignment a4-capstone: a case the learner has not seen in the lessons (capstone_vendor)."""

from __future__ import annotations

from ..answer_key import UNKNOWN, AnswerKeyError
from ..casebook import case
from ..checks import CheckResult, Question
from ..drafts import draft_checks
from ..kit import MIN_REASON_WORDS, case_names, case_specifics, reasoned_choice, withheld
from ..plain import Plain
from ..plans import plan_judgement, rubric_checks

CASE = "capstone_vendor"


def _load_bearing(key: Plain, facts: set[str]) -> set[str] | None:
    """The facts the key says the whole case rests on (checked), or None without a key."""
    if key is None:
        return None
    if type(key) is not list or not key or not all(type(k) is str and k in facts for k in key):
        raise AnswerKeyError(f"the key {key!r} is not a non-empty list of the case's verified "
                             "fact ids (of its fact ids, while its labels are withheld)")
    return set(key)


def _q1(answer: Plain, key: Plain = None) -> list[CheckResult]:
    """The one fact that would sink the case if it turned out wrong, and why."""
    the_case = case(CASE)
    verified = {f.id for f in the_case.facts if f.verified}
    load_bearing = _load_bearing(key, verified if the_case.labelled else
                                 {f.id for f in the_case.facts})
    fact = answer.get("fact") if type(answer) is dict else None
    why = answer.get("why") if type(answer) is dict else None
    if type(answer) is not dict or set(answer) != {"fact", "why"}:
        problem = 'q1_keystone should be a dictionary {"fact": "<fact id>", "why": "your reason"}'
    elif type(fact) is not str or the_case.fact(fact) is None:
        problem = f'q1_keystone["fact"] should be the id of a fact in the case, such as ' \
                  f'{the_case.facts[0].id!r}'
    elif type(why) is not str or len(why.split()) < MIN_REASON_WORDS:
        problem = f'q1_keystone["why"] should be your reason in at least {MIN_REASON_WORDS} words'
    else:
        problem = ""
    chosen = the_case.fact(fact) if not problem and type(fact) is str else None
    stands = chosen is not None and chosen.verified is True
    text = why if chosen is not None and type(why) is str else ""
    falls = case_specifics(text, [*(c.text for c in the_case.challenges),
                                  *(a.text for a in the_case.alternatives),
                                  *the_case.stakeholder_wants], case_names(the_case))
    return [
        CheckResult("form", 0, 0, problem or f"you chose {fact!r}, with a reason",
                    passed=not problem),
        CheckResult("a fact you would cite", 1.0 if stands else 0.0, 1.0,
                    "" if not the_case.labelled else
                    "not checked until the form is right" if problem else
                    "right: a verified fact, one you would put in front of Helen" if stands else
                    "not yet: the case should rest on facts you have checked; an unchecked story "
                    "can only sink it, never carry it",
                    unchecked="" if the_case.labelled else withheld(the_case)),
        CheckResult("your reason says what would fall with it", 1.0 if len(falls) >= 2 else 0.0,
                    1.0, "not checked until the form is right" if problem else
                    f"right: it names what rests on it ({', '.join(sorted(falls)[:4])})"
                    if len(falls) >= 2 else "not yet: say which part of Nadia's case (her "
                    "alternative, or her answer to one of Helen's challenges) would collapse, "
                    "in the case's terms"),
        CheckResult("the fact the case rests on", 2.0 if (
            load_bearing is not None and chosen is not None and chosen.id in load_bearing)
            else 0.0, 2.0, "", hidden=True,
            about="whether you found the fact that carries the most weight: the one the safety "
                  "argument or the alternative stands on; it is the fact to check twice before "
                  "the meeting, because if it is wrong the whole case goes with it"),
    ]


def _q2(answer: Plain, key: Plain = None) -> list[CheckResult]:
    the_case = case(CASE)
    return reasoned_choice(
        answer, what="q2_call", case=the_case,
        expected=the_case.expert_outcome.choice if the_case.expert_outcome else UNKNOWN,
        about_call="whether your call matches an experienced practitioner's reading of this "
                   "case: what is at stake for patients and the inspection against what "
                   "pushing back costs with Helen")


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return rubric_checks(answer, CASE, weight=4.0, hidden=plan_judgement(case(CASE), "Helen"))


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return draft_checks(answer, CASE, weight=3.0)


QUESTIONS = [
    Question("a4-q1", "q1_keystone", 2, "The fact the case rests on", _q1, keyed=True),
    Question("a4-q2", "q2_call", 2, "Your call: push back or let go?", _q2),
    Question("a4-q3", "q3_plan", 4, "A pushback plan for Helen", _q3),
    Question("a4-q4", "q4_draft", 3, "Draft what you will say", _q4),
]
CASES = [CASE]
