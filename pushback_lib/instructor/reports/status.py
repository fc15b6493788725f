"""``pushback-course status``: for each student and assignment, submitted, graded or missing.

* ``missing``: no folder ``submitted/<student>/<assignment>/``;
* ``not released``: a source assignment not in the gradebook yet (nobody can be missing it);
* ``malformed``: submitted, but autograde skips it (a notebook that is not valid, named unlike
  the released one, or a folder named like no assignment); ``pushback-course autograde`` says why;
* ``submitted``: submitted, not graded yet, or changed since it was graded;
* ``grading failed: <why>``: the last ``pushback-course autograde`` could not grade exactly
  these files (a crash, the time limit, the sandbox); grading again retries it;
* ``needs marking (N)``: graded, but N answers wait for a person to mark them
  (nbgrader's ``needs_manual_grade``); no score is shown, as it is not one yet;
* ``graded``: the autograded copy and the gradebook entry match the submission
  (``pushback-course autograde`` recorded it); ``graded (nbgrader)`` when it
  was graded by ``nbgrader autograde`` and the copy is newer than the submission.

Students are everyone with a submission or in the gradebook; assignments are
the source assignments and those in the gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..autograde.state import read_done, read_failed, submission_digest
from ..autograde.validate import check_names, check_submission
from ..course import Course

__all__ = ["StatusRow", "status", "status_table"]


@dataclass(frozen=True)
class StatusRow:
    student: str
    assignment: str
    state: str
    score: float | None = None
    max_score: float | None = None


def status(course: Course) -> list[StatusRow]:
    """One row per student per assignment."""
    submitted = set(course.submissions())
    scores: dict[tuple[str, str], tuple[float, float]] = {}
    unmarked: dict[tuple[str, str], int] = {}
    students = {s for s, _ in submitted}
    sources = set(course.assignments())
    released: set[str] = set()
    assignments = sources | {a for _, a in submitted}
    with course.gradebook() as gb:
        students |= {s.id for s in gb.students}
        for a in gb.assignments:
            assignments.add(a.name)
            released.add(a.name)
            for sub in a.submissions:
                scores[(sub.student.id, a.name)] = (float(sub.score), float(sub.max_score))
                unmarked[(sub.student.id, a.name)] = sum(bool(g.needs_manual_grade)
                                                         for nb in sub.notebooks for g in nb.grades)
    rows = []
    for a in sorted(assignments):
        for s in sorted(students):
            known = a in released or a in sources
            if (s, a) not in submitted:
                if known:
                    rows.append(StatusRow(s, a, "missing" if a in released else "not released"))
                continue
            folder = course.submitted_dir / s / a
            if not known:
                rows.append(StatusRow(s, a, "malformed"))
                continue
            graded_dir = course.autograded_dir / s / a
            done = read_done(course, s, a)
            state = "submitted"
            if (s, a) in scores and graded_dir.is_dir():
                if done is not None:
                    state = "graded" if done.digest == submission_digest(folder) else "submitted"
                elif graded_dir.stat().st_mtime >= max(p.stat().st_mtime
                                                       for p in [folder, *folder.iterdir()]):
                    state = "graded (nbgrader)"
            failed = read_failed(course, s, a) if state == "submitted" else None
            if failed is not None and failed.digest == submission_digest(folder):
                state = f"grading failed: {failed.reason}"
            if state == "submitted" and (check_submission(course.root, folder, s) or check_names(
                    course.root, folder, s, {p.name for p in (course.release_dir / a).glob("*.ipynb")})):
                state = "malformed"
            if state.startswith("graded") and unmarked.get((s, a)):
                state = f"needs marking ({unmarked[(s, a)]})"
            sc = scores.get((s, a)) if state.startswith("graded") else None
            rows.append(StatusRow(s, a, state, *(sc if sc else (None, None))))
    return rows


def status_table(rows: list[StatusRow]) -> str:
    """A plain-text table and a count per state."""
    table = [("assignment", "student", "state", "score")]
    for r in rows:
        table.append((r.assignment, r.student, r.state,
                      "" if r.score is None else f"{r.score:g}/{r.max_score:g}"))
    widths = [max(len(t[i]) for t in table) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)).rstrip() for t in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts: dict[str, int] = {}
    for r in rows:
        kind = (r.state.split(" (")[0] if r.state.startswith("needs marking") else
                "grading failed" if r.state.startswith("grading failed") else r.state)
        counts[kind] = counts.get(kind, 0) + 1
    lines += ["", "total: " + (", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing yet")]
    return "\n".join(lines)
