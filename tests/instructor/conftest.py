"""Fixtures of the instructor-tools tests: small synthetic cohorts in temporary course folders.

Each cohort is built once per session (releasing and grading cost seconds);
tests that change a course copy it first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import COHORT, VENV_BIN, cli, copy_course, run

from pushback_lib.instructor.synthetic import add_submission, build_course


@pytest.fixture(scope="session")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A released synthetic course with the ``COHORT`` submissions, not graded yet."""
    root = build_course(tmp_path_factory.mktemp("released") / "course", timeout=5)
    for student, variant in COHORT.items():
        add_submission(root, student, variant)
    return root


@pytest.fixture(scope="session")
def graded_both_ways(released: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(course graded by serial ``nbgrader autograde``,
    course graded by ``pushback-course autograde -j 2``)."""
    base = tmp_path_factory.mktemp("graded")
    serial = copy_course(released, base / "serial")
    parallel = copy_course(released, base / "parallel")
    done = run([str(VENV_BIN / "nbgrader"), "autograde", "ps1"], cwd=serial)
    assert done.returncode == 0, done.stderr[-3000:]
    done = run(cli("autograde", "--jobs", "2", "--course-dir", str(parallel)), cwd=base)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    return serial, parallel
