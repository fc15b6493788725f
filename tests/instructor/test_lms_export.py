"""Canvas and Moodle grade files: the columns those platforms import, every graded learner kept."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import main_out

from pushback_lib.instructor import InstructorError
from pushback_lib.instructor.reports.lms_export import (
    CANVAS_FIXED,
    read_roster,
    write_canvas,
    write_moodle,
)
from pushback_lib.instructor.reports.scores import CellScore


def cell(student: str, assignment: str, name: str, score: float, maximum: float) -> CellScore:
    return CellScore(student, assignment, "nb", name, score, maximum, ("listen",), ("Listen",))


SCORES = [cell("ana", "a1", "q1", 2, 2), cell("ana", "a1", "q2", 1.5, 3),
          cell("ben", "a1", "q1", 0, 2), cell("ben", "a1", "q2", 3, 3),
          cell("ana", "a2", "q1", 4, 5)]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def canvas_roster(tmp_path: Path, extra: list[list[str]] = ()) -> Path:
    """What Canvas's gradebook export looks like: identity columns, assignment columns, a points row."""
    return write(tmp_path / "canvas.csv", [
        [*CANVAS_FIXED, "A1 (1001)", "a2 (1002)", "Current Score"],
        ["    Points Possible", "", "", "", "", "5", "5", ""],
        ["Lee, Ana", "11", "S-1", "ana", "Tue", "", "", ""],
        ["Ng, Ben", "12", "S-2", "ben", "Tue", "", "", ""],
        ["Obi, Cleo", "13", "S-3", "cleo", "Thu", "", "", ""],
        *extra,
    ])


def rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_canvas_file_has_canvas_columns_and_every_roster_learner(tmp_path: Path):
    roster = read_roster(canvas_roster(tmp_path), "SIS Login ID")
    out = write_canvas(SCORES, roster, "SIS Login ID", tmp_path / "out" / "canvas-grades.csv")
    got = rows(out)
    assert got[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "A1 (1001)", "a2 (1002)"]
    assert got[1] == ["    Points Possible", "", "", "", "", "5", "5"]
    assert got[2:] == [["Lee, Ana", "11", "S-1", "ana", "Tue", "3.5", "4"],
                       ["Ng, Ben", "12", "S-2", "ben", "Tue", "3", ""],
                       ["Obi, Cleo", "13", "S-3", "cleo", "Thu", "", ""]]


def test_canvas_assignment_columns_can_be_named(tmp_path: Path):
    roster_path = write(tmp_path / "r.csv", [list(CANVAS_FIXED), ["Lee, Ana", "11", "S-1", "ana", "Tue"],
                                             ["Ng, Ben", "12", "S-2", "ben", "Tue"]])
    roster = read_roster(roster_path, "SIS Login ID")
    with pytest.raises(InstructorError, match=r"no Canvas column for assignment\(s\) a1, a2"):
        write_canvas(SCORES, roster, "SIS Login ID", tmp_path / "x.csv")
    out = write_canvas(SCORES, roster, "SIS Login ID", tmp_path / "x.csv",
                       {"a1": "Niche recruitment (77)", "a2": "Agency (78)"})
    assert rows(out)[0][5:] == ["Niche recruitment (77)", "Agency (78)"]
    with pytest.raises(InstructorError, match=r"'<name> \(<Canvas assignment id>\)'"):
        write_canvas(SCORES, roster, "SIS Login ID", tmp_path / "x.csv", {"a1": "no id", "a2": "B (2)"})


def test_a_graded_student_missing_from_the_roster_is_an_error_naming_them(tmp_path: Path):
    roster_path = write(tmp_path / "r.csv", [[*CANVAS_FIXED, "A1 (1)", "A2 (2)"],
                                             ["Lee, Ana", "11", "S-1", "ana", "Tue", "", ""]])
    roster = read_roster(roster_path, "SIS Login ID")
    with pytest.raises(InstructorError, match=r"1 graded student\(s\) .* 'SIS Login ID': ben;"):
        write_canvas(SCORES, roster, "SIS Login ID", tmp_path / "x.csv")
    with pytest.raises(InstructorError, match="ben"):
        write_moodle(SCORES, read_roster(write(tmp_path / "m.csv", [["username", "email"], ["ana", "a@x"]]),
                                         "username"), "username", "email", tmp_path / "m-out.csv")
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "m-out.csv").exists()


def test_roster_errors_name_the_file_and_column(tmp_path: Path):
    path = write(tmp_path / "r.csv", [["username", "email"], ["ana", "a@x"], ["ana", "b@x"]])
    with pytest.raises(InstructorError, match=r"r\.csv: no column 'SIS Login ID'.*username, email"):
        read_roster(path, "SIS Login ID")
    with pytest.raises(InstructorError, match=r"r\.csv: column 'username' repeats ana"):
        read_roster(path, "username")


def test_moodle_file_identifier_items_and_feedback(tmp_path: Path):
    roster = read_roster(write(tmp_path / "m.csv", [
        ["username", "idnumber", "email"], ["ana", "7", "ana@uni.example"], ["ben", "8", "ben@uni.example"],
        ["cleo", "9", "cleo@uni.example"]]), "username")
    got = rows(write_moodle(SCORES, roster, "username", "email", tmp_path / "moodle.csv"))
    assert got[0] == ["email", "a1", "a1 feedback", "a2", "a2 feedback"]
    assert got[1] == ["ana@uni.example", "3.5", "q1 2/2; q2 1.5/3", "4", "q1 4/5"]
    assert got[2] == ["ben@uni.example", "3", "q1 0/2; q2 3/3", "", ""]
    assert got[3] == ["cleo@uni.example", "", "", "", ""]
    plain = rows(write_moodle(SCORES, roster, "username", "idnumber", tmp_path / "m2.csv", feedback=False))
    assert plain[0] == ["idnumber", "a1", "a2"] and plain[1] == ["7", "3.5", "4"]


def test_moodle_refuses_an_identifier_it_cannot_match(tmp_path: Path):
    roster = read_roster(write(tmp_path / "m.csv", [["username", "email"], ["ana", ""], ["ben", "b@x"]]),
                         "username")
    with pytest.raises(InstructorError, match=r"no 'email' for ana"):
        write_moodle(SCORES, roster, "username", "email", tmp_path / "o.csv")
    with pytest.raises(InstructorError, match=r"no column 'idnumber'"):
        write_moodle(SCORES, roster, "username", "idnumber", tmp_path / "o.csv")


def test_cli_without_a_roster_says_what_it_needs(tmp_path: Path, capsys):
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    code, _, err = main_out(capsys, "export", "--format", "canvas", "--course-dir", str(course))
    assert code == 2 and "--format canvas needs --roster" in err


@pytest.mark.slow  # the graded synthetic cohort (nbgrader, kernels)
def test_cli_canvas_and_moodle_on_a_graded_cohort(graded_both_ways, tmp_path: Path, capsys):
    # ana 7, ben 4, cai 0, dev 2 of 7 (worked out by hand in test_reports.TOTALS)
    roster = canvas_roster(tmp_path, [["Dee, Dev", "14", "S-4", "dev", "Thu", "", "", ""],
                                      ["Chen, Cai", "15", "S-5", "cai", "Thu", "", "", ""]])
    code, out, err = main_out(capsys, "export", "--format", "canvas", "--roster", str(roster),
                              "--assignment", "ps1=Problem set 1 (555)",
                              "--course-dir", str(graded_both_ways[1]), "--out", str(tmp_path / "c.csv"))
    assert code == 0 and out.strip() == str(tmp_path / "c.csv"), err
    got = {r[3]: r[5] for r in rows(tmp_path / "c.csv")[2:]}
    assert rows(tmp_path / "c.csv")[0][5] == "Problem set 1 (555)"
    assert got == {"ana": "7", "ben": "4", "cai": "0", "dev": "2", "cleo": ""}

    short = write(tmp_path / "short.csv", [["username", "email"], ["ana", "a@x"], ["ben", "b@x"]])
    code, _, err = main_out(capsys, "export", "--format", "moodle", "--roster", str(short),
                            "--course-dir", str(graded_both_ways[1]), "--out", str(tmp_path / "m.csv"))
    assert code == 2 and "cai, dev" in err and not (tmp_path / "m.csv").exists()


def test_a_moodle_grade_export_is_a_roster_as_it_is(tmp_path: Path, capsys):
    """Moodle's grade export says "Email address" and "ID number" and has no username column."""
    roster = write(tmp_path / "moodle-grades.csv", [
        ["First name", "Last name", "ID number", "Institution", "Email address", "Assignment: a1 (Real)"],
        ["Ana", "Lee", "S-1", "", "ana@uni.example", "-"],
        ["Ben", "Ng", "S-2", "", "ben@uni.example", "-"]])
    table = read_roster(roster, "ID number")
    by_email = {row["Email address"]: sid for sid, row in table.rows.items()}
    assert by_email == {"ana@uni.example": "S-1", "ben@uni.example": "S-2"}
    scores = [cell("S-1", "a1", "q1", 2, 2), cell("S-2", "a1", "q1", 1, 2)]
    out = write_moodle(scores, table, "ID number", "email", tmp_path / "out.csv", feedback=False)
    assert rows(out) == [["Email address", "a1"], ["ana@uni.example", "2"], ["ben@uni.example", "1"]]
    assert read_roster(roster, "email address").rows.keys() == {"ana@uni.example", "ben@uni.example"}
    with pytest.raises(InstructorError, match=r"no column 'phone' for --moodle-id"):
        write_moodle(scores, table, "ID number", "phone", tmp_path / "out.csv")


def test_a_semicolon_roster_is_read(tmp_path: Path):
    roster = tmp_path / "semi.csv"
    roster.write_text("username;email\nana;ana@x.org\nben;ben@x.org\n", encoding="utf-8")
    assert read_roster(roster, "username").rows["ben"]["email"] == "ben@x.org"


def test_an_unmarked_answer_leaves_the_platform_cell_empty(tmp_path: Path):
    pending = [cell("ana", "a1", "q1", 2, 2),
               CellScore("ana", "a1", "nb", "q2", 0, 3, ("listen",), ("Listen",), pending=True),
               cell("ben", "a1", "q1", 0, 2), cell("ben", "a1", "q2", 3, 3)]
    roster = read_roster(canvas_roster(tmp_path), "SIS Login ID")
    got = rows(write_canvas(pending, roster, "SIS Login ID", tmp_path / "c.csv", {"a1": "A1 (1001)"}))
    by_login = {r[3]: r[5] for r in got[2:]}
    assert by_login == {"ana": "", "ben": "3", "cleo": ""}  # never ana's unmarked 2


def test_a_missing_canvas_column_error_lists_the_rosters_assignment_columns(tmp_path: Path):
    roster = read_roster(canvas_roster(tmp_path), "SIS Login ID")
    scores = [*SCORES, cell("ana", "a3-push-or-let-go", "q1", 1, 1)]
    with pytest.raises(InstructorError, match=r"a3-push-or-let-go: .*its assignment columns: A1 \(1001\), "
                                              r"a2 \(1002\)\)"):
        write_canvas(scores, roster, "SIS Login ID", tmp_path / "x.csv")
