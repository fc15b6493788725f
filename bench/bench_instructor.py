"""Grading a cohort of 40: ``pushback-course autograde`` in parallel against nbgrader's serial autograde.

Both grade the same synthetic cohort (copies of one released course) on this
machine in the same run; the floor is nbgrader's serial ``nbgrader autograde``.
The ratio is parallel time / serial time, so the speed-up is its inverse
(goal: at least 1.8x on 2 cores). The two gradebooks are compared cell by cell
and the figure fails if they differ.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from bench import Context, Figure, env

COHORT_SIZE = 40
VARIANTS = ("perfect", "partial", "blank", "crash")


def _grades(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT sa.student_id, bc.name, g.auto_score, g.needs_manual_grade FROM grade g "
        "JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN submitted_assignment sa "
        "ON sn.assignment_id = sa.id JOIN base_cell bc ON g.cell_id = bc.id").fetchall()
    con.close()
    return sorted(rows)


def build(root: Path, size: int = COHORT_SIZE) -> Path:
    from pushback_lib.instructor.synthetic import add_submission, build_course

    course = build_course(root, timeout=30)
    for i in range(size):
        add_submission(course, f"student{i:02d}", VARIANTS[i % len(VARIANTS)])
    return course


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and all its children, kernels included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def figures(ctx: Context) -> list[Figure]:
    # the CLI's default: one worker more than CPUs (PUSHBACK_BENCH_JOBS overrides)
    jobs = int(os.environ.get("PUSHBACK_BENCH_JOBS", str((os.cpu_count() or 1) + 1)))
    bindir = Path(ctx.python).parent
    with tempfile.TemporaryDirectory(prefix="bench-instructor-") as tmp:
        base = build(Path(tmp) / "released")
        serial = shutil.copytree(base, Path(tmp) / "serial")
        parallel = shutil.copytree(base, Path(tmp) / "parallel")
        t_serial, cpu_serial = timed([str(bindir / "nbgrader"), "autograde", "ps1"], cwd=serial)
        t_parallel, cpu_parallel = timed([str(bindir / "pushback-course"), "autograde", "--jobs", str(jobs)],
                                         cwd=parallel)
        load = os.getloadavg()[0]
        same = _grades(serial / "gradebook.db") == _grades(parallel / "gradebook.db")
        n = len(_grades(parallel / "gradebook.db"))
    if not same or n != 3 * COHORT_SIZE:
        raise RuntimeError(f"parallel and serial gradebooks differ ({n} grade rows)")
    speedup = t_serial / t_parallel
    return [
        Figure(f"autograde {COHORT_SIZE} students, serial nbgrader", t_serial, "s",
               "", None, note=f"{t_serial / COHORT_SIZE:.2f} s per student"),
        Figure(f"autograde {COHORT_SIZE} students, --jobs {jobs}", t_parallel, "s",
               "serial nbgrader autograde", t_serial,
               note=f"speed-up {speedup:.2f}x (goal >= 1.8x); gradebooks identical ({n} grades); "
                    f"load average {load:.1f} on {os.cpu_count()} CPUs"),
        Figure(f"autograde {COHORT_SIZE} students, CPU, --jobs {jobs}", cpu_parallel, "cpu-s",
               "CPU of serial nbgrader", cpu_serial,
               note="the parallel design's CPU overhead (kernels included); independent of other load"),
    ]
