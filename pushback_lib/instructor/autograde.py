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
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, TextIO

from .course import Course, InstructorError
from .nbrun import StepResult
from .phases import execute_submission, record_submission
from .progress import Outcome, Progress
from .state import make_writable, read_done, replace_dir, submission_digest, write_done
from .validate import check_submission

__all__ = ["autograde", "Job"]


@dataclass
class Job:
    """One submission to grade in this run."""

    student: str
    assignment: str
    digest: str
    workdir: Path
    started: float = 0.0
    process: multiprocessing.process.BaseProcess | None = field(default=None, repr=False)


def _die_with_parent() -> None:
    """Linux: the worker is killed if the grading run dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker(course: Course, job: Job, snapshot: Path) -> None:
    """Body of a worker process: copy what the submission needs, then execute it."""
    os.setsid()  # its own process group: the kernel can be killed along with it
    _die_with_parent()
    cd = course.coursedir()
    work = job.workdir
    work.mkdir(parents=True, exist_ok=True)
    log = os.open(work / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)  # the kernel's chatter (and a submission's spam) goes to the log
    shutil.copytree(course.root / cd.source_directory / job.assignment,
                    work / cd.source_directory / job.assignment)
    shutil.copytree(course.root / cd.submitted_directory / job.student / job.assignment,
                    work / cd.submitted_directory / job.student / job.assignment)
    release = course.root / cd.release_directory / job.assignment
    if release.is_dir():  # a sanitize preprocessor may rebuild the notebook from the release
        shutil.copytree(release, work / cd.release_directory / job.assignment)
    shutil.copyfile(snapshot, work / "gradebook.db")
    result = execute_submission(course, work, job.student, job.assignment)
    (work / "result.json").write_text(json.dumps({"success": result.success, "reason": result.reason()}))
    sys.exit(0 if result.success else 1)


def _snapshot(course: Course, assignments: list[str], dest: Path) -> None:
    """A private SQLite copy of the gradebook for the workers to read the source cells from."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = course.db_url
    if url.startswith("sqlite:///"):
        src = sqlite3.connect(url[len("sqlite:///"):])
        dst = sqlite3.connect(dest)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
        return
    # Postgres or another server: rebuild the assignment entries from the source, as release did
    from nbgrader.converters import GenerateAssignment

    from .nbrun import run_converter
    from .course import open_course

    scratch = dest.parent / "snapshot-course"
    cd = course.coursedir()
    for a in assignments:
        shutil.copytree(course.root / cd.source_directory / a, scratch / cd.source_directory / a,
                        dirs_exist_ok=True)
    shadow = open_course(course.root)
    shadow.config.CourseDirectory.root = str(scratch)
    shadow.config.CourseDirectory.db_url = f"sqlite:///{dest}"
    shadow.config.CourseDirectory.release_directory = "release-scratch"
    shadow = Course(scratch, shadow.config)
    for a in assignments:
        result = run_converter(GenerateAssignment, shadow, a, student=".", create_assignment=True)
        if not result.success:
            raise InstructorError(f"cannot prepare the gradebook copy for {a}:\n{result.reason()}")


def _warm_up(course: Course) -> None:
    """Do once, before forking, the work every worker would otherwise repeat.

    Compiling nbformat's JSON-schema validators, importing what starting a
    kernel needs and finding the kernel spec cost about 0.4 s of CPU; done in
    the main process, every forked worker inherits the result.
    """
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from nbformat import validator

    from .phases import split_preprocessors

    for relax in (False, True):
        validator.get_validator(4, nbformat.current_nbformat_minor, relax_add_props=relax)
    try:
        import IPython  # noqa: F401  - what the kernel machinery imports on first use
        import ipykernel.kernelspec  # noqa: F401
        import psutil  # noqa: F401

        KernelSpecManager().get_kernel_spec("python3")
    except Exception:  # a missing kernel is reported by the worker, with its name
        pass
    split_preprocessors(course.config)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_runs(course: Course) -> None:
    """Delete the scratch folders of runs that were killed (their process is gone)."""
    if not course.state_dir.is_dir():
        return
    for d in course.state_dir.glob("run-*"):
        pid = d.name[len("run-"):]
        if not pid.isdigit() or int(pid) == os.getpid() or not _pid_alive(int(pid)):
            make_writable(d)
            shutil.rmtree(d, ignore_errors=True)


def _lock(course: Course):
    """One grading run per course at a time: the gradebook must have one writer."""
    import fcntl

    course.state_dir.mkdir(parents=True, exist_ok=True)
    fh = open(course.state_dir / "autograde.lock", "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        other = fh.read().strip() or "another process"
        fh.close()
        raise InstructorError(f"another autograde run (pid {other}) is grading {course.root}; "
                              "wait for it to finish") from None
    fh.seek(0)
    fh.truncate()
    fh.write(str(os.getpid()))
    fh.flush()
    return fh


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


def _graded_before(course: Course, assignment: str) -> set[str]:
    """Students whose submission of ``assignment`` the gradebook already holds."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            return {s.student.id for s in gb.find_assignment(assignment).submissions}
        except MissingEntry:
            return set()


class _Stop:
    """SIGINT/SIGTERM ask the run to stop between two steps, never inside a gradebook write."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict[int, object] = {}

    def __enter__(self) -> "_Stop":
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


def _kill(job: Job) -> None:
    if job.process is not None and job.process.pid:
        try:
            os.killpg(job.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        job.process.join(5)


def _why_failed(job: Job) -> str:
    code = job.process.exitcode if job.process is not None else None
    result = job.workdir / "result.json"
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        return f"the grading process was killed by {name} (the submission's code may have done it)"
    try:
        return json.loads(result.read_text())["reason"] or f"nbgrader failed (exit code {code})"
    except (OSError, ValueError, KeyError):
        log = (job.workdir / "worker.log")
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log.exists() else []
        return f"the grading process failed (exit code {code}) " + " | ".join(tail)


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
    for student, assignment in subs:
        folder = course.submitted_dir / student / assignment
        problems = check_submission(course.root, folder, student)
        if problems:
            for p in problems:
                note(f"skipped {p}")
            outcomes.append(Outcome(student, assignment, "malformed", message="; ".join(map(str, problems))))
            continue
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
    wanted = assignments or sorted({a for _, a in course.submissions()})
    _released(course, wanted)
    stream = stream if stream is not None else sys.stderr
    notes: list[str] = []
    todo, outcomes = plan(course, assignments, force, notes.append)
    progress = Progress(len(todo) + len(outcomes), stream)
    for text in notes:
        progress.note(text)
    for o in outcomes:
        progress.advance(o)
    if not todo:
        return outcomes

    lock = _lock(course)
    _remove_stale_runs(course)
    run_dir = course.state_dir / f"run-{os.getpid()}"
    snapshot = run_dir / "snapshot.db"
    _snapshot(course, sorted({a for _, a, _ in todo}), snapshot)
    ctx = multiprocessing.get_context("fork")
    _warm_up(course)
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
        outcomes.append(o)
        progress.advance(o)

    try:
        with _Stop() as stop:
            while (pending or running) and not stop.requested:
                while pending and len(running) < jobs:
                    job = pending.popleft()
                    job.started = time.monotonic()
                    job.process = ctx.Process(target=_worker, args=(course, job, snapshot), daemon=False)
                    job.process.start()
                    running[job.process.sentinel] = job
                ready = wait(list(running), timeout=0.5)
                for sentinel in ready:
                    job = running.pop(sentinel)
                    job.process.join()
                    _kill(job)  # a kernel left behind by a crashed worker goes with its group
                    if job.process.exitcode != 0:
                        finish(job, "failed", _why_failed(job))
                        continue
                    result: StepResult = record_submission(course, job.workdir / course.coursedir()
                                                           .autograded_directory / job.student / job.assignment,
                                                           job.student, job.assignment)
                    if not result.success:
                        finish(job, "failed", "saving the grades failed: " + result.reason())
                        continue
                    replace_dir(job.workdir / course.coursedir().autograded_directory / job.student / job.assignment,
                                course.autograded_dir / job.student / job.assignment, run_dir / "trash")
                    write_done(course, job.student, job.assignment, job.digest)
                    graded.append(job)
                    finish(job, "graded")
                now = time.monotonic()
                for sentinel, job in list(running.items()):
                    if now - job.started > timeout:
                        running.pop(sentinel)
                        _kill(job)
                        finish(job, "failed", f"stopped after {timeout:g} s (the --timeout per submission)")
            interrupted = stop.requested
    finally:
        for job in running.values():
            _kill(job)
        make_writable(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
        lock.close()
    if interrupted:
        progress.note(f"interrupted: {len(graded)} graded in this run are saved; "
                      f"run the same command again to grade the other {len(pending) + len(running)}")
        raise KeyboardInterrupt
    _add_scores(course, outcomes)
    return outcomes


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
