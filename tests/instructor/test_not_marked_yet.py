"""Answers nobody has marked yet are never reported as 0: status, export, dashboard and feedback.

The cohort is graded once (conftest); here ana's and ben's ``test_decide`` are
turned back into "needs manual grade", as nbgrader leaves a manually graded
answer after autograding, and a draft comment is put on ben's answer cell.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytestmark = pytest.mark.slow  # the cohort fixture runs kernels through nbgrader

from instructor_helpers import main_out  # noqa: E402

from pushback_lib.instructor.reports.comment_bank import DRAFT_MARK  # noqa: E402

PENDING = ("ana", "ben")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _sql(course: Path, statement: str, *params: object) -> None:
    con = sqlite3.connect(course / "gradebook.db")
    con.execute(statement, params)
    con.commit()
    con.close()


_OF = ("(SELECT g.id FROM grade g JOIN submitted_notebook sn ON g.notebook_id = sn.id "
       "JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN base_cell c ON g.cell_id = c.id "
       "WHERE sa.student_id = ? AND c.name = ?)")


@pytest.fixture
def unmarked(graded_both_ways, tmp_path: Path) -> Path:
    course = shutil.copytree(graded_both_ways[1], tmp_path / "course")
    for student in PENDING:
        _sql(course, f"UPDATE grade SET needs_manual_grade = 1, auto_score = NULL, manual_score = NULL "
                     f"WHERE id IN {_OF}", student, "test_decide")
    return course


def test_status_says_needs_marking_and_shows_no_score(unmarked: Path, capsys):
    code, out, err = main_out(capsys, "status", "--course-dir", str(unmarked))
    assert code == 0, err
    lines = {tuple(line.split()[:2]): line for line in out.splitlines() if line.startswith("ps1")}
    assert "needs marking (1)" in lines[("ps1", "ana")] and "/7" not in lines[("ps1", "ana")]
    assert "graded" in lines[("ps1", "cai")] and "0/7" in lines[("ps1", "cai")]
    assert "2 needs marking" in out


def test_export_writes_pending_not_zero(unmarked: Path, tmp_path: Path, capsys):
    code, _, err = main_out(capsys, "export", "--course-dir", str(unmarked), "--out", str(tmp_path / "csv"))
    assert code == 0, err
    assert "not marked yet: ana/ps1 (test_decide), ben/ps1 (test_decide)" in err
    grades = {(r["student"], r["question"]): r for r in _rows(tmp_path / "csv" / "grades.csv")}
    ana = grades[("ana", "test_decide")]
    assert ana["score"] == "" and ana["pending"] == "yes"
    assert grades[("cai", "test_decide")]["score"] == "0" and grades[("cai", "test_decide")]["pending"] == ""
    totals = {r["student"]: r for r in _rows(tmp_path / "csv" / "assignments.csv")}
    assert (totals["ana"]["score"], totals["ana"]["pending"]) == ("", "1")
    assert (totals["dev"]["score"], totals["dev"]["pending"]) == ("2", "")
    decide = {r["student"]: r for r in _rows(tmp_path / "csv" / "stages.csv") if r["stage"] == "decide"}
    assert (decide["ana"]["score"], decide["ana"]["pending"]) == ("", "1")
    assert decide["dev"]["fraction"] == "0.6667"


def test_canvas_and_moodle_leave_unmarked_assignments_blank(unmarked: Path, tmp_path: Path, capsys):
    roster = tmp_path / "moodle.csv"
    roster.write_text("username,email\n" + "".join(f"{s},{s}@x.org\n" for s in ("ana", "ben", "cai", "dev")))
    code, _, err = main_out(capsys, "export", "--format", "moodle", "--roster", str(roster),
                              "--course-dir", str(unmarked), "--out", str(tmp_path / "m.csv"))
    assert code == 0, err
    assert "left empty in the Moodle file" in err
    got = {r["email"]: r for r in _rows(tmp_path / "m.csv")}
    assert got["ana@x.org"]["ps1"] == "" and "test_decide not marked yet" in got["ana@x.org"]["ps1 feedback"]
    assert got["dev@x.org"]["ps1"] == "2"


def test_dashboard_leaves_unmarked_answers_out(unmarked: Path, tmp_path: Path, capsys):
    code, _, err = main_out(capsys, "dashboard", str(tmp_path / "d"), "--course-dir", str(unmarked))
    assert code == 0, err
    assert "the dashboard leaves them out" in err
    text = (tmp_path / "d" / "mastery-by-stage.txt").read_text()
    assert "Decide: push back or let go 33%" in text  # cai 0 and dev 2/3, not ana's and ben's blanks


def test_feedback_holds_back_unmarked_and_draft_pages(unmarked: Path, capsys):
    _sql(unmarked, f"UPDATE comment SET auto_comment = ? WHERE id IN {_OF.replace('grade g', 'comment g')}",
         DRAFT_MARK + "\nFound: nothing.", "cai", "acknowledge")
    code, out, err = main_out(capsys, "feedback", "--course-dir", str(unmarked))
    assert code == 1
    assert "ana/ps1: NO PAGE: not marked yet: test_decide" in out and "--allow-pending" in out
    assert "cai/ps1: NO PAGE: unedited draft comment on acknowledge" in out
    assert "pushback-course comments --clear" in out
    assert "3 submission(s) got no feedback page" in err
    pages = unmarked / "feedback"
    assert not (pages / "ana").exists() and not (pages / "cai").exists()
    assert (pages / "dev" / "ps1" / "pushback.html").exists()
    code, out, err = main_out(capsys, "feedback", "--course-dir", str(unmarked), "--allow-pending",
                              "--allow-drafts")
    assert code == 0, out + err
    assert (pages / "ana" / "ps1" / "pushback.html").exists()


def test_feedback_names_an_unknown_assignment_or_student(unmarked: Path, capsys):
    code, _, err = main_out(capsys, "feedback", "ps2", "--course-dir", str(unmarked))
    assert code == 2 and "unknown assignment ps2 (did you mean ps1?); known: ps1" in err
    code, _, err = main_out(capsys, "feedback", "--student", "nobody", "--course-dir", str(unmarked))
    assert code == 2 and "unknown student nobody; known: ana, ben, cai, dev" in err
    code, _, err = main_out(capsys, "comments", "pss1", "--course-dir", str(unmarked))
    assert code == 2 and "unknown assignment pss1 (did you mean ps1?)" in err


def test_canvas_export_names_an_unknown_assignment(unmarked: Path, tmp_path: Path, capsys):
    from pushback_lib.instructor.reports.lms_export import CANVAS_FIXED

    roster = tmp_path / "canvas.csv"
    roster.write_text(",".join([*CANVAS_FIXED, "PS1 (7)"]) + "\n" + "".join(
        f"{s},1,S,{s},T,\n" for s in ("ana", "ben", "cai", "dev")))
    code, _, err = main_out(capsys, "export", "--format", "canvas", "--roster", str(roster),
                            "--assignment", "a9=A9 (9)", "--course-dir", str(unmarked))
    assert code == 2 and "unknown assignment a9; known: ps1" in err
