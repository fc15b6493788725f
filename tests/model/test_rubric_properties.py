"""Invariants of the rubric over generated plans: bounds, precision, determinism.

Plans are drawn from each case's own material (sentences of its expert plan,
its fact and analogy texts, boilerplate, nothing) and its ids (real, distractor
and unknown), so the generator reaches the places where credit and penalties
meet: prose that uses an item or not, ids cited or not.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pushback_lib import PushbackPlan, cases, load_case, score
from pushback_lib._text import sentences
from pushback_lib.cases import Case

FAST = settings(max_examples=60, deadline=None)
TEXT_FIELDS = ("opening", "acknowledge", "business_reason", "alternative", "closing", "let_go")
ID_FIELDS = ("challenges", "evidence", "analogies", "allies")
_EXPERT = yaml.safe_load(Path(__file__).with_name("expert_plans.yaml").read_text(
    encoding="utf-8"))["expert"]
CASES = {case_id: load_case(case_id) for case_id in cases()}


def _pool(case: Case) -> list[str]:
    """Prose a generated plan may use: the expert's sentences, case texts, boilerplate, nothing."""
    expert = [s for field in TEXT_FIELDS for s in sentences(_EXPERT[case.id].get(field, ""))]
    texts = [f.text for f in case.facts] + [a.text for a in case.analogies]
    texts += [a.text for a in case.alternatives] + [f"{a.name} can help." for a in case.allies]
    return [*expert, *texts, "I understand your concern.", "It matters for your goal.", ""]


def _ids(case: Case) -> dict[str, list[str]]:
    return {"challenges": [c.id for c in case.challenges] + ["c_unknown"],
            "evidence": [f.id for f in case.facts] + ["f_unknown"],
            "analogies": [a.id for a in case.analogies] + ["a_unknown"],
            "allies": [a.id for a in case.allies] + ["ally_unknown"]}


@st.composite
def case_and_plan(draw: st.DrawFn) -> tuple[Case, PushbackPlan]:
    case = CASES[draw(st.sampled_from(sorted(CASES)))]
    pool, ids = _pool(case), _ids(case)
    texts = {f: " ".join(draw(st.lists(st.sampled_from(pool), max_size=3))) for f in TEXT_FIELDS}
    chosen = {f: draw(st.lists(st.sampled_from(ids[f]), max_size=4, unique=True)) for f in ID_FIELDS}
    return case, PushbackPlan(**texts, **chosen)


def _distractors(case: Case) -> list[tuple[str, str]]:
    """(field, id) pairs that are wrong picks by the case's own labels, or not in the case."""
    return ([("evidence", f.id) for f in case.facts if not f.verified]
            + [("allies", a.id) for a in case.allies if not a.trusted_by_stakeholder]
            + [(f, i[-1]) for f, i in _ids(case).items()])


@FAST
@given(case_and_plan())
def test_every_score_is_within_bounds(pair: tuple[Case, PushbackPlan]) -> None:
    case, plan = pair
    result = score(plan, case)
    assert 0 <= result.total <= result.max_total
    assert result.max_total == 21 - 3 * len(case.unnecessary_stages.reasons())
    for c in result.criteria:
        assert 0 <= c.points <= c.max_points <= 3
        assert (c.max_points == 0) == (c.level == "not needed")
        assert c.level == "strong" or c.level == "not needed" or "Next:" in c.reason


@FAST
@given(case_and_plan(), st.data())
def test_adding_a_distractor_never_raises_the_score(pair: tuple[Case, PushbackPlan],
                                                    data: st.DataObject) -> None:
    case, plan = pair
    field, ref = data.draw(st.sampled_from(_distractors(case)))
    if ref in getattr(plan, field):
        return
    more = replace(plan, **{field: (*getattr(plan, field), ref)})
    assert score(more, case).total <= score(plan, case).total


@FAST
@given(case_and_plan(), st.data())
def test_citing_an_item_the_prose_never_uses_never_raises_the_score(
        pair: tuple[Case, PushbackPlan], data: st.DataObject) -> None:
    case, plan = pair
    field = data.draw(st.sampled_from(ID_FIELDS))
    ref = data.draw(st.sampled_from(_ids(case)[field]))
    if ref in getattr(plan, field):
        return
    silent = replace(plan, **{f: "" for f in TEXT_FIELDS})
    more = replace(silent, **{field: (*getattr(silent, field), ref)})
    assert score(more, case).total <= score(silent, case).total


@FAST
@given(case_and_plan())
def test_scoring_is_deterministic_and_pure(pair: tuple[Case, PushbackPlan]) -> None:
    case, plan = pair
    assert score(plan, case) == score(plan, case)
    assert plan == replace(plan), "scoring does not change the plan"
