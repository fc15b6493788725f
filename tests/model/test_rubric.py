"""The rubric scores plans as an expert would: strong near full marks, weak or aggressive low.

The judgement targets of issue 15 are tested over every case: copying the
labels with boilerplate prose scores <= 30%, taking every item < 60%, the
case's expert plan >= 80%, an honest paraphrase >= 70%.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushback_lib import STAGE_KEYS, PlanError, PushbackPlan, load_case, score
from pushback_lib import cases as all_cases
from pushback_lib._html import table
from pushback_lib._text import words
from pushback_lib.analyzer.tone import PARTING_SHOTS
from pushback_lib.cases import Case
from pushback_lib.rubric import (
    AGGRESSIVE_PENALTY,
    OVERKILL_PENALTY,
    UNKNOWN_FACT_PENALTY,
    UNKNOWN_ID_PENALTY,
    UNTRUSTED_ALLY_PENALTY,
    UNUSED_ID_PENALTY,
    UNVERIFIED_FACT_PENALTY,
    CriterionResult,
    RubricResult,
)

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


BOILERPLATE = {"opening": "I understand your concern.", "acknowledge": "I understand your concern.",
               "business_reason": "It matters for your goal.",
               "closing": "It matters for your goal.", "let_go": "I respect your decision."}


def _label_reader(case: Case) -> PushbackPlan:
    """Every correct label copied (ids, and the recommended alternative verbatim), boilerplate prose."""
    return PushbackPlan(
        **BOILERPLATE,
        challenges=[c.id for c in case.challenges],
        evidence=[f.id for f in case.facts if f.verified],
        analogies=[a.id for a in case.analogies if a.in_category],
        allies=[a.id for a in case.allies if a.trusted_by_stakeholder],
        alternative=next(a.text for a in case.alternatives if a.recommended),
    )


def _take_everything(case: Case, prose: PushbackPlan) -> PushbackPlan:
    """Every id of the case and every option pasted into the alternative, on top of ``prose``."""
    return replace(prose, challenges=[c.id for c in case.challenges],
                   evidence=[f.id for f in case.facts], analogies=[a.id for a in case.analogies],
                   allies=[a.id for a in case.allies],
                   alternative=" ".join([prose.alternative, *(a.text for a in case.alternatives)]))


@pytest.mark.parametrize("case_id", all_cases())
def test_copying_the_labels_with_boilerplate_prose_scores_at_most_30_percent(case_id: str) -> None:
    case = load_case(case_id)
    result = score(_label_reader(case), case)
    assert result.fraction <= 0.30, str(result)
    assert _earned(result) <= 0.30 * result.max_total, "not only the penalties keep it low"
    for key in ("listen", "build_case", "deliver", "close"):
        assert result.criterion(key).points == 0, (key, str(result))


@pytest.mark.parametrize("case_id", all_cases())
def test_taking_every_item_scores_under_60_percent(expert_plans: dict[str, PushbackPlan],
                                                   case_id: str) -> None:
    case = load_case(case_id)
    for prose in (PushbackPlan(**BOILERPLATE), expert_plans[case_id]):
        result = score(_take_everything(case, prose), case)
        assert result.fraction < 0.60, str(result)
    assert score(_take_everything(case, expert_plans[case_id]), case).criterion(
        "alternative").points < 3, "pasting every option is no recommendation"


@pytest.mark.parametrize("case_id", all_cases())
def test_every_case_has_an_expert_plan_that_scores_at_least_80_percent(
        expert_plans: dict[str, PushbackPlan], case_id: str) -> None:
    case = load_case(case_id)
    result = score(expert_plans[case_id], case)
    assert result.fraction >= 0.80, str(result)
    assert not [p for p in result.penalties if p.points >= UNVERIFIED_FACT_PENALTY], str(result)


@pytest.mark.parametrize("case_id", ["niche_recruitment", "agency_feedback"])
def test_an_honest_paraphrase_scores_well(paraphrased_plans: dict[str, PushbackPlan],
                                          case_id: str) -> None:
    case = load_case(case_id)
    plan = paraphrased_plans[case_id]
    texts = [f.text for f in case.facts] + [a.text for a in case.alternatives]
    assert not any(t in plan.draft() for t in texts), "a paraphrase copies no case sentence"
    result = score(plan, case)
    assert result.fraction >= 0.70, str(result)
    assert result.criterion("build_case").points == 3 and result.criterion("enlist").points == 3


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
    assert [(p.field, p.ref) for p in result.penalties] == [
        ("evidence", "f_grading_project"), ("tone", "aggressive")], "the fact is cited, never used"
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
    assert plus_rumour.total == plus_rumour.max_total - UNVERIFIED_FACT_PENALTY - UNUSED_ID_PENALTY
    penalty, unused = plus_rumour.penalties
    assert (unused.ref, unused.points) == ("f_rival_offer", UNUSED_ID_PENALTY), (
        "listed and never used costs a point whatever its label: no clue by elimination")
    assert (penalty.field, penalty.ref, penalty.revealed_ref) == ("evidence", "", "f_rival_offer")
    assert "would not survive a check" in penalty.reason, "points drop, the item is not named"
    assert "f_rival_offer" in penalty.reason_for(reveal=True) and "unverified" in penalty.revealed

    only_bad = score(replace(strong, evidence=["f_rival_offer", "f_invented", "f_invented"]), case)
    assert [(p.ref_for(reveal=True), p.points) for p in only_bad.penalties] == [
        ("f_rival_offer", UNVERIFIED_FACT_PENALTY), ("f_rival_offer", UNUSED_ID_PENALTY),
        ("f_invented", UNKNOWN_FACT_PENALTY)]
    assert "not a fact of this case" in only_bad.penalties[2].reason
    assert only_bad.criterion("build_case").points == 1  # the reason is tied; no verified fact left
    assert only_bad.total == (_earned(only_bad) - UNVERIFIED_FACT_PENALTY - UNUSED_ID_PENALTY
                              - UNKNOWN_FACT_PENALTY)
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


def test_only_a_trusted_ally_named_in_the_prose_earns_credit(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    base = strong_plans["niche_recruitment"]
    trusted = score(base, case)
    assert (trusted.criterion("enlist").points, trusted.criterion("enlist").level) == (3, "strong")
    own_team = score(replace(base, allies=["ally_martin"],
                             closing=base.closing.replace("Sarah Whitfield", "Martin Keane")), case)
    assert own_team.criterion("enlist").points == 0 and "already trusts" in own_team.criterion(
        "enlist").reason
    assert [(p.ref_for(reveal=True), p.points) for p in own_team.penalties] == [
        ("ally_martin", UNTRUSTED_ALLY_PENALTY)]
    assert "Martin" not in str(own_team) and "Martin Keane is not someone" in own_team.explain(
        reveal=True)
    unnamed = score(replace(base, closing="If the call goes well, we both win: I'll send two "
                                          "times for the call today."), case)
    assert unnamed.criterion("enlist").points == 0
    assert [(p.ref, p.points) for p in unnamed.penalties] == [("ally_sarah", UNUSED_ID_PENALTY)]
    assert "never uses it" in unnamed.penalties[0].reason


def test_a_but_in_the_acknowledgement_costs_a_point(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    plan = replace(strong_plans["niche_recruitment"],
                   acknowledge=("You need a single grading scheme in place before the merger, "
                                "but Daniel fits."))
    listen = score(plan, case).criterion("listen")
    assert listen.points == 2 and "'but'" in listen.reason


def test_a_far_off_analogy_alone_cannot_carry_the_evidence(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    base = strong_plans["niche_recruitment"]
    reason = base.business_reason.split(" You may remember")[0]
    plan = replace(base, analogies=["a_football_scouting"], business_reason=(
        reason + " A football scout will sign a player with ordinary statistics once watching "
        "him play shows how well he fits the team's system."))
    evidence = score(plan, case).criterion("evidence")
    assert evidence.points == 2 and "closest to their category" in evidence.reason


def test_a_cited_item_counts_only_when_the_prose_uses_its_substance(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    base = strong_plans["niche_recruitment"]
    told = score(base, case)
    silent = score(replace(base, business_reason=(
        "Daniel is a strong candidate for this role and I would like you to reconsider him, "
        "because he fits what the business needs.")), case)
    assert told.criterion("build_case").points == 3
    assert silent.criterion("build_case").points == 2, "the brief's priorities, used in the alternative"
    assert "Tie your reason to a challenge" in silent.criterion("build_case").reason
    assert "f_grading_project" not in silent.criterion("build_case").reason
    unused = {p.ref for p in silent.penalties if p.points == UNUSED_ID_PENALTY}
    assert {"f_grading_project", "f_wants_to_stay", "a_finance_controller"} <= unused
    assert silent.criterion("evidence").points == 0


def test_boilerplate_earns_nothing_anywhere() -> None:
    case = load_case("agency_feedback")
    result = score(PushbackPlan(**BOILERPLATE), case)
    assert _earned(result) == 0, str(result)
    assert all("Next:" in c.reason for c in result.criteria)


def test_leaning_on_an_unverified_fact_in_the_prose_costs_as_much_as_citing_it(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("niche_recruitment")
    base = strong_plans["niche_recruitment"]
    rumour = replace(base, closing=base.closing + (" A contact at a rival search firm tells me "
                                                   "Daniel may be close to an offer elsewhere."))
    (penalty,) = score(rumour, case).penalties
    assert (penalty.field, penalty.revealed_ref, penalty.points) == ("prose", "f_rival_offer",
                                                                     UNVERIFIED_FACT_PENALTY)
    assert "f_rival_offer" not in str(score(rumour, case)), "no oracle before the debrief"
    cited = score(replace(rumour, evidence=[*rumour.evidence, "f_rival_offer"]), case)
    assert [p.revealed_ref for p in cited.penalties] == ["f_rival_offer"], "one penalty, not two"
    assert cited.total == score(rumour, case).total


def test_pasting_several_options_is_no_recommendation(strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("agency_feedback")
    base = strong_plans["agency_feedback"]
    both = replace(base, alternative=base.alternative + " Or add a small 'from the Fernleigh "
                   "family' sign-off to the end frame only.")
    alternative = score(both, case).criterion("alternative")
    assert alternative.points == 1 and "several options at once" in alternative.reason


def test_the_recommended_option_copied_verbatim_earns_nothing() -> None:
    case = load_case("consulting_rollout")
    best = next(a for a in case.alternatives if a.recommended)
    alternative = score(PushbackPlan(alternative=best.text), case).criterion("alternative")
    assert alternative.points == 0 and "in your own words" in alternative.reason
    own = score(PushbackPlan(alternative=(
        "Let's switch over in three waves, four sites within six weeks and the rest after peak "
        "in January, paying for the old licence month by month meanwhile.")), case)
    assert own.criterion("alternative").points >= 2, "the same option in your words counts"
    pasted = score(PushbackPlan(alternative=best.text, evidence=["f_licence_clause"]), case)
    assert pasted.criterion("build_case").points == 0, "a pasted option does not use the facts"


def test_a_stage_the_case_makes_unnecessary_can_be_skipped_at_no_cost(
        expert_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("survey_timing")
    result = score(expert_plans["survey_timing"], case)
    skipped = {c.stage: c for c in result.skipped}
    assert set(skipped) == {"evidence", "enlist"}
    for c in skipped.values():
        assert (c.points, c.max_points, c.level, c.fraction) == (0, 0, "not needed", 1.0)
        assert c.reason.startswith("Not needed in this case:") and "costs nothing" in c.reason
    assert "overkill" in skipped["enlist"].reason
    assert result.max_total == 15 and result.total == 15
    assert result.by_stage()["enlist"] == 1.0


def test_doing_an_unnecessary_stage_anyway_costs_a_point_per_item(
        expert_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("survey_timing")
    base = expert_plans["survey_timing"]
    heavy = replace(base, allies=["ally_head_procurement"], analogies=["a_hr_pulse"],
                    closing=base.closing + " I could also ask Richard Ames to back it.")
    result = score(heavy, case)
    assert result.max_total == 15
    assert sorted((p.ref, p.points) for p in result.penalties) == [
        ("a_hr_pulse", OVERKILL_PENALTY), ("ally_head_procurement", OVERKILL_PENALTY)]
    assert "leave it out" in result.criterion("enlist").reason
    assert result.total == 15 - 2 * OVERKILL_PENALTY


def test_skipping_a_stage_a_big_issue_needs_still_costs_its_points(
        strong_plans: dict[str, PushbackPlan]) -> None:
    case = load_case("agency_feedback")
    result = score(replace(strong_plans["agency_feedback"], allies=[]), case)
    enlist = result.criterion("enlist")
    assert (enlist.points, enlist.max_points, enlist.level) == (0, 3, "missing")
    assert result.max_total == 21


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
    ("Thanks, Khalid, for looking at the shortlist so quickly.", True),
    ("You're right that the merger deadline comes first.", True),
    ("I don't like this decision.", False),
    ("That's not fair on the candidate.", False),
    ("I understand your concern.", False),
    ("Thanks for looking at it so quickly.", False),
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


def test_any_skippable_stage_follows_the_case_not_a_fixed_recipe(
        strong_plans: dict[str, PushbackPlan]) -> None:
    from pushback_lib.cases import SKIPPABLE_STAGES, UnnecessaryStages

    case = load_case("niche_recruitment")
    for key in SKIPPABLE_STAGES:
        light = replace(case, unnecessary_stages=UnnecessaryStages(**{key: "a small matter"}))
        result = score(strong_plans["niche_recruitment"], light)
        criterion = result.criterion(key)
        assert (criterion.points, criterion.max_points, criterion.level) == (0, 0, "not needed")
        assert result.max_total == 18 and "a small matter" in criterion.reason
        others = [c for c in result.criteria if c.stage != key]
        assert all(c.max_points == 3 for c in others)


def _paste_attack(case: Case) -> PushbackPlan:
    """The reviewer's attack: labels read from the attributes, the case's own texts pasted in
    (challenges, verified facts, wants, the recommended option, the trusted allies and the
    analogies in category), glued with "So you want this:"."""
    glue = "So you want this:"
    wants = " ".join(case.stakeholder_wants)
    trusted = [a for a in case.allies if a.trusted_by_stakeholder]
    return PushbackPlan(
        opening=f"{glue} {wants}", acknowledge=f"{glue} {wants}",
        business_reason=" ".join([glue, *(c.text for c in case.challenges),
                                  *(f.text for f in case.facts if f.verified),
                                  *(a.text for a in case.analogies if a.in_category)]),
        alternative=f"{glue} {next(a.text for a in case.alternatives if a.recommended)}",
        closing=" ".join([glue, wants, *(f"{a.name}, {a.role}" for a in trusted)]),
        let_go=f"{glue} {wants}",
        challenges=[c.id for c in case.challenges],
        evidence=[f.id for f in case.facts if f.verified],
        analogies=[a.id for a in case.analogies if a.in_category],
        allies=[a.id for a in trusted])


@pytest.mark.parametrize("case_id", all_cases())
def test_pasting_the_case_texts_behind_the_labels_scores_at_most_30_percent(case_id: str) -> None:
    from pushback_lib._text import sentences

    case = load_case(case_id)
    attack = _paste_attack(case)
    tagged = replace(attack, **{name: " ".join(s.rstrip(".") + ", and that matters for your goal."
                                               for s in sentences(getattr(attack, name)))
                                for name in BOILERPLATE | {"business_reason": "", "alternative": ""}})
    for plan in (attack, tagged):
        result = score(plan, case)
        assert result.fraction <= 0.30, str(result)
        assert _earned(result) <= 0.30 * result.max_total, "not only the penalties keep it low"


def test_an_acknowledgement_that_says_they_are_wrong_earns_nothing(
        strong_plans: dict[str, PushbackPlan]) -> None:
    plan = replace(strong_plans["agency_feedback"], acknowledge=(
        "I know the heritage story is something the family is proud of, but you are wrong."))
    listen = score(plan, load_case("agency_feedback")).criterion("listen")
    assert listen.points == 0 and "'wrong'" in listen.reason
    assert "you acknowledge" not in listen.reason


def test_a_want_pasted_verbatim_does_not_earn_the_acknowledgement(
        strong_plans: dict[str, PushbackPlan]) -> None:
    for case_id, plan in strong_plans.items():
        case = load_case(case_id)
        for want in case.stakeholder_wants:
            listen = score(replace(plan, acknowledge=want), case).criterion("listen")
            assert listen.points < 3 and "own" in listen.reason, (want, listen.reason)
        assert score(plan, case).criterion("listen").points == 3, "the expert's restatement counts"


@pytest.mark.parametrize("case_id", all_cases())
def test_hints_never_quote_a_want_or_fact_to_paste(case_id: str) -> None:
    case = load_case(case_id)
    reasons = " ".join(c.reason for c in score(PushbackPlan(acknowledge="OK."), case).criteria)
    for text in [*case.stakeholder_wants, *(f.text for f in case.facts),
                 *(c.text for c in case.challenges)]:
        assert text.rstrip(".") not in reasons, text


@pytest.mark.parametrize("case_id", all_cases())
def test_learner_facing_messages_name_no_hidden_label(expert_plans: dict[str, PushbackPlan],
                                                      case_id: str) -> None:
    """Citing everything shows *that* something is off, never *which*: no oracle before the
    debrief, while ``explain(reveal=True)`` names the items for the debrief."""
    case = load_case(case_id)
    result = score(_take_everything(case, expert_plans[case_id]), case)
    judged_points = (UNVERIFIED_FACT_PENALTY, UNTRUSTED_ALLY_PENALTY)
    shown = " ".join([*(c.reason for c in result.criteria if c.needed),
                      *(f"{p.ref} {p.reason}" for p in result.penalties if p.points in judged_points)])
    hidden = [f.id for f in case.facts if not f.verified] + [
        a.id for a in case.allies if not a.trusted_by_stakeholder] + [
        a.name for a in case.allies if not a.trusted_by_stakeholder]
    assert not [h for h in hidden if h in shown], str(result)
    assert "close to their own world (" not in shown and "the option that fits (" not in shown
    revealed = result.explain(reveal=True)
    judged = [p for p in result.penalties if p.revealed_ref]
    assert judged, "the case has distractors to cost points"
    assert all(p.revealed_ref in revealed and not p.ref for p in judged)


def test_what_the_alternative_does_for_them_is_shown_in_the_learners_own_words():
    """The reason quotes whole words as the learner wrote them, not the stems used to match them
    (lesson 06 once showed "(financial, season, warehous)")."""
    case = load_case("consulting_rollout")
    text = ("Could we switch four warehouses in six weeks and the remaining ten in January, after "
            "peak? Your board still sees most of the savings this financial year, and peak season "
            "is protected.")
    c = score(PushbackPlan(alternative=text), case).criterion("alternative")
    shown = c.reason[c.reason.index("what it does for them (") + len("what it does for them ("):]
    shown = shown[:shown.index(")")].split(", ")
    written = set(words(text))
    assert shown and all(w in written for w in shown), f"not the learner's words: {shown}"
    assert "financial" in shown, shown
