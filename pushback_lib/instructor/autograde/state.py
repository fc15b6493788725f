"""What the parallel grader remembers between runs, so an interrupted run can resume.

A submission counts as graded when three things hold: its autograded copy is
in ``autograded/<student>/<assignment>/``, the gradebook has its submission,
and a *done record* in ``autograded/.pushback/done/`` carries the digest of
exactly the submitted files that were graded. The record is written last,
atomically, after the gradebook commit and the atomic move of the graded copy,
so a run killed at any instant either left a complete record or none; a rerun
regrades only submissions without a matching record, and regrading one is
idempotent in nbgrader's gradebook (grades are updated in place, never added).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from ..course import Course
from .validate import regular_files

__all__ = ["DoneRecord", "FailedRecord", "submission_digest", "read_done", "write_done", "read_failed",
           "write_failed", "clear_failed", "replace_dir", "make_writable"]


@dataclass(frozen=True)
class DoneRecord:
    """The proof that one submission was graded, as written to ``done/<student>/<assignment>.json``."""

    student: str
    assignment: str
    digest: str
    """sha256 over the names and bytes of every submitted file (timestamp.txt included)."""
    graded_at: float
    """Unix time the record was written."""


@dataclass(frozen=True)
class FailedRecord:
    """The last failed attempt to grade a submission, as written to ``failed/<student>/<assignment>.json``.

    Kept so that ``pushback-course status`` can tell "grading failed, and why" from
    "not graded yet" after the run's own messages have scrolled away. It is
    removed when the submission is graded.
    """

    student: str
    assignment: str
    digest: str
    """The digest of the submitted files that failed (a changed submission is simply "submitted")."""
    reason: str
    failed_at: float


_Record = TypeVar("_Record", DoneRecord, FailedRecord)


def submission_digest(folder: Path) -> str:
    """A digest of a submission folder: any change to any file changes it."""
    h = hashlib.sha256()
    for path in regular_files(folder):  # never a link: see validate.stray_entries
        rel = path.relative_to(folder).as_posix()
        if ".ipynb_checkpoints" in rel.split("/"):
            continue
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _record_path(course: Course, student: str, assignment: str) -> Path:
    return course.state_dir / "done" / student / f"{assignment}.json"


def _read_record(kind: type[_Record], path: Path) -> _Record | None:
    """A record read back from its JSON file, or ``None`` when missing or unreadable."""
    try:
        return kind(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write_record(record: _Record, path: Path) -> _Record:
    """Write a record atomically (temporary file, then ``os.replace``): a run killed at any
    instant leaves the whole record or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(asdict(record)), encoding="utf-8")
    os.replace(tmp, path)
    return record


def read_done(course: Course, student: str, assignment: str) -> DoneRecord | None:
    """The done record of a submission, or ``None`` (also when unreadable: then it is regraded)."""
    return _read_record(DoneRecord, _record_path(course, student, assignment))


def write_done(course: Course, student: str, assignment: str, digest: str) -> DoneRecord:
    """Write the done record atomically."""
    return _write_record(DoneRecord(student, assignment, digest, time.time()),
                         _record_path(course, student, assignment))


def _failed_path(course: Course, student: str, assignment: str) -> Path:
    return course.state_dir / "failed" / student / f"{assignment}.json"


def read_failed(course: Course, student: str, assignment: str) -> FailedRecord | None:
    """The failure record of a submission, or ``None`` (also when unreadable)."""
    return _read_record(FailedRecord, _failed_path(course, student, assignment))


def write_failed(course: Course, student: str, assignment: str, digest: str, reason: str) -> FailedRecord:
    """Record why grading this submission failed (atomically, like the done record)."""
    return _write_record(FailedRecord(student, assignment, digest, reason, time.time()),
                         _failed_path(course, student, assignment))


def clear_failed(course: Course, student: str, assignment: str) -> None:
    """Forget an earlier failure (the submission has now been graded)."""
    _failed_path(course, student, assignment).unlink(missing_ok=True)


def make_writable(folder: Path) -> None:
    """nbgrader leaves graded files read-only (444); make them removable again."""
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            try:
                os.chmod(os.path.join(dirpath, name), 0o755 if name in dirnames else 0o644)
            except OSError:
                pass


def replace_dir(new: Path, final: Path, trash_root: Path) -> None:
    """Put ``new`` at ``final`` with renames only, so ``final`` is never half written.

    An old ``final`` is first renamed into ``trash_root`` and deleted after the
    swap. All three paths must be on one file system (they are: all inside
    ``autograded/``).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if final.exists():
        trash_root.mkdir(parents=True, exist_ok=True)
        old = trash_root / uuid.uuid4().hex
        os.rename(final, old)
    os.rename(new, final)
    if old is not None:
        make_writable(old)
        shutil.rmtree(old, ignore_errors=True)
