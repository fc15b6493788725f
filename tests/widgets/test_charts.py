"""Charts: titles, axis labels, colour-blind-safe colours and a text alternative."""

from __future__ import annotations

import re

import pytest

from pushback_lib import PushbackError, PushbackPlan, decide, load_case, score
from pushback_lib.charts import OKABE_ITO, decision_chart, radar, radar_alt_text
from pushback_lib.decision import Sweep
from pushback_lib.practice.explorer import ExplorerState
from pushback_lib.rubric import CriterionResult, RubricResult


def _labels(chart):
    return [(ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) for ax in chart.figure.axes]


def test_radar_has_title_labels_and_says_each_criterion_in_words() -> None:
    case = load_case("agency_feedback")
    result = score(PushbackPlan(acknowledge="I hear that the CEO wants the brand to be obvious.",
                                evidence=("f_brief_audience",)), case)
    chart = radar(result)
    (title, xlabel, ylabel), = _labels(chart)
    assert title and xlabel and ylabel
    for c in result.criteria:
        assert f"{c.name} {c.points}/{c.max_points}" in chart.alt_text
    assert f"total {result.total} of {result.max_total}" in chart.alt_text
    line = chart.figure.axes[0].lines[0]
    assert line.get_color().upper() in OKABE_ITO.values()
    assert chart.png()[:4] == b"\x89PNG"
    assert chart._repr_mimebundle_()["text/plain"] == chart.alt_text


def test_decision_chart_shows_both_values_and_where_the_lines_cross() -> None:
    state = ExplorerState(load_case("niche_recruitment"))
    state.set("evidence", 0.8)
    d = state.decision()
    chart = decision_chart(d.value_push_back, d.value_let_go, d.recommendation, state.sweep())
    assert len(chart.figure.axes) == 2
    assert all(t and x and y for t, x, y in _labels(chart))
    assert chart.figure.get_suptitle()
    assert f"{d.value_push_back:.2f}" in chart.alt_text and f"{d.value_let_go:.2f}" in chart.alt_text
    gaps = [p - q for p, q in zip(state.sweep().push_back, state.sweep().let_go, strict=True)]
    assert min(gaps) < 0 < max(gaps), "on this case the sweep crosses"
    assert "lines cross near evidence" in chart.alt_text
    crossing = float(re.search(r"evidence = (\d\.\d\d)", chart.alt_text).group(1))
    assert decide("niche_recruitment", evidence=crossing - 0.02).recommendation == "let_go"
    assert decide("niche_recruitment", evidence=crossing + 0.02).recommendation == "push_back"
    colours = {p.get_facecolor()[:3] for p in chart.figure.axes[0].patches}
    assert len(colours) == 2


def test_chart_inputs_are_checked() -> None:
    with pytest.raises(PushbackError, match="push_back' or 'let_go"):
        decision_chart(0.1, 0.2, "maybe")
    with pytest.raises(PushbackError, match="at least two points"):
        Sweep("stakes", (0.0,), (0.1,), (0.2,), 0.0)


def _result(*criteria: tuple[str, int, int, str]) -> RubricResult:
    return RubricResult("demo", tuple(CriterionResult(key, key.title(), points, top, level, "")
                                      for key, points, top, level in criteria))


def test_radar_at_full_marks_names_no_weakest_stage() -> None:
    full = _result(("listen", 3, 3, "strong"), ("enlist", 3, 3, "strong"), ("close", 3, 3, "strong"))
    text = radar(full).alt_text
    assert "Weakest" not in text and "Every stage at full marks." in text


def test_radar_names_every_stage_tied_for_weakest_and_only_those() -> None:
    result = _result(("listen", 3, 3, "strong"), ("enlist", 1, 3, "weak"), ("close", 1, 3, "weak"))
    assert radar_alt_text(result).endswith("Weakest: Enlist, Close.")


def test_radar_leaves_out_stages_the_case_makes_unnecessary() -> None:
    case = load_case("survey_timing")
    result = score(PushbackPlan(acknowledge="You want at least 40 supplier replies for the review."),
                   case)
    chart = radar(result)
    assert "Not needed in this case: Bring analogous evidence, Enlist support." in chart.alt_text
    weakest = chart.alt_text.split("Weakest: ")[1]
    assert "Enlist" not in weakest and "analogous" not in weakest
    (line,) = chart.figure.axes[0].lines
    assert len(line.get_xdata()) == len([c for c in result.criteria if c.needed]) + 1


def test_sweep_is_a_model_value_the_charts_module_re_exports() -> None:
    import pushback_lib.charts as charts

    assert charts.Sweep is Sweep and Sweep.__module__ == "pushback_lib.decision"
