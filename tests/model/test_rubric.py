"""The rubric scores plans as an expert would: strong near full marks, weak or aggressive low."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushback_lib import STAGE_KEYS, PlanError, PushbackPlan, load_case, score
from pushback_lib import cases as all_cases
from pushback_lib._html import table
from pushback_lib.analyzer.tone import PARTING_SHOTS
from pushback_lib.case import Case
from pushback_lib.rubric import (
    AGGRESSIVE_PENALTY,
    UNKNOWN_FACT_PENALTY,
    UNKNOWN_ID_PENALTY,
    UNVERIFIED_FACT_PENALTY,
)
from pushback_lib.rubric_result import CriterionResult, RubricResult

PLAN_STAGES = [k for k in STAGE_KEYS if k != "decide"]


def _earned(result: RubricResult) -> int:
    return sum(c.points for c in result.criteria)


@pytest.mark.parametrize("case_id", ["niche_recruitment", "agency_feedback"])
def test_strong_seed_plan_scores_near_full_marks(strong_plans: dict[str, PushbackPlan],
                                                 case_id: str) -> None:
    result = score(strong_plans[case_id], load_case(case_id))
    assert result.fraction >= 0.9
    assert result.penalties == ()
    assert all(c.level in ("good", "strong") for c in result.criteria), str(result)
    assert all(c.reason.startswith("Done:") for c in result.criteria)


def _expert_plan(case: Case) -> PushbackPlan:
    """A plan assembled from the case's own data, as its expert outcome suggests."""
    wants = [w.rstrip(".") for w in case.stakeholder_wants]
    return PushbackPlan(
        opening="Thank you, I completely understand why this matters to you.",
        acknowledge=(f"You want {wants[0][0].lower() + wants[0][1:]}, "
                     f"and {wants[1][0].lower() + wants[1][1:]}."),
        business_reason="My concern is the business: " + " ".join(c.text for c in case.challenges),
        challenges=[c.id for c in case.challenges],
        evidence=[f.id for f in case.facts if f.verified],
        analogies=[a.id for a in case.analogies],
        alternative=next(a.text for a in case.alternatives if a.recommended),
        allies=[a.id for a in case.allies if a.trusted_by_stakeholder],
        closing="I suggest we plan the next step together this week, so that both of us win.",
        let_go="If the answer is still no, I respect your decision and thank you for listening.",
    )


@pytest.mark.parametrize("case_id", all_cases())
def test_every_case_admits_a_full_marks_plan_from_its_own_data(case_id: str) -> None:
    case = load_case(case_id)
    result = score(_expert_plan(case), case)
    assert result.total == result.max_total, str(result)


def test_one_criterion_per_plan_stage(strong_plans: dict[str, PushbackPlan]) -> None:
    result = score(strong_plans["niche_recruitment"], load_case("niche_recruitment"))
    assert [c.stage for c in result.criteria] == PLAN_STAGES
    assert list(result.by_stage()) == PLAN_STAGES
    assert all(isinstance(c.points, int) and 0 <= c.points <= c.max_points <= 3
               for c in result.criteria)
    assert result.max_total == sum(c.max_points for c in result.criteria)
    assert result.criterion("enlist").name == "Enlist support"


def test_weak_plan_scores_low_with_actionable_reasons(weak_plan: PushbackPlan) -> None:
    result = score(weak_plan, load_case("niche_recruitment"))
    assert result.fraction <= 0.2
    levels = {c.stage: c.level for c in result.criteria}
    assert levels["evidence"] == levels["enlist"] == levels["close"] == "missing"
    assert levels["listen"] == levels["build_case"] == "weak"
    for c in result.criteria:
        assert "Next:" in c.reason
    assert "Khalid Rahman" in result.criterion("listen").reason
    assert "c_merger_grading" in result.criterion("build_case").reason


def test_aggressive_plan_scores_low(aggressive_plan: PushbackPlan) -> None:
    result = score(aggressive_plan, load_case("niche_recruitment"))
    deliver = result.criterion("deliver")
    assert (deliver.points, deliver.level) == (0, "weak")
    assert "aggressive" in deliver.reason and '"' in deliver.reason
    assert [p.field for p in result.penalties] == ["tone"]
    assert result.fraction <= 0.25
    assert "parting shot" in result.criterion("close").reason


def test_one_aggressive_line_costs_the_delivery_and_credibility(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("agency_feedback")
    calm = score(strong_plans["agency_feedback"], case)
    angry = score(replace(strong_plans["agency_feedback"],
                          opening="Yes, Greg, but frankly this feedback is ridiculous."), case)
    assert angry.criterion("deliver").points == 0
    assert angry.total == calm.total - calm.criterion("deliver").points - AGGRESSIVE_PENALTY


def test_unverified_and_unknown_facts_are_visible_penalties(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    strong = strong_plans["niche_recruitment"]
    plus_rumour = score(replace(strong, evidence=[*strong.evidence, "f_rival_offer"]), case)
    assert plus_rumour.total == plus_rumour.max_total - UNVERIFIED_FACT_PENALTY
    (penalty,) = plus_rumour.penalties
    assert (penalty.field, penalty.ref) == ("evidence", "f_rival_offer")
    assert "f_rival_offer" in penalty.reason and "unverified" in penalty.reason

    only_bad = score(replace(strong, evidence=["f_rival_offer", "f_invented", "f_invented"]), case)
    assert [(p.ref, p.points) for p in only_bad.penalties] == [
        ("f_rival_offer", UNVERIFIED_FACT_PENALTY), ("f_invented", UNKNOWN_FACT_PENALTY)]
    assert "not a fact of this case" in only_bad.penalties[1].reason
    assert only_bad.criterion("build_case").points == 2  # no verified prop left
    assert only_bad.total == _earned(only_bad) - UNVERIFIED_FACT_PENALTY - UNKNOWN_FACT_PENALTY
    assert only_bad.fraction < 0.75
    assert "Penalty -3 (evidence: f_invented)" in str(only_bad)


def test_unknown_ally_analogy_and_challenge_ids_cost_a_point_each(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    plan = replace(strong_plans["niche_recruitment"], allies=["ally_sarah", "ally_bob"],
                   analogies=[*strong_plans["niche_recruitment"].analogies, "a_none"],
                   challenges=["c_merger_grading", "c_ghost"])
    result = score(plan, case)
    assert sorted((p.field, p.ref, p.points) for p in result.penalties) == [
        ("allies", "ally_bob", UNKNOWN_ID_PENALTY), ("analogies", "a_none", UNKNOWN_ID_PENALTY),
        ("challenges", "c_ghost", UNKNOWN_ID_PENALTY)]
    assert result.total == result.max_total - 3 * UNKNOWN_ID_PENALTY


def test_total_never_goes_below_zero(weak_plan: PushbackPlan) -> None:
    plan = replace(weak_plan, evidence=[f"f_fake_{i}" for i in range(5)])
    result = score(plan, load_case("niche_recruitment"))
    assert _earned(result) < sum(p.points for p in result.penalties)
    assert result.total == 0 and result.fraction == 0.0


def test_trusted_ally_earns_extra_credit(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    base = strong_plans["niche_recruitment"]
    own_team = score(replace(base, allies=["ally_martin"]), case).criterion("enlist")
    trusted = score(replace(base, allies=["ally_sarah"]), case).criterion("enlist")
    assert (own_team.points, own_team.level) == (2, "good") and "already trusts" in own_team.reason
    assert (trusted.points, trusted.level) == (3, "strong")


def test_a_but_in_the_acknowledgement_costs_a_point(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    plan = replace(strong_plans["niche_recruitment"],
                   acknowledge="You need one grading structure before the merger closes, but Daniel fits.")
    listen = score(plan, case).criterion("listen")
    assert listen.points == 2 and "'but'" in listen.reason


def test_evidence_needs_both_sides_of_the_category(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    plan = replace(strong_plans["niche_recruitment"], analogies=["a_finance_controller"])
    evidence = score(plan, case).criterion("evidence")
    assert evidence.points == 2 and "outside the category" in evidence.reason


def test_scoring_is_deterministic(strong_plans: dict[str, PushbackPlan],
                                  aggressive_plan: PushbackPlan) -> None:
    case = load_case("niche_recruitment")
    for plan in (strong_plans["niche_recruitment"], aggressive_plan):
        assert score(plan, case) == score(plan, case)


def test_wrong_arguments_raise_plan_errors(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    with pytest.raises(PlanError, match="needs a PushbackPlan"):
        score({"acknowledge": "hi"}, case)  # type: ignore[arg-type]
    with pytest.raises(PlanError, match=r"needs a Case .*use load_case.*got str"):
        score(strong_plans["niche_recruitment"], "niche_recruitment")  # type: ignore[arg-type]


def test_renders_as_text_and_escaped_html() -> None:
    result = RubricResult("demo", (
        CriterionResult("listen", "Listen and acknowledge", 1, 3, "weak", "Say <b>more</b> & listen"),
    ))
    text = str(result)
    assert text.splitlines()[0] == "Rubric for case demo: 1/3"
    assert "Say <b>more</b> & listen" in text
    html = result._repr_html_()
    assert html.startswith("<table") and "<caption>Rubric for case demo</caption>" in html
    assert "Say &lt;b&gt;more&lt;/b&gt; &amp; listen" in html and "<b>more" not in html
    assert ">1/3<" in html and ">33%<" in html
    assert "<script>" not in table(["h"], [["<script>alert(1)</script>"]])


def test_a_hostile_let_go_line_loses_the_graceful_point(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    plan = replace(strong_plans["niche_recruitment"],
                   let_go="Then it is on you: this decision is ridiculous and I will say so.")
    close = score(plan, case).criterion("close")
    assert close.points == 2 and "parting shot ('ridiculous')" in close.reason


@pytest.mark.parametrize(("opening", "agrees"), [
    ("Thanks for looking at the shortlist so quickly.", True),
    ("You're right that the merger deadline comes first.", True),
    ("I don't like this decision.", False),
    ("That's not fair on the candidate.", False),
])
def test_only_real_agreement_opens_the_sandwich(strong_plans: dict[str, PushbackPlan],
                                                opening: str, agrees: bool) -> None:
    plan = replace(strong_plans["niche_recruitment"], opening=opening)
    deliver = score(plan, load_case("niche_recruitment")).criterion("deliver")
    assert (deliver.points == 3) is agrees
    assert ("opens with agreement" in deliver.reason) is agrees


def test_whatever_you_decide_is_a_graceful_let_go(strong_plans: dict[str, PushbackPlan]) -> None:
    plan = replace(strong_plans["niche_recruitment"],
                   let_go="Whatever you decide, I respect it and will keep searching.")
    assert score(plan, load_case("niche_recruitment")).criterion("close").points == 3


@pytest.mark.parametrize("shot", PARTING_SHOTS)
def test_every_parting_shot_of_the_tone_vocabulary_costs_the_graceful_point(
        strong_plans: dict[str, PushbackPlan], shot: str) -> None:
    """The rubric's let-go check reads the analyzer's tone module: one vocabulary, not two."""
    plan = replace(strong_plans["niche_recruitment"],
                   let_go=f"Understood, we will step back on this one; {shot.upper()}, and thank you.")
    close = score(plan, load_case("niche_recruitment")).criterion("close")
    assert close.points == 2 and "parting shot" in close.reason, shot
