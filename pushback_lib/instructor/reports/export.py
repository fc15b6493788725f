"""``pushback-course export``: the gradebook as CSV files a spreadsheet opens.

* ``grades.csv``: one row per student per question (graded cell), with its stages;
* ``assignments.csv``: one row per student per assignment (total and maximum);
* ``stages.csv``: one row per student per process stage (score, maximum, fraction);
* ``criteria.csv``: the same per rubric criterion.

``pushback-course export grades.csv`` names the per-question file and puts the
others beside it (``grades-assignments.csv``, ``grades-stages.csv``,
``grades-criteria.csv``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from ..course import Course
from .scores import CellScore, cell_scores, mastery, totals

__all__ = ["export", "write_csvs"]


def _fraction(score: float, maximum: float) -> str:
    return f"{score / maximum:.4f}" if maximum else ""


def write_csvs(scores: list[CellScore], out_dir: Path, prefix: str = "") -> list[Path]:
    """Write the four CSV files for ``scores`` into ``out_dir``; return their paths.

    With a ``prefix`` (``export grades.csv`` gives ``grades``) the per-question
    file is ``<prefix>.csv`` and the others ``<prefix>-assignments.csv`` and so on.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        if prefix:
            name = f"{prefix}.csv" if name == "grades.csv" else f"{prefix}-{name}"
        path = out_dir / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
        paths.append(path)

    write("grades.csv", ["student", "assignment", "notebook", "question", "score", "max_score", "stages",
                         "criteria"],
          [[c.student, c.assignment, c.notebook, c.cell, f"{c.score:g}", f"{c.max_score:g}",
            ";".join(c.stages), ";".join(c.criteria)] for c in scores])
    write("assignments.csv", ["student", "assignment", "score", "max_score", "fraction"],
          [[s, a, f"{sc:g}", f"{mx:g}", _fraction(sc, mx)]
           for a, students in totals(scores).items() for s, (sc, mx) in students.items()])
    for name, by, label in (("stages.csv", "stages", "stage"), ("criteria.csv", "criteria", "criterion")):
        write(name, ["student", label, "score", "max_score", "fraction"],
              [[s, tag, f"{sc:g}", f"{mx:g}", _fraction(sc, mx)]
               for tag, students in mastery(scores, by).items() for s, (sc, mx) in students.items()])
    return paths


def export(course: Course, out_dir: Path, warn: Callable[[str], None] | None = None,
           prefix: str = "") -> list[Path]:
    """Read the course gradebook and write the CSV files."""
    return write_csvs(cell_scores(course, warn), out_dir, prefix)
