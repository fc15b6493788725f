"""Check a submitted notebook before grading, so a malformed file gets a clear message.

nbgrader, handed a notebook that is not valid JSON or not nbformat 4, fails
with a long traceback deep inside nbconvert. Checking first lets the parallel
grader say which student and which file is wrong, skip that student, and grade
everybody else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SubmissionProblem", "check_notebook", "check_submission", "check_names"]


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


def check_submission(root: Path, folder: Path, student: str) -> list[SubmissionProblem]:
    """Every malformed notebook in one student's submission folder."""
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
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
        if path.name not in expected:
            try:
                shown = path.relative_to(root)
            except ValueError:
                shown = path
            problems.append(SubmissionProblem(student, shown, f"expected {want} (rename the file)"))
    return problems
