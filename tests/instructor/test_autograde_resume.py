"""Interrupting a grading run and starting it again finishes the job: nothing lost, nothing graded twice."""

from __future__ import annotations

import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytestmark = pytest.mark.slow  # runs kernels through nbgrader

import instructor_gbview as view  # noqa: E402
from instructor_helpers import COHORT, cli, run  # noqa: E402

from pushback_lib.instructor.synthetic import expected_scores  # noqa: E402


def _done(course: Path) -> dict[str, float]:
    folder = course / "autograded" / ".pushback" / "done"
    out = {}
    for p in folder.glob("*/ps1.json") if folder.exists() else []:
        out[p.parent.name] = json.loads(p.read_text())["graded_at"]
    return out


def _start(course: Path) -> subprocess.Popen:
    import os

    from instructor_helpers import VENV_BIN

    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.Popen(cli("autograde", "--jobs", "1", "--course-dir", str(course)),
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(course: Path, n: int, proc: subprocess.Popen, limit: float = 240) -> None:
    deadline = time.monotonic() + limit
    while len(_done(course)) < n:
        assert proc.poll() is None, f"the run ended before {n} submissions were graded: {proc.stderr.read()}"
        assert time.monotonic() < deadline, f"fewer than {n} submissions graded in {limit} s"
        time.sleep(0.1)


def test_interrupted_runs_resume_and_finish(released: Path, tmp_path: Path):
    course = shutil.copytree(released, tmp_path / "course")

    # 1. SIGTERM after the first submission is recorded: a clean stop, exit code 130
    first = _start(course)
    _wait_for(course, 1, first)
    first.send_signal(signal.SIGTERM)
    _, err = first.communicate(timeout=60)
    assert first.returncode == 130, err
    assert "run the same command again" in err
    after_first = _done(course)
    assert 1 <= len(after_first) < len(COHORT)
    assert not list((course / "autograded" / ".pushback").glob("run-*")), "scratch copies left behind"

    # 2. SIGKILL (no chance to clean up) after one more submission
    second = _start(course)
    _wait_for(course, len(after_first) + 1, second)
    second.kill()
    second.communicate(timeout=60)
    after_second = _done(course)
    assert len(after_second) < len(COHORT)
    # what the first run recorded was not graded again
    assert {s: after_second[s] for s in after_first} == after_first

    # 3. run to the end
    last = run(cli("autograde", "--jobs", "2", "--course-dir", str(course)), cwd=tmp_path)
    assert last.returncode == 0, last.stderr[-3000:]
    final = _done(course)
    assert sorted(final) == sorted(COHORT)
    assert {s: final[s] for s in after_second} == after_second, "a recorded submission was regraded"
    assert "up to date" in last.stdout
    assert not list((course / "autograded" / ".pushback").glob("run-*")), "a killed run's scratch was kept"

    grades = view.grades(course / "gradebook.db")
    assert view.counts(course / "gradebook.db")["grade"] == 3 * len(COHORT)
    for student, variant in COHORT.items():
        for cell, score in expected_scores(variant).items():
            assert grades[(student, "pushback", cell)][0] == score, (student, cell)


def test_a_changed_submission_is_graded_again(graded_both_ways, tmp_path: Path):
    from pushback_lib.instructor import open_course
    from pushback_lib.instructor.autograde import autograde
    from pushback_lib.instructor.synthetic import add_submission

    course = shutil.copytree(graded_both_ways[1], tmp_path / "course")
    add_submission(course, "cai", "perfect", timestamp="2026-11-21 09:00:00.000000 UTC")  # resubmitted
    outcomes = {o.student: o for o in autograde(open_course(course), jobs=2, stream=io.StringIO())}
    assert outcomes["cai"].status == "graded" and outcomes["cai"].score == 7
    assert {o.status for s, o in outcomes.items() if s != "cai"} == {"up to date"}
    assert view.grades(course / "gradebook.db")[("cai", "pushback", "test_decide")][0] == 3
    assert view.counts(course / "gradebook.db")["grade"] == 3 * len(COHORT)
