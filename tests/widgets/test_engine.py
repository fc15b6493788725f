"""The role-play engine: state, outcomes, debriefs, and every path through the scripts."""

from __future__ import annotations

from collections import Counter

import pytest

from pushback_lib import STAGE_KEYS, PushbackError, load_case
from pushback_lib.practice.roleplay import (
    OUTCOMES,
    RolePlaySession,
    StakeholderState,
    debrief_for,
    outcome_for,
)
from pushback_lib.practice.script import Effect, load_script

from .conftest import all_paths


def play(script, path):
    """Play a path of choices; no typed reply, so no case texts to read (``context=()``), which
    keeps walking every path of the longest scripts (tens of thousands) quick."""
    session = RolePlaySession(script, context=())
    for index in path:
        session.choose(index)
    return session


def test_every_path_reaches_an_outcome_and_every_outcome_is_reachable(script) -> None:
    seen: Counter[str] = Counter()
    for path in all_paths(script):
        session = play(script, path)
        assert session.finished and session.turn is None
        assert session.outcome in OUTCOMES
        seen[session.outcome] += 1
    assert set(seen) == set(OUTCOMES), f"outcomes never reached: {set(OUTCOMES) - set(seen)}"


def test_more_than_one_good_path_wins(script) -> None:
    """At least two different all-good paths reach the case's best ending, so there is no single
    right answer: win/win where the expert pushes back (and a graceful let-go is good too), a
    let-go with the relationship intact where the expert lets go (and no all-good path asks)."""
    good = [session for session in (play(script, p) for p in all_paths(script))
            if all(s.choice.quality == "good" for s in session.steps)]
    if load_case(script.case).expert_outcome.choice == "let_go":
        best = [session for session in good if session.outcome == "let_go_intact"]
        assert all(session.outcome == "let_go_intact" for session in good), \
            "where letting go is right, every all-good path lets go"
    else:
        best = [session for session in good if session.outcome == "win_win"]
        assert any(session.outcome == "let_go_intact" for session in good), \
            "a graceful let-go should also be a good path"
    assert len(best) >= 2
    assert len({tuple(s.choice.text for s in session.steps) for session in best}) >= 2


def test_the_state_moves_by_each_effect_and_stays_within_0_and_1(script) -> None:
    session = RolePlaySession(script)
    before = session.state
    choice = session.turn.choices[0]
    step = session.choose(0)
    for key in ("trust", "openness", "frustration"):
        expected = min(1.0, max(0.0, getattr(before, key) + getattr(choice.effect, key)))
        assert getattr(step.after, key) == pytest.approx(expected)
    extreme = StakeholderState(0.95, 0.02, 0.5).moved(Effect(trust=0.5, openness=-0.5, frustration=0))
    assert (extreme.trust, extreme.openness) == (1.0, 0.0)


@pytest.mark.parametrize("state, end, expected", [
    (StakeholderState(0.7, 0.7, 0.1), "ask", "win_win"),
    (StakeholderState(0.7, 0.5, 0.1), "ask", "decision_stands"),
    (StakeholderState(0.5, 0.9, 0.1), "ask", "decision_stands"),
    (StakeholderState(0.9, 0.9, 0.7), "ask", "damaged_relationship"),
    (StakeholderState(0.2, 0.9, 0.1), "let_go", "damaged_relationship"),
    (StakeholderState(0.4, 0.1, 0.3), "let_go", "let_go_intact"),
])
def test_outcome_rules(state, end, expected) -> None:
    assert outcome_for(state, end) == expected


def test_debrief_sorts_stages_by_their_best_handling(script) -> None:
    session = RolePlaySession(script)
    while not session.finished:
        turn = session.turn
        # take a skipping or harmful answer where there is one, else the first
        bad = [i for i, c in enumerate(turn.choices) if c.quality in ("skipped", "harmful") and c.next]
        session.choose(bad[0] if bad else 0)
    debrief = session.debrief()
    qualities: dict[str, set[str]] = {}
    for s in session.steps:
        qualities.setdefault(s.choice.stage, set()).add(s.choice.quality)
    for key in STAGE_KEYS:
        q = qualities.get(key, set())
        assert (key in debrief.well) == ("good" in q)
        assert (key in debrief.not_reached) == (not q)
        if q == {"skipped"}:
            assert key in debrief.skipped
    assert sorted(debrief.well + debrief.weak + debrief.skipped + debrief.not_reached) == sorted(STAGE_KEYS)
    assert any("Skipped" in line for line in debrief.lines())
    assert len(debrief.notes) == len(session.steps)


def test_debrief_of_nothing_has_every_stage_not_reached() -> None:
    assert debrief_for(()).not_reached == STAGE_KEYS


def test_a_stage_the_case_makes_unnecessary_is_not_needed_rather_than_not_reached() -> None:
    """survey_timing marks evidence and enlist unnecessary: its shortest good path leaves them out,
    and the debrief says that was right instead of calling them gaps."""
    case = load_case("survey_timing")
    unneeded = tuple(k for k in STAGE_KEYS if case.unnecessary(k))
    assert set(unneeded) == {"evidence", "enlist"}
    script = load_script("survey_timing")
    session = RolePlaySession(script, unneeded=unneeded)
    for turn_id in ("ask", "numbers", "timing", "reminder", "close"):
        turn = session.turn
        assert turn.id == turn_id
        session.choose(next(i for i, c in enumerate(turn.choices) if c.quality == "good"))
    debrief = session.debrief()
    assert session.outcome == "win_win"
    assert debrief.not_needed == ("evidence", "enlist") and not set(unneeded) & set(debrief.not_reached)
    assert any(line.startswith("Not needed in this case") for line in debrief.lines())
    assert {"evidence", "enlist"} <= set(debrief_for(tuple(session.steps)).not_reached), \
        "without the case's word, the same stages are gaps"


def test_restart_keeps_finished_runs_for_comparison(script) -> None:
    paths = iter(all_paths(script))
    session = play(script, next(paths))
    first = session.outcome
    session.restart()
    assert not session.finished and session.steps == [] and session.turn.id == script.start
    assert session.state == StakeholderState(script.initial.trust, script.initial.openness,
                                             script.initial.frustration)
    for index in next(paths):
        session.choose(index)
    assert [r.number for r in session.runs] == [1, 2]
    assert session.runs[0].outcome == first
    assert "Run 1" in session.runs[0].summary()


def test_bad_choices_are_refused_clearly(script) -> None:
    session = RolePlaySession(script)
    n = len(session.turn.choices)
    with pytest.raises(PushbackError, match=f"choices 0 to {n - 1}"):
        session.choose(n)
    with pytest.raises(PushbackError):
        session.choose(True)  # type: ignore[arg-type]
    for index in next(iter(all_paths(script))):
        session.choose(index)
    with pytest.raises(PushbackError, match="restart"):
        session.choose(0)
