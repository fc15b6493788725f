"""``pushback-course release-debrief CASE``: open a kept-back case's debrief to learners, after grading.

The labels of a case kept back for grading (``keys/cases/<id>.yaml``) and its
role-play (``keys/roleplay/<id>.yaml``) stay in the instructor's course
directory, which learners cannot read. Once the work on that case is graded,
the instructor may release them: this copies them, checked, into a folder
learners can read but not write, and the learners' library finds them there
(``$PUSHBACK_DEBRIEF_DIR``, :mod:`pushback_lib.cases.keys`).

The default folder is ``$PUSHBACK_DEBRIEF_DIR`` (the hub sets it, for every
account it starts, to ``<exchange>/<course id>/debrief``), else
``<exchange>/<course id>/debrief`` from the course's ``c.Exchange.root`` or
``$NBGRADER_EXCHANGE_ROOT``, beside what ``nbgrader release_assignment`` and
``release_feedback`` write; ``--to`` names another.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .course import Course, InstructorError

__all__ = ["Released", "release_debrief", "default_destination"]


@dataclass(frozen=True)
class Released:
    """What one case's release wrote."""

    case_id: str
    files: tuple[Path, ...]


def _exchange_root(course: Course) -> str:
    """``Exchange.root`` of the course's config, else ``$NBGRADER_EXCHANGE_ROOT``, else empty."""
    config = course.config
    root = config.Exchange.get("root") if "Exchange" in config else None
    return str(root or os.environ.get("NBGRADER_EXCHANGE_ROOT") or "")


def default_destination(course: Course) -> Path:
    """``$PUSHBACK_DEBRIEF_DIR``, else ``<exchange>/<course id>/debrief``; an error if neither is known."""
    from ..cases.keys import DEBRIEF_ENV

    if os.environ.get(DEBRIEF_ENV):
        return Path(os.environ[DEBRIEF_ENV]).expanduser()
    root = _exchange_root(course)
    if not root:
        raise InstructorError("no exchange is configured (c.Exchange.root) and "
                              f"${DEBRIEF_ENV} is not set: say where learners read the debrief "
                              "with --to DIR")
    return Path(root) / course.coursedir().course_id / "debrief"


def _safe_folder(folder: Path) -> None:
    """Make ``folder`` (0755) or check that it is ours and nobody else can write it.

    A folder a learner made first, or one they can write, would let them plant
    a debrief of their own for every other learner to read.
    """
    folder.mkdir(parents=True, exist_ok=True)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise InstructorError(f"{folder} is not a folder (a link?): refusing to release into it")
    if info.st_uid != os.getuid():
        raise InstructorError(f"{folder} belongs to another account (uid {info.st_uid}): a learner "
                              "could have made it; remove it or choose another folder with --to")
    folder.chmod(0o755)


def _copy(src: Path, dest: Path) -> Path:
    """Copy a file to ``dest`` atomically, readable by everyone (0644)."""
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".release-")
    os.close(fd)
    shutil.copyfile(src, tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, dest)
    return dest


def release_debrief(course: Course, case_ids: list[str], destination: Path | None = None
                    ) -> list[Released]:
    """Check each case's overlay (and role-play, if any) in ``<course>/keys``, then release them."""
    from ..cases import load_case
    from ..errors import PushbackError
    from ..practice.script import load_script

    keys = course.root / "keys"
    if not case_ids:
        raise InstructorError("name the case(s) to release, e.g. capstone_vendor")
    plan: list[tuple[str, list[tuple[Path, str]]]] = []
    for case_id in case_ids:
        overlay = keys / "cases" / f"{case_id}.yaml"
        if not overlay.is_file():
            raise InstructorError(f"{overlay} does not exist: {case_id!r} has no labels kept back "
                                  "in this course (its debrief is open already, or the id is wrong)")
        try:
            case = load_case(case_id, keys=keys)  # the overlay, strictly checked, on its brief
        except PushbackError as exc:
            raise InstructorError(f"cannot release {case_id}: {exc}") from None
        if not case.labelled:
            raise InstructorError(f"{overlay} gave {case_id} no labels")
        files = [(overlay, "cases")]
        script = keys / "roleplay" / f"{case_id}.yaml"
        if script.is_file():
            try:
                load_script(script)
            except PushbackError as exc:
                raise InstructorError(f"cannot release {case_id}'s role-play: {exc}") from None
            files.append((script, "roleplay"))
        plan.append((case_id, files))
    dest = destination if destination is not None else default_destination(course)
    _safe_folder(dest)
    done = []
    for case_id, files in plan:
        written = []
        for src, sub in files:
            _safe_folder(dest / sub)
            written.append(_copy(src, dest / sub / src.name))
        done.append(Released(case_id, tuple(written)))
    return done
