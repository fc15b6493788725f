"""Every graded cell has a trusted check, and the checks agree with the notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from pushback_lib import check
from pushback_lib.errors import PushbackError
from pushback_lib.grading import QUESTIONS, format_points
from pushback_lib.grading.answer_key import key_from_test_source
from pushback_lib.grading.checks import MISSING, grade
from pushback_lib.grading.source import answers_from_sources

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))
RELEASES = sorted((ROOT / "exercises").glob("*/*.ipynb"))


def nbg(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def auto_tests(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and nbg(c).get("grade")
            and not nbg(c).get("solution")]


def answer_sources(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and nbg(c).get("solution")]


def test_there_are_four_assignments_and_twenty_graded_cells():
    names = {p.parent.name for p in SOLUTIONS}
    assert {"a1-niche-recruitment", "a2-agency-feedback", "a3-push-or-let-go",
            "a4-capstone"} <= names
    graded = [c for p in SOLUTIONS for c in nbformat.read(p, 4).cells if nbg(c).get("grade")]
    assert len(graded) >= 20
    assert any(nbg(c).get("solution") for c in graded), "a manually graded cell is required"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_each_test_cell_has_a_question_with_its_points(path: Path):
    nb = nbformat.read(path, 4)
    for cell in auto_tests(nb):
        gid = nbg(cell)["grade_id"]
        assert gid in QUESTIONS, f"{path.name}: test cell {gid} has no trusted check"
        q = QUESTIONS[gid]
        assert float(nbg(cell)["points"]) == float(q.points), gid
        assert cell.source.startswith('"""'), f"{gid}: a test cell opens with a docstring"
        assert q.answer_name in cell.source and "BEGIN HIDDEN TESTS" in cell.source


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_solution_answers_read_as_text_earn_full_marks(path: Path):
    """The trusted path (answers parsed from the text, never run) gives the solutions full marks."""
    nb = nbformat.read(path, 4)
    answers = answers_from_sources(answer_sources(nb))
    for cell in auto_tests(nb):
        q = QUESTIONS[nbg(cell)["grade_id"]]
        key = key_from_test_source(cell.source)  # the key lives in the source notebook
        assert (key is not None) == q.keyed, q.id
        result = grade(q, answers.get(q.answer_name, MISSING), key)
        assert result.points(include_hidden=True) == q.points, result.report(True)


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.parent.name)
def test_unanswered_release_earns_nothing(path: Path):
    nb = nbformat.read(path, 4)
    answers = answers_from_sources(answer_sources(nb))
    for cell in auto_tests(nb):
        q = QUESTIONS[nbg(cell)["grade_id"]]
        assert grade(q, answers.get(q.answer_name, MISSING)).points(include_hidden=True) == 0.0
        assert "BEGIN HIDDEN TESTS" not in cell.source and "run_hidden_checks" not in cell.source


def test_self_check_reports_visible_checks_only():
    wrong = ["business_reason", "opinion", "business_reason", "opinion", "business_reason",
             "opinion"]
    report = check("a1-q1", wrong)
    text = repr(report)
    assert report.points == 0.0 and not report.passed
    assert "Statement 1" in text and "Statement 2" in text
    assert "Statement 3" not in text, "a hidden check's name leaked into the self-check"
    assert "Hidden checks" not in text and "4 hidden checks" in text
    assert "<li>" in report._repr_html_()


def test_a_full_visible_score_never_reads_as_full_marks():
    """Issue 15: the self-check said "2.0 of 2 points" while four hidden items were wrong."""
    visible_right_hidden_wrong = ["opinion", "business_reason", "business_reason", "opinion",
                                  "business_reason", "opinion"]
    report = check("a1-q1", visible_right_hidden_wrong)
    text, page = repr(report), report._repr_html_()
    assert report.result.points(include_hidden=False) == 2.0  # every visible check passes...
    assert "of 2 points" not in text and "of 2 points" not in page  # ...and no mark is claimed
    head = text.splitlines()[0]
    assert "2 of 2 visible checks pass" in head and "4 hidden ones are not checked here" in head
    assert "is not yet your mark" in text
    assert report.hidden_unchecked == 4


def test_every_visible_check_right_still_says_what_was_not_checked():
    right = ["f_grading_project", "f_attrition_result", "f_wants_to_stay", "f_salary_in_band",
             "f_brief_priorities", "f_client_reply"]
    report = check("a1-q5", right)
    assert report.hidden_unchecked == 7 and "of 2 points" not in repr(report)
    assert "7 hidden ones are not checked here" in repr(report)


def test_self_check_names_the_problem_and_the_question():
    assert "not assigned" not in repr(check("a1-q1", None))
    assert "should be a list" in repr(check("a1-q1", None))
    with pytest.raises(PushbackError, match="a1-q1"):
        check("no-such-question", [])


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_points_stay_within_the_cell_for_any_answer(qid: str):
    q = QUESTIONS[qid]
    for answer in (None, [], {}, "x", 10**9, [None] * 50, {"__plan__": {"evidence": 3}}):
        for hidden in (False, True):
            points = grade(q, answer).points(include_hidden=hidden)
            assert 0.0 <= points <= q.points


def test_points_print_as_plain_numbers():
    import numpy as np
    assert format_points(np.float64(0.5)) == "0.5"
    assert format_points(2) == "2.0"
    assert format_points(1 / 3) == "0.33"


def test_in_a_notebook_a_computed_answer_is_refused_as_the_autograder_will():
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    why = "Mei Lin welcomes practical suggestions and decides quickly; the reply rates say it."
    try:
        shell.run_cell("from pushback_lib import STAGES, check", store_history=True)
        shell.run_cell(f"q3_customise = {{'skip': [s.key for s in STAGES][3:4], 'why': {why!r}}}",
                       store_history=True)
        shell.run_cell("report = check('a1-q3', q3_customise)", store_history=True)
        computed = shell.user_ns["report"]
        assert computed.points == 0.0 and "computed by code" in repr(computed)
        shell.run_cell(f"q3_customise = {{'skip': ['evidence'], 'why': {why!r}}}",
                       store_history=True)
        shell.run_cell("report = check('a1-q3', q3_customise)", store_history=True)
        assert shell.user_ns["report"].points == 2.0  # the visible checks; hidden ones not run
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.parametrize("path", SOLUTIONS + RELEASES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_assignment_debriefs_its_case_before_grading(path):
    """A debrief lists the verified facts, fitting analogies and allies and the expert's plan:
    the items the hidden checks grade. Run inside the assignment, it hands them out before
    hand-in, so it is released only after grading (instructors/debrief.md)."""
    calls = [c.source for c in nbformat.read(path, 4).cells
             if c.cell_type == "code" and "debrief(" in c.source]
    assert not calls, f"{path.name} debriefs its case before grading: {calls[0][:60]!r}"
