"""The questions test the learner's judgement, not the tool or the labels (issue 15).

Measured here on submissions written out by hand: a plan that copies the case's
labels with boilerplate prose, one that takes everything, a call with a
boilerplate reason, a choice of every id. None may reach full marks; the
solutions do (tests/grading/test_questions.py). Graded feedback explains each
failed hidden check without the expected answer.
"""

from __future__ import annotations

import pytest

from pushback_lib import PushbackPlan
from pushback_lib.grading import QUESTIONS
from pushback_lib.grading.casebook import case
from pushback_lib.grading.checks import grade
from pushback_lib.grading.kit import reason_factors
from pushback_lib.grading.plain import to_plain
from pushback_lib.grading.plans import nearest_alternative

PLANS = {"a1-q6": "niche_recruitment", "a2-q5": "agency_feedback", "a4-q3": "capstone_vendor"}
BOILERPLATE = dict(
    acknowledge="I understand your concern and I appreciate it.",
    business_reason="It matters for your goal and for the business, so we should think again.",
    alternative="I suggest we find a better way forward together next week.",
    opening="Yes, thank you for the call.",
    closing="That way we both win together as a team.",
    let_go="If you still disagree, I will respect your decision.")


def share(qid: str, answer: object, key: object = None) -> float:
    q = QUESTIONS[qid]
    return grade(q, to_plain(answer), key).points(include_hidden=True) / q.points


@pytest.mark.parametrize("qid", sorted(PLANS))
def test_a_label_copying_plan_with_boilerplate_prose_is_far_from_full_marks(qid: str):
    c = case(PLANS[qid])
    copier = PushbackPlan(challenges=[x.id for x in c.challenges],
                          evidence=[f.id for f in c.facts if f.verified],
                          analogies=[a.id for a in c.analogies],
                          allies=[a.id for a in c.allies if a.trusted_by_stakeholder], **BOILERPLATE)
    result = grade(QUESTIONS[qid], to_plain(copier))
    hidden = {x.name: x.passed for x in result.checks if x.hidden}
    assert not hidden["every cited fact is verified and said"]
    assert not hidden["analogies chosen, not collected"]
    assert not hidden["the reason speaks to the challenges it cites"]
    assert not hidden["the alternative fits the case"]
    assert share(qid, copier) <= 0.3  # issue 15's bar for labels read with boilerplate prose


@pytest.mark.parametrize("qid", sorted(PLANS))
def test_taking_everything_scores_less_than_copying_the_labels(qid: str):
    c = case(PLANS[qid])
    everything = PushbackPlan(challenges=[x.id for x in c.challenges], evidence=[f.id for f in c.facts],
                              analogies=[a.id for a in c.analogies], allies=[a.id for a in c.allies],
                              **BOILERPLATE)
    assert share(qid, everything) < 0.5


SOLUTION_PLANS = {"a1-q6": ("a1-niche-recruitment", "q6_plan"), "a2-q5": ("a2-agency-feedback", "q5_plan"),
                  "a4-q3": ("a4-capstone", "q3_plan")}


@pytest.mark.parametrize("qid", sorted(PLANS))
def test_a_good_plan_padded_with_every_id_stays_under_60_percent(qid: str):
    """The solution's own prose, with every fact, analogy, ally and challenge of the case cited."""
    from pathlib import Path

    import nbformat

    from pushback_lib.grading.plain import PLAN_KEY
    from pushback_lib.grading.source import answers_from_sources

    folder, name = SOLUTION_PLANS[qid]
    path = Path(__file__).resolve().parents[2] / "solutions" / folder / f"{folder}.ipynb"
    nb = nbformat.read(path, as_version=4)
    answers = answers_from_sources([c.source for c in nb.cells if c.cell_type == "code"
                                    and c.metadata.get("nbgrader", {}).get("solution")])
    fields = answers[name][PLAN_KEY]
    c = case(PLANS[qid])
    assert grade(QUESTIONS[qid], answers[name]).points(include_hidden=True) == QUESTIONS[qid].points
    padded = {PLAN_KEY: dict(fields, evidence=[f.id for f in c.facts], allies=[a.id for a in c.allies],
                             analogies=[a.id for a in c.analogies],
                             challenges=[x.id for x in c.challenges])}
    assert grade(QUESTIONS[qid], padded).points(include_hidden=True) < 0.6 * QUESTIONS[qid].points


def test_citing_every_analogy_is_not_full_marks_even_when_each_is_told():
    """Precision: three analogies told in full still fail 'chosen, not collected'."""
    c = case("niche_recruitment")
    told = " ".join(a.text for a in c.analogies)
    plan = PushbackPlan(analogies=[a.id for a in c.analogies], alternative=told)
    checks = {x.name: x for x in grade(QUESTIONS["a1-q6"], to_plain(plan)).checks}
    assert not checks["analogies chosen, not collected"].passed
    two = PushbackPlan(analogies=[a.id for a in c.analogies[:2]], alternative=told)
    assert {x.name: x for x in grade(QUESTIONS["a1-q6"], to_plain(two)).checks}[
        "analogies chosen, not collected"].passed


def test_the_alternative_is_judged_on_which_option_it_means():
    c = case("capstone_vendor")
    assert nearest_alternative("Let's find a better way forward together next week.", c) is None
    assert nearest_alternative("Let's leave the alerts as they are and run refresher training "
                               "on them for every ward.", c) == ("alt_training", False)
    fits = nearest_alternative("Keep the severe documented allergies as hard stops, make the "
                               "rest a quiet note, and review after four weeks.", c)
    assert fits == ("alt_tiered", True)


@pytest.mark.parametrize("qid, call", [("a3-q2", "let_go"), ("a4-q2", "push_back")])
def test_a_right_call_with_a_boilerplate_reason_earns_a_third(qid: str, call: str):
    boiler = {"call": call, "why": "I think this is the right call for the business and for our "
                                   "goal here, all things considered."}
    assert share(qid, boiler) == pytest.approx(1 / 3, abs=0.01)
    wrong = {"call": "push_back" if call == "let_go" else "let_go", "why": boiler["why"]}
    assert share(qid, wrong) == 0.0


@pytest.mark.parametrize("qid, call", [("a3-q2", "let_go"), ("a4-q2", "push_back")])
def test_a_reason_that_names_factors_without_the_case_earns_only_the_call(qid: str, call: str):
    """'Stakes high, evidence strong, timing right' fits every case (review item 14: it earned 67%)."""
    for why in ("The stakes are high, the evidence is strong and the timing is right, so this is "
                "the right call here.",
                "The stakes are low, the evidence is weak and the timing is wrong, and the "
                "relationship matters more than this one issue."):
        result = grade(QUESTIONS[qid], {"call": call, "why": why})
        assert result.points(include_hidden=True) / QUESTIONS[qid].points == pytest.approx(1 / 3, abs=0.01)
        names = {x.name: x for x in result.checks}["your reason names what decides it"]
        assert not names.passed and "'high' or 'strong' fits any case" in names.message


def test_a_specific_clause_does_not_ground_a_list_of_generic_ones():
    from pushback_lib.grading.kit import grounded_factors
    c = case("let_go_rebrand")
    generic = "The stakes are high, the evidence is strong and the timing is right."
    assert grounded_factors(generic, c) == set()
    assert grounded_factors("Only £600 of boards is at stake, and they were already sent to print.",
                            c) >= {"stakes", "timing"}
    assert grounded_factors("The evidence is weak, and the boards were already sent to print.",
                            c) == {"timing"}


def test_a_reason_is_read_for_what_decides_the_call():
    assert reason_factors("The boards are printed and only £600 is at stake.") >= {"timing", "stakes"}
    assert reason_factors("I just feel it is right.") == set()


def test_a_reasoned_wrong_call_keeps_the_credit_for_its_reasoning():
    why = ("The incident reports are verified evidence that the alerts caught severe penicillin "
           "allergies, and the inspection is in four months, so patient safety is at stake.")
    assert share("a4-q2", {"call": "let_go", "why": why}) == pytest.approx(2 / 3, abs=0.01)


def test_choosing_every_id_is_not_a_safe_answer():
    every = [f.id for f in case("niche_recruitment").facts]
    assert share("a1-q5", every) < 0.7
    props = [f.id for f in case("agency_feedback").facts]
    key = ["f_brief_audience", "f_concept_test"]
    assert share("a2-q4", props, key) < 0.4
    verified = [f.id for f in case("agency_feedback").facts if f.verified]
    assert share("a2-q4", verified, key) < 0.75, "copying the verified labels is not this judgement"


def test_customising_the_process_means_dropping_only_what_the_issue_spares():
    why = ("Mei Lin welcomes practical suggestions and decides quickly, and the reply rates from "
           "the survey tool already make the case.")
    assert share("a1-q3", {"skip": ["evidence", "enlist"], "why": why}) == 1.0
    assert share("a1-q3", {"skip": [], "why": why}) == 0.75  # the fixed recipe: every stage
    assert share("a1-q3", {"skip": ["evidence", "enlist", "build_case"], "why": why}) == 0.75
    assert share("a1-q3", {"skip": ["listen", "evidence", "enlist"], "why": why}) == 0.5
    # A right set of stages for a reason that fits any issue is a guess: only "keeps listening
    # and deciding" is earned (review item 14: it earned 75%).
    assert share("a1-q3", {"skip": ["evidence", "enlist"], "why": "It is a small thing and it "
                           "does not need much of anything at all."}) == 0.25
    assert share("a1-q3", {"skip": ["evidence", "enlist"], "why": "The stakes are low, the "
                           "evidence is clear and the timing is fine, so a short note will do "
                           "the job."}) == 0.25


def test_a_wrong_key_is_refused_not_used():
    from pushback_lib.grading.answer_key import AnswerKeyError, expected_ids
    universe = ["f_a", "f_b", "f_c"]
    assert expected_ids(None, {"f_a": True}, universe) == ({"f_a"}, False)
    assert expected_ids(["f_a", "f_c"], {"f_a": True, "f_b": False}, universe) == ({"f_a", "f_c"}, True)
    for bad in (["f_b"], ["f_a", "f_a"], ["f_x"], "f_a"):
        with pytest.raises(AnswerKeyError):
            expected_ids(bad, {"f_a": True, "f_b": False}, universe)


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_hidden_check_says_what_it_tests(qid: str):
    result = grade(QUESTIONS[qid], None)
    hidden = [c for c in result.checks if c.hidden]
    assert hidden, f"{qid} has no hidden checks"
    for c in hidden:
        assert len(c.about.split()) >= 10, f"{qid}: hidden check {c.name!r} has no explanation"


def test_graded_feedback_explains_failed_hidden_items_without_their_answer():
    q = QUESTIONS["a1-q1"]
    answer = ["opinion", "business_reason", "opinion", "opinion", "opinion", "opinion"]
    key = ["opinion", "business_reason", "opinion", "business_reason", "opinion", "business_reason"]
    other_key = ["opinion", "business_reason", "business_reason", "business_reason", "opinion",
                 "opinion"]
    report = grade(q, answer, key).report(include_hidden=True)
    assert "Hidden checks: 2 of 4 passed." in report
    failed = [line for line in report.splitlines() if line.startswith("  ✗ Statement")]
    assert [line.split(":")[0] for line in failed] == ["  ✗ Statement 4", "  ✗ Statement 6"]
    assert all("taste or feeling" in line for line in failed)
    # The explanation of a failed item is the same whatever the key says: it cannot carry the answer.
    again = grade(q, answer, other_key).report(include_hidden=True)
    explained = {line.split(": ", 1)[1] for line in again.splitlines() if line.startswith("  ✗ Statement")}
    assert explained == {line.split(": ", 1)[1] for line in failed}


def test_reveal_mode_shows_every_check_with_its_explanation(monkeypatch: pytest.MonkeyPatch):
    from pushback_lib import check
    from pushback_lib.grading import selfcheck

    monkeypatch.setattr(selfcheck, "_ATTEMPTED", set())
    assert not check("a1-q1", None, reveal=True).revealed
    assert not check("a1-q1", None).revealed and not check("a1-q1", None, reveal=True).revealed, \
        "an empty answer is not an honest attempt"
    answer = ["opinion", "business_reason", "opinion", "opinion", "opinion", "opinion"]
    check("a1-q1", answer)
    shown = check("a1-q1", answer, reveal=True)
    text = repr(shown)
    assert shown.revealed and shown.hidden_unchecked == 0
    assert "Statement 6" in text and "[hidden: whether you can tell" in text
    assert "of 2 points with every check (revealed)" in text.splitlines()[0]


@pytest.mark.parametrize("qid", sorted(PLANS))
def test_an_empty_plan_earns_nothing_by_omission(qid: str):
    """Leaving enlisting out is fine in a plan that makes a case, not in an empty one."""
    assert share(qid, PushbackPlan()) == 0.0


DRAFTS = {"a2-q6": "agency_feedback", "a4-q4": "capstone_vendor"}
GENERIC_DRAFT = (
    "Thank you for making time to talk this through; I can see why you feel strongly and I value "
    "how openly you have shared your worries with me. I see the situation a little differently, "
    "and I would like to explain why. What we know so far points to an option that protects the "
    "things you care about most. Could we sit down next week, look at it together and agree a "
    "way forward that works for everyone?")


@pytest.mark.parametrize("qid", sorted(DRAFTS))
def test_a_generic_draft_with_nothing_from_the_case_earns_nothing(qid: str):
    """A polite, well-shaped draft (the reviewer's 58-word kind) that any case would fit."""
    assert len(GENERIC_DRAFT.split()) >= 58
    result = grade(QUESTIONS[qid], GENERIC_DRAFT)
    assert result.points(include_hidden=True) == 0.0
    gate = {c.name: c for c in result.checks}["uses the case in your own words"]
    assert not gate.passed and "own words" in gate.message


@pytest.mark.parametrize("qid", sorted(DRAFTS))
def test_a_draft_pasted_from_the_case_text_earns_nothing(qid: str):
    c = case(DRAFTS[qid])
    pasted = " ".join([*(f.text for f in c.facts if f.verified), *(x.text for x in c.challenges),
                       *(a.text for a in c.alternatives if a.recommended),
                       "Thank you for listening, I hope we can agree on this."])
    result = grade(QUESTIONS[qid], pasted)
    assert result.points(include_hidden=True) == 0.0
    assert "copied from the case text" in {x.name: x for x in result.checks}[
        "uses the case in your own words"].message


def test_a_draft_in_own_words_earns_and_its_fact_must_be_verified():
    own = ("Helen, I hear you: four thousand pop-ups a week is wearing your nurses down and you "
           "cannot afford to lose more of them. Clarion's own log says nearly every allergy alert "
           "gets clicked away in a couple of seconds, so the noise is real. Yet a handful of those "
           "alerts stopped a penicillin dose that could have harmed a patient, and the inspectors "
           "arrive in four months. Could we keep only the severe documented allergies as hard "
           "stops and quieten the rest, then check with the ward sisters after a month?")
    result = grade(QUESTIONS["a4-q4"], own)
    checks = {x.name: x for x in result.checks}
    assert checks["uses the case in your own words"].passed
    assert checks["substance"].passed and result.points(include_hidden=True) > 0.6 * 3
    rumour = ("Helen, I hear you: four thousand pop-ups a week is wearing your nurses down and "
              "you cannot afford to lose more of them. At a Clarion user-group day a slide showed "
              "a hospital abroad that switched its allergy alerts off with no reported problems at "
              "all, so perhaps we could try the same on two wards first and see how the rounds go?")
    checks = {x.name: x for x in grade(QUESTIONS["a4-q4"], rumour).checks}
    assert checks["uses the case in your own words"].passed
    assert not checks["substance"].passed, "an unchecked story is not a fact to rest on"


def test_pasted_sentences_add_nothing_to_a_drafts_pre_score():
    """One sentence of its own that uses the case opens the gate; the pasted rest earns no shape."""
    c = case("capstone_vendor")
    own = ("Helen, with four thousand pop-ups a week your nurses are clicking past nearly every "
           "allergy alert within a couple of seconds.")
    pasted = " ".join([*(a.text for a in c.alternatives if a.recommended),
                       *(f.text for f in c.facts if f.verified), *c.stakeholder_wants])
    alone = grade(QUESTIONS["a4-q4"], own + " " + "I would like us to talk about this soon. " * 4)
    padded = grade(QUESTIONS["a4-q4"], own + " " + pasted)
    assert {x.name: x for x in padded.checks}["uses the case in your own words"].passed
    # read whole, the pasted option and facts would lift the pre-score to about 2 of 3 points
    assert padded.points(include_hidden=False) <= alone.points(include_hidden=False) + 0.5
    assert padded.points(include_hidden=True) < 0.6 * 3


def test_a3s_first_call_is_not_earned_with_the_menu_board_answer_the_lessons_show():
    """Parts A and B moved to charity_raffle so the first call is the learner's own: a reason
    copied from lessons 03 and 09 (the menu boards) names no substance of the raffle case."""
    copied = {"call": "let_go",
              "why": "The boards were already sent to print and the menu launches on Monday, only "
                     "£600 of boards for one season is at stake, and this is my first project "
                     "with Rosa, so the goodwill for next year's shop signs is worth more than a "
                     "typeface."}
    own = {"call": "let_go",
           "why": "Only one raffle of about £420 is at stake, the books are already printed with "
                  "the open day this Saturday, my strongest figure is the app vendor's own sales "
                  "deck, and Graham has said the matter is settled."}
    result = grade(QUESTIONS["a3-q2"], copied)
    assert not {x.name: x for x in result.checks}["your reason rests on this case"].passed
    assert share("a3-q2", copied) < 1.0 and share("a3-q2", own) == 1.0
