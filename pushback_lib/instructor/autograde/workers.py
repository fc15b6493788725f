"""The worker side of parallel grading: one forked process per submission.

A worker copies what one submission needs into a private scratch course,
runs nbgrader's ``Autograde`` up to ``SaveAutoGrades`` there
(:func:`.phases.execute_submission`) and exits; the main process learns the
outcome from its exit code and ``result.json``. See :mod:`.autograde`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course, InstructorError
from .phases import execute_submission
from .validate import copy_regular_files

__all__ = ["Job", "run_worker", "snapshot_gradebook", "warm_up", "kill", "why_failed"]


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


def run_worker(course: Course, job: Job, snapshot: Path) -> None:
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
    # regular files only: a link in the submission must not hand the kernel what it points to
    copy_regular_files(course.root / cd.submitted_directory / job.student / job.assignment,
                       work / cd.submitted_directory / job.student / job.assignment)
    release = course.root / cd.release_directory / job.assignment
    if release.is_dir():  # a sanitize preprocessor may rebuild the notebook from the release
        shutil.copytree(release, work / cd.release_directory / job.assignment)
    shutil.copyfile(snapshot, work / "gradebook.db")
    result = execute_submission(course, work, job.student, job.assignment)
    (work / "result.json").write_text(json.dumps({"success": result.success, "reason": result.reason()}))
    sys.exit(0 if result.success else 1)


def snapshot_gradebook(course: Course, assignments: list[str], dest: Path) -> None:
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

    from ..course import open_course
    from ..nbrun import run_converter

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


def warm_up(course: Course) -> None:
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
        import ipykernel.kernelspec  # noqa: F401
        import IPython  # noqa: F401  - what the kernel machinery imports on first use
        import psutil  # noqa: F401

        KernelSpecManager().get_kernel_spec("python3")
    except Exception:  # a missing kernel is reported by the worker, with its name
        pass
    split_preprocessors(course.config)


def kill(job: Job) -> None:
    if job.process is not None and job.process.pid:
        try:
            os.killpg(job.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        job.process.join(5)


def why_failed(job: Job) -> str:
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


