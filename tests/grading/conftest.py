"""Fixtures of the grading tests: one temporary course, graded once per session.

Starting nbgrader costs seconds and every notebook a kernel, so the course
(honest and adversarial students together, on assignment a1) is built and
graded once, by nbgrader's own converters in one child process, and every
test reads its results.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the cohort helpers are imported as tests.grading.*
    sys.path.insert(0, str(ROOT))

from tests.grading.cohorts import attackers, honest  # noqa: E402
from tests.grading.synthetic_student import ASSIGNMENT, Student, solution_answers  # noqa: E402

HERE = Path(__file__).resolve().parent
CELL_TIMEOUT = 5
ATTACK_GROUPS = ("attackers-1", "attackers-2")
"""The adversarial cohort runs as two courses in parallel (see run_pipeline.py)."""
BUDGET = 60


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    return env


@dataclass
class GradedCourse:
    """Students graded in one or more temporary courses, and what each run reported."""

    roots: dict[str, Path]
    """Student id -> the course folder they were graded in."""
    students: list[Student]
    run: dict[str, dict[str, object]]

    def student(self, sid: str) -> Student:
        return next(s for s in self.students if s.id == sid)

    def path(self, sid: str, folder: str, suffix: str = ".ipynb") -> Path:
        """A student's file under ``autograded`` or ``feedback``."""
        return self.roots[sid] / folder / sid / ASSIGNMENT / f"{ASSIGNMENT}{suffix}"


def make_course(tmp: Path, assignments: list[str]) -> Path:
    """A course folder holding the repo's config and these source assignments."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    for name in assignments:
        shutil.copytree(ROOT / "solutions" / name, tmp / "solutions" / name)
    return tmp


@dataclass
class Job:
    """A child process started early and waited for by the test that needs it."""

    cmd: list[str]
    cwd: Path
    proc: subprocess.Popen | None = None
    out: str = ""
    err: str = ""

    def start(self) -> None:
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, env=child_env(), text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait(self, timeout: float = 900) -> int:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.out, self.err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode


@dataclass
class Jobs:
    course: Path
    attack_courses: list[Path]
    drift: Path
    pipeline: Job
    attacks: list[Job]
    regenerate: Job
    validate: Job
    invert: Job


@pytest.fixture(scope="session")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Jobs:
    """Start every slow grading job at once (each starts nbgrader, which is slow), so their
    start-up and kernel waits overlap; each test waits only for the job it checks."""
    course = make_course(tmp_path_factory.mktemp("course"), [ASSIGNMENT])
    attack_courses = [make_course(tmp_path_factory.mktemp(f"attack-course-{g}"), [ASSIGNMENT])
                      for g in ATTACK_GROUPS]
    drift = tmp_path_factory.mktemp("drift")
    shutil.copy(ROOT / "nbgrader_config.py", drift / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions", drift / "solutions")
    nbgrader = [sys.executable, "-m", "nbgrader"]
    all_jobs = Jobs(
        course, attack_courses, drift,
        pipeline=Job([sys.executable, str(HERE / "run_pipeline.py"), str(course), ASSIGNMENT,
                      "honest", "--timeout", str(CELL_TIMEOUT), "--budget", str(BUDGET)], course),
        attacks=[Job([sys.executable, str(HERE / "run_pipeline.py"), str(root), ASSIGNMENT,
                      group, "--timeout", str(CELL_TIMEOUT), "--budget", str(BUDGET)], root)
                 for group, root in zip(ATTACK_GROUPS, attack_courses, strict=True)],
        regenerate=Job([sys.executable, "-c",
                        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
                        f"from tools.release import generate; generate(Path({str(drift)!r}))"],
                       drift),
        validate=Job([*nbgrader, "validate", *map(str, sorted(ROOT.glob("solutions/*/*.ipynb")))],
                     ROOT),
        invert=Job([*nbgrader, "validate", "--invert",
                    *map(str, sorted(ROOT.glob("exercises/*/*.ipynb")))], ROOT),
    )
    for job in (all_jobs.pipeline, *all_jobs.attacks, all_jobs.regenerate, all_jobs.validate,
                all_jobs.invert):
        job.start()
    return all_jobs


def _graded(runs: list[tuple[Job, Path]], students: list[Student]) -> GradedCourse:
    roots: dict[str, Path] = {}
    report: dict[str, dict[str, object]] = {}
    for job, root in runs:
        code = job.wait()
        assert code == 0, job.err[-4000:]
        part = json.loads(job.out.strip().splitlines()[-1])
        report.update(part)
        roots.update({sid: root for sid in part})
    return GradedCourse(roots, students, report)


@pytest.fixture(scope="session")
def graded_course(jobs: Jobs) -> GradedCourse:
    """Honest students (full, partial, empty, wrong, computed): released, submitted,
    autograded and given feedback in a temporary course."""
    solution = solution_answers(jobs.course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return _graded([(jobs.pipeline, jobs.course)], honest(solution))


@pytest.fixture(scope="session")
def attacked_course(jobs: Jobs) -> GradedCourse:
    """The adversarial cohort, graded the same way in two temporary courses, each ending with
    an honest student graded after its attackers."""
    solution = solution_answers(jobs.course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return _graded(list(zip(jobs.attacks, jobs.attack_courses, strict=True)), attackers(solution))
