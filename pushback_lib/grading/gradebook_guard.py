"""Undo whatever a learner's kernel wrote to the gradebook while it ran.

The kernel runs as the grading user, so it can open ``gradebook.db`` and set
its own ``manual_score`` or ``extra_credit`` (which nbgrader's
``SaveAutoGrades`` never overwrites), raise a cell's points, or rewrite the
stored source of a test cell. Autograde itself never writes those
instructor-owned columns, so they can be snapshotted before a kernel starts
and put back after it stops, even while other autograde processes write
their own students' auto scores to the same file.

A process the kernel leaves running after it is killed could still write
later: run autograde as a user who cannot write the course files (see
``docs/grading.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Snapshot", "take", "restore"]


@dataclass
class Snapshot:
    """The instructor-owned columns of a gradebook at one moment, by row id."""

    grades: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    comments: dict[str, Any] = field(default_factory=dict)
    grade_cells: dict[str, Any] = field(default_factory=dict)
    task_cells: dict[str, Any] = field(default_factory=dict)
    source_cells: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)
    submissions: dict[str, Any] = field(default_factory=dict)


def _session(db_url: str) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    return Session(create_engine(db_url))


def take(db_url: str) -> Snapshot:
    """Read the instructor-owned columns (no alembic, no schema check: a plain read)."""
    from nbgrader.api import Comment, Grade, GradeCell, SourceCell, SubmittedAssignment, TaskCell
    with _session(db_url) as s:
        return Snapshot(
            grades={g.id: (g.manual_score, g.extra_credit) for g in s.query(Grade)},
            comments={c.id: c.manual_comment for c in s.query(Comment)},
            grade_cells={c.id: c.max_score for c in s.query(GradeCell)},
            task_cells={c.id: c.max_score for c in s.query(TaskCell)},
            source_cells={c.id: (c.source, c.checksum, c.locked) for c in s.query(SourceCell)},
            submissions={a.id: a.timestamp for a in s.query(SubmittedAssignment)},
        )


def restore(db_url: str, snap: Snapshot, timestamps: bool = True) -> list[str]:
    """Put every instructor-owned value back; neutralise grades that appeared since.

    ``timestamps=False`` leaves submission timestamps alone: a whole grading run
    (``pushback-course autograde``) legitimately updates them when it records a
    resubmission, while a single kernel never should.

    Returns a description of each change undone (empty when nothing was touched).
    """
    from nbgrader.api import Comment, Grade, GradeCell, SourceCell, SubmittedAssignment, TaskCell
    undone: list[str] = []
    with _session(db_url) as s:
        for g in s.query(Grade):
            want = snap.grades.get(g.id, (None, None))
            if (g.manual_score, g.extra_credit) != want:
                undone.append(f"grade {g.id}: manual/extra {g.manual_score}/{g.extra_credit}")
                g.manual_score, g.extra_credit = want
        for c in s.query(Comment):
            comment = snap.comments.get(c.id)
            if c.manual_comment != comment:
                undone.append(f"comment {c.id}")
                c.manual_comment = comment
        for table, saved in ((GradeCell, snap.grade_cells), (TaskCell, snap.task_cells)):
            for cell in s.query(table):
                if cell.id not in saved:
                    continue  # a new cell carries no score: the grades on it are neutralised above
                want = saved[cell.id]
                if cell.max_score != want:
                    undone.append(f"{table.__tablename__} {cell.id}: max_score {cell.max_score}")
                    cell.max_score = want
        for src in s.query(SourceCell):
            if src.id in snap.source_cells and \
                    (src.source, src.checksum, src.locked) != snap.source_cells[src.id]:
                undone.append(f"source cell {src.id}")
                src.source, src.checksum, src.locked = snap.source_cells[src.id]
        for sub in s.query(SubmittedAssignment) if timestamps else ():
            if sub.id in snap.submissions and sub.timestamp != snap.submissions[sub.id]:
                undone.append(f"submission {sub.id}: timestamp")
                sub.timestamp = snap.submissions[sub.id]
        if undone:
            s.commit()
    return undone
