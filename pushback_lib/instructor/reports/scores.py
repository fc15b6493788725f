"""Every graded cell's score, from nbgrader's gradebook, tagged with process stages.

The grading engineer tags each graded cell of a source notebook with the
process stages it exercises, in the cell metadata::

    "metadata": {"pushback": {"stages": ["build_case", "evidence"],
                              "criteria": ["Build the case on business reasons"]}}

``criteria`` is optional: by default a cell counts towards the rubric
criterion of each of its stages (the rubric has one criterion per stage).
A cell without its own tags takes the notebook's ``metadata.pushback.stages``;
a notebook without any counts as ``unmapped`` (and the export says so) rather
than failing: the per-question grades are still right.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...process import STAGE_KEYS, stage
from ..course import Course

__all__ = ["CellScore", "UNMAPPED", "cell_scores", "stage_tags", "mastery", "totals", "marked",
           "pending_by_submission", "pending_note"]

UNMAPPED = "unmapped"


@dataclass(frozen=True)
class CellScore:
    """One student's score on one graded cell (one question part)."""

    student: str
    assignment: str
    notebook: str
    cell: str
    """The cell's nbgrader ``grade_id``."""
    score: float
    """The manual score if a grader gave one, else the autograder's."""
    max_score: float
    stages: tuple[str, ...]
    criteria: tuple[str, ...]
    pending: bool = False
    """A person has still to mark it (nbgrader's ``needs_manual_grade``): its ``score`` of 0
    means "not marked yet", never "earned nothing", so no report may count it as a grade."""


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def stage_tags(notebook_path: Path, warn: Callable[[str], None] | None = None
               ) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """``grade_id -> (stages, criteria)`` for every graded cell of one source notebook."""
    try:
        nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    default = _as_list(nb.get("metadata", {}).get("pushback", {}).get("stages"))
    tags = {}
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        gid = meta.get("nbgrader", {}).get("grade_id")
        if not gid or not meta.get("nbgrader", {}).get("grade"):
            continue
        own = meta.get("pushback", {}) if isinstance(meta.get("pushback"), dict) else {}
        stages = _as_list(own.get("stages")) or default
        known = [s for s in stages if s in STAGE_KEYS]
        if warn is not None and len(known) < len(stages):
            bad = sorted(set(stages) - set(known))
            warn(f"{notebook_path}: cell {gid}: unknown stage key(s) {', '.join(bad)} "
                 f"(expected {', '.join(STAGE_KEYS)})")
        criteria = _as_list(own.get("criteria") or own.get("criterion")) or [stage(s).name for s in known]
        tags[gid] = (tuple(known) or (UNMAPPED,), tuple(criteria) or (UNMAPPED,))
    return tags


def cell_scores(course: Course, warn: Callable[[str], None] | None = None) -> list[CellScore]:
    """Every graded cell of every submission in the gradebook."""
    out: list[CellScore] = []
    tag_cache: dict[tuple[str, str], dict] = {}
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                for nb in sub.notebooks:
                    key = (assignment.name, nb.name)
                    if key not in tag_cache:
                        tag_cache[key] = stage_tags(course.source_dir / assignment.name / f"{nb.name}.ipynb",
                                                    warn)
                    for grade in nb.grades:
                        stages, criteria = tag_cache[key].get(grade.name, ((UNMAPPED,), (UNMAPPED,)))
                        out.append(CellScore(sub.student.id, assignment.name, nb.name, grade.name,
                                             float(grade.score or 0.0), float(grade.max_score),
                                             stages, criteria, bool(grade.needs_manual_grade)))
    if warn is not None and any(UNMAPPED in c.stages for c in out):
        cells = sorted({f"{c.assignment}/{c.notebook}:{c.cell}" for c in out if UNMAPPED in c.stages})
        warn(f"{len(cells)} graded cell(s) carry no metadata.pushback.stages, reported as '{UNMAPPED}': "
             + ", ".join(cells[:8]) + (" ..." if len(cells) > 8 else ""))
    return sorted(out, key=lambda c: (c.student, c.assignment, c.notebook, c.cell))


def mastery(scores: list[CellScore], by: str = "stages") -> dict[str, dict[str, tuple[float, float]]]:
    """``tag -> student -> (score, max)`` where tag is a stage key (``by="stages"``) or a criterion.

    A cell tagged with several stages counts fully towards each of them.
    """
    table: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for c in scores:
        for tag in getattr(c, by):
            cell = table[tag][c.student]
            cell[0] += c.score
            cell[1] += c.max_score
    order = {k: i for i, k in enumerate(STAGE_KEYS)}
    order.update({stage(k).name: i for i, k in enumerate(STAGE_KEYS)})
    return {tag: {s: (v[0], v[1]) for s, v in sorted(students.items())}
            for tag, students in sorted(table.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))}


def totals(scores: list[CellScore]) -> dict[str, dict[str, tuple[float, float]]]:
    """``assignment -> student -> (score, max)``."""
    table: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for c in scores:
        cell = table[c.assignment][c.student]
        cell[0] += c.score
        cell[1] += c.max_score
    return {a: {s: (v[0], v[1]) for s, v in sorted(st.items())} for a, st in sorted(table.items())}


def marked(scores: list[CellScore]) -> list[CellScore]:
    """The cells a grade exists for: the unmarked ones left out, so they pull no average down."""
    return [c for c in scores if not c.pending]


def pending_by_submission(scores: list[CellScore]) -> dict[tuple[str, str], list[str]]:
    """``(student, assignment) -> the questions still to mark`` (only submissions with some)."""
    out: dict[tuple[str, str], list[str]] = {}
    for c in scores:
        if c.pending:
            out.setdefault((c.student, c.assignment), []).append(c.cell)
    return dict(sorted(out.items()))


def pending_note(scores: list[CellScore], what: str) -> str | None:
    """A warning naming the unmarked answers and what ``what`` does with them; None if all are marked."""
    pending = pending_by_submission(scores)
    if not pending:
        return None
    cells = sum(len(v) for v in pending.values())
    listed = [f"{s}/{a} ({', '.join(q)})" for (s, a), q in pending.items()]
    return (f"{cells} answer(s) in {len(pending)} submission(s) are not marked yet: "
            + ", ".join(listed[:8]) + (" ..." if len(listed) > 8 else "")
            + f"; {what}. Mark them in formgrader (`nbgrader formgrader`) first.")
