"""The learner's journey through lessons 00, 12 and 13: progress is noted and shown, the stages
are a checklist to adapt, the studio is new practice ending in the next steps, and the capstone
lesson works on the learner's own case."""

from __future__ import annotations

import os
import re

import pytest

import pushback_lib as pb
from tools import add_navigation

from .conftest import COURSE_DIR, LESSON_NAMES

OWNED = tuple(LESSON_NAMES)  # every lesson notes its opening and its end


def code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def outputs(cell) -> str:
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


@pytest.mark.parametrize("name", OWNED)
def test_the_lesson_notes_it_was_opened_in_setup_and_finished_at_the_end(lessons, name):
    code = code_cells(lessons[name])
    assert f'learner_progress.opened("{name}")' in code[0], f"{name}: the setup cell notes no opening"
    assert code[-1].strip() == f'learner_progress.finished("{name}")', \
        f"{name}: the last code cell must note the lesson as finished"


def test_lesson_00_presents_the_stages_as_a_checklist_to_adapt(lessons):
    text = markdown(lessons["00-start-here"])
    assert "always worked through in this order" not in text
    assert "checklist" in text and "adapt" in text


def test_lesson_00_charts_progress_with_its_text_alternative_and_next_step(lessons):
    cells = lessons["00-start-here"].cells
    chart = next(c for c in cells if c.cell_type == "code" and "progress_chart(" in c.source)
    after = cells[cells.index(chart) + 1:]
    assert any(c.cell_type == "code" and "chart.alt_text" in c.source for c in after[:2]), \
        "the chart's text alternative must be printed right under it"
    assert any(c.cell_type == "code" and "print(my_progress)" in c.source for c in after), \
        "lesson 00 must print the progress summary with its next step"
    assert any("image/png" in o.get("data", {}) for o in chart.outputs), "the chart is not stored as an image"
    assert "pushback-course progress" in markdown(lessons["00-start-here"])


def test_lesson_12_is_new_practice_not_a_replay_of_lessons_10_and_11(lessons):
    code = "\n".join(code_cells(lessons["12-practice-studio"]))
    used = set(re.findall(r"load_case\(\s*['\"](\w+)['\"]", code))
    assert used and not used & {"niche_recruitment", "agency_feedback"}, \
        f"lesson 12 reuses a case lessons 10 and 11 work end to end: {sorted(used)}"
    assert "RolePlay(" not in code, "lesson 12 replays a role-play from lessons 10 and 11"
    headings = [c.source.splitlines()[0] for c in lessons["12-practice-studio"].cells
                if c.cell_type == "markdown" and c.source.startswith("## ")]
    for wanted in ("## Round 1", "## Round 2", "## Exercise", "## Where next"):
        assert any(h.startswith(wanted) for h in headings), f"lesson 12 has no '{wanted}' section"


def test_lesson_12_keeps_the_models_call_hidden_until_the_learner_commits(lessons):
    cells = lessons["12-practice-studio"].cells
    reveal = next(c for c in cells if c.cell_type == "code" and "for case_id, (call, reason)" in c.source)
    shown = outputs(reveal)
    assert shown.count("make your call and give your reason first") == 3
    assert "the model says" not in shown


def test_lesson_12_ends_pointing_to_the_assignments_and_lesson_13(lessons):
    nb = lessons["12-practice-studio"]
    where_next = next(c.source for c in nb.cells if c.source.startswith("## Where next"))
    assert "exercises/" in where_next and "Lesson 13" in where_next
    for assignment in ("a1-niche-recruitment", "a2-agency-feedback", "a3-push-or-let-go", "a4-capstone"):
        assert (COURSE_DIR.parent / "exercises" / assignment).is_dir()
        assert assignment in where_next
    assert "Next: [Your own case](13-your-own-case.ipynb)" in nb.cells[-1].source
    assert nb.cells[-1].source.startswith(add_navigation.NAV_MARKER)


def test_lesson_13_loads_the_template_and_the_worked_example_and_says_what_is_not_scored(lessons):
    nb = lessons["13-your-own-case"]
    code = "\n".join(code_cells(nb))
    for call in ('load_own_case("own-case/template.yaml")',
                 'load_own_case("own-case/worked-example.yaml")', "what_is_scored(", "NOT_SCORED",
                 "PushbackBuilder(", "pb.score(", "pb.analyze(", "pb.decide("):
        assert call in code, f"lesson 13 never runs {call}"
    template_cell = next(c for c in nb.cells if c.cell_type == "code" and "template.yaml" in c.source)
    assert "fields to fill" in outputs(template_cell) and "title:" in outputs(template_cell)


def test_lesson_13s_worked_plan_earns_what_the_lesson_shows(lessons):
    """The example plan is run for real: no accuracy penalty, nothing flagged, at least half the points."""
    nb = lessons["13-your-own-case"]
    source = next(c.source for c in nb.cells if c.cell_type == "code" and "example_plan = " in c.source)
    here = os.getcwd()
    os.chdir(COURSE_DIR)
    try:
        from pushback_lib.own_case import load_own_case

        example = load_own_case("own-case/worked-example.yaml")
        scope = {"pb": pb, "example": example}
        exec(source.rsplit("\npb.analyze(", 1)[0], scope)
    finally:
        os.chdir(here)
    plan = scope["example_plan"]
    result = pb.score(plan, example)
    assert not result.penalties and result.fraction >= 0.5, str(result)
    assert not pb.analyze(plan.draft(), example).flags


def test_the_learners_own_case_files_are_kept_out_of_git():
    ignore = (COURSE_DIR / "own-case" / ".gitignore").read_text(encoding="utf-8").split()
    assert "my-*.yaml" in ignore
