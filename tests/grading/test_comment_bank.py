"""The comment bank on a real graded cohort (assignment a1, graded by nbgrader in conftest)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from pushback_lib.instructor import InstructorError, open_course
from pushback_lib.instructor.cli import main
from pushback_lib.instructor.reports import comment_bank as cb
from tests.grading.synthetic_student import ASSIGNMENT, MANUAL_CELL


@pytest.fixture
def course(graded_course, tmp_path: Path) -> Path:
    """A copy of the honest cohort's course, so the gradebook can be written to."""
    return Path(shutil.copytree(graded_course.roots["full"], tmp_path / "course", symlinks=True))


def comment(course: Path, student: str) -> tuple[str | None, str | None]:
    with open_course(course).gradebook() as gb:
        c = gb.find_comment(MANUAL_CELL, ASSIGNMENT, ASSIGNMENT, student)
        return c.manual_comment, c.auto_comment


@pytest.mark.slow  # the graded cohort of conftest (nbgrader, kernels)
def test_drafts_for_answered_manual_cells_only(course: Path, graded_course, capsys):
    assert main(["comments", "--course-dir", str(course)]) == 0
    with (course / "reports" / "comments" / "drafts.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    answered = sorted(s.id for s in graded_course.students if s.manual)
    assert [r["student"] for r in rows] == answered == ["full"]
    draft = rows[0]["draft"]
    assert rows[0]["cell"] == MANUAL_CELL and draft.startswith(cb.DRAFT_MARK)
    # a1-reflect is a reflection, not a pushback: the draft gives its own rubric lines to judge and
    # never reports pushback components (evidence, alternative) its rubric does not ask for
    assert "Rubric to judge yourself: 1 point for a reason grounded in the case" in draft
    assert "1 point for a concrete condition under which letting go would have been right" in draft
    assert "Not found" not in draft
    assert "blank" in capsys.readouterr().out


@pytest.mark.slow
def test_bank_edits_flow_into_drafts_and_are_never_overwritten(course: Path):
    assert main(["comments", "--course-dir", str(course)]) == 0
    bank_file = course / "comment-bank.yaml"
    data = yaml.safe_load(bank_file.read_text())
    # a1-reflect is marked on the "decide" rubric item: the draft offers that item's bank comment
    data["items"]["decide"]["missing"] = "Name one number from the case, <and> say where it is from."
    del data["items"]["close"]
    bank_file.write_text(yaml.safe_dump(data))
    assert main(["comments", "--course-dir", str(course)]) == 0
    again = yaml.safe_load(bank_file.read_text())["items"]
    assert again["decide"]["missing"] == "Name one number from the case, <and> say where it is from."
    assert "close" in again  # the missing item is added back, the edited one kept
    drafts = (course / "reports" / "comments" / "drafts.csv").read_text()
    assert "Name one number from the case, <and> say where it is from." in drafts


@pytest.mark.slow
def test_into_gradebook_never_over_an_instructor_comment_and_clear(course: Path):
    assert main(["comments", "--course-dir", str(course), "--into-gradebook"]) == 0
    manual, auto = comment(course, "full")
    assert manual is None and auto is not None and auto.startswith(cb.DRAFT_MARK)
    assert comment(course, "empty") == (None, "No response.")  # blank answer: nbgrader's own words stay

    with open_course(course).gradebook() as gb:  # the instructor writes their own comment in formgrader
        gb.find_comment(MANUAL_CELL, ASSIGNMENT, ASSIGNMENT, "full").manual_comment = "Good start, Layla."
        gb.db.commit()
    assert main(["comments", "--course-dir", str(course), "--into-gradebook"]) == 0
    assert comment(course, "full")[0] == "Good start, Layla."

    assert main(["comments", "--course-dir", str(course), "--clear"]) == 0
    assert comment(course, "full") == ("Good start, Layla.", None)
    assert comment(course, "empty") == (None, "No response.")


def test_a_malformed_bank_names_the_file_and_item(tmp_path: Path):
    bank = tmp_path / "comment-bank.yaml"
    bank.write_text("items:\n  evidnce:\n    missing: x\n")
    with pytest.raises(InstructorError, match=r"comment-bank.yaml: items.evidnce: not a rubric item"):
        cb.load_bank(bank)
    bank.write_text("items:\n  evidence:\n    missing: x\n    tone: y\n")
    with pytest.raises(InstructorError, match=r"items.evidence: unknown field\(s\) tone"):
        cb.load_bank(bank)


def test_draft_says_not_sure_where_the_analyzer_is_unsure(monkeypatch):
    from pushback_lib import analyzer
    from pushback_lib.analyzer import Analysis, Finding

    def fake(text: str, case=None, **_):
        return Analysis(text=text, components=frozenset({"acknowledge"}), flags=frozenset({"aggressive"}),
                        findings=(Finding("acknowledge", 0, 7, "I hear", "restates"),
                                  Finding("aggressive", 9, 14, "NEVER", "shouting")),
                        unsure=frozenset({"evidence"}))

    monkeypatch.setattr(analyzer, "analyze", fake)
    draft = cb.draft_comment("I hear. NEVER.", cb.default_bank())
    assert 'Found: acknowledge ("I hear")' in draft
    assert "Not sure: evidence: the analyzer cannot tell here; read this part yourself." in draft
    assert 'Tone: reads as aggressive ("NEVER")' in draft
    assert "Not found: evidence" not in draft  # unsure is not the same as absent
    assert "Not found: business reason" in draft and "Not found: alternative" in draft


def test_draft_on_a_real_analysis():
    draft = cb.draft_comment("I see why the budget worries you. For example, the 2023 pilot cut costs by "
                             "12%. Could we run a two-week trial first?", cb.default_bank())
    assert draft.splitlines()[0] == cb.DRAFT_MARK
    assert "Found: acknowledge" in draft and "evidence" in draft.splitlines()[1]
    assert "Not found: alternative" not in draft


def test_bank_items_are_added_without_touching_the_instructors_lines(tmp_path: Path):
    bank = tmp_path / "comment-bank.yaml"
    mine = "# my wording\nitems:\n  evidence:\n    missing: Cite the 2023 pilot.  # keep this\n"
    bank.write_text(mine)
    _, added = cb.write_bank(bank)
    assert "evidence" not in added and "listen" in added
    assert bank.read_text().startswith(mine)
    assert cb.load_bank(bank)["evidence"]["missing"] == "Cite the 2023 pilot."
    assert cb.write_bank(bank) == (bank, [])  # nothing left to add: the file is not written again

    bank.write_text("items: {evidence: {missing: x}}\nnotes: mine\n")
    with pytest.raises(InstructorError, match=r"unknown top-level key\(s\) notes"):
        cb.write_bank(bank)


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("assignment", "cell", "variable"), [
    ("a2-agency-feedback", "a2-draft-review", "q6_draft"), ("a4-capstone", "a4-review", "q4_draft")])
def test_a_review_cell_is_drafted_on_the_draft_its_rubric_marks(assignment: str, cell: str, variable: str):
    """The reference email earns no "Not found": the quoting cell is not what gets analysed."""
    cells, code = cb._notebook_cells(REPO / "solutions" / assignment / f"{assignment}.ipynb")
    name, text = cb._reviewed(cells[cell], code)
    assert name == variable and len(text.split()) >= 40 and text != cells[cell].source
    draft = cb.draft_comment(text, cb.default_bank(), marks=name, rubric=cb._rubric_lines(cells[cell].prompt))
    assert f"Read from {variable}" in draft and "Rubric to judge yourself: 1 point" in draft
    assert "Not found: acknowledge" not in draft and "Not found: business reason" not in draft


@pytest.mark.parametrize(("assignment", "cell", "stage_component"), [
    ("a1-niche-recruitment", "a1-reflect", None), ("a3-push-or-let-go", "a3-let-go-well", "let go")])
def test_a_reflection_is_drafted_on_its_own_rubric(assignment: str, cell: str, stage_component: str | None):
    cells, code = cb._notebook_cells(REPO / "solutions" / assignment / f"{assignment}.ipynb")
    assert cb._reviewed(cells[cell], code) is None
    rubric = cb._rubric_lines(cells[cell].prompt)
    assert len(rubric) == 2 and all(line.startswith("1 point") for line in rubric)
    draft = cb.draft_comment(cells[cell].source, cb.default_bank(), rubric=rubric, stages=cells[cell].stages)
    assert "Not found" not in draft and "Rubric to judge yourself" in draft
    for other in ("acknowledge", "business reason", "evidence", "alternative"):
        assert f"Found: {other}" not in draft
    if stage_component:  # the cell's own stage is analysed (found, or flagged as unsure)
        assert f"Found: {stage_component}" in draft or f"Not sure: {stage_component}" in draft
