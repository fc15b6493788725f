"""Check a submitted notebook before grading, so a malformed file gets a clear message.

nbgrader, handed a notebook that is not valid JSON or not nbformat 4, fails
with a long traceback deep inside nbconvert. Checking first lets the parallel
grader say which student and which file is wrong, skip that student, and grade
everybody else.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SubmissionProblem", "check_notebook", "check_submission", "check_names", "regular_files",
           "stray_entries", "copy_regular_files", "MAX_NOTEBOOK_BYTES", "MAX_SUBMISSION_BYTES"]

MAX_NOTEBOOK_BYTES = 32 * 1024 ** 2
"""Largest submitted notebook read. Outputs are cleared before grading, so only a notebook
stuffed with stored output is bigger; reading it would cost the grader (outside the
sandbox) many times its size in memory."""

MAX_SUBMISSION_BYTES = 128 * 1024 ** 2
"""Largest submission folder (all its regular files) copied for grading."""


@dataclass(frozen=True)
class SubmissionProblem:
    """Why one submitted notebook cannot be graded."""

    student: str
    path: Path
    """The notebook, relative to the course directory when possible."""
    problem: str

    def __str__(self) -> str:
        return f"student {self.student}: {self.path}: {self.problem}"


def check_notebook(path: Path) -> str | None:
    """The reason ``path`` is not a gradable notebook, or ``None`` if it is."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a link or a special file; the grader reads only regular files)"
    if info.st_size > MAX_NOTEBOOK_BYTES:
        return (f"too large: {info.st_size / 1024 ** 2:.0f} MiB, the grader reads notebooks up to "
                f"{MAX_NOTEBOOK_BYTES // 1024 ** 2} MiB (clear the outputs and submit again)")
    try:
        return _check_notebook_text(path)
    except RecursionError:
        return "nested too deeply to read (JSON structures inside one another thousands of levels deep)"


def _check_notebook_text(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"invalid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    if not isinstance(data, dict):
        return f"not a notebook: the JSON is a {type(data).__name__}, not an object"
    major = data.get("nbformat")
    if major != 4:
        return f"wrong nbformat: {major!r} (nbgrader grades nbformat 4 notebooks)"
    cells = data.get("cells")
    if not isinstance(cells, list):
        return "missing cells: the notebook has no 'cells' list"
    if "metadata" not in data or not isinstance(data["metadata"], dict):
        return "missing notebook metadata"
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or "cell_type" not in cell or "source" not in cell:
            return f"cell {index} is malformed (no cell_type or source)"
    try:
        import nbformat

        nbformat.validate(nbformat.from_dict(data))
    except Exception as exc:  # nbformat.ValidationError and friends
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"not a valid nbformat 4 notebook ({first})"
    return None


def regular_files(folder: Path) -> list[Path]:
    """The regular files under ``folder``, sorted, never following a symbolic link."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(here, d)))
        for name in files:
            path = Path(here, name)
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
    return sorted(found)


def stray_entries(folder: Path) -> list[Path]:
    """What a submission folder holds besides regular files and folders: symbolic links (to the
    course, the gradebook, another learner, ``/dev/zero``), FIFOs, sockets, devices. The grader
    never reads or copies them: a link would hand the kernel what it points to."""
    found = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(here, name)
            mode = path.lstat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(path)
    return sorted(found)


def copy_regular_files(src: Path, dest: Path) -> None:
    """Copy the regular files of ``src`` into ``dest`` (made), never following a link, up to
    :data:`MAX_SUBMISSION_BYTES` in all. Links, FIFOs and devices are left behind."""
    total = 0
    dest.mkdir(parents=True, exist_ok=True)
    for path in regular_files(src):
        total += path.lstat().st_size
        if total > MAX_SUBMISSION_BYTES:
            raise ValueError(f"{src}: the submission holds more than "
                             f"{MAX_SUBMISSION_BYTES // 1024 ** 2} MiB of files")
        target = dest / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # swapped for a link since the walk: refused
        with os.fdopen(fd, "rb") as fh, open(target, "wb") as out:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ValueError(f"{path}: not a regular file")
            while chunk := fh.read(1024 * 1024):
                out.write(chunk)


def check_submission(root: Path, folder: Path, student: str,
                     notebooks: set[str] | None = None) -> list[SubmissionProblem]:
    """Every malformed notebook in one student's submission folder.

    With ``notebooks`` (the names, without ``.ipynb``, the assignment grades), a link or special
    file under another name is not a problem here: it is a stray entry, ignored and reported
    (:func:`stray_entries`). A graded notebook that is a link or a FIFO is a problem.
    """
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        if notebooks is not None and path.stem not in notebooks and not stat.S_ISREG(path.lstat().st_mode):
            continue
        reason = check_notebook(path)
        if reason is not None:
            try:
                shown = path.relative_to(root)
            except ValueError:
                shown = path
            problems.append(SubmissionProblem(student, shown, reason))
    return problems


def check_names(root: Path, folder: Path, student: str, expected: set[str]) -> list[SubmissionProblem]:
    """Notebooks named unlike the released ones (``a1.ipynb`` for ``a1-niche-recruitment.ipynb``).

    nbgrader would fail on them with a scratch path and "did you forget to run
    generate_assignment?"; the learner only needs to rename the file.
    """
    if not expected:
        return []
    want = " or ".join(sorted(expected))
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        if not stat.S_ISREG(path.lstat().st_mode):
            continue  # a link or special file is a stray entry (stray_entries), never renamed
        if path.name not in expected:
            try:
                shown = path.relative_to(root)
            except ValueError:
                shown = path
            problems.append(SubmissionProblem(student, shown, f"expected {want} (rename the file)"))
    return problems
