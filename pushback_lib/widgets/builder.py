"""``PushbackBuilder(case)``: write a pushback stage by stage, with live feedback.

A view over :class:`~pushback_lib.practice.builder.BuilderState`. Each text area
and list is a native, labelled control; every change updates the plan, and the
rubric table, the draft analysis and the radar chart are redrawn from it. The
radar is only re-rendered when a criterion's score changes, so typing stays
responsive.
"""

from __future__ import annotations

import ipywidgets as w

from .. import learner_progress
from .._html import Raw, fragment
from ..analyzer.labels import LABELS
from ..cases import Case
from ..charts import radar
from ..plan import PushbackPlan
from ..practice.builder import FIELD_LABELS, ID_FIELDS, TEXT_FIELDS, BuilderState, Feedback, id_options
from ._base import CHART_IN_WORDS, CSS, StaticFallback, resolve_case

__all__ = ["PushbackBuilder"]

_STATIC = ('<div class="pushback-static"><h3>Pushback builder: {{ title }}</h3>'
           "<p>Fields to fill, stage by stage:</p><ul>{% for label, hint in fields %}"
           "<li><strong>{{ label }}</strong>: {{ hint }}</li>{% endfor %}</ul>"
           "{% if draft %}<pre>{{ draft }}</pre>{% endif %}{{ rubric }}"
           "<p><em>Static view: run the notebook in JupyterLab to edit the plan.</em></p></div>")

_HINTS = {
    "opening": "Start with agreement: what you and they both want (the top of the Yes Sandwich)",
    "acknowledge": "Show you understood their view before you disagree",
    "business_reason": "The business reason for your concern, tied to their challenges",
    "alternative": "The different way forward you recommend",
    "closing": "A positive way forward you can both own",
    "let_go": "What you will say if the answer is still no",
}
_ORDER = ("opening", "acknowledge", "business_reason", "challenges", "evidence", "analogies",
          "alternative", "allies", "closing", "let_go")


class PushbackBuilder(StaticFallback, w.VBox):
    """Build a ``PushbackPlan`` for a case; ``.plan()`` and ``.draft()`` hand it back."""

    def __init__(self, case: Case | str, plan: PushbackPlan | None = None) -> None:
        resolved = resolve_case(case)
        assert resolved is not None
        self.state = BuilderState(resolved, plan)
        self.controls: dict[str, w.Textarea | w.SelectMultiple] = {}
        for name in _ORDER:
            control: w.Textarea | w.SelectMultiple
            if name in TEXT_FIELDS:
                control = w.Textarea(value=getattr(self.state.plan(), name),
                                     description=FIELD_LABELS[name], placeholder=_HINTS[name],
                                     tooltip=_HINTS[name], continuous_update=True, rows=2,
                                     layout=w.Layout(width="98%"),
                                     style={"description_width": "130px"})
            else:
                options = id_options(resolved, name)
                control = w.SelectMultiple(options=options, value=getattr(self.state.plan(), name),
                                           description=FIELD_LABELS[name], rows=min(len(options), 5) or 1,
                                           tooltip="Ctrl/Shift with the arrow keys or click to pick several",
                                           layout=w.Layout(width="98%"),
                                           style={"description_width": "130px"})
            control.add_class(f"pushback-field-{name}")
            control.observe(self._on_change, names="value")
            self.controls[name] = control
        self.score_view = w.HTML()
        self.score_view.add_class("pushback-builder-score")
        self.analysis_view = w.HTML()
        self.analysis_view.add_class("pushback-builder-analysis")
        self.radar_view = w.Image(format="png", layout=w.Layout(max_width="420px"))
        self.radar_view.add_class("pushback-builder-radar")
        self.radar_text = w.HTML()
        self.draft_view = w.HTML()
        self.draft_view.add_class("pushback-builder-draft")
        self.disagree_label = w.Dropdown(options=list(LABELS), description="Label",
                                         tooltip="the label you think the analyzer got wrong")
        self.disagree_note = w.Text(placeholder="why (optional)", description="Note")
        self.disagree_button = w.Button(description="I disagree", icon="flag",
                                        tooltip="Save this draft and your view for your instructor")
        self.disagree_status = w.HTML()
        self.disagree_button.on_click(self._on_disagree)
        disagree_row = w.HBox([self.disagree_label, self.disagree_note, self.disagree_button,
                               self.disagree_status])
        disagree_row.add_class("pushback-builder-disagree")
        self._radar_key: tuple[int, ...] | None = None
        intro = w.HTML(fragment("<h3>Pushback builder: {{ title }}</h3><p>Fill in each stage "
                                "(Tab moves between fields). The rubric, the draft analysis and the "
                                "radar update as you type.</p>", title=resolved.title))
        form = w.VBox(list(self.controls.values()), layout=w.Layout(width="55%"))
        feedback = w.VBox([self.score_view, self.radar_view, self.radar_text],
                          layout=w.Layout(width="45%"))
        super().__init__(children=[w.HTML(CSS), intro, w.HBox([form, feedback]),
                                   w.HTML("<h4>Your draft, assembled</h4>"), self.draft_view,
                                   self.analysis_view, disagree_row],
                         layout=w.Layout(width="100%"))
        self.add_class("pushback-widget")
        self.add_class("pushback-builder")
        self._render()

    def plan(self) -> PushbackPlan:
        """The plan as it stands, for an exercise or ``pushback_lib.score``."""
        return self.state.plan()

    def draft(self) -> str:
        """The assembled text of the pushback, in Yes Sandwich order."""
        return self.state.draft()

    def feedback(self) -> Feedback:
        return self.state.feedback()

    def _on_change(self, change: dict) -> None:
        name = next(n for n, c in self.controls.items() if c is change["owner"])
        value = change["new"]
        self.state.update(**{name: tuple(value) if name in ID_FIELDS else value})
        self._render()

    def _on_disagree(self, _button: object = None) -> None:
        """Keep the learner's report that a label is wrong (analyzer.disagree)."""
        from ..analyzer import disagree

        label = str(self.disagree_label.value)
        try:
            path = disagree(self.state.feedback().analysis, label, self.disagree_note.value)
        except ValueError as exc:
            self.disagree_status.value = fragment("<span role='alert'>Not saved: {{ problem }}</span>",
                                                  problem=str(exc))
            return
        self.disagree_status.value = fragment("<span role='status'>Saved: you disagree on "
                                              "<code>{{ label }}</code> ({{ path }}).</span>",
                                              label=label, path=str(path))
        self.disagree_note.value = ""

    def _render(self) -> None:
        fb = self.state.feedback()
        self.score_view.value = fb.rubric._repr_html_()
        draft = self.draft()
        self.analysis_view.value = fragment("{% if draft %}<h4>Draft analysis</h4>{{ analysis }}{% endif %}",
                                            draft=draft,
                                            analysis=Raw(fb.analysis._repr_html_()) if draft else "")
        self.draft_view.value = fragment('{% if draft %}<pre style="white-space:pre-wrap">{{ draft }}</pre>'
                                         "{% else %}<p><em>Nothing written yet.</em></p>{% endif %}",
                                         draft=draft)
        key = (*(c.points for c in fb.rubric.criteria), fb.rubric.total)
        if key != self._radar_key:
            chart = radar(fb.rubric)
            self.radar_view.value = chart.png()
            self.radar_text.value = fragment(CHART_IN_WORDS, alt=chart.alt_text)
            chart.figure.clear()
            self._radar_key = key
            learner_progress.draft_version(self.state.case.id, draft, fb.rubric.total, fb.rubric.max_total,
                                           fb.analysis.components, fb.analysis.flags)

    def static_text(self) -> str:
        rubric = self.state.feedback().rubric
        filled = [FIELD_LABELS[n] for n in _ORDER if getattr(self.state.plan(), n)]
        return (f"PushbackBuilder for {self.state.case.id}: {rubric.total}/{rubric.max_total} "
                f"points; fields filled: {', '.join(filled) or 'none'} (run the notebook to edit)")

    def static_html(self) -> str:
        fields = [(FIELD_LABELS[n], _HINTS.get(n, "pick from the case")) for n in _ORDER]
        return fragment(_STATIC, title=self.state.case.title, fields=fields, draft=self.draft(),
                        rubric=Raw(self.state.feedback().rubric._repr_html_()))
