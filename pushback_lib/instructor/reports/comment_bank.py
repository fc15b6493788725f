"""``pushback-course comments``: a first draft of the comment on every manually graded answer.

Manual grading of free text should not start from an empty box. For each
manually graded answer in the gradebook this reads the learner's text from
``autograded/``, runs the draft analyzer on it and writes a draft comment:
what it found (with the words it found it in), what it did not find, the
tone flags, and, plainly, where it is *not sure* so the grader reads that part
with their own eyes. Each point missing is followed by the reusable comment of
its rubric item from the course's comment bank.

What is analysed is what the rubric marks. A manually graded cell whose prompt
names a variable in backticks that an answer cell of the notebook assigns a
string to ("marks the email you wrote in Part F (`q6_draft`)") is a *review*:
the draft analyses that string, the pushback draft, against every component a
pushback is marked on. Any other manually graded cell is a *reflection*: its
draft lists the rubric lines of its own prompt to check, and only findings of
the analyzer that belong to the cell's own stages (``metadata.pushback.stages``)
and the tone flags; a reflection is not a pushback, so no component is "not
found" in it.

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

import ast
import csv
import json
import re
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
    """What the rubric marks: the reviewed draft's text for a review, else the cell's own text."""
    manual_comment: str | None
    auto_comment: str | None
    marks: str = ""
    """For a review: the variable whose text is marked (``q6_draft``); empty for a reflection."""
    rubric: tuple[str, ...] = ()
    """The rubric lines of the cell's prompt (``*Rubric (2 points):* 1 point for ...; 1 point ...``)."""
    stages: tuple[str, ...] = ()
    """The cell's own process stages (``metadata.pushback.stages``)."""

    @property
    def blank(self) -> bool:
        """Unanswered: nbgrader said "No response.", or only the release stub is left."""
        stripped = self.text.replace(_STUB, "").strip()
        if self.marks:  # a review marks the draft itself, even when this cell was left empty
            return not stripped
        return self.auto_comment == "No response." or not stripped


@dataclass(frozen=True)
class _Cell:
    source: str
    prompt: str
    """The cell just above: the question the answer responds to."""
    stages: tuple[str, ...]


def _notebook_cells(notebook: Path) -> tuple[dict[str, _Cell], list[str]]:
    """``grade_id -> cell`` and every code cell's source, in order."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, []
    out: dict[str, _Cell] = {}
    code: list[str] = []
    previous = ""
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        meta = cell.get("metadata", {})
        if cell.get("cell_type") == "code":
            code.append(src)
        gid = meta.get("nbgrader", {}).get("grade_id")
        if gid:
            own = meta.get("pushback", {}) if isinstance(meta.get("pushback"), dict) else {}
            stages = own.get("stages", [])
            out[gid] = _Cell(src, previous, tuple(s for s in stages if isinstance(s, str))
                             if isinstance(stages, list) else ())
        previous = src
    return out, code


def _assigned_string(code: list[str], name: str) -> str | None:
    """The string literal a code cell assigns to ``name`` (the last one), or None."""
    found = None
    for src in code:
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                    and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)):
                found = node.value.value
    return found


def _rubric_lines(prompt: str) -> tuple[str, ...]:
    m = re.search(r"\*Rubric[^*]*\*\s*(.+)", prompt, flags=re.S)
    if not m:
        return ()
    text = " ".join(m.group(1).split())
    return tuple(part.strip().rstrip(".") for part in re.split(r";\s*(?=\d+ points? )", text) if part.strip())


def _reviewed(cell: _Cell, code: list[str]) -> tuple[str, str] | None:
    """(variable, its text) when the cell's prompt says the rubric marks a draft written elsewhere."""
    for name in re.findall(r"`([A-Za-z_]\w*)`", cell.prompt):
        text = _assigned_string(code, name)
        if text is not None:
            return name, text
    return None


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
                    cells, code = _notebook_cells(path)
                    if not cells:
                        if warn is not None:
                            warn(f"{path}: no graded copy to read; skipped {sub.student.id}'s "
                                 f"{assignment.name}/{nb.name}")
                        continue
                    for name in graded_answers:
                        c = comments[name]
                        cell = cells.get(name, _Cell("", "", ()))
                        reviewed = _reviewed(cell, code)
                        marks, text = reviewed if reviewed else ("", cell.source)
                        found.append(ManualAnswer(sub.student.id, assignment.name, nb.name, name, text,
                                                  c.manual_comment, c.auto_comment, marks,
                                                  _rubric_lines(cell.prompt), cell.stages))
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


def draft_comment(text: str, bank: dict[str, dict[str, str]], *, marks: str = "",
                  rubric: tuple[str, ...] = (), stages: tuple[str, ...] | None = None) -> str:
    """The draft comment on one answer, from the analyzer's findings and the bank.

    ``stages`` given (a reflection): only components of those stages are reported, none
    as "not found", and the ``rubric`` lines are listed for the grader to judge.
    """
    from ...analyzer import COMPONENTS, FLAGS, LABEL_STAGE, analyze
    from ...errors import PushbackError

    lines = [DRAFT_MARK]
    if marks:
        lines.append(f"Read from {marks}, the draft this rubric marks.")
    if rubric:
        lines.append("Rubric to judge yourself: " + "; ".join(rubric) + ".")
    for key in stages or ():  # a reflection: the bank's words for its own rubric items, to pick from
        if key in bank:
            lines.append(f"Comment bank, {bank[key]['item']}: met: {bank[key]['met']} "
                         f"Not yet: {bank[key]['missing']}")
    components = COMPONENTS if stages is None else tuple(c for c in COMPONENTS if LABEL_STAGE[c] in stages)
    expected = EXPECTED if stages is None else ()
    try:
        a = analyze(text)
    except PushbackError as exc:
        return "\n".join([*lines, f"Not sure: the analyzer could not read this answer ({exc}); "
                                   "read it yourself."])
    found = []
    for label in components:
        if label in a.components and label not in a.unsure:
            quotes = [f.quote for f in a.findings_for(label)][:2]
            found.append(f"{label.replace('_', ' ')}" + (f" ({', '.join(_quote(q) for q in quotes)})"
                                                         if quotes else ""))
    if found:
        lines.append("Found: " + "; ".join(found) + ".")
    for label in expected:
        if label not in a.components and label not in a.unsure:
            lines.append(f"Not found: {label.replace('_', ' ')}. {bank[LABEL_STAGE[label]]['missing']}")
    for label in FLAGS:
        if label in a.flags and label not in a.unsure:
            quotes = [f.quote for f in a.findings_for(label)][:2]
            lines.append(f"Tone: reads as {label.replace('_', ' ')}"
                         + (f" ({', '.join(_quote(q) for q in quotes)})" if quotes else "")
                         + f". {bank[LABEL_STAGE[label]]['missing']}")
    unsure = [label for label in (*components, *FLAGS) if label in a.unsure]
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
    return [Draft(a, draft_comment(a.text, bank, marks=a.marks, rubric=a.rubric,
                                   stages=None if a.marks else a.stages))
            for a in answers if not a.blank]


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
