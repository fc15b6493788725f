"""Charts: titles, axis labels, colour-blind-safe colours and a text alternative."""

from __future__ import annotations

import re

import pytest

from pushback_lib import PushbackError, PushbackPlan, decide, load_case, score
from pushback_lib.charts import OKABE_ITO, Sweep, decision_chart, radar
from pushback_lib.practice.explorer import ExplorerState


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
