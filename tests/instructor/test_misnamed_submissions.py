"""A misspelt assignment folder or a renamed notebook costs only its own submission, named clearly."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import copy_course, main_out

pytestmark = pytest.mark.slow  # grades the cohort (kernels)


def test_misspelt_folder_and_renamed_notebook_are_skipped_and_named(released: Path, tmp_path: Path, capsys):
    course = copy_course(released, tmp_path / "course")
    good = course / "submitted" / "ana" / "ps1" / "pushback.ipynb"
    (course / "submitted" / "ana" / "ps11").mkdir()
    shutil.copy(good, course / "submitted" / "ana" / "ps11" / "pushback.ipynb")
    (course / "submitted" / "xi" / "ps1").mkdir(parents=True)
    shutil.copy(good, course / "submitted" / "xi" / "ps1" / "ps1.ipynb")
    shutil.copytree(course / "submitted" / "ana", course / "submitted" / "v v",
                    ignore=shutil.ignore_patterns("ps11"))

    code, out, err = main_out(capsys, "autograde", "--jobs", "2", "--course-dir", str(course))
    assert code == 1, err  # the rest is graded
    assert "student ana: submitted/ana/ps11: no assignment of that name (did you mean ps1?)" in err
    assert "student xi: submitted/xi/ps1/ps1.ipynb: expected pushback.ipynb (rename the file)" in err
    assert "run `pushback-course release" not in err and "generate_assignment" not in err
    assert "student id 'v v' contains a space: it is graded" in err
    assert "total: 5 graded, 2 malformed" in out
    assert (course / "autograded" / "ana" / "ps1").is_dir() and not (course / "autograded" / "xi").exists()


def test_status_and_feedback_name_what_will_not_be_graded(graded_both_ways, tmp_path: Path, capsys):
    from pushback_lib.instructor import open_course
    from pushback_lib.instructor.reports.status import status

    course = copy_course(graded_both_ways[1], tmp_path / "course")
    good = course / "submitted" / "ana" / "ps1" / "pushback.ipynb"
    (course / "submitted" / "ana" / "ps11").mkdir()
    shutil.copy(good, course / "submitted" / "ana" / "ps11" / "pushback.ipynb")
    (course / "submitted" / "xi" / "ps1").mkdir(parents=True)
    shutil.copy(good, course / "submitted" / "xi" / "ps1" / "ps1.ipynb")
    shutil.copytree(course / "source" / "ps1", course / "source" / "ps2")  # written, not released yet

    rows = {(r.student, r.assignment): r.state for r in status(open_course(course))}
    assert rows[("xi", "ps1")] == "malformed" and rows[("ana", "ps11")] == "malformed"
    assert ("ben", "ps11") not in rows  # a misspelt folder is nobody else's missing work
    assert rows[("ben", "ps2")] == "not released" and rows[("ben", "ps1")] == "graded"

    code, out, _ = main_out(capsys, "feedback", "ps1", "--course-dir", str(course))
    assert code == 1
    assert "xi/ps1: NO PAGE: submitted but not graded" in out
    assert (course / "feedback" / "ben" / "ps1" / "pushback.html").exists()
