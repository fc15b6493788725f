"""A one-question nbgrader source assignment, for when solutions/ has none yet.

It asks for the first stage of the structured pushback process; the hidden
test gives 1 point for ``"listen"``. Written with nbformat so the test needs
no file from another area.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ASSIGNMENT = "a0-hub-check"
NOTEBOOK = "first-stage.ipynb"
RIGHT = 'first_stage = "listen"'
WRONG = 'first_stage = "deliver"'
POINTS = 1.0


def _grade_id(cell, grade_id: str, **flags) -> None:
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "schema_version": 3, "locked": False,
                                 "solution": False, "grade": False, "task": False, **flags}


def write(source_dir: Path) -> Path:
    """Write ``<source_dir>/a0-hub-check/first-stage.ipynb``; return the assignment folder."""
    folder = source_dir / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    intro = new_markdown_cell("Which stage opens the structured pushback process? "
                              "Set `first_stage` to its key.")
    _grade_id(intro, "intro", locked=True)
    answer = new_code_cell(f"### BEGIN SOLUTION\n{RIGHT}\n### END SOLUTION")
    _grade_id(answer, "answer", solution=True)
    test = new_code_cell('"""The first stage is listening."""\nassert first_stage == "listen"')
    _grade_id(test, "test_first_stage", grade=True, locked=True, points=POINTS)
    nb = new_notebook(cells=[intro, answer, test])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / NOTEBOOK)
    return folder
