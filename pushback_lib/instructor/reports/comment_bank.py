"""``pushback-course comments``: a first draft of the comment on every manually graded answer.

Manual grading of free text should not start from an empty box. For each
manually graded answer in the gradebook this reads the learner's text from
``autograded/``, runs the draft analyzer on it and writes a draft comment:
what it found (with the words it found it in), what it did not find, the
tone flags, and, plainly, where it is *not sure* so the grader reads that part
with their own eyes. Each point missing is followed by the reusable comment of
its rubric item from the course's comment bank.

Two files and one optional write:

* ``comment-bank.yaml`` (course root): reusable comments per rubric item (one
  per process stage, as the rubric has), for the instructor to edit. Written
  once with a starting text per item; afterwards only items it lacks are
  added, so the instructor's wording is never replaced.
* ``reports/comments/drafts.csv``: one row per answer (student, assignment,
  cell, the draft, and the comment already in the gradebook) to review.
* ``--into-gradebook``: each draft becomes the cell's ``auto_comment`` in
  nbgrader's gradebook, which formgrader shows in the comment box as the
  starting text; editing it there saves the instructor's own
  ``manual_comment``. A cell that already has a comment from the instructor,
  or an automatic comment that is not one of these drafts, is left as it is.
  ``--clear`` takes the untouched drafts out again (a draft that is not edited
  would reach the learner's feedback).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...process import STAGES
from ..course import Course, InstructorError

__all__ = ["ManualAnswer", "DRAFT_MARK", "manual_answers", "draft_comment", "load_bank",
           "write_bank", "write_drafts", "apply_to_gradebook", "clear_drafts"]

DRAFT_MARK = "[Draft from the draft analyzer: check and edit before releasing feedback]"
"""First line of every drafted comment: how a draft is told from a comment a person wrote."""
_STUB = "YOUR ANSWER HERE"
EXPECTED = ("acknowledge", "business_reason", "evidence", "alternative")
"""The components every pushback draft is marked on; a draft lacking one says so. Bringing
someone in and letting go are choices that depend on the situation, so their absence is not
reported (their presence is)."""


@dataclass(frozen=True)
class ManualAnswer:
    """One learner's answer to one manually graded cell, and its comment now."""

    student: str
    assignment: str
    notebook: str
    cell: str
    text: str
    manual_comment: str | None
    auto_comment: str | None

    @property
    def blank(self) -> bool:
        """Unanswered: nbgrader said "No response.", or only the release stub is left."""
        stripped = self.text.replace(_STUB, "").strip()
        return self.auto_comment == "No response." or not stripped


def _cell_sources(notebook: Path) -> dict[str, str]:
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for cell in nb.get("cells", []):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid:
            src = cell.get("source", "")
            out[gid] = "".join(src) if isinstance(src, list) else str(src)
    return out


def manual_answers(course: Course, assignments: Iterable[str] | None = None,
                   warn: Callable[[str], None] | None = None) -> list[ManualAnswer]:
    """Every manually graded answer in the gradebook (a cell that is both graded and an answer).

    The text is read from the graded copy in ``autograded/``; a submission whose
    graded copy is missing is reported through ``warn`` and skipped (run
    ``pushback-course autograde`` first).
    """
    wanted = set(assignments) if assignments else None
    found: list[ManualAnswer] = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            if wanted is not None and assignment.name not in wanted:
                continue
            for sub in assignment.submissions:
                for nb in sub.notebooks:
                    comments = {c.name: c for c in nb.comments}
                    graded_answers = [g.name for g in nb.grades if g.name in comments]
                    if not graded_answers:
                        continue
                    path = course.autograded_dir / sub.student.id / assignment.name / f"{nb.name}.ipynb"
                    sources = _cell_sources(path)
                    if not sources:
                        if warn is not None:
                            warn(f"{path}: no graded copy to read; skipped {sub.student.id}'s "
                                 f"{assignment.name}/{nb.name}")
                        continue
                    for name in graded_answers:
                        c = comments[name]
                        found.append(ManualAnswer(sub.student.id, assignment.name, nb.name, name,
                                                  sources.get(name, ""), c.manual_comment, c.auto_comment))
    if wanted is not None:
        unknown = sorted(wanted - {a.assignment for a in found})
        if unknown and warn is not None:
            warn(f"no manually graded answer found for {', '.join(unknown)}")
    return sorted(found, key=lambda a: (a.assignment, a.notebook, a.cell, a.student))


# ---------------------------------------------------------------- the bank

def default_bank() -> dict[str, dict[str, str]]:
    """A starting comment per rubric item (process stage): one for met, one for not yet."""
    return {s.key: {"item": s.name,
                    "met": f"{s.name}: this is here, and it works.",
                    "missing": f"{s.name}: not there yet. What good looks like: {s.good_looks_like}"}
            for s in STAGES}


def load_bank(path: Path) -> dict[str, dict[str, str]]:
    """Read the comment bank (missing items filled from the defaults); errors name file and item."""
    bank = default_bank()
    if not path.exists():
        return bank
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InstructorError(f"{path}: not valid YAML ({exc})") from exc
    extra = sorted(map(str, set(data) - {"items"})) if isinstance(data, dict) else []
    if extra:
        raise InstructorError(f"{path}: unknown top-level key(s) {', '.join(extra)} "
                              "(the bank has one: items)")
    items = data.get("items", {}) if isinstance(data, dict) else None
    if not isinstance(items, dict):
        raise InstructorError(f"{path}: expected a mapping 'items:' of rubric items")
    for key, entry in items.items():
        if key not in bank:
            raise InstructorError(f"{path}: items.{key}: not a rubric item; the items are "
                                  f"{', '.join(bank)}")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(f, ""), str)
                                                  for f in ("met", "missing")):
            raise InstructorError(f"{path}: items.{key}: give 'met' and 'missing' as text")
        unknown = sorted(set(entry) - {"item", "met", "missing"})
        if unknown:
            raise InstructorError(f"{path}: items.{key}: unknown field(s) {', '.join(unknown)} "
                                  "(allowed: item, met, missing)")
        bank[key] = {**bank[key], **{k: str(v) for k, v in entry.items()}}
    return bank


def write_bank(path: Path) -> tuple[Path, list[str]]:
    """Create the bank, or add the items it lacks; never rewrite what is there. Returns the items added."""
    existing: dict[str, Any] = {}
    if path.exists():
        load_bank(path)  # validates
        existing = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items", {})
    added = [k for k in default_bank() if k not in existing]
    if not added:
        return path, []
    defaults = default_bank()
    if not path.exists():
        header = ("# Reusable comments per rubric item (one per process stage). Edit the wording freely:\n"
                  "# `pushback-course comments` puts 'missing' after each point a draft lacks, and never\n"
                  "# rewrites this file (it only adds items that are not here yet).\n")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + yaml.safe_dump({"items": {k: defaults[k] for k in added}},
                                                sort_keys=False, allow_unicode=True, width=100),
                        encoding="utf-8")
    else:
        block = yaml.safe_dump({k: defaults[k] for k in added}, sort_keys=False, allow_unicode=True,
                               width=100)
        text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
        grown = text + "".join(f"  {line}\n" for line in block.splitlines())
        try:  # appended under `items:`, which is the file's only key; check before writing
            ok = set(added) <= set((yaml.safe_load(grown) or {}).get("items") or {})
        except yaml.YAMLError:
            ok = False
        if not ok:
            raise InstructorError(f"{path}: lacks the item(s) {', '.join(added)} and they cannot be "
                                  "appended to it as it is written; add them under 'items:' by hand")
        path.write_text(grown, encoding="utf-8")
    return path, added


# ---------------------------------------------------------------- drafting

def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text[:limit - 3]}..."' if len(text) > limit else f'"{text}"'


def draft_comment(text: str, bank: dict[str, dict[str, str]]) -> str:
    """The draft comment on one answer, from the analyzer's findings and the bank."""
    from ...analyzer import COMPONENTS, FLAGS, LABEL_STAGE, analyze
    from ...errors import PushbackError

    lines = [DRAFT_MARK]
    try:
        a = analyze(text)
    except PushbackError as exc:
        return "\n".join([*lines, f"Not sure: the analyzer could not read this answer ({exc}); "
                                   "read it yourself."])
    found = []
    for label in COMPONENTS:
        if label in a.components and label not in a.unsure:
            quotes = [f.quote for f in a.findings_for(label)][:2]
            found.append(f"{label.replace('_', ' ')}" + (f" ({', '.join(_quote(q) for q in quotes)})"
                                                         if quotes else ""))
    if found:
        lines.append("Found: " + "; ".join(found) + ".")
    for label in EXPECTED:
        if label not in a.components and label not in a.unsure:
            lines.append(f"Not found: {label.replace('_', ' ')}. {bank[LABEL_STAGE[label]]['missing']}")
    for label in FLAGS:
        if label in a.flags and label not in a.unsure:
            quotes = [f.quote for f in a.findings_for(label)][:2]
            lines.append(f"Tone: reads as {label.replace('_', ' ')}"
                         + (f" ({', '.join(_quote(q) for q in quotes)})" if quotes else "")
                         + f". {bank[LABEL_STAGE[label]]['missing']}")
    unsure = [label for label in (*COMPONENTS, *FLAGS) if label in a.unsure]
    if unsure:
        lines.append("Not sure: " + ", ".join(u.replace("_", " ") for u in unsure)
                     + ": the analyzer cannot tell here; read this part yourself.")
    return "\n".join(lines)


@dataclass(frozen=True)
class Draft:
    answer: ManualAnswer
    comment: str


def drafts(answers: list[ManualAnswer], bank: dict[str, dict[str, str]]) -> list[Draft]:
    """A draft for every answered cell (blank answers get none: nbgrader says "No response.")."""
    return [Draft(a, draft_comment(a.text, bank)) for a in answers if not a.blank]


def write_drafts(found: list[Draft], out: Path) -> Path:
    """``drafts.csv``: one row per answer, with the comment already in the gradebook beside the draft."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "assignment", "notebook", "cell", "draft", "instructor_comment"])
        for d in found:
            a = d.answer
            w.writerow([a.student, a.assignment, a.notebook, a.cell, d.comment, a.manual_comment or ""])
    return out


def _ours(comment: str | None) -> bool:
    return comment is None or comment.startswith(DRAFT_MARK)


def _comment(gb: Any, a: ManualAnswer) -> Any:
    return gb.find_comment(a.cell, a.notebook, a.assignment, a.student)


def apply_to_gradebook(course: Course, found: list[Draft]) -> tuple[int, int]:
    """Put each draft in its cell's ``auto_comment``; return (written, left alone).

    Left alone: a cell whose ``manual_comment`` holds anything (the instructor
    wrote it) or whose ``auto_comment`` is not a draft of ours.
    """
    from ..autograde.run_lock import course_lock

    written = kept = 0
    lock = course_lock(course)
    try:
        with course.gradebook() as gb:
            for d in found:
                comment = _comment(gb, d.answer)
                if (comment.manual_comment or "").strip() or not _ours(comment.auto_comment):
                    kept += 1
                    continue
                comment.auto_comment = d.comment
                written += 1
            gb.db.commit()
    finally:
        lock.close()
    return written, kept


def clear_drafts(course: Course, answers: list[ManualAnswer]) -> int:
    """Remove the drafts still in the gradebook (an instructor's own comments stay); return how many."""
    from ..autograde.run_lock import course_lock

    cleared = 0
    lock = course_lock(course)
    try:
        with course.gradebook() as gb:
            for a in answers:
                comment = _comment(gb, a)
                if comment.auto_comment and comment.auto_comment.startswith(DRAFT_MARK):
                    comment.auto_comment = None
                    cleared += 1
            gb.db.commit()
    finally:
        lock.close()
    return cleared
