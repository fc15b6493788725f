"""The right answer must be found by reading it, not by its place, its length or its first words."""

from __future__ import annotations

from collections import Counter

from pushback_lib.practice.script import Script, shown_order
from pushback_lib.widgets import RolePlay

from .conftest import KEPT_BACK_SCRIPTS

MAX_GOOD_SHOWN_FIRST = 0.6
"""At most this share of a script's turns may show a good answer first (chance is 1/3 to 2/3)."""
MAX_GOOD_LONGEST = 0.6
"""At most this share of a script's turns may have a good answer as the longest, for all eight scripts
(docs/roleplay.md gives each one's figure): a learner who picks the longest answer must not pass."""


def words(text: str) -> str:
    return " ".join(text.split())


def good_turns(script: Script) -> list:
    return [t for t in script.turns if any(c.quality == "good" for c in t.choices)]


def test_the_shown_order_is_a_fixed_permutation_per_script_and_turn(script) -> None:
    orders = [shown_order(script.case, t) for t in script.turns]
    for turn, order in zip(script.turns, orders, strict=True):
        assert sorted(order) == list(range(len(turn.choices)))
        assert shown_order(script.case, turn) == order, "the same turn always shows the same order"
    assert any(order != tuple(sorted(order)) for order in orders), "the answers are shuffled"


def test_the_good_answer_is_not_systematically_shown_first(script) -> None:
    turns = good_turns(script)
    first = sum(script_good(t, shown_order(script.case, t)[0]) for t in turns)
    assert first / len(turns) <= MAX_GOOD_SHOWN_FIRST, f"{script.case}: good shown first {first}/{len(turns)}"


def script_good(turn, index: int) -> bool:
    return turn.choices[index].quality == "good"


def test_the_good_answer_is_not_given_away_by_length_or_opening(script) -> None:
    case_id = script.case
    turns = good_turns(script)
    longest = 0
    for t in turns:
        lengths = [len(words(c.text)) for c in t.choices]
        longest += script_good(t, lengths.index(max(lengths)))
    assert longest / len(turns) <= MAX_GOOD_LONGEST, f"{case_id}: good is longest in {longest}/{len(turns)}"
    openings: dict[str, Counter[str]] = {}
    for t in script.turns:
        for c in t.choices:
            opening = " ".join(words(c.text).lower().split()[:2]).strip(",.:;")
            openings.setdefault(opening, Counter())["good" if c.quality == "good" else "wrong"] += 1
    tells = {o: n for o, n in openings.items() if n["good"] >= 3 and not n["wrong"]}
    assert not tells, f"{case_id}: openings only good answers use: {tells}"


def test_the_widget_shows_the_answers_in_the_shown_order_and_plays_what_is_clicked() -> None:
    rp = RolePlay("charity_raffle", script=str(KEPT_BACK_SCRIPTS["charity_raffle"]))
    turn = rp.session.turn
    order = shown_order("charity_raffle", turn)
    for n, (button, index) in enumerate(zip(rp.choice_buttons, order, strict=True)):
        assert button.description == f"{'ABCD'[n]}. {words(turn.choices[index].text)}"
    rp.choice_buttons[0].click()
    assert rp.session.steps[0].choice is turn.choices[order[0]]
    rp.restart()
    assert rp.static_text().splitlines()[2] == f"  A. {words(turn.choices[order[0]].text)}"
