"""decide(): properties of the expected-value model, the six cases, validation and display."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pushback_lib import PushbackError, cases, decide, load_case
from pushback_lib.decision import EFFORT, INPUT_NAMES, LET_GO_WEIGHT

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
inputs = st.fixed_dictionaries({name: unit for name in INPUT_NAMES})
FAST = settings(max_examples=150, deadline=None)


def _margin(**kw: float) -> float:
    d = decide(**kw)
    return d.value_push_back - d.value_let_go


@FAST
@given(inputs, unit, unit)
def test_more_evidence_never_makes_pushing_back_worse(kw: dict[str, float], a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    assert _margin(**{**kw, "evidence": hi}) >= _margin(**{**kw, "evidence": lo})


@FAST
@given(inputs, unit, unit)
def test_more_credibility_never_makes_pushing_back_worse(kw: dict[str, float], a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    assert _margin(**{**kw, "credibility": hi}) >= _margin(**{**kw, "credibility": lo})


@FAST
@given(inputs, unit, unit)
def test_more_relationship_risk_never_makes_pushing_back_better(kw: dict[str, float], a: float,
                                                                b: float) -> None:
    lo, hi = sorted((a, b))
    assert _margin(**{**kw, "relationship_risk": hi}) <= _margin(**{**kw, "relationship_risk": lo})


@FAST
@given(inputs, st.floats(0.0, 0.05), st.floats(0.0, 0.05))
def test_a_hopeless_case_lets_go(kw: dict[str, float], evidence: float, openness: float) -> None:
    d = decide(**{**kw, "evidence": evidence, "openness": openness})
    assert d.recommendation == "let_go"
    assert d.value_let_go > d.value_push_back


@FAST
@given(inputs)
def test_recommendation_follows_the_two_values(kw: dict[str, float]) -> None:
    d = decide(**kw)
    assert d.recommendation == ("push_back" if d.value_push_back > d.value_let_go else "let_go")
    assert -2.0 <= d.value_push_back <= 1.0 and 0.0 <= d.value_let_go <= LET_GO_WEIGHT
    assert d.reasons and d.reasons[0].startswith("Push back:" if d.recommendation == "push_back"
                                                 else "Let go:")


def test_documented_formula_on_one_worked_example() -> None:
    d = decide(stakes=0.8, evidence=0.8, credibility=0.6, openness=0.4, relationship_risk=0.5,
               timing=1.0)
    p = 0.8 * (0.6 + 0.4) / 2 * (1 + 1.0) / 2
    assert math.isclose(d.p_success, p)
    assert math.isclose(d.value_push_back, p * 0.8 - (1 - p) * 0.5 - EFFORT, abs_tol=1e-6)
    assert math.isclose(d.value_let_go, LET_GO_WEIGHT * 0.2, abs_tol=1e-6)


@pytest.mark.parametrize("case_id", cases())
def test_each_case_agrees_with_its_expert(case_id: str) -> None:
    case = load_case(case_id)
    d = decide(case)
    assert d.recommendation == case.expert_outcome.choice
    assert d.inputs == case.decision_inputs
    assert decide(case_id) == d


def test_keywords_override_the_case() -> None:
    d = decide("niche_recruitment", evidence=0.0, openness=0.0)
    assert d.recommendation == "let_go"
    assert d.inputs.evidence == 0.0
    assert d.inputs.stakes == load_case("niche_recruitment").decision_inputs.stakes
    assert any("evidence 0.00" in r for r in d.reasons)


def test_reasons_name_the_inputs_that_drove_it() -> None:
    d = decide("let_go_rebrand")
    text = " ".join(d.reasons)
    assert "openness 0.10" in text and "stakes 0.20" in text
    assert "Let go gracefully" in text
    push = decide("niche_recruitment")
    assert "stakes 0.80" in push.reasons[1] and "evidence 0.80" in push.reasons[1]


@pytest.mark.parametrize(("kw", "message"), [
    ({"stakes": 1.2}, "stakes must be a number from 0 to 1, got 1.2"),
    ({"timing": -0.1}, "timing must be a number from 0 to 1, got -0.1"),
    ({"evidence": "high"}, "evidence must be a number from 0 to 1, got str 'high'"),
    ({"openness": True}, "openness must be a number from 0 to 1, got bool True"),
    ({"credibility": float("nan")}, "credibility must be a number from 0 to 1, got nan"),
])
def test_bad_inputs_name_the_input(kw: dict[str, object], message: str) -> None:
    with pytest.raises(PushbackError) as info:
        decide("niche_recruitment", **kw)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_without_a_case_every_input_is_required() -> None:
    with pytest.raises(PushbackError, match="missing credibility, relationship_risk, timing"):
        decide(stakes=0.5, evidence=0.5, openness=0.5)
    with pytest.raises(PushbackError, match="case must be a Case or a case id, got int"):
        decide(3)  # type: ignore[arg-type]


def test_renders_as_html() -> None:
    html = decide("let_go_rebrand")._repr_html_()
    assert "Recommendation: Let go" in html and "<table" in html and "relationship risk" in html
    assert html.count("<li>") == len(decide("let_go_rebrand").reasons)


@FAST
@given(inputs)
def test_no_evidence_or_no_trust_and_openness_lets_go(kw: dict[str, float]) -> None:
    assert decide(**{**kw, "evidence": 0.0}).recommendation == "let_go"
    assert decide(**{**kw, "credibility": 0.0, "openness": 0.0}).recommendation == "let_go"
