"""The checked exercises on accountability, carrying the can, props and the room
(pushback_lib.practice.principles): feedback on every item, clear errors on bad answers."""

from __future__ import annotations

import pytest

import pushback_lib as pb
from pushback_lib.practice.principles import (
    ACCOUNTABILITY,
    CARRY_THE_CAN,
    ROOM_OR_PHONE,
    Feedback,
    check_prop_line,
    check_sort,
)

EXERCISES = [ACCOUNTABILITY, CARRY_THE_CAN, ROOM_OR_PHONE]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_each_exercise_is_well_formed(exercise):
    keys = [i.key for i in exercise.items]
    assert len(keys) == len(set(keys)) >= 4
    assert {i.answer for i in exercise.items} == set(exercise.groups), \
        "every group is the right answer for at least one item"
    assert all(i.why.strip() for i in exercise.items)
    assert all(i.answer not in exercise.show() for i in exercise.items if i.answer == "room"), \
        "the learner's view shows no answers"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_the_right_answers_score_full_and_explain_each_item(exercise):
    feedback = check_sort(exercise, {i.key: i.answer.upper() for i in exercise.items})
    assert feedback.score == feedback.out_of == len(exercise.items)
    for item in exercise.items:
        assert item.why in feedback.text


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_one_wrong_answer_costs_one_and_says_the_right_group(exercise):
    first = exercise.items[0]
    wrong = next(g for g in exercise.groups if g != first.answer)
    answers = {i.key: i.answer for i in exercise.items} | {first.key: wrong}
    feedback = check_sort(exercise, answers)
    assert feedback.score == len(exercise.items) - 1
    assert f"not quite, it is {first.answer}" in feedback.text


def test_an_unsorted_item_is_named_not_an_error():
    feedback = check_sort(ROOM_OR_PHONE, {"a": "phone"})
    assert feedback.score == 1
    assert "b: not sorted yet" in feedback.text


@pytest.mark.parametrize("answers,message", [
    ({"z": "room"}, "no item"), ({"a": "meeting"}, r"answers\['a'\] is 'meeting'"),
    ({"a": 3}, "use one of phone, room"), (["a"], "must be a dict"),
])
def test_bad_answers_get_a_clear_error(answers, message):
    with pytest.raises(pb.PushbackError, match=message):
        check_sort(ROOM_OR_PHONE, answers)


@pytest.mark.parametrize("line", [
    "You signed these scripts off. I think the CEO just hasn't understood the idea.",
    "As I told you last week, the brief says young buyers.",
    "Remember that you approved this in the contact report.",
    "You approved the method note yourself, so you know these scores can't be compared.",
])
def test_a_gotcha_is_caught(line):
    feedback = check_prop_line(line)
    assert feedback.lines[2][0] is False and "gotcha" in feedback.lines[2][1]


def test_a_prop_used_as_shared_ground_passes():
    feedback = check_prop_line("Let's put the brief on the table together: it names young city "
                               "buyers, and that is the audience we both want to win.")
    assert feedback.score == feedback.out_of == 3


def test_a_line_without_a_prop_or_shared_framing_is_told_what_to_add():
    feedback = check_prop_line("I really think the film works as it is.")
    assert feedback.score == 1
    assert "name the document" in feedback.text and "look at it with you" in feedback.text


@pytest.mark.parametrize("bad,message", [("", "empty"), (None, "must be text")])
def test_a_bad_line_gets_a_clear_error(bad, message):
    with pytest.raises(pb.PushbackError, match=message):
        check_prop_line(bad)


def test_feedback_html_escapes_its_text():
    html = Feedback("<i>title</i>", ((True, "<b>we</b> read the brief"),))._repr_html_()
    assert "<b>we</b>" not in html and "&lt;b&gt;" in html and "&lt;i&gt;" in html
