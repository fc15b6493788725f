"""A case shows the learner its documents, not the expert's labels; the debrief reveals them."""

from __future__ import annotations

import html

import pytest

import pushback_lib as pb
from pushback_lib import PushbackError, PushbackPlan, cases, load_case
from pushback_lib.cases import Case
from pushback_lib.cases.views import Debrief, brief, brief_markdown
from pushback_lib.practice.builder import ID_FIELDS, id_options

LABEL_WORDS = ("verified", "in_category", "in the category", "trusted", "recommended",
               "unnecessary", "expert outcome", "expert's")


def _secrets(case: Case) -> list[str]:
    """Every text that gives a label away: the reasons and the expert outcome."""
    items = [*case.facts, *case.analogies, *case.alternatives, *case.allies]
    return ([i.why for i in items if i.why] + list(case.unnecessary_stages.reasons().values())
            + [case.expert_outcome.summary, case.expert_outcome.reasoning])


def _learner_views(case: Case) -> dict[str, str]:
    views = {"repr": repr(case), "str": str(case), "html": case._repr_html_(),
             "markdown": case.brief_markdown()}
    views |= {f"repr {type(i).__name__} {i.id}": repr(i)
              for i in (*case.facts, *case.analogies, *case.alternatives, *case.allies)}
    views |= {f"builder {field}": " ".join(label for label, _ in id_options(case, field))
              for field in ID_FIELDS}
    return views


@pytest.mark.parametrize("case_id", cases())
def test_no_learner_facing_view_shows_a_label_or_its_reason(case_id: str) -> None:
    case = load_case(case_id)
    for where, text in _learner_views(case).items():
        lowered = text.lower()
        assert not [w for w in LABEL_WORDS if w in lowered], (where, text[:300])
        assert not [s for s in _secrets(case) if s in text], where
        assert "True" not in text and "False" not in text, where


@pytest.mark.parametrize("case_id", cases())
def test_the_brief_still_holds_every_document_the_learner_judges(case_id: str) -> None:
    case = load_case(case_id)
    text, markdown, page = brief(case), brief_markdown(case), case._repr_html_()
    for item in (*case.challenges, *case.facts, *case.analogies, *case.alternatives, *case.allies):
        assert item.id in text and item.id in markdown and item.id in page
    for fact in case.facts:
        assert fact.text in text and fact.prop.replace("_", " ") in text
    assert case.situation in text and all(w in text for w in case.stakeholder_wants)
    assert "pb.debrief(case" in page, "the brief tells the learner how to reveal the labels"


def test_the_html_brief_escapes_the_case_text() -> None:
    from dataclasses import replace

    case = replace(load_case("survey_timing"), title="<script>x</script> & co")
    page = case._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; co" in page


@pytest.mark.parametrize("case_id", cases())
def test_the_debrief_reveals_every_label_with_its_reason_and_the_expert_outcome(case_id: str) -> None:
    case = load_case(case_id)
    d = pb.debrief(case)
    assert isinstance(d, Debrief) and d == case.debrief()
    ids = [r.id for r in d.rows]
    for item in (*case.facts, *case.analogies, *case.alternatives, *case.allies):
        assert item.id in ids
    text = str(d)
    assert all(s in text for s in _secrets(case))
    assert html.unescape(case.expert_outcome.summary) in html.unescape(d._repr_html_())
    assert all(r.yours is None and r.verdict == "" for r in d.rows), "no plan: nothing to compare"
    assert {r.id: r.good for r in d.rows_of("fact")} == {f.id: f.verified for f in case.facts}


def test_the_debrief_compares_the_learners_picks_with_the_labels() -> None:
    case = load_case("niche_recruitment")
    plan = PushbackPlan(evidence=["f_grading_project", "f_rival_offer"],
                        analogies=["a_football_scouting"], allies=["ally_martin"],
                        alternative="Set up a short video call with Daniel this week on the "
                                    "brief's top priorities before a full interview.")
    d = pb.debrief(case, plan, call="push_back")
    verdicts = {r.id: r.verdict for r in d.rows}
    assert verdicts["f_grading_project"] == "Right to cite"
    assert verdicts["f_rival_offer"].startswith("A trap")
    assert verdicts["f_pay_equity_audit"] == "Rightly left out"
    assert verdicts["ally_martin"].startswith("A distractor")
    assert "trusts them" in verdicts["ally_sarah"]
    assert verdicts["alt_short_call"] == "Your alternative is close to it"
    assert {r.id for r in d.differences} >= {"f_rival_offer", "ally_martin", "ally_sarah",
                                             "a_football_scouting"}
    assert "the expert agrees" in str(d)
    assert repr(d) == (f"Debrief(case_id='niche_recruitment', items={len(d.rows)}, "
                       f"differences={len(d.differences)})")
    assert "no plan given" in repr(pb.debrief(case))
    let_go = pb.debrief(case, plan, call="let_go")
    assert "the expert's: push back" in str(let_go) and "Your call: let go" in str(let_go)
    page = d._repr_html_()
    assert "Yours?" in page and "Verdict" in page


def test_the_debrief_of_a_small_issue_says_which_stages_were_overkill() -> None:
    case = load_case("survey_timing")
    heavy = PushbackPlan(allies=["ally_head_procurement"], analogies=["a_hr_pulse"])
    stages = {r.id: r for r in pb.debrief(case, heavy).rows_of("stage")}
    assert set(stages) == {"evidence", "enlist"}
    assert all(r.verdict == "You did it anyway: overkill here" for r in stages.values())
    light = {r.id: r.verdict for r in pb.debrief(case, PushbackPlan()).rows_of("stage")}
    assert light == {"evidence": "Rightly skipped", "enlist": "Rightly skipped"}
    allies = {r.id: r.good for r in pb.debrief(case).rows_of("ally")}
    assert allies == {"ally_head_procurement": False, "ally_buyer": False}, \
        "even a trusted ally is not a good pick when the case makes enlisting overkill"


def test_debrief_rejects_a_wrong_call_or_plan() -> None:
    case = load_case("niche_recruitment")
    with pytest.raises(PushbackError, match="call must be one of push_back, let_go, got 'maybe'"):
        pb.debrief(case, call="maybe")
    with pytest.raises(PushbackError, match="plan must be a PushbackPlan, got dict"):
        pb.debrief(case, {"evidence": []})  # type: ignore[arg-type]
