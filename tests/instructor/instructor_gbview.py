"""Read a gradebook into plain dicts so two gradebooks can be compared with ``==``."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def grades(db: Path) -> dict[tuple[str, str, str], tuple]:
    """``(student, notebook, cell) -> (auto_score, manual_score, needs_manual_grade, late penalty)``
    for every grade row."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT sa.student_id, nb.name, gc.name, g.auto_score, g.manual_score, g.needs_manual_grade, "
        "sn.late_submission_penalty "
        "FROM grade g JOIN submitted_notebook sn ON g.notebook_id = sn.id "
        "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
        "JOIN notebook nb ON sn.notebook_id = nb.id JOIN base_cell gc ON g.cell_id = gc.id").fetchall()
    con.close()
    out: dict[tuple[str, str, str], tuple] = {}
    for student, notebook, cell, auto, manual, needs, late in rows:
        key = (student, notebook, cell)
        assert key not in out, f"grade of {key} stored twice"
        out[key] = (auto, manual, bool(needs), late)
    return out


def counts(db: Path) -> dict[str, int]:
    """Rows per table that grading writes: a doubled grade shows up here."""
    con = sqlite3.connect(db)
    out = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
           for t in ("student", "submitted_assignment", "submitted_notebook", "grade", "comment")}
    con.close()
    return out


def submissions(db: Path) -> dict[str, str]:
    """``student -> submission timestamp`` for every submitted assignment."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT student_id, timestamp FROM submitted_assignment").fetchall()
    con.close()
    return dict(rows)
