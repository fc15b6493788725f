"""``status`` tells a submission whose grading failed (and why) from one not graded yet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import main_out

from pushback_lib.instructor import open_course
from pushback_lib.instructor.autograde.state import read_failed, submission_digest, write_failed
from pushback_lib.instructor.reports.status import status, status_table
from pushback_lib.instructor.synthetic import add_submission, build_course


@pytest.mark.slow  # runs nbgrader (release, autograde kernels)
def test_a_failed_grading_is_reported_until_the_submission_changes(tmp_path: Path, capsys):
    course = build_course(tmp_path / "course", timeout=120)  # the cell limit never fires here
    add_submission(course, "good", "perfect")
    add_submission(course, "hangs", "hang")
    opened = open_course(course)
    # a failure left over from an earlier run, on exactly these files
    write_failed(opened, "good", "ps1", submission_digest(course / "submitted" / "good" / "ps1"), "old")

    code, _stdout, err = main_out(capsys, "autograde", "--jobs", "2", "--timeout", "25",
                                  "--course-dir", str(course))
    assert code == 1, err
    assert "failed: student hangs, ps1: stopped after 25 s" in err

    rows = {r.student: r for r in status(opened)}
    assert rows["good"].state == "graded"
    assert read_failed(opened, "good", "ps1") is None  # graded now: the old failure is forgotten
    assert rows["hangs"].state == "grading failed: stopped after 25 s (the --timeout per submission)"
    assert rows["hangs"].score is None
    assert "1 grading failed" in status_table(list(rows.values()))

    add_submission(course, "hangs", "perfect")  # the learner resubmits: not graded yet, not failed
    assert {r.student: r for r in status(opened)}["hangs"].state == "submitted"
