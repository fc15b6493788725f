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
    assert feedback.lines[-1][0] is False and "gotcha" in feedback.lines[-1][1]


def test_so_you_know_is_not_a_shared_goal():
    feedback = check_prop_line("You approved the method note yourself, so you know these scores "
                               "can't be compared.")
    assert feedback.lines[3][0] is False and "goal you both hold" in feedback.lines[3][1]


@pytest.mark.parametrize("line", [
    "Let's go through the contract together, since you obviously missed clause four.",
    "We can read the survey plan together; if you had read it you would know the date.",
    "Our minutes record the decision on 3 May, which you ignored.",
    "Let's open the report together; clearly, you never checked the figures we both need.",
    "The test results we share show 64% preferred it, but you didn't read them.",
])
def test_a_dig_at_the_person_is_a_gotcha_however_shared_the_rest(line):
    feedback = check_prop_line(line)
    assert feedback.lines[-1][0] is False and "gotcha" in feedback.lines[-1][1]
    assert feedback.score < feedback.out_of


@pytest.mark.parametrize("line", [
    "Shall we open the contact report together?",
    "Let's go over the project plan as a team.",
    "Could we both have a look at the survey data?",
])
def test_a_document_only_waved_at_is_not_yet_shared_ground(line):
    feedback = check_prop_line(line)
    assert feedback.lines[-1][0] is True  # no gotcha, yet
    assert feedback.score < feedback.out_of
    assert "say what the document says" in feedback.text
    assert "goal you both hold" in feedback.text


@pytest.mark.parametrize("line", [
    "Could we open the project plan together? It sets out two pilot weeks before go-live, "
    "which protects the peak season we both need to get through.",
    "Let's put the survey data on the table: 41% of staff said the timing clashed with "
    "year-end, so we both get a better response if we move it.",
    "Can we look at the contact report from 4 March together? It names trial among "
    "under-35s as the target, and that is still what your board wants.",
])
def test_a_prop_that_says_what_it_says_and_ties_it_to_the_goal_passes(line):
    feedback = check_prop_line(line)
    assert feedback.score == feedback.out_of == 5, feedback.text


def test_a_prop_used_as_shared_ground_passes():
    feedback = check_prop_line("Let's put the brief on the table together: it names young city "
                               "buyers, and that is the audience we both want to win.")
    assert feedback.score == feedback.out_of == 5


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


@pytest.fixture
def progress_ws(tmp_path, monkeypatch):
    from pushback_lib import learner_progress
    from pushback_lib.workspace import ENV_VAR

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "ws"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return learner_progress


def test_a_complete_sort_is_recorded_as_the_lessons_check_and_a_partial_one_is_not(progress_ws):
    partial = check_sort(ROOM_OR_PHONE, {"a": "phone"}, lesson="07-enlist-support")
    assert "not recorded" in partial.text
    assert not progress_ws.load().checks
    full = {i.key: "room" for i in ROOM_OR_PHONE.items}
    done = check_sort(ROOM_OR_PHONE, full, lesson="07-enlist-support")
    assert "Recorded" in done.text and "Recorded" in done._repr_html_()
    (best,) = progress_ws.load().checks
    assert best.question == "07-enlist-support: Phone or room?" and best.points == done.score
    assert "marked finished" in progress_ws.finished("07-enlist-support")


def test_the_prop_line_check_records_a_rewrite_but_not_the_shipped_gotcha(progress_ws):
    gotcha = "You approved the method note yourself, so you know these scores can't be compared."
    assert "not recorded" in check_prop_line(gotcha, lesson="04-build-the-case", example=gotcha).text
    assert "not marked finished" in progress_ws.finished("04-build-the-case")
    mine = check_prop_line("Could we read the method note together? It says the quarters compare "
                           "only with a stable channel mix, so we both avoid a challenge from "
                           "finance.", lesson="04-build-the-case", example=gotcha)
    assert "Recorded" in mine.text
    assert "marked finished" in progress_ws.finished("04-build-the-case")
