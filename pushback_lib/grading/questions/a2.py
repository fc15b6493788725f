"""Assignment a2-agency-feedback: challenging creative feedback on a phone call (seed case 003)."""

from __future__ import annotations

from ..answer_key import expected_ids, expected_items
from ..casebook import case
from ..checks import CheckResult, Question
from ..drafts import draft_checks
from ..kit import id_choices, labelled_items, ordered_items
from ..plain import Plain
from ..plans import plan_judgement, rubric_checks

CASE = "agency_feedback"
CHALLENGE = "c_young_buyers"
"""Part D asks which props support this one challenge of Greg's."""


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
        tests="whether a move shows Greg his concern was heard (or slows the call down so it "
              "can be) before any disagreement; on a hurried call that is what keeps him "
              "listening",
        expected=expected_items(key, [True, False], 5),
        explain=["repeating the CEO's worry in Greg's words shows you heard it",
                 "defending the work at once tells him you have not listened",
                 "", "", ""])


def _q3(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return ordered_items(answer, what="q3_sandwich", expected=expected_items(key, ["s2"], 3),
                         items=["s1", "s2", "s3"], visible_positions={0},
                         explain=["agreement comes first", "then the concern",
                                  "then a positive way forward"],
                         tests="whether the reply opens with agreement, puts the concern in the "
                               "middle and ends on a way forward; that order lets a 'no' be "
                               "heard as help")


def _q4(answer: Plain, key: Plain = None) -> list[CheckResult]:
    """Props for one challenge: verified, and answering *this* challenge (the key says which)."""
    the_case = case(CASE)
    universe = [f.id for f in the_case.facts]
    visible = {"f_brief_audience": True, "f_ceo_hates_it": False}
    expected, known = expected_ids(key, visible, universe)
    return id_choices(
        answer, what="q4_props", universe=universe, expected=expected, known=known,
        visible=set(visible),
        explain={**{f.id: f.why for f in the_case.facts},  # shown in reveal mode only
                 "f_brief_audience": "the signed brief names exactly the young buyers the board "
                                     "wants",
                 "f_ceo_hates_it": "a forwarded quote whose first sender is cut off; bringing it "
                                   "would cost you credibility"},
        tests="whether this fact is both safe to bring (verified) and an answer to the board's "
              "goal for younger buyers; a true fact about something else is a distraction in "
              "this part of the conversation, and a signed paper used to prove Greg wrong is a "
              "gotcha, not a prop")


def _q5(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return rubric_checks(answer, CASE, weight=4.0, hidden=plan_judgement(case(CASE), "Greg"))


def _q6(answer: Plain, key: Plain = None) -> list[CheckResult]:
    return draft_checks(answer, CASE, weight=3.0)


QUESTIONS = [
    Question("a2-q1", "q1_statement_kinds", 2, "Opinion or business reason?", _q1, keyed=True),
    Question("a2-q2", "q2_acknowledges", 2, "Acknowledging on the call", _q2, keyed=True),
    Question("a2-q3", "q3_sandwich", 1, "Build the Yes Sandwich", _q3, keyed=True),
    Question("a2-q4", "q4_props", 2, "Props for the young-buyers challenge", _q4, keyed=True),
    Question("a2-q5", "q5_plan", 3, "A pushback plan for Greg", _q5),
    Question("a2-q6", "q6_draft", 2, "Draft the follow-up email", _q6),
]
CASES = [CASE]
