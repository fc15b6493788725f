"""End to end in a temporary course: honest and adversarial students, autograde, feedback.

Scores are read back through nbgrader's own Gradebook API and compared with
values written out by hand in ``students.py``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from tests.grading.cohorts import attackers
from tests.grading.synthetic_student import ASSIGNMENT, AUTO_MAX, MANUAL_CELL, TEST_CELLS

pytestmark = pytest.mark.slow  # autogrades a cohort: starts kernels through nbgrader

ATTACKERS = [s.id for s in attackers()]
ROOT = Path(__file__).resolve().parents[2]


def gradebook_scores(course) -> dict[str, dict[str, tuple]]:
    from nbgrader.api import Gradebook
    out: dict[str, dict[str, tuple]] = {}
    for root in sorted(set(course.roots.values())):
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "pushback") as gb:
            for sid in [s for s, r in course.roots.items() if r == root]:
                sub = gb.find_submission(ASSIGNMENT, sid)
                grades = {g.name: (g.auto_score, g.needs_manual_grade)
                          for nb in sub.notebooks for g in nb.grades}
                out[sid] = {"total": sub.score, "max": sub.max_score, **grades}
    return out


@pytest.fixture(scope="module")
def scores(graded_course):
    return gradebook_scores(graded_course)


@pytest.fixture(scope="module")
def attack_scores(attacked_course):
    return gradebook_scores(attacked_course)


def test_the_run_finishes_for_everyone(graded_course, attacked_course):
    for course in (graded_course, attacked_course):
        assert sorted(set(course.run)) == sorted({s.id for s in course.students})
        failed = {sid: r["log"] for sid, r in course.run.items()
                  if not (r["autograde"] and r["feedback"])}
        assert not failed, failed


@pytest.mark.parametrize("sid", ["full", "partial", "empty", "wrong", "computed"])
def test_honest_students_get_exactly_their_scores(graded_course, scores, sid):
    student = graded_course.student(sid)
    got = scores[sid]
    for cell in TEST_CELLS:
        auto, manual = got[cell]
        assert auto == pytest.approx(student.expected.get(cell, 0.0)), (sid, cell)
        assert manual is False, (sid, cell)
    assert got["max"] == AUTO_MAX + 2


def test_manual_cell_needs_grading_only_when_answered(scores):
    assert scores["full"][MANUAL_CELL] == (None, True)
    assert scores["empty"][MANUAL_CELL] == (0.0, False)


@pytest.mark.parametrize("sid", ATTACKERS)
def test_no_attack_scores_more_than_an_empty_submission(scores, attack_scores, sid):
    assert scores["empty"]["total"] == 0.0
    assert attack_scores[sid]["total"] <= scores["empty"]["total"], attack_scores[sid]
    for cell in TEST_CELLS:
        assert attack_scores[sid][cell] == (0.0, False), (sid, cell, attack_scores[sid][cell])


def test_a_student_graded_after_the_attackers_is_graded_correctly(attacked_course):
    from nbgrader.api import Gradebook
    for root in sorted(set(attacked_course.roots.values())):
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "pushback") as gb:
            sub = gb.find_submission(ASSIGNMENT, "zz_full_after_attacks")
            grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
            assert sub.score == AUTO_MAX and sub.max_score == AUTO_MAX + 2, root
            for cell in TEST_CELLS:
                assert grades[cell].auto_score == grades[cell].max_score, (root, cell)
                assert grades[cell].manual_score is None and not grades[cell].extra_credit


def test_autograded_test_cells_hold_the_trusted_plain_number(attacked_course):
    nb = nbformat.read(attacked_course.path("monkeypatch", "autograded"), 4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") in TEST_CELLS]
    assert len(tests) == len(TEST_CELLS)
    for cell in tests:
        kinds = [o.output_type for o in cell.outputs]
        assert kinds == ["stream", "execute_result"], kinds
        assert cell.outputs[0].name == "stdout"
        assert re.fullmatch(r"\d+\.\d+", cell.outputs[1].data["text/plain"])


def test_added_cells_are_dropped_and_deleted_tests_come_back(attacked_course):
    from tests.grading.cohorts import EXTRA_CELL
    source = nbformat.read(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    extra = nbformat.read(attacked_course.path("input_transformer", "autograded"), 4)
    assert len(extra.cells) == len(source.cells)
    assert not any(c.source == EXTRA_CELL for c in extra.cells)
    deleted = nbformat.read(attacked_course.path("delete_tests", "autograded"), 4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in deleted.cells]
    assert all(t in ids for t in TEST_CELLS)
    cell = next(c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "a1-q1")
    assert "deleted" in cell.outputs[0].text


def test_feedback_shows_results_but_never_hidden_test_source(graded_course, attacked_course):
    for course, sid in ((graded_course, "full"), (graded_course, "partial"),
                        (attacked_course, "monkeypatch"), (attacked_course, "fake_output")):
        path = course.path(sid, "feedback", ".html")
        text = html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))
        assert "HIDDEN TESTS" not in text, sid
        assert not re.search(r'run_hidden_checks\("a1-q\d"', text), sid
        assert "Hidden checks:" in text, "the learner sees how the hidden checks went"
        assert 'run_checks("a1-q1"' in text, "the visible tests stay visible"
    full = graded_course.path("full", "feedback", ".html")
    assert "13.0 / 15.0" in re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", full.read_text())))


def test_a_hang_is_cut_off_by_the_budget_not_left_running(attacked_course):
    from tests.grading.conftest import BUDGET
    for sid in ("hang", "hang_no_interrupt"):
        assert attacked_course.run[sid]["seconds"] < BUDGET + 60, attacked_course.run[sid]
