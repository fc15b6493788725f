"""A kernel's writes to the gradebook are undone before grades are saved."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from pushback_lib.grading.gradebook_guard import restore, take


def make_gradebook(path) -> str:
    from nbgrader.api import Gradebook
    url = f"sqlite:///{path}"
    with Gradebook(url, "pushback") as gb:
        gb.add_assignment("a1")
        gb.add_notebook("nb", "a1")
        gb.add_grade_cell("q1", "nb", "a1", max_score=2, cell_type="code")
        gb.add_source_cell("q1", "nb", "a1", cell_type="code", source="run_checks()",
                           locked=True, checksum="abc")
        gb.add_student("ann")
        gb.add_submission("a1", "ann")
    return url


@pytest.mark.slow  # a gradebook and nbgrader's alembic migrations
def test_instructor_columns_written_by_a_kernel_are_put_back(tmp_path, monkeypatch):
    # nbgrader's Gradebook runs `alembic` by name
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    url = make_gradebook(tmp_path / "gradebook.db")
    snap = take(url)
    con = sqlite3.connect(tmp_path / "gradebook.db")
    con.execute("UPDATE grade SET manual_score = 100, extra_credit = 50, auto_score = 1")
    con.execute("UPDATE grade_cells SET max_score = 1000")
    con.execute("UPDATE source_cell SET source = 'pass'")
    con.commit()
    undone = restore(url, snap)
    assert undone, "the changes should be reported"
    row = con.execute("SELECT manual_score, extra_credit, auto_score FROM grade").fetchone()
    assert row == (None, None, 1.0), "auto scores are autograde's to write; the rest goes back"
    assert con.execute("SELECT max_score FROM grade_cells").fetchone() == (2.0,)
    assert con.execute("SELECT source FROM source_cell").fetchone() == ("run_checks()",)
    assert restore(url, snap) == [], "a second restore finds nothing to undo"


def test_feedback_hides_hidden_regions_even_with_an_unmatched_marker():
    from nbformat.v4 import new_code_cell

    from pushback_lib.grading.preprocessors import HideHiddenTests
    cell = new_code_cell('run_checks("a1-q1", x)\n### BEGIN HIDDEN TESTS\nsecret()\n'
                         '### END HIDDEN TESTS')
    HideHiddenTests()._remove_hidden_test_region(cell)
    assert cell.source == 'run_checks("a1-q1", x)'
    learner = new_code_cell("x = 1\n### BEGIN HIDDEN TESTS\nanything")
    HideHiddenTests()._remove_hidden_test_region(learner)
    assert learner.source == "x = 1"
