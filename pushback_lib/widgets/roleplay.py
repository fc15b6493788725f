"""``RolePlay(case)``: the role-play as buttons, a reply box, meters and a debrief.

A view only: every click calls :meth:`RolePlaySession.choose` (or, for a typed
reply, :meth:`RolePlaySession.reply`) and then redraws from the session, so the
widget can never disagree with the engine the tests exercise. Choices are
native buttons (Tab to reach, Enter or Space to press); the reply box is a
native textarea with its own button; the stakeholder's line, the coach's note
and any message about a typed reply sit in ``aria-live`` regions so a screen
reader announces them. Earlier typed replies at the same decision point are
shown side by side, so a learner can retry and compare.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from .. import learner_progress
from .._html import fragment
from ..cases import Case
from ..errors import PushbackError
from ..practice.freetext import LABEL_PHRASES, Attempt
from ..practice.roleplay import OUTCOMES, RolePlaySession, Step
from ..practice.script import STATE_KEYS, load_script
from ..process import STAGE_KEYS
from ._base import CSS, StaticFallback, resolve_case

__all__ = ["RolePlay"]

_METER_LABELS = {"trust": "Trust", "openness": "Openness", "frustration": "Frustration"}
_LETTERS = "ABCDEFGH"

# The role-play's HTML, rendered by ``_html.fragment`` (every value escaped).
_ALERT = '<p role="alert" style="color:#9a3412">{{ message }}</p>'
_HEADER = ("<h3>Role-play: {{ title }}</h3><p><em>{{ setting }}</em></p>"
           "<p>You are talking to <strong>{{ stakeholder }}</strong>. Pick an answer "
           "with Tab and Enter (or click). Watch how each answer moves them.</p>")
_SAYS = ('<div aria-live="polite"><p><strong>{{ who }}:</strong> {{ says }}</p><p>Your answer '
         "(decision {{ decision }}):</p></div>")
_EXCHANGE = ('<div aria-live="polite" style="border-left:4px solid #0072B2;padding-left:8px">'
             "<p><strong>You:</strong> {{ said }}</p>{% if read %}"
             '<p class="pushback-roleplay-reading"><em>Read as closest to answer '
             "{{ letter }}: &ldquo;{{ choice }}&rdquo;</em></p>"
             "{% if notes %}<ul>{% for n in notes %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}"
             "{% endif %}<p><strong>{{ who }}:</strong> {{ reply }}</p>"
             "<p><strong>Coach</strong> ({{ stage }}, {{ quality }}): {% if read %}"
             "{% for line in coaching %}{{ line }} {% endfor %}<br>On answer {{ letter }}: {% endif %}"
             "{{ feedback }}</p></div>")
_OUTCOME = ('<div aria-live="polite"><h4>Outcome: {{ outcome }}</h4>'
            "<p>{{ meaning }}</p><p><strong>Debrief by stage</strong></p>"
            "<ul>{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul>"
            "<p>Press <em>Play again</em> to try another path.</p></div>")
_ATTEMPTS = ("<table><caption>Your earlier replies at this point</caption><thead><tr>"
             '<th scope="col">#</th><th scope="col">Your words</th><th scope="col">Read as answer</th>'
             '<th scope="col">The analyzer heard</th></tr></thead><tbody>'
             "{% for n, text, letter, quality, heard in rows %}<tr><td>{{ n }}</td><td>{{ text }}</td>"
             "<td>{{ letter }} ({{ quality }})</td><td>{{ heard }}</td></tr>{% endfor %}</tbody></table>")
_STATIC = ('<div class="pushback-static">{{ header }}<p><strong>{{ who }}:</strong> {{ says }}</p>'
           '<ol type="A">{% for option in options %}<li>{{ option }}</li>{% endfor %}</ol>'
           "<p><em>This is a static view with {{ turns }} decision points: run the notebook in "
           "JupyterLab to play the role-play.</em></p></div>")


class RolePlay(StaticFallback, w.VBox):
    """Play the case's conversation; restart to try another path and compare."""

    def __init__(self, case: Case | str, script: str | Path | None = None,
                 keep_attempts: bool = True) -> None:
        resolved = resolve_case(case)
        assert resolved is not None
        self.case = resolved
        self.session = RolePlaySession(load_script(script or resolved.id, case=resolved.id),
                                       keep_attempts=keep_attempts,
                                       unneeded=tuple(k for k in STAGE_KEYS if resolved.unnecessary(k)))
        self._header = w.HTML(self._header_html())
        self._meters = {k: w.FloatProgress(min=0.0, max=1.0, description=_METER_LABELS[k],
                                           style={"description_width": "130px"},
                                           layout=w.Layout(width="380px"))
                        for k in STATE_KEYS}
        for k, meter in self._meters.items():
            meter.add_class(f"pushback-meter-{k}")
        self._exchange = w.HTML()
        self._exchange.add_class("pushback-roleplay-exchange")
        self._says = w.HTML()
        self._says.add_class("pushback-roleplay-says")
        most = max(len(t.choices) for t in self.session.script.turns)
        self._pool = tuple(self._button(i) for i in range(most))
        self._choices = w.VBox(list(self._pool), layout=w.Layout(width="100%"))
        self._choices.add_class("pushback-roleplay-choices")
        self.reply_box = w.Textarea(description="Your words", placeholder=(
            "Or type what you would say, in your own words, then press 'Say it'."),
            layout=w.Layout(width="100%", height="80px"), style={"description_width": "90px"},
            continuous_update=False)  # sent whole when the box loses focus, before 'Say it' runs
        self.reply_box.add_class("pushback-roleplay-reply")
        self.say_button = w.Button(description="Say it", icon="comment",
                                   tooltip="Send your own reply; the analyzer reads it and the "
                                           "conversation takes the branch it fits best")
        self.say_button.add_class("pushback-roleplay-say")
        self.say_button.on_click(lambda _b: self.say(self.reply_box.value))
        self._message = w.HTML()
        self._message.add_class("pushback-roleplay-message")
        self._attempts = w.HTML()
        self._attempts.add_class("pushback-roleplay-attempts")
        hint = w.HTML("<p>Or answer in your own words: type what you would say and press "
                      "<em>Say it</em>. The analyzer reads your reply, the conversation takes the "
                      "branch it fits best, and it tells you when it is not sure.</p>")
        self._own = w.VBox([hint, self.reply_box, self.say_button, self._message, self._attempts],
                           layout=w.Layout(width="100%"))
        self._outcome = w.HTML()
        self._outcome.add_class("pushback-roleplay-outcome")
        self.restart_button = w.Button(description="Play again", icon="rotate-left",
                                       tooltip="Start the conversation again and try another path",
                                       button_style="info")
        self.restart_button.add_class("pushback-roleplay-restart")
        self.restart_button.on_click(lambda _b: self.restart())
        self._runs = w.HTML()
        self._runs.add_class("pushback-roleplay-runs")
        super().__init__(children=[w.HTML(CSS), self._header, w.VBox(list(self._meters.values())),
                                   self._exchange, self._says, self._choices, self._own, self._outcome,
                                   self.restart_button, self._runs],
                         layout=w.Layout(width="100%", max_width="900px"))
        self.add_class("pushback-widget")
        self.add_class("pushback-roleplay")
        self._render()

    # -- actions ----------------------------------------------------------------------
    @property
    def choice_buttons(self) -> tuple[w.Button, ...]:
        """The buttons of the current turn (empty once the conversation has ended)."""
        shown = 0 if self.session.turn is None else len(self.session.turn.choices)
        return self._pool[:shown]

    def choose(self, index: int) -> Step:
        """Answer with choice ``index`` (what clicking its button does)."""
        step = self.session.choose(index)
        if self.session.finished:  # the learner's record: one line per finished conversation
            learner_progress.roleplay_done(self.case.id, self.session.outcome, len(self.session.steps))
        self._render()
        return step

    def say(self, text: str) -> Step | None:
        """Answer in the learner's own words (what the 'Say it' button does).

        A reply too short to read leaves the conversation where it was and says why.
        """
        try:
            step = self.session.reply(text)
        except PushbackError as exc:
            self._message.value = fragment(_ALERT, message=str(exc))
            return None
        if self.session.finished:  # the learner's record, as for a chosen answer
            learner_progress.roleplay_done(self.case.id, self.session.outcome, len(self.session.steps))
        self.reply_box.value = ""
        self._render()
        return step

    def restart(self) -> None:
        self.session.restart()
        self._render()

    # -- drawing ----------------------------------------------------------------------
    def _header_html(self) -> str:
        s = self.session.script
        return fragment(_HEADER, title=s.title, setting=s.setting, stakeholder=s.stakeholder)

    def _render(self) -> None:
        state = self.session.state
        for k, meter in self._meters.items():
            value = getattr(state, k)
            meter.value = value
            meter.description = f"{_METER_LABELS[k]} {value:.0%}"
            meter.tooltip = f"{_METER_LABELS[k]}: {value:.0%}"
        last = self.session.last_step
        self._exchange.value = self._exchange_html(last) if last else ""
        turn = self.session.turn
        choices = turn.choices if turn is not None else ()
        for i, button in enumerate(self._pool):
            # The same buttons are reused turn after turn, so keyboard focus stays put.
            text = choices[i].text.strip() if i < len(choices) else ""
            button.description = f"{_LETTERS[i]}. {text}" if text else _LETTERS[i]
            button.tooltip = text
            button.layout.display = None if text else "none"
        self._message.value = ""
        self._own.layout.display = "none" if turn is None else None
        self._attempts.value = self._attempts_html(self.session.attempts()) if turn is not None else ""
        if turn is None:
            self._says.value = ""
            self._outcome.value = self._outcome_html()
        else:
            self._says.value = fragment(_SAYS, who=self._who(), says=turn.says,
                                        decision=len(self.session.steps) + 1)
            self._outcome.value = ""
        self._runs.value = self._runs_html()

    def _who(self) -> str:
        return self.session.script.stakeholder.split(",")[0]

    def _button(self, index: int) -> w.Button:
        b = w.Button(description=_LETTERS[index], layout=w.Layout(width="100%", height="auto"))
        b.add_class("pushback-choice")
        b.on_click(lambda _b, i=index: self.choose(i))
        return b

    def _exchange_html(self, step: Step) -> str:
        c = step.choice
        r = step.reading
        return fragment(_EXCHANGE, said=step.said, read=r is not None,
                        letter=_LETTERS[r.index] if r is not None else "",
                        notes=r.notes if r is not None else (),
                        coaching=r.coaching if r is not None else (), choice=c.text.strip(), who=self._who(),
                        reply=c.reply.strip(), stage=c.stage.replace("_", " "), quality=c.quality,
                        feedback=c.feedback.strip())

    def _outcome_html(self) -> str:
        outcome = self.session.outcome
        debrief = self.session.debrief()
        return fragment(_OUTCOME, outcome=outcome.replace("_", " "), meaning=OUTCOMES[outcome],
                        lines=debrief.lines())

    def _attempts_html(self, kept: list[Attempt]) -> str:
        """Earlier typed replies at this decision point, side by side, oldest first."""
        if not kept:
            return ""
        rows = [(n, a.text, _LETTERS[a.choice], a.quality,
                 ", ".join(LABEL_PHRASES.get(x, x) for x in a.labels) or "nothing clear")
                for n, a in enumerate(kept, 1)]
        return fragment(_ATTEMPTS, rows=rows)

    def _runs_html(self) -> str:
        if not self.session.runs:
            return ""
        return fragment("<p><strong>Your paths so far</strong></p><ol>{% for run in runs %}"
                        "<li>{{ run }}</li>{% endfor %}</ol>",
                        runs=[r.summary() for r in self.session.runs])

    # -- static view ------------------------------------------------------------------
    def static_text(self) -> str:
        s = self.session.script
        turn = s.turn(s.start)
        lines = [f"RolePlay: {s.title} ({len(s.turns)} decision points; run the notebook to play)",
                 f"{self._who()}: {turn.says.strip()}"]
        lines += [f"  {_LETTERS[i]}. {c.text.strip()}" for i, c in enumerate(turn.choices)]
        return "\n".join(lines)

    def static_html(self) -> str:
        s = self.session.script
        turn = s.turn(s.start)
        return fragment(_STATIC, header=self._header_html(), who=self._who(), says=turn.says.strip(),
                        options=[c.text.strip() for c in turn.choices], turns=len(s.turns))
