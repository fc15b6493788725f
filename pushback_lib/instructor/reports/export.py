"""``pushback-course export``: the gradebook as CSV files a spreadsheet opens.

* ``grades.csv``: one row per student per question (graded cell), with its stages;
* ``assignments.csv``: one row per student per assignment (total and maximum);
* ``stages.csv``: one row per student per process stage (score, maximum, fraction);
* ``criteria.csv``: the same per rubric criterion.

An answer a person has not marked yet is never written as a 0: its ``score``
is empty and ``pending`` says so (``grades.csv``); an assignment with such an
answer has an empty total and the number still to mark; stage and criterion
fractions count only the marked answers, with how many are pending beside them.

``pushback-course export grades.csv`` names the per-question file and puts the
others beside it (``grades-assignments.csv``, ``grades-stages.csv``,
``grades-criteria.csv``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from ..course import Course
from .scores import CellScore, cell_scores, marked, mastery, pending_by_submission, pending_note, totals

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
                         "criteria", "pending"],
          [[c.student, c.assignment, c.notebook, c.cell, "" if c.pending else f"{c.score:g}",
            f"{c.max_score:g}", ";".join(c.stages), ";".join(c.criteria), "yes" if c.pending else ""]
           for c in scores])
    pending = pending_by_submission(scores)
    rows: list[list[object]] = []
    for a, students in totals(scores).items():
        for s, (sc, mx) in students.items():
            todo = len(pending.get((s, a), ()))
            rows.append([s, a, "" if todo else f"{sc:g}", f"{mx:g}", "" if todo else _fraction(sc, mx),
                         todo or ""])
    write("assignments.csv", ["student", "assignment", "score", "max_score", "fraction", "pending"], rows)
    done = marked(scores)
    for name, by, label in (("stages.csv", "stages", "stage"), ("criteria.csv", "criteria", "criterion")):
        waiting: dict[tuple[str, str], int] = {}
        for c in scores:
            for tag in getattr(c, by) if c.pending else ():
                waiting[(c.student, tag)] = waiting.get((c.student, tag), 0) + 1
        table = mastery(done, by)
        lines: list[list[object]] = [
            [s, tag, f"{sc:g}", f"{mx:g}", _fraction(sc, mx), waiting.get((s, tag)) or ""]
            for tag, students in table.items() for s, (sc, mx) in students.items()]
        # a stage with nothing marked yet still gets its row, so the pending answers are not lost
        lines += [[s, tag, "", "", "", n] for (s, tag), n in sorted(waiting.items())
                  if s not in table.get(tag, {})]
        write(name, ["student", label, "score", "max_score", "fraction", "pending"], lines)
    return paths


def export(course: Course, out_dir: Path, warn: Callable[[str], None] | None = None,
           prefix: str = "") -> list[Path]:
    """Read the course gradebook and write the CSV files (a warning names any unmarked answer)."""
    scores = cell_scores(course, warn)
    note = pending_note(scores, "they are written with an empty score and pending=yes, not as 0")
    if note and warn is not None:
        warn(note)
    return write_csvs(scores, out_dir, prefix)
