"""``pushback-course export --format canvas|moodle``: grades in the file a learning platform imports.

An instructor whose grades of record live in Canvas or Moodle should upload
one file, not reshape a spreadsheet by hand. Both platforms know their
learners by their own identifiers, which nbgrader does not; so both formats
take a *roster*: a CSV the platform itself exported (Canvas: the gradebook
export; Moodle: a participants or grades export), with one column holding the
nbgrader student id (``--roster-key``).

* **Canvas** (gradebook import): the columns ``Student, ID, SIS User ID,
  SIS Login ID, Section``, then one column per assignment named
  ``<Canvas name> (<Canvas assignment id>)``, and a ``Points Possible`` row
  as Canvas writes in its own export. Assignment columns are found in the
  roster's header by name (an exported gradebook has them), or given with
  ``--assignment NBGRADER_NAME='Canvas name (12345)'``.
* **Moodle** (grade import from CSV): one identifier column (``email``,
  ``idnumber`` or ``username``, matched in "Identify user by"), one column per
  grade item (the assignment) and, per assignment, a feedback column with the
  per-question points (Moodle maps it to the item's feedback).

Nothing is silently dropped: a graded student missing from the roster, a
roster row without the identifier, or an assignment Canvas has no column for
is an error that lists every one of them. Roster learners without a grade get
an empty cell (Canvas and Moodle leave the grade as it is), and so does an
assignment with an answer nobody has marked yet: uploading its partial total
would give the learner a grade the marker never gave.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..course import InstructorError
from .scores import CellScore, pending_by_submission, totals

__all__ = ["Roster", "read_roster", "write_canvas", "write_moodle", "CANVAS_FIXED", "MOODLE_IDS"]

CANVAS_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
"""The identity columns of a Canvas gradebook CSV, in Canvas's order."""
MOODLE_IDS = ("email", "idnumber", "username")
"""The user fields Moodle's CSV grade import can match a row on."""
_CANVAS_COLUMN = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")


@dataclass(frozen=True)
class Roster:
    """The platform's learners, each row keyed by the nbgrader student id."""

    path: Path
    header: tuple[str, ...]
    rows: dict[str, dict[str, str]]
    """nbgrader student id -> the roster row (column -> value)."""


_MOODLE_HEADERS = {"email": ("email address", "e-mail", "email"), "idnumber": ("id number", "idnumber"),
                   "username": ("username", "user name")}
"""Moodle's own exports name its user fields for people ("Email address", "ID number")."""


def find_column(header: Sequence[str], name: str) -> str | None:
    """The roster column ``name`` means: exactly, then ignoring case, then Moodle's display header."""
    if name in header:
        return name
    folded = {h.casefold(): h for h in header}
    for alias in (name.casefold(), *_MOODLE_HEADERS.get(name.casefold(), ())):
        if alias in folded:
            return folded[alias]
    for field, aliases in _MOODLE_HEADERS.items():  # "Email address" asked, "email" present
        if name.casefold() in aliases and field in folded:
            return folded[field]
    return None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma, semicolon or tab: spreadsheets in many locales save a "CSV" with semicolons."""
    first = text.splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_roster(path: Path, key: str) -> Roster:
    """Read a platform roster CSV; ``key`` is the column holding nbgrader's student ids.

    Canvas's own export has a ``Points Possible`` row (and sometimes a
    ``Test Student``): rows with an empty key are skipped, as they name nobody.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InstructorError(f"roster {path}: cannot read it ({exc.strerror})") from exc
    reader = csv.DictReader(text.splitlines(), dialect=_dialect(text))
    header = tuple(h.strip() for h in (reader.fieldnames or ()))
    column = find_column(header, key)
    if column is None:
        raise InstructorError(f"roster {path}: no column {key!r} to match nbgrader student ids "
                              f"(columns: {', '.join(header) or 'none'}); pass --roster-key")
    key = column
    rows: dict[str, dict[str, str]] = {}
    duplicates = []
    for row in reader:
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        student = clean.get(key, "")
        if not student or "points possible" in clean.get(header[0], "").lower():
            continue
        if student in rows:
            duplicates.append(student)
        rows[student] = clean
    if duplicates:
        raise InstructorError(f"roster {path}: column {key!r} repeats {', '.join(sorted(set(duplicates)))}")
    return Roster(path, header, rows)


def _require_everyone(roster: Roster, graded: set[str], key: str) -> None:
    missing = sorted(graded - set(roster.rows))
    if missing:
        raise InstructorError(
            f"roster {roster.path}: {len(missing)} graded student(s) have no row with that id in "
            f"column {key!r}: {', '.join(missing)}; add them to the roster (or fix --roster-key) "
            "so no grade is left behind")


def _points(value: float) -> str:
    return f"{value:g}"


def canvas_columns(roster: Roster, assignments: Sequence[str],
                   explicit: Mapping[str, str]) -> dict[str, str]:
    """nbgrader assignment -> its Canvas column ``<name> (<id>)``; an error lists those not found."""
    found = {m["name"].casefold(): col for col in roster.header if (m := _CANVAS_COLUMN.match(col))}
    columns: dict[str, str] = {}
    missing = []
    for name in assignments:
        if name in explicit:
            column = explicit[name]
            if not _CANVAS_COLUMN.match(column):
                raise InstructorError(f"--assignment {name}={column!r}: a Canvas column is "
                                      "'<name> (<Canvas assignment id>)', e.g. 'A1 (12345)'")
            columns[name] = column
        elif name.casefold() in found:
            columns[name] = found[name.casefold()]
        else:
            missing.append(name)
    if missing:
        offered = [col for col in roster.header if _CANVAS_COLUMN.match(col)]
        raise InstructorError(
            f"no Canvas column for assignment(s) {', '.join(missing)}: the roster {roster.path} has none "
            f"named like them (its assignment columns: {', '.join(offered) or 'none'}); "
            "pass --assignment NAME='Canvas name (id)' for each")
    return columns


def write_canvas(scores: list[CellScore], roster: Roster, key: str, out: Path,
                 explicit: Mapping[str, str] | None = None) -> Path:
    """Write the Canvas gradebook import CSV for every roster learner; return its path."""
    by_assignment = totals(scores)
    _require_everyone(roster, {s.student for s in scores}, key)
    assignments = sorted(by_assignment)
    columns = canvas_columns(roster, assignments, explicit or {})
    absent = [c for c in CANVAS_FIXED if c not in roster.header and c not in ("Section",)]
    if absent:
        raise InstructorError(f"roster {roster.path}: a Canvas gradebook export has the columns "
                              f"{', '.join(CANVAS_FIXED)}; missing {', '.join(absent)}")
    maxima = {a: max((mx for _, mx in by_assignment[a].values()), default=0.0) for a in assignments}
    pending = pending_by_submission(scores)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*CANVAS_FIXED, *(columns[a] for a in assignments)])
        w.writerow(["    Points Possible", "", "", "", "", *(_points(maxima[a]) for a in assignments)])
        for student, row in sorted(roster.rows.items(), key=lambda kv: kv[1].get("Student", kv[0])):
            grades = [_points(by_assignment[a][student][0])
                      if student in by_assignment[a] and (student, a) not in pending else ""
                      for a in assignments]
            w.writerow([*(row.get(c, "") for c in CANVAS_FIXED), *grades])
    return out


def write_moodle(scores: list[CellScore], roster: Roster, key: str, identifier: str, out: Path,
                 feedback: bool = True) -> Path:
    """Write the Moodle CSV grade import file for every roster learner; return its path."""
    column = find_column(roster.header, identifier)
    if column is None:
        raise InstructorError(f"roster {roster.path}: no column {identifier!r} for --moodle-id (Moodle's "
                              f"user field to match on: {', '.join(MOODLE_IDS)}, or any roster column "
                              f"holding one; columns: {', '.join(roster.header)})")
    identifier = column
    _require_everyone(roster, {s.student for s in scores}, key)
    blank = sorted(s for s, row in roster.rows.items() if not row.get(identifier))
    if blank:
        raise InstructorError(f"roster {roster.path}: no {identifier!r} for {', '.join(blank)}; "
                              "Moodle could not match their rows")
    by_assignment = totals(scores)
    assignments = sorted(by_assignment)
    pending = pending_by_submission(scores)
    per_question: dict[tuple[str, str], list[str]] = {}
    for c in sorted(scores, key=lambda c: (c.assignment, c.notebook, c.cell)):
        per_question.setdefault((c.student, c.assignment), []).append(
            f"{c.cell} not marked yet" if c.pending
            else f"{c.cell} {_points(c.score)}/{_points(c.max_score)}")
    header = [identifier]
    for a in assignments:
        header.append(a)
        if feedback:
            header.append(f"{a} feedback")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for student, row in sorted(roster.rows.items(), key=lambda kv: kv[1][identifier]):
            line = [row[identifier]]
            for a in assignments:
                graded = by_assignment[a].get(student)
                line.append(_points(graded[0]) if graded and (student, a) not in pending else "")
                if feedback:
                    line.append("; ".join(per_question.get((student, a), [])))
            w.writerow(line)
    return out
