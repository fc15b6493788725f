"""A malformed, hanging or malicious submission is reported by name and never stops the others."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import main_out

from pushback_lib.instructor.autograde.validate import check_notebook
from pushback_lib.instructor.synthetic import add_submission, build_course, write_malformed


@pytest.mark.parametrize("kind, message", [
    ("json", "invalid JSON (line 1, column"),
    ("nbformat", "wrong nbformat: 3"),
    ("cells", "missing cells"),
])
def test_check_notebook_names_the_problem(tmp_path: Path, kind: str, message: str):
    path = write_malformed(tmp_path, "zoe", kind)
    assert message in check_notebook(path)


@pytest.mark.slow  # runs nbgrader (release, autograde kernels)
def test_check_notebook_accepts_a_real_notebook(released: Path):
    assert check_notebook(released / "submitted" / "ana" / "ps1" / "pushback.ipynb") is None


def test_check_notebook_rejects_bad_cells(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                "cells": [{"cell_type": "code"}]}))
    assert check_notebook(path) == "cell 0 is malformed (no cell_type or source)"
    path.write_bytes(b"\xff\xfe{}")
    assert check_notebook(path).startswith("not UTF-8 text")


@pytest.mark.slow  # runs nbgrader (release, autograde kernels)
def test_bad_submissions_are_reported_and_skipped(tmp_path: Path, capsys):
    course = build_course(tmp_path / "course", timeout=2)
    add_submission(course, "good", "perfect")
    add_submission(course, "hangs", "hang")
    add_submission(course, "kills", "malicious")
    for kind in ("json", "nbformat", "cells"):
        write_malformed(course, f"bad_{kind}", kind)

    code, stdout, err = main_out(capsys, "autograde", "--jobs", "2", "--course-dir", str(course))
    assert code == 1, err  # some failed, the rest is graded
    assert "student bad_json: submitted/bad_json/ps1/pushback.ipynb: invalid JSON" in err
    assert "student bad_nbformat: submitted/bad_nbformat/ps1/pushback.ipynb: wrong nbformat: 3" in err
    assert "student bad_cells: submitted/bad_cells/ps1/pushback.ipynb: missing cells" in err
    # the sandbox keeps the kernel from signalling the grader: its kill is contained
    assert "failed: student kills" not in err

    rows = {line.split()[0]: line.split()[2:] for line in stdout.splitlines()[2:] if line.strip()
            and not line.startswith("total")}
    assert rows["good"][:2] == ["graded", "7/7"]
    assert rows["hangs"][:2] == ["graded", "0/7"]  # the cell timeout stopped it, the rest still ran
    assert rows["kills"][:2] == ["graded", "0/7"]
    assert rows["bad_json"][0] == rows["bad_nbformat"][0] == rows["bad_cells"][0] == "malformed"
    assert "total: 3 graded, 3 malformed" in stdout
    # the would-be killer was graded like anyone else, and no process of its kernel is left
    assert (course / "autograded" / "kills").exists()


@pytest.mark.slow  # runs nbgrader (release, autograde kernels)
def test_status_shows_submitted_graded_missing(tmp_path: Path, graded_both_ways):
    import shutil

    from pushback_lib.instructor import open_course
    from pushback_lib.instructor.reports.status import status
    from pushback_lib.instructor.synthetic import add_submission

    course = shutil.copytree(graded_both_ways[1], tmp_path / "course")
    add_submission(course, "fay", "perfect")  # submitted after grading
    shutil.rmtree(course / "submitted" / "ana")  # keeps a gradebook entry, no submission now
    rows = {(r.student, r.assignment): r for r in status(open_course(course))}
    assert rows[("fay", "ps1")].state == "submitted"
    assert rows[("ana", "ps1")].state == "missing"
    assert rows[("ben", "ps1")].state == "graded" and rows[("ben", "ps1")].score == 4
    assert rows[("dev", "ps1")].max_score == 7 and rows[("dev", "ps1")].score == 2


@pytest.mark.slow  # runs nbgrader (release, autograde kernels)
def test_a_submission_cannot_write_the_course_gradebook(tmp_path: Path, capsys):
    """A kernel that finds the course's gradebook (through its folders or its parent
    processes' working folders) and awards everyone extra credit gains nothing: the
    run puts instructor-owned columns back when it ends."""
    from nbgrader.api import Gradebook

    course = build_course(tmp_path / "course", timeout=10)
    add_submission(course, "good", "perfect")
    code, _stdout, err = main_out(capsys, "autograde", "--jobs", "2", "--course-dir", str(course))
    assert code == 0, err
    add_submission(course, "sneaky", "gradebook_writer")
    code, _stdout, err = main_out(capsys, "autograde", "--jobs", "2", "--course-dir", str(course))
    assert code == 0, err  # the sandboxed kernel sees no gradebook; had it, the guard would undo it
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "pushback") as gb:
        good = gb.find_submission("ps1", "good")
        sneaky = gb.find_submission("ps1", "sneaky")
        assert (good.score, good.max_score) == (7.0, 7.0)
        assert sneaky.score == 0.0
        assert sneaky.max_score == 7.0
        for nb in sneaky.notebooks + good.notebooks:
            for grade in nb.grades:
                assert grade.manual_score is None and grade.extra_credit is None
