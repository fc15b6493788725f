"""Synthetic students for the end-to-end and adversarial grading tests.

A submission is the release notebook with some answer cells filled in (and,
for an attacker, some cells edited, deleted or added). Expected scores are
written out by hand per test cell, not computed by the grading code.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

ASSIGNMENT = "a1-niche-recruitment"
TEST_CELLS = ("a1-q1", "a1-q2", "a1-q3", "a1-q4", "a1-q5", "a1-q6")
MANUAL_CELL = "a1-reflect"
AUTO_MAX = 13.0

RIGHT = {
    "a1-q1": 'q1_statement_kinds = ["opinion", "business_reason", "opinion", "business_reason", '
             '"opinion", "business_reason"]',
    "a1-q2": "q2_acknowledges = [True, False, True, False, True]",
    "a1-q3": 'q3_customise = {"skip": ["evidence", "enlist"], "why": "Mei Lin welcomes practical '
             'suggestions and decides quickly, and the reply rates already make the case."}',
    "a1-q4": 'q4_which_stage = ["evidence", "alternative", "enlist", "build_case"]',
    "a1-q5": 'q5_safe_facts = ["f_grading_project", "f_attrition_result", "f_wants_to_stay", '
             '"f_salary_in_band", "f_brief_priorities", "f_client_reply"]',
}
WRONG = {
    "a1-q1": 'q1_statement_kinds = ["business_reason", "opinion", "business_reason", "opinion", '
             '"business_reason", "opinion"]',
    "a1-q2": "q2_acknowledges = [False, True, False, True, False]",
    "a1-q3": 'q3_customise = {"skip": ["listen", "decide", "close"], "why": "Because it is just '
             'a small thing that does not need a full process at all."}',
    "a1-q4": 'q4_which_stage = ["listen", "decide", "deliver", "close"]',
    "a1-q5": 'q5_safe_facts = ["f_rival_offer", "f_pay_equity_audit", "f_market_scarcity"]',
    "a1-q6": "q6_plan = PushbackPlan()",
}


def answer_cell(gid: str) -> str:
    return f"{gid}-answer"


@dataclass
class Student:
    """One synthetic learner: what they change, and the score each test cell should get."""

    id: str
    answers: dict[str, str] = field(default_factory=dict)
    """Test-cell id -> source of its answer cell."""
    expected: dict[str, float] = field(default_factory=dict)
    """Test-cell id -> expected auto score (absent means 0)."""
    manual: str = ""
    """Text of the manually graded answer, or empty to leave the stub."""
    tamper: Callable[[NotebookNode], None] | None = None
    """Further edits an attacker makes to the notebook."""
    attack: str = ""
    """Code an attacker puts at the top of the first answer cell."""

    def expected_total(self) -> float:
        return round(sum(self.expected.get(g, 0.0) for g in TEST_CELLS), 2)


def build_submission(release: NotebookNode, student: Student) -> NotebookNode:
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        for test, source in student.answers.items():
            if gid == answer_cell(test):
                cell.source = source
        if gid == MANUAL_CELL and student.manual:
            cell.source = student.manual
    if student.attack:
        first = next(c for c in nb.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") == answer_cell("a1-q1"))
        first.source = student.attack + "\n" + first.source
    if student.tamper:
        student.tamper(nb)
    return nb


def write_submission(course: Path, release_path: Path, student: Student) -> Path:
    release = nbformat.read(release_path, as_version=4)
    nb = build_submission(release, student)
    folder = course / "submitted" / student.id / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ASSIGNMENT}.ipynb"
    nbformat.write(nb, path)
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    return path


def solution_answers(solution_path: Path) -> dict[str, str]:
    """Test-cell id -> the instructor's answer source (solution markers removed)."""
    nb = nbformat.read(solution_path, as_version=4)
    out: dict[str, str] = {}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("-answer") and cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines()
                     if "BEGIN SOLUTION" not in ln and "END SOLUTION" not in ln]
            out[gid[: -len("-answer")]] = "\n".join(lines)
    return out
