"""``DecisionExplorer(case=None)``: six sliders, the recommendation and its chart.

A view over :class:`~pushback_lib.practice.explorer.ExplorerState`. Sliders are
native ipywidgets sliders: focus one with Tab and move it with the arrow keys
(or type in its readout). Each key press redraws; a mouse drag redraws once, on
release, since a chart per pixel of drag would queue up in the kernel. The chart
is a PNG with its text alternative printed underneath, so the picture is never
the only way to read the result.
"""

from __future__ import annotations

import ipywidgets as w

from .._html import fragment
from ..cases import Case
from ..charts import decision_chart
from ..decision import Decision
from ..practice.explorer import INPUT_LABELS, INPUT_NAMES, ExplorerState
from ._base import CHART_IN_WORDS, CSS, StaticFallback, resolve_case

__all__ = ["DecisionExplorer"]

_INTRO = ("<h3>Push back or let go?{% if case %} {{ case.title }}{% endif %}</h3>"
          "<p>Move a slider (Tab to it, then the arrow keys) and watch the recommendation and the chart "
          "change. The right-hand chart "
          "shows how the last input you moved changes both values.</p>")
_RECOMMENDATION = ('<div aria-live="polite"><p style="font-size:1.2em">'
                   '<strong style="color:{{ colour }}">Recommendation: {{ verdict }}</strong> '
                   "(push back {{ push_back }}, let go {{ let_go }})</p>"
                   "<ul>{% for r in reasons %}<li>{{ r }}</li>{% endfor %}</ul></div>")
_STATIC = ('<div class="pushback-static"><table><caption>Decision inputs</caption>'
           "{% for label, value in rows %}<tr><th>{{ label }}</th><td>{{ value }}</td></tr>{% endfor %}"
           "</table>{{ recommendation }}<p><em>Static view: run the notebook in "
           "JupyterLab to move the sliders.</em></p></div>")

_HELP = {
    "stakes": "How much value is at stake for them (0 trivial, 1 critical)",
    "evidence": "How strong and verified your evidence is",
    "credibility": "How much they trust your judgement",
    "openness": "How open they are to a different view right now",
    "relationship_risk": "How much pushing back could damage the relationship",
    "timing": "How good the moment is (1 right time and place)",
}


class DecisionExplorer(StaticFallback, w.VBox):
    """Explore when to push back and when to let go."""

    def __init__(self, case: Case | str | None = None) -> None:
        self.state = ExplorerState(resolve_case(case, required=False))
        self.sliders: dict[str, w.FloatSlider] = {}
        for name in INPUT_NAMES:
            s = w.FloatSlider(value=self.state.inputs[name], min=0.0, max=1.0, step=0.05,
                              description=INPUT_LABELS[name], tooltip=_HELP[name],
                              readout_format=".2f", continuous_update=False,
                              style={"description_width": "130px"}, layout=w.Layout(width="420px"))
            s.add_class(f"pushback-slider-{name}")
            s.observe(self._on_slide, names="value")
            self.sliders[name] = s
        self.recommendation = w.HTML()
        self.recommendation.add_class("pushback-explorer-recommendation")
        self.chart = w.Image(format="png", layout=w.Layout(max_width="640px"))
        self.chart.add_class("pushback-explorer-chart")
        self.chart_text = w.HTML()
        self.chart_text.add_class("pushback-explorer-chart-text")
        intro = w.HTML(fragment(_INTRO, case=self.state.case))
        super().__init__(children=[w.HTML(CSS), intro, w.VBox(list(self.sliders.values())),
                                   self.recommendation, self.chart, self.chart_text],
                         layout=w.Layout(width="100%", max_width="900px"))
        self.add_class("pushback-widget")
        self.add_class("pushback-explorer")
        self._render()

    def decision(self) -> Decision:
        """The recommendation for the sliders as they stand."""
        return self.state.decision()

    def _on_slide(self, change: dict) -> None:
        name = next(n for n, s in self.sliders.items() if s is change["owner"])
        self.state.set(name, float(change["new"]))
        self._render()

    def _render(self) -> None:
        d = self.state.decision()
        self.recommendation.value = self._recommendation_html(d)
        chart = decision_chart(d.value_push_back, d.value_let_go, d.recommendation, self.state.sweep())
        self.chart.value = chart.png()
        self.chart_text.value = fragment(CHART_IN_WORDS, alt=chart.alt_text)
        chart.figure.clear()

    @staticmethod
    def _recommendation_html(d: Decision) -> str:
        verdict = "Push back" if d.recommendation == "push_back" else "Let go"
        colour = "#0072B2" if d.recommendation == "push_back" else "#D55E00"
        return fragment(_RECOMMENDATION, colour=colour, verdict=verdict, reasons=d.reasons,
                        push_back=f"{d.value_push_back:+.2f}", let_go=f"{d.value_let_go:+.2f}")

    def static_text(self) -> str:
        d = self.state.decision()
        inputs = ", ".join(f"{INPUT_LABELS[n].lower()} {v:.2f}" for n, v in self.state.inputs.items())
        verdict = "push back" if d.recommendation == "push_back" else "let go"
        return (f"DecisionExplorer: recommendation {verdict} (push back {d.value_push_back:+.2f}, "
                f"let go {d.value_let_go:+.2f})\nInputs: {inputs}\n" + "\n".join(d.reasons))

    def static_html(self) -> str:
        d = self.state.decision()
        rows = [(INPUT_LABELS[n], f"{v:.2f}") for n, v in self.state.inputs.items()]
        return fragment(_STATIC, rows=rows, recommendation=self._recommendation_html(d))
