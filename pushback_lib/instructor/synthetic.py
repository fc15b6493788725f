"""A small synthetic cohort: one assignment, students whose scores are known in advance.

Tests, the bench and an instructor's dry run before term all need a course
that grades fast and whose right answers are known without running nbgrader.
``build_course`` writes a course directory with one source assignment
(``ps1/pushback.ipynb``, 7 points over three graded cells, tagged with process
stages in ``metadata.pushback``), releases it with nbgrader, and fills
``submitted/`` with students of the ``VARIANTS`` below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

__all__ = ["ASSIGNMENT", "NOTEBOOK", "CELLS", "VARIANTS", "expected_scores", "build_course",
           "add_submission", "write_malformed"]

ASSIGNMENT = "ps1"
NOTEBOOK = "pushback"

_CONFIG = '''c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "synthetic"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
c.ExecutePreprocessor.timeout = {timeout}
c.ExecutePreprocessor.interrupt_on_timeout = True
# feedback without the hidden tests (the real course configures its own preprocessor)
c.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                    "nbgrader.preprocessors.ClearHiddenTests",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
'''


@dataclass(frozen=True)
class GradedCell:
    """One autograded test cell of the synthetic assignment."""

    grade_id: str
    points: int
    stages: tuple[str, ...]
    source: str


_ANSWERS = {
    "acknowledge": ('def acknowledge(concern):\n    """Say back the concern before disagreeing."""\n'
                    '    ### BEGIN SOLUTION\n    return "I hear you: " + concern\n    ### END SOLUTION\n'),
    "decide": ('def decide(stakes, evidence):\n'
               '    """Push back only when the stakes and the evidence are worth it."""\n'
               '    ### BEGIN SOLUTION\n    return "push_back" if stakes * evidence > 0.25 else "let_go"\n'
               '    ### END SOLUTION\n'),
    "alternative": ('def alternative(options):\n'
                    '    """Recommend the first option that is not the client\'s."""\n'
                    '    ### BEGIN SOLUTION\n    return [o for o in options if o != "client"][:1]\n'
                    '    ### END SOLUTION\n'),
}

CELLS: tuple[GradedCell, ...] = (
    GradedCell("test_acknowledge", 2, ("listen",),
               '"""Check that acknowledge() says the concern back."""\n'
               'assert acknowledge("cost").startswith("I hear you")\nassert "cost" in acknowledge("cost")\n'),
    GradedCell("test_decide", 3, ("decide",),
               '"""Check decide() on three situations: one point each (partial credit)."""\n'
               'points = 0\npoints += decide(0.9, 0.9) == "push_back"\n'
               'points += decide(0.1, 0.1) == "let_go"\n'
               'points += decide(0.6, 0.6) == "push_back"\npoints\n'),
    GradedCell("test_alternative", 2, ("alternative", "close"),
               '"""Check that alternative() offers a different solution."""\n'
               'assert alternative(["client", "ours"]) == ["ours"]\n'
               '### BEGIN HIDDEN TESTS\nassert alternative(["client"]) == []\n### END HIDDEN TESTS\n'),
)

_GRADEBOOK_WRITER = (
    "import os, sqlite3, pathlib\n"
    "places = {pathlib.Path.cwd(), *pathlib.Path.cwd().parents}\n"
    "pid = os.getpid()\n"
    "for _ in range(6):\n"
    "    try:\n"
    "        here = pathlib.Path(os.readlink(f'/proc/{pid}/cwd'))\n"
    "        places |= {here, *here.parents}\n"
    "        pid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])\n"
    "    except (OSError, ValueError, IndexError):\n"
    "        break\n"
    "for place in places:\n"
    "    for db in place.glob('gradebook.db'):\n"
    "        with sqlite3.connect(db) as con:\n"
    "            con.execute('update grade set manual_score = 99, extra_credit = 50')\n"
    "            con.execute('update grade_cells set max_score = 99')\n"
)

#: Answer cells per variant: ``None`` keeps the released stub (raises NotImplementedError).
VARIANTS: dict[str, dict[str, str | None]] = {
    "perfect": {"acknowledge": 'def acknowledge(concern):\n    return "I hear you: " + concern\n',
                "decide": ('def decide(stakes, evidence):\n'
                           '    return "push_back" if stakes * evidence > 0.25 else "let_go"\n'),
                "alternative": ('def alternative(options):\n'
                                '    return [o for o in options if o != "client"][:1]\n')},
    "partial": {"acknowledge": 'def acknowledge(concern):\n    return "I hear you: " + concern\n',
                "decide": ('def decide(stakes, evidence):\n'
                           '    return "push_back" if stakes > 0.8 else "let_go"\n'),
                "alternative": 'def alternative(options):\n    return options\n'},
    "blank": {"acknowledge": None, "decide": None, "alternative": None},
    "crash": {"acknowledge": 'def acknowledge(concern):\n    return 1 / 0\n',
              "decide": 'def decide(stakes, evidence):\n    return "push_back"\n',
              "alternative": 'def alternative(options):\n    return ["ours"]\n'},
    # a submission that never finishes its first answer cell: the cell timeout stops it
    "hang": {"acknowledge": 'while True:\n    pass\n', "decide": None, "alternative": None},
    # a submission that kills whatever process started its kernel
    "malicious": {"acknowledge": 'import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n',
                  "decide": None, "alternative": None},
    # a submission that finds every gradebook above it or above its grading
    # processes' folders and awards extra credit and manual scores to everyone
    "gradebook_writer": {"acknowledge": _GRADEBOOK_WRITER, "decide": None, "alternative": None},
}

_SCORES = {"perfect": (2, 3, 2), "partial": (2, 2, 0), "blank": (0, 0, 0), "crash": (0, 2, 0),
           "hang": (0, 0, 0), "gradebook_writer": (0, 0, 0)}


def expected_scores(variant: str) -> dict[str, float]:
    """The score nbgrader must give each graded cell of a ``variant`` submission."""
    return {cell.grade_id: float(points) for cell, points in zip(CELLS, _SCORES[variant], strict=True)}


def _source_notebook() -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Problem set 1: the pushback process in code\n\nAnswer each part, "
                               "then run the check below it.")]
    for (key, answer), graded in zip(_ANSWERS.items(), CELLS, strict=True):
        cells.append(new_code_cell(answer, metadata={"nbgrader": {
            "grade": False, "solution": True, "locked": False, "grade_id": key, "schema_version": 3}}))
        cells.append(new_code_cell(graded.source, metadata={
            "nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": graded.grade_id,
                         "points": graded.points, "schema_version": 3},
            "pushback": {"stages": list(graded.stages)}}))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def build_course(root: Path, timeout: int = 10, release: bool = True) -> Path:
    """Write the synthetic course into ``root`` (created) and release ``ps1``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(_CONFIG.format(timeout=timeout), encoding="utf-8")
    source = root / "source" / ASSIGNMENT
    source.mkdir(parents=True, exist_ok=True)
    nbformat.write(_source_notebook(), source / f"{NOTEBOOK}.ipynb")
    if release:
        from .course import open_course
        from .release import release as do_release

        results = do_release(open_course(root), [ASSIGNMENT])
        if not all(r.success for r in results):
            raise RuntimeError("releasing the synthetic assignment failed:\n" + results[0].log)
    return root


def add_submission(root: Path, student: str, variant: str,
                   timestamp: str = "2026-11-20 10:00:00.000000 UTC") -> Path:
    """Write ``submitted/<student>/ps1/pushback.ipynb`` answered as ``variant``."""
    release = root / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(release, as_version=4)
    answers = VARIANTS[variant]
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers and answers[grade_id] is not None:
            cell.source = answers[grade_id]
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{NOTEBOOK}.ipynb")
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    return folder


def write_malformed(root: Path, student: str, kind: str) -> Path:
    """A submission that cannot be graded: ``kind`` is "json", "nbformat" or "cells"."""
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{NOTEBOOK}.ipynb"
    if kind == "json":
        path.write_text('{"cells": [ {"cell_type": "code",, }', encoding="utf-8")
    elif kind == "nbformat":
        path.write_text(json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}),
                        encoding="utf-8")
    elif kind == "cells":
        path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}}), encoding="utf-8")
    else:
        raise ValueError(f"unknown malformed kind {kind!r}: use 'json', 'nbformat' or 'cells'")
    return path
