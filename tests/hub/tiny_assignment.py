"""A two-question nbgrader source assignment, for when solutions/ has none.

It asks for the first and the last stage of the structured pushback process
(1 point each). Written with nbformat so the hub test needs no file from
another area; ``PUSHBACK_HUB_ASSIGNMENT=tiny`` forces it for a faster run.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ASSIGNMENT = "a0-hub-check"
NOTEBOOK = "stages.ipynb"


def _meta(cell, grade_id: str, **flags) -> None:
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "schema_version": 3, "locked": False,
                                 "solution": False, "grade": False, "task": False, **flags}


def _question(n: int, prompt: str, name: str, answer: str):
    md = new_markdown_cell(f"## Part {'AB'[n - 1]} (1 point)\n\n{prompt} Set `{name}` to its key.")
    _meta(md, f"q{n}-prompt", locked=True)
    code = new_code_cell(f'### BEGIN SOLUTION\n{name} = "{answer}"\n### END SOLUTION')
    _meta(code, f"q{n}-answer", solution=True)
    test = new_code_cell(f'"""Check `{name}` is the right stage key."""\nassert {name} == "{answer}"')
    _meta(test, f"q{n}", grade=True, locked=True, points=1)
    return [md, code, test]


def write(source_dir: Path) -> Path:
    """Write ``<source_dir>/a0-hub-check/stages.ipynb``; return the assignment folder."""
    folder = source_dir / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    cells = [*_question(1, "Which stage opens the structured pushback process?", "first_stage", "listen"),
             *_question(2, "Which stage closes it, win-win or letting go?", "last_stage", "close")]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / NOTEBOOK)
    return folder
