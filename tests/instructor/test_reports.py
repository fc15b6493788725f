"""Export CSV, dashboard and feedback, checked against the cohort's known scores."""

from __future__ import annotations

import base64
import csv
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytestmark = pytest.mark.slow  # runs kernels through nbgrader

from instructor_helpers import COHORT, main_out  # noqa: E402

from pushback_lib.instructor import open_course  # noqa: E402

# Worked out by hand from the synthetic assignment (see synthetic.CELLS and expected_scores):
TOTALS = {"ana": 7, "ben": 4, "cai": 0, "dev": 2}
# mean over the four students of their fraction of each stage's points
STAGES = {"listen": 2 / 4, "decide": (1 + 2 / 3 + 0 + 2 / 3) / 4, "alternative": 1 / 4, "close": 1 / 4}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def exported(graded_both_ways, tmp_path, capsys) -> Path:
    code, _, err = main_out(capsys, "export", "--course-dir", str(graded_both_ways[1]),
                            "--out", str(tmp_path))
    assert code == 0, err
    return tmp_path


def test_export_per_question(exported: Path):
    from pushback_lib.instructor.synthetic import expected_scores

    rows = _rows(exported / "grades.csv")
    assert len(rows) == 3 * len(COHORT)
    for r in rows:
        assert float(r["score"]) == expected_scores(COHORT[r["student"]])[r["question"]]
    alt = next(r for r in rows if r["student"] == "ana" and r["question"] == "test_alternative")
    assert alt["stages"] == "alternative;close" and alt["max_score"] == "2"


def test_export_per_assignment_stage_and_criterion(exported: Path):
    totals = {r["student"]: float(r["score"]) for r in _rows(exported / "assignments.csv")}
    assert totals == TOTALS
    stages = _rows(exported / "stages.csv")
    ben = {r["stage"]: (float(r["score"]), float(r["max_score"])) for r in stages if r["student"] == "ben"}
    assert ben == {"listen": (2, 2), "decide": (2, 3), "alternative": (0, 2), "close": (0, 2)}
    criteria = {(r["student"], r["criterion"]): float(r["fraction"])
                for r in _rows(exported / "criteria.csv")}
    assert criteria[("dev", "Decide: push back or let go")] == pytest.approx(2 / 3, abs=1e-4)
    assert criteria[("ana", "Listen and acknowledge")] == 1.0


def test_cells_without_stage_tags_are_reported_not_fatal(graded_both_ways, tmp_path: Path):
    import json
    import shutil

    from pushback_lib.instructor.reports.export import export

    course = shutil.copytree(graded_both_ways[1], tmp_path / "course")
    source = course / "source" / "ps1" / "pushback.ipynb"
    nb = json.loads(source.read_text())
    for cell in nb["cells"]:
        cell["metadata"].pop("pushback", None)
    source.write_text(json.dumps(nb))
    warnings: list[str] = []
    export(open_course(course), tmp_path / "out", warn=warnings.append)
    assert any("carry no metadata.pushback.stages" in w for w in warnings)
    stages = {r["stage"] for r in _rows(tmp_path / "out" / "stages.csv")}
    assert stages == {"unmapped"}
    assert len(_rows(tmp_path / "out" / "grades.csv")) == 3 * len(COHORT)


def test_dashboard_numbers_and_files(graded_both_ways, tmp_path: Path):
    from pushback_lib.instructor.reports.dashboard import dashboard

    summary, _paths = dashboard(open_course(graded_both_ways[1]), tmp_path)
    assert summary.distributions["ps1"] == pytest.approx({s: t / 7 for s, t in TOTALS.items()})
    assert summary.stages == pytest.approx(STAGES)
    assert list(summary.stages) == ["listen", "decide", "alternative", "close"]  # process order
    assert [s.student for s in summary.struggling] == ["cai", "dev", "ben"]
    assert summary.struggling[2].weak_stages == ("alternative", "close")
    for stem in ("score-distribution", "mastery-by-stage", "mastery-by-criterion", "students-needing-help"):
        assert (tmp_path / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / f"{stem}.txt").read_text().strip()
    text = (tmp_path / "mastery-by-stage.txt").read_text()
    assert "Listen and acknowledge 50%; Decide: push back or let go 58%; Recommend an alternative 25%" in text
    assert ("Below the 60% mastery line: Listen and acknowledge, Decide: push back or let go, "
            "Recommend an alternative, Close: win/win, or let go well.") in text


def test_dashboard_html_is_self_contained_and_accessible(graded_both_ways, tmp_path: Path, capsys):
    code, out, err = main_out(capsys, "dashboard", str(tmp_path), "--course-dir", str(graded_both_ways[1]))
    assert code == 0, err
    assert "3 student(s) need help" in out
    page = (tmp_path / "dashboard.html").read_text()
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">', page)
    assert len(images) == 4
    for data, alt in images:
        assert base64.b64decode(data)[:4] == b"\x89PNG" and len(alt) > 40
    assert not re.search(r'(src|href)="(https?:|//|file:)', page), "the report must not load anything"
    assert '<html lang="en">' in page and "<title>" in page and "<th scope=\"col\">" in page
    assert "<td>cai</td><td>0%</td>" in page


def test_feedback_per_student_without_hidden_tests(graded_both_ways, tmp_path: Path, capsys):
    import shutil

    course = shutil.copytree(graded_both_ways[1], tmp_path / "course")
    code, _, err = main_out(capsys, "feedback", "--course-dir", str(course))
    assert code == 0, err
    for student in COHORT:
        page = course / "feedback" / student / "ps1" / "pushback.html"
        assert page.exists(), student
    perfect = (course / "feedback" / "ana" / "ps1" / "pushback.html").read_text()
    assert "HIDDEN TESTS" not in perfect and "Score: 7" in perfect.replace("\n", " ")


def test_export_to_a_named_csv_puts_the_others_beside_it(graded_both_ways, tmp_path: Path, capsys):
    from pushback_lib.instructor.cli import main

    assert main(["export", str(tmp_path / "grades.csv"), "--course-dir", str(graded_both_ways[1])]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "grades-assignments.csv", "grades-criteria.csv", "grades-stages.csv", "grades.csv"]
    assert len(_rows(tmp_path / "grades.csv")) == 3 * len(COHORT)
