"""Parallel grading gives exactly nbgrader's serial grades: same rows, same scores, nothing doubled."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytestmark = pytest.mark.slow  # runs kernels through nbgrader

import instructor_gbview as view  # noqa: E402
from instructor_helpers import COHORT  # noqa: E402

from pushback_lib.instructor.synthetic import expected_scores  # noqa: E402


def test_parallel_gradebook_equals_serial_nbgrader(graded_both_ways):
    serial, parallel = graded_both_ways
    serial_grades = view.grades(serial / "gradebook.db")
    parallel_grades = view.grades(parallel / "gradebook.db")
    assert len(serial_grades) == 3 * len(COHORT)
    assert parallel_grades == serial_grades
    assert view.counts(parallel / "gradebook.db") == view.counts(serial / "gradebook.db")
    assert view.submissions(parallel / "gradebook.db") == view.submissions(serial / "gradebook.db")


def test_parallel_scores_are_the_known_scores(graded_both_ways):
    _, parallel = graded_both_ways
    got = view.grades(parallel / "gradebook.db")
    for student, variant in COHORT.items():
        for cell, score in expected_scores(variant).items():
            assert got[(student, "pushback", cell)][0] == score, (student, variant, cell)


def test_graded_copies_are_where_nbgrader_puts_them(graded_both_ways):
    serial, parallel = graded_both_ways
    for student in COHORT:
        ours = parallel / "autograded" / student / "ps1" / "pushback.ipynb"
        theirs = serial / "autograded" / student / "ps1" / "pushback.ipynb"
        assert ours.exists() and theirs.exists()
        assert "BEGIN HIDDEN TESTS" in ours.read_text()  # the hidden tests were run
    # no scratch copies left behind, only the done records and the lock
    state = parallel / "autograded" / ".pushback"
    assert sorted(p.name for p in state.iterdir()) == ["autograde.lock", "done"]
    assert sorted(p.name for p in (state / "done").iterdir()) == sorted(COHORT)


def test_rerun_grades_nothing_twice(graded_both_ways, tmp_path):
    import shutil

    from pushback_lib.instructor import open_course
    from pushback_lib.instructor.autograde import autograde

    course_dir = shutil.copytree(graded_both_ways[1], tmp_path / "again")
    before = view.grades(course_dir / "gradebook.db")
    outcomes = autograde(open_course(course_dir), jobs=2, stream=io.StringIO())
    assert {o.status for o in outcomes} == {"up to date"}
    assert sorted(o.student for o in outcomes) == sorted(COHORT)
    assert view.grades(course_dir / "gradebook.db") == before
