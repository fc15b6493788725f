"""Autograde cost per submission against a bare ``jupyter nbconvert --execute`` of it.

A temporary course gets assignment a1, its release and a few full-marks
submissions. Two figures, each a ratio against the same floor (executing the
very same submitted notebook with ``jupyter nbconvert --execute``):

* one submission through the ``nbgrader autograde`` command (nbgrader start,
  sanitize, trusted scoring, guarded execution, gradebook writes);
* the per-submission cost when one ``nbgrader autograde`` run grades several
  (nbgrader's start-up shared), which is what a cohort pays.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench import ROOT, Context, Figure, time_command

ASSIGNMENT = "a1-niche-recruitment"
COHORT = 4


def _course(tmp: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.grading.synthetic_student import Student, solution_answers, write_submission

    shutil.copy(ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, tmp / "solutions" / ASSIGNMENT)
    time_command([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT,
                  f"--CourseDirectory.root={tmp}", "--log-level=WARN"], cwd=tmp)
    answers = solution_answers(tmp / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    release = tmp / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for i in range(COHORT + 1):
        write_submission(tmp, release, Student(f"s{i}", answers=dict(answers)))
    return tmp


def figures(ctx: Context) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as name:
        course = _course(Path(name))
        submitted = course / "submitted" / "s0" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        out = course / "bare"
        bare = statistics.median(
            time_command([str(Path(ctx.python).parent / "jupyter"), "nbconvert", "--to",
                          "notebook", "--execute", str(submitted), "--output-dir", str(out)],
                         cwd=course) for _ in range(3))
        one = statistics.median(
            time_command([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT,
                          "--student=s0", "--force", "--log-level=WARN"], cwd=course)
            for _ in range(2))
        cohort = time_command([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT,
                               "--CourseDirectory.student_id_exclude=s0", "--force",
                               "--log-level=WARN"], cwd=course) / COHORT
    return [
        Figure("autograde 1 submission (nbgrader CLI)", one, "s",
               "nbconvert --execute same nb", bare,
               note="trusted scoring + sanitize + gradebook writes + nbgrader start"),
        Figure(f"autograde per submission ({COHORT} in one run)", cohort, "s",
               "nbconvert --execute same nb", bare,
               note="nbgrader start-up shared across the cohort"),
    ]
