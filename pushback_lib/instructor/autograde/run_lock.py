"""Guards around one grading run: one run per course, clean stops, no stale scratch.

* ``course_lock``: an exclusive ``flock`` on ``autograded/.pushback/autograde.lock``
  so the gradebook never has two grading runs writing to it;
* ``remove_stale_runs``: scratch folders of runs that were killed are deleted;
* ``StopRequest``: SIGINT and SIGTERM set a flag the run checks between two
  steps, so a stop never lands in the middle of a gradebook write.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any, TextIO

from ..course import Course, InstructorError
from .state import make_writable

__all__ = ["course_lock", "remove_stale_runs", "StopRequest"]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_runs(course: Course) -> None:
    """Delete the scratch folders of runs that were killed (their process is gone)."""
    if not course.state_dir.is_dir():
        return
    for d in course.state_dir.glob("run-*"):
        pid = d.name[len("run-"):]
        if not pid.isdigit() or int(pid) == os.getpid() or not _pid_alive(int(pid)):
            make_writable(d)
            shutil.rmtree(d, ignore_errors=True)


def course_lock(course: Course) -> TextIO:
    """One grading run per course at a time: the gradebook must have one writer."""
    import fcntl

    course.state_dir.mkdir(parents=True, exist_ok=True)
    fh = open(course.state_dir / "autograde.lock", "a+")  # noqa: SIM115 - held for the whole run
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



class StopRequest:
    """SIGINT/SIGTERM ask the run to stop between two steps, never inside a gradebook write."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}

    def __enter__(self) -> StopRequest:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


