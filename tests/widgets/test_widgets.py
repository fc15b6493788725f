"""The three widgets driven headlessly, as ipywidgets' own tests do: set
``.value`` and call ``Button.click()``, then read what the learner would see."""

from __future__ import annotations

import ipywidgets as w
import pytest

from pushback_lib import PushbackError, PushbackPlan, decide, load_case, score
from pushback_lib.widgets import DecisionExplorer, PushbackBuilder, RolePlay

from .conftest import all_paths


def controls(widget: w.Widget) -> list[w.Widget]:
    """Every widget inside ``widget``, depth first."""
    out = [widget]
    for child in getattr(widget, "children", ()):
        out.extend(controls(child))
    return out


# -- RolePlay --------------------------------------------------------------------------
@pytest.mark.parametrize("case_id", ["niche_recruitment", "agency_feedback"])
def test_roleplay_clicks_through_a_path_to_its_outcome_and_debrief(case_id) -> None:
    rp = RolePlay(case_id)
    path = next(p for p in all_paths(rp.session.script) if len(p) >= 8)
    for index in path:
        buttons = rp.choice_buttons
        assert buttons, "a live turn shows its choices as buttons"
        chosen = rp.session.turn.choices[index]
        rp.button_for(index).click()
        assert chosen.reply.strip() in rp._exchange.value.replace("&#x27;", "'")
    assert rp.session.finished and rp.choice_buttons == ()
    outcome = rp.session.outcome
    assert outcome.replace("_", " ") in rp._outcome.value
    assert "Debrief by stage" in rp._outcome.value and "Handled well" in rp._outcome.value
    assert "Run 1" in rp._runs.value


def test_roleplay_takes_a_typed_reply_and_shows_how_it_was_read() -> None:
    rp = RolePlay("agency_feedback")
    rp.reply_box.value = "Ugh."
    rp.say_button.click()
    assert rp.session.steps == [] and "too short to read" in rp._message.value
    assert rp.reply_box.value == "Ugh.", "a refused reply stays in the box to be finished"
    typed = "Thanks for ringing straight away. What exactly did the CEO react to?"
    rp.reply_box.value = typed
    rp.say_button.click()
    step = rp.session.last_step
    assert step is not None and step.reading is not None and rp.reply_box.value == ""
    shown = rp._exchange.value.replace("&#x27;", "'")
    assert f"You:</strong> {typed}" in shown and "Read as closest to answer" in shown
    assert step.choice.reply.strip() in shown and step.choice.feedback.strip()[:30] in shown
    assert rp._message.value == ""


def test_roleplay_shows_earlier_typed_replies_at_the_same_point_side_by_side() -> None:
    rp = RolePlay("agency_feedback")
    assert rp._attempts.value == ""
    for typed in ("Thanks for calling. What did the CEO react to, exactly?",
                  "You signed these scripts off, so this is on you."):
        rp.reply_box.value = typed
        rp.say_button.click()
        rp.restart()
    table = rp._attempts.value.replace("&#x27;", "'")
    assert "<caption>Your earlier replies at this point</caption>" in table
    assert table.index("What did the CEO react to") < table.index("You signed these scripts off")
    assert "using a prop as a gotcha" in table
    rp.choice_buttons[0].click()
    assert rp._attempts.value == "", "the next decision point has no attempts yet"


def test_a_conversation_ended_by_a_typed_reply_goes_into_the_progress_record() -> None:
    from pushback_lib.workspace import read_records

    rp = RolePlay("let_go_rebrand")
    while len(rp.session.turn.choices) and rp.session.turn.id != "close":
        rp.button_for(0).click()
    rp.reply_box.value = ("I'd love to. Thank you for trusting me with this; I'll bring what Luca hears "
                          "to the winter review and we can start on the signs in spring.")
    rp.say_button.click()
    assert rp.session.finished and rp.session.last_step.reading is not None
    rows = [r for r in read_records("progress") if r.get("kind") == "roleplay"]
    assert rows and rows[-1]["case"] == "let_go_rebrand" and rows[-1]["outcome"] == rp.session.outcome


def test_roleplay_takes_the_stages_its_case_makes_unnecessary() -> None:
    assert RolePlay("survey_timing").session.unneeded == ("evidence", "enlist")
    assert RolePlay("agency_feedback").session.unneeded == ()


def test_roleplay_can_keep_nothing() -> None:
    rp = RolePlay("agency_feedback", keep_attempts=False)
    rp.reply_box.value = "Thanks for calling. What did the CEO react to, exactly?"
    rp.say_button.click()
    rp.restart()
    assert rp._attempts.value == ""


def test_roleplay_reuses_its_buttons_so_keyboard_focus_stays_put() -> None:
    rp = RolePlay("niche_recruitment")
    first = rp.choice_buttons[0]
    first.click()
    assert rp.choice_buttons[0] is first
    assert first.description.startswith("A. ")
    assert rp.session.turn.choices[rp.order()[0]].text.strip() in first.description
    hidden = [b for b in rp._pool if b not in rp.choice_buttons]
    assert all(b.layout.display == "none" for b in hidden)


def test_roleplay_meters_follow_the_engine_state() -> None:
    rp = RolePlay(load_case("niche_recruitment"))
    rp.button_for(1).click()  # the answer that skips listening
    state = rp.session.state
    assert rp._meters["frustration"].value == pytest.approx(state.frustration)
    assert rp._meters["trust"].description == f"Trust {state.trust:.0%}"
    assert state.frustration > rp.session.script.initial.frustration


def test_roleplay_restart_lets_the_learner_compare_paths() -> None:
    rp = RolePlay("niche_recruitment")
    rp.button_for(2).click()  # let go at once
    first = rp.session.outcome
    rp.restart_button.click()
    assert not rp.session.finished and len(rp.choice_buttons) == 3
    assert rp._outcome.value == ""
    for index in next(iter(all_paths(rp.session.script))):
        rp.button_for(index).click()
    assert [r.outcome for r in rp.session.runs] == [first, rp.session.outcome]
    assert "Run 1" in rp._runs.value and "Run 2" in rp._runs.value


# -- DecisionExplorer ------------------------------------------------------------------
def test_explorer_starts_from_the_case_and_follows_its_sliders() -> None:
    case = load_case("niche_recruitment")
    ex = DecisionExplorer(case)
    for name, slider in ex.sliders.items():
        assert slider.value == pytest.approx(getattr(case.decision_inputs, name))
    start = decide(case)
    assert ex.decision() == start
    flipped = "Let go" if start.recommendation == "push_back" else "Push back"
    assert f"Recommendation: {flipped}" not in ex.recommendation.value
    ex.sliders["evidence"].value = 0.0  # no evidence: a hopeless case
    expected = decide(case, evidence=0.0)
    assert expected.recommendation == "let_go"
    assert "Recommendation: Let go" in ex.recommendation.value
    assert ex.state.focus == "evidence"
    assert "as evidence goes from 0 to 1" in ex.chart_text.value
    assert ex.chart.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_explorer_without_a_case_starts_in_the_middle_and_rejects_bad_input() -> None:
    ex = DecisionExplorer()
    assert all(s.value == 0.5 for s in ex.sliders.values())
    assert ex.decision() == decide(**{n: 0.5 for n in ex.sliders})
    with pytest.raises(PushbackError, match="from 0 to 1"):
        ex.state.set("stakes", 1.5)
    with pytest.raises(PushbackError, match="no decision input 'luck'"):
        ex.state.set("luck", 0.5)
    with pytest.raises(PushbackError, match="Case or a case id"):
        DecisionExplorer(42)  # type: ignore[arg-type]


def test_explorer_sweep_holds_the_other_inputs() -> None:
    ex = DecisionExplorer("niche_recruitment")
    ex.sliders["openness"].value = 0.3
    sweep = ex.state.sweep()
    assert sweep.input == "openness" and sweep.current == pytest.approx(0.3)
    i = sweep.xs.index(1.0)
    d = decide("niche_recruitment", openness=1.0)
    assert sweep.push_back[i] == pytest.approx(d.value_push_back)
    assert sweep.let_go[i] == pytest.approx(d.value_let_go)


# -- PushbackBuilder -------------------------------------------------------------------
def test_builder_turns_typing_into_a_plan_a_draft_and_live_feedback() -> None:
    case = load_case("niche_recruitment")
    b = PushbackBuilder(case)
    empty_total = score(PushbackPlan(), case).total
    b.controls["acknowledge"].value = ("I understand nothing on the profile stood out, and you "
                                       "need someone who can build one grading structure.")
    b.controls["business_reason"].value = (
        "Daniel led a nine-grade redesign for 4,200 staff in 11 months, the grading work the "
        "merger needs, and he wants to stay at least five years.")
    b.controls["evidence"].value = ("f_grading_project", "f_wants_to_stay")
    b.controls["alternative"].value = ("A 30-minute video call with Daniel this week, with Sarah "
                                       "Whitfield, then you decide.")
    b.controls["allies"].value = ("ally_sarah",)
    plan = b.plan()
    assert plan.evidence == ("f_grading_project", "f_wants_to_stay")
    assert plan.allies == ("ally_sarah",)
    assert plan.alternative.startswith("A 30-minute")
    assert b.draft() == plan.draft() and "video call" in b.draft()
    result = score(plan, case)
    assert result.total > empty_total
    assert f"{result.total}" in b.radar_text.value and f"{result.max_total}" in b.radar_text.value
    assert b.score_view.value == result._repr_html_()
    assert "video call" in b.draft_view.value
    assert b.analysis_view.value, "a draft gets analysed as it is typed"


def test_builder_leaves_judging_a_fact_to_the_learner_and_the_rubric_penalises_a_wrong_call() -> None:
    case = load_case("niche_recruitment")
    b = PushbackBuilder(case)
    labels = dict((v, k) for k, v in b.controls["evidence"].options)
    assert "verified" not in " ".join(labels.values()), "labels stay hidden until the debrief"
    assert "[meeting notes]" in labels["f_rival_offer"], "the prop is shown, the judgement is not"
    b.controls["evidence"].value = ("f_rival_offer",)
    assert b.feedback().rubric.penalties, "citing an unverified fact costs credibility"


def test_builder_can_start_from_a_plan() -> None:
    plan = PushbackPlan(opening="We both want this role filled well.", allies=("ally_sarah",))
    b = PushbackBuilder("niche_recruitment", plan)
    assert b.controls["opening"].value == plan.opening
    assert b.controls["allies"].value == ("ally_sarah",)
    assert b.plan() == plan


# -- accessibility and the static view -------------------------------------------------
@pytest.mark.parametrize("make", [lambda: RolePlay("agency_feedback"),
                                  lambda: PushbackBuilder("agency_feedback"),
                                  lambda: DecisionExplorer("agency_feedback")])
def test_every_control_is_native_labelled_and_the_static_view_is_readable(make) -> None:
    widget = make()
    assert isinstance(widget, w.VBox) and "pushback-widget" in widget._dom_classes
    inputs = [c for c in controls(widget)
              if isinstance(c, (w.Button, w.FloatSlider, w.Textarea, w.SelectMultiple, w.FloatProgress))]
    assert inputs
    for c in inputs:
        assert c.description.strip(), f"{type(c).__name__} without a label"
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith(type(widget).__name__)
    assert "<" in bundle["text/html"] and "run the notebook" in bundle["text/html"].lower()
    assert "model_id" not in bundle["text/plain"]


def test_focus_moves_to_the_first_answer_when_the_pressed_button_goes_away(monkeypatch) -> None:
    """Buttons are reused so keyboard focus stays put; when the next turn shows fewer answers
    and the pressed button is hidden, focus moves to the first answer instead of being lost."""
    focused: list[w.Button] = []
    monkeypatch.setattr(w.Button, "focus", lambda self: focused.append(self))
    for case_id in ("niche_recruitment", "agency_feedback", "consulting_rollout", "internal_manager",
                    "let_go_rebrand", "survey_timing"):
        rp = RolePlay(case_id)
        script = rp.session.script
        for turn in script.turns:
            for place, index in enumerate(rp.order(turn)):
                choice = turn.choices[index]
                if choice.end or place < len(script.turn(choice.next).choices):
                    continue
                # reach this turn along any path, then press the button at that place
                path = next(p for p in all_paths(script) if _reaches(script, p, turn.id))
                rp = RolePlay(case_id)
                for i in path:
                    if rp.session.turn.id == turn.id:
                        break
                    rp.choose(i)
                focused.clear()
                rp.choice_buttons[place].click()
                assert focused == [rp.choice_buttons[0]]
                return
    pytest.fail("no script has a turn followed by one with fewer answers")


def _reaches(script, path: tuple[int, ...], turn_id: str) -> bool:
    turn = script.turn(script.start)
    for i in path:
        if turn.id == turn_id:
            return True
        choice = turn.choices[i]
        if choice.end:
            return False
        turn = script.turn(choice.next)
    return turn.id == turn_id
