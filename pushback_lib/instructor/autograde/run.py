"""``pushback-course autograde``: grade every submission, several students at a time.

Design (see :mod:`.phases` for the cut inside nbgrader's ``Autograde``):

* each submission is executed in its own forked worker process, in a private
  copy of the course (``autograded/.pushback/run-<pid>/<assignment>/<student>/``)
  with a private copy of the gradebook, so nothing a submission does (hang,
  crash, kill its parent, write files) can touch the course or the others;
* the one main process writes every grade into the course gradebook with
  nbgrader's own ``SaveAutoGrades``, one submission at a time: SQLite never
  sees two writers, and no grade is lost or doubled;
* the graded copy is moved into ``autograded/<student>/<assignment>/`` by a
  rename, then a done record is written (:mod:`.state`); a rerun skips what
  is recorded and unchanged, and finishes the rest.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any, TextIO, cast

from ...grading import gradebook_guard
from ..course import Course, InstructorError
from ..nbrun import StepResult
from .phases import record_submission
from .progress_bar import Outcome, Progress
from .run_lock import StopRequest, course_lock, remove_stale_runs
from .state import (
    clear_failed,
    make_writable,
    read_done,
    replace_dir,
    submission_digest,
    write_done,
    write_failed,
)
from .validate import check_names, check_submission, stray_entries
from .workers import Job, kill, run_worker, snapshot_gradebook, warm_up, why_failed

__all__ = ["autograde", "Job"]


def _released(course: Course, assignments: list[str]) -> None:
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        for a in assignments:
            try:
                gb.find_assignment(a)
            except MissingEntry:
                raise InstructorError(
                    f"assignment '{a}' is not in the gradebook {course.db_url}: "
                    f"run `pushback-course release --course-dir {course.root}` first") from None


def _known_assignments(course: Course) -> tuple[list[str], list[Outcome]]:
    """The submitted assignments the course knows, and a malformed outcome per unknown folder.

    Known: in the gradebook or in the source folder (an unreleased one then gets
    the "run release" error). Unknown folders are named with the closest match.
    """
    import difflib

    with course.gradebook() as gb:
        known = {a.name for a in gb.assignments} | set(course.assignments())
    keep: set[str] = set()
    stray = []
    for student, assignment in course.submissions():
        if assignment in known:
            keep.add(assignment)
            continue
        close = difflib.get_close_matches(assignment, sorted(known), n=1)
        where = (course.submitted_dir / student / assignment).relative_to(course.root)
        hint = f" (did you mean {close[0]}?)" if close else f"; known: {', '.join(sorted(known)) or 'none'}"
        stray.append(Outcome(student, assignment, "malformed",
                             message=f"student {student}: {where}: no assignment of that name{hint}"))
    return sorted(keep), stray


def _graded_before(course: Course, assignment: str) -> set[str]:
    """Students whose submission of ``assignment`` the gradebook already holds."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            return {s.student.id for s in gb.find_assignment(assignment).submissions}
        except MissingEntry:
            return set()


def plan(course: Course, assignments: list[str] | None, force: bool,
         note: Callable[[str], None]) -> tuple[list[tuple[str, str, str]], list[Outcome]]:
    """Split the submissions into work to do ``(student, assignment, digest)`` and finished outcomes."""
    subs = course.submissions(assignments)
    if assignments:
        present = {a for _, a in subs}
        for a in assignments:
            if a not in present:
                note(f"no submission of '{a}' in {course.submitted_dir}")
    todo, outcomes = [], []
    graded = {a: _graded_before(course, a) for a in sorted({a for _, a in subs})}
    for student in sorted({s for s, _ in subs if s != s.strip() or any(c.isspace() for c in s)}):
        note(f"student id {student!r} contains a space: it is graded, but learning platforms and "
             f"shells handle such ids badly; rename {course.submitted_dir / student} if you can")
    for student, assignment in subs:
        folder = course.submitted_dir / student / assignment
        names = {p.stem for p in (course.source_dir / assignment).glob("*.ipynb")}
        released = {p.name for p in (course.release_dir / assignment).glob("*.ipynb")}
        problems = (check_submission(course.root, folder, student, names)
                    or check_names(course.root, folder, student, released))
        if problems:
            for p in problems:
                note(f"skipped {p}")
            outcomes.append(Outcome(student, assignment, "malformed", message="; ".join(map(str, problems))))
            continue
        for stray in stray_entries(folder):
            note(f"student {student}: ignored {stray.relative_to(course.root)} (a link or a special "
                 "file: the grader copies only regular files)")
        digest = submission_digest(folder)
        done = read_done(course, student, assignment)
        if (not force and done is not None and done.digest == digest and student in graded[assignment]
                and (course.autograded_dir / student / assignment).is_dir()):
            outcomes.append(Outcome(student, assignment, "up to date"))
            continue
        todo.append((student, assignment, digest))
    return todo, outcomes


def autograde(course: Course, assignments: list[str] | None = None, jobs: int = 2,
              timeout: float = 900.0, force: bool = False, stream: TextIO | None = None) -> list[Outcome]:
    """Grade every submission (of ``assignments``, default all) with ``jobs`` workers.

    Returns one ``Outcome`` per submission. Raises ``KeyboardInterrupt`` after
    cleaning up if SIGINT or SIGTERM arrived; what was graded stays graded.
    """
    if jobs < 1:
        raise InstructorError(f"--jobs must be at least 1, got {jobs}")
    stray: list[Outcome] = []
    if not assignments:  # a misspelt folder in submitted/ costs its own submission, not the cohort's
        assignments, stray = _known_assignments(course)
    wanted = assignments if assignments is not None else sorted({a for _, a in course.submissions()})
    _released(course, wanted)
    stream = stream if stream is not None else sys.stderr
    notes: list[str] = [f"skipped {o.message}" for o in stray]
    todo, outcomes = plan(course, assignments, force, notes.append)
    outcomes = stray + outcomes
    progress = Progress(len(todo) + len(outcomes), stream)
    for text in notes:
        progress.note(text)
    for o in outcomes:
        progress.advance(o)
    if not todo:
        return outcomes

    check_sandbox(course, progress.note)
    lock = course_lock(course)
    remove_stale_runs(course)
    # A learner's kernel runs as this user and could reach the course's own
    # gradebook; whatever it writes to instructor-owned columns is put back
    # when the run ends (autograde itself never writes them).
    guard_before = gradebook_guard.take(course.db_url) if _sqlite_exists(course.db_url) else None
    run_dir = course.state_dir / f"run-{os.getpid()}"
    snapshot = run_dir / "snapshot.db"
    snapshot_gradebook(course, sorted({a for _, a, _ in todo}), snapshot)
    ctx = multiprocessing.get_context("fork")
    warm_up(course)
    gc.collect()
    gc.freeze()  # forked workers then share the imported modules' pages instead of copying them
    pending = deque(Job(s, a, d, run_dir / a / s) for s, a, d in todo)
    running: dict[int, Job] = {}
    graded: list[Job] = []

    def finish(job: Job, status: str, message: str = "") -> None:
        o = Outcome(job.student, job.assignment, status, seconds=time.monotonic() - job.started,
                    message=message)
        if status == "failed":
            progress.note(f"failed: student {job.student}, {job.assignment}: {message}")
            write_failed(course, job.student, job.assignment, job.digest, message)
        outcomes.append(o)
        progress.advance(o)

    try:
        with StopRequest() as stop:
            while (pending or running) and not stop.requested:
                while pending and len(running) < jobs:
                    job = pending.popleft()
                    job.started = time.monotonic()
                    job.process = ctx.Process(target=run_worker, args=(course, job, snapshot), daemon=False)
                    job.process.start()
                    running[job.process.sentinel] = job
                ready = wait(list(running), timeout=0.5)
                for sentinel in ready:
                    job = running.pop(cast(int, sentinel))  # wait() returns the sentinels it was given
                    assert job.process is not None  # started above
                    job.process.join()
                    kill(job)  # a kernel left behind by a crashed worker goes with its group
                    if job.process.exitcode != 0:
                        finish(job, "failed", why_failed(job))
                        continue
                    graded_copy = (job.workdir / course.coursedir().autograded_directory
                                   / job.student / job.assignment)
                    result: StepResult = record_submission(course, graded_copy, job.student, job.assignment)
                    if not result.success:
                        finish(job, "failed", "saving the grades failed: " + result.reason())
                        continue
                    replace_dir(graded_copy, course.autograded_dir / job.student / job.assignment,
                                run_dir / "trash")
                    write_done(course, job.student, job.assignment, job.digest)
                    clear_failed(course, job.student, job.assignment)
                    graded.append(job)
                    finish(job, "graded")
                now = time.monotonic()
                for sentinel, job in list(running.items()):
                    if now - job.started > timeout:
                        running.pop(sentinel)
                        kill(job)
                        finish(job, "failed", f"stopped after {timeout:g} s (the --timeout per submission)")
            interrupted = stop.requested
    finally:
        for job in running.values():
            kill(job)
        make_writable(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
        if guard_before is not None:
            for change in gradebook_guard.restore(course.db_url, guard_before, timestamps=False):
                progress.note(f"undid a change a submission's code made to the gradebook: {change}")
        lock.close()
    if interrupted:
        progress.note(f"interrupted: {len(graded)} graded in this run are saved; "
                      f"run the same command again to grade the other {len(pending) + len(running)}")
        raise KeyboardInterrupt
    _add_scores(course, outcomes)
    return outcomes


def check_sandbox(course: Course, note: Callable[[str], None]) -> None:
    """Refuse to grade (before the first submission) when the kernel sandbox cannot start here."""
    from ...grading.sandbox import Sandbox, SandboxUnavailable, self_test

    settings = Sandbox(config=course.config)
    if not settings.enabled:
        note("warning: grading WITHOUT the sandbox (--no-sandbox or c.Sandbox.enabled = False): every "
             "submission's code runs as this user and can read and change what this user can")
        return
    try:
        self_test(settings)
    except SandboxUnavailable as exc:
        raise InstructorError(f"refusing to grade untrusted submissions: {exc}") from None
    warning = whole_kernel_limits_missing(settings)
    if warning:
        note(warning)


def whole_kernel_limits_missing(settings: Any) -> str:
    """What the sandbox cannot bound here, said at run time: "" where a cgroup per kernel works.

    Grading as an ordinary user (the hub's grader account, a laptop) or in a
    container without a writable cgroup hierarchy, each kernel is still jailed
    (files, network, processes) and limited *per process*, but nothing bounds
    the memory of its processes taken together or their CPU share, so the
    instructor should know before trusting a run with a hostile cohort.
    """
    import getpass

    from ...grading.cgroups import CgroupJail
    from ...grading.sandbox import parse_size

    jail = CgroupJail.create(parse_size(settings.memory_limit), settings.max_processes) \
        if settings.cgroups else None
    if jail is not None:
        jail.destroy()
        return ""
    who = "as root" if os.geteuid() == 0 else f"as the ordinary user {getpass.getuser()!r}"
    why = "c.Sandbox.cgroups = False" if not settings.cgroups else "no cgroup can be made here"
    return (f"note: grading {who} with {why}: each kernel is sandboxed (files, network, processes) "
            f"and each of its processes is limited ({settings.memory_limit} of memory, "
            f"{settings.cpu_seconds} CPU seconds, {settings.max_processes} processes), but the memory of "
            "its processes together and their share of the CPU are not bounded as a whole "
            "(see docs/grading.md, 'Grading as an ordinary user')")


def _sqlite_exists(db_url: str) -> bool:
    """True unless the gradebook is a SQLite file that does not exist yet."""
    prefix = "sqlite:///"
    return not db_url.startswith(prefix) or os.path.exists(db_url[len(prefix):])


def _add_scores(course: Course, outcomes: list[Outcome]) -> None:
    """Fill in the score of every graded or up-to-date submission from the gradebook."""
    from dataclasses import replace

    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        for i, o in enumerate(outcomes):
            if o.status in ("graded", "up to date"):
                try:
                    sub = gb.find_submission(o.assignment, o.student)
                except MissingEntry:
                    continue
                outcomes[i] = replace(o, score=float(sub.score), max_score=float(sub.max_score))
