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
    assert code[-1].strip() == f'print(learner_progress.finished("{name}"))', \
        f"{name}: the last code cell must note the lesson as finished"


@pytest.mark.parametrize("name", OWNED)
def test_the_lessons_own_check_is_recorded_and_the_examples_never_finish_it(lessons, name):
    """"Finished" means the exercise check ran on the learner's own answer: each lesson records
    its check, and the stored run (the example answers) leaves the lesson opened."""
    nb = lessons[name]
    code = "\n".join(code_cells(nb))
    assert ("learner_progress.lesson_check(" in code or f'lesson="{name}"' in code), \
        f"{name}: no exercise check is recorded in the progress"
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert "not marked finished" in outputs(last), f"{name}: the examples marked it finished"


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


def _cases_loaded(nb) -> set[str]:
    return set(re.findall(r"load_case\(\s*['\"](\w+)['\"]", "\n".join(code_cells(nb))))


def test_lesson_12_decides_and_plans_on_a_case_no_other_lesson_shows(lessons):
    """The studio is fresh practice: its decide and plan rounds use a case no other lesson
    loads, and any known case it returns to is named as known, with the lessons that used it."""
    studio = lessons["12-practice-studio"]
    code = "\n".join(code_cells(studio))
    used = _cases_loaded(studio)
    elsewhere = {name: _cases_loaded(nb) for name, nb in lessons.items()
                 if name != "12-practice-studio"}
    fresh = {c for c in used if not any(c in cases for cases in elsewhere.values())}
    assert fresh, f"every case lesson 12 uses is worked in another lesson: {sorted(used)}"
    for call in ("reveal(", "PushbackBuilder(", "pb.score(my_plan", "RolePlay("):
        line = next(ln for ln in code.splitlines() if call in ln)
        assert any(v in line for v in ("survey",)), f"lesson 12 {call} is not on the fresh case"
    assert "capstone_vendor" not in used and "met only briefly" not in markdown(studio)
    text = markdown(studio)
    for known in used - fresh:
        numbers = sorted(n[:2] for n, cases in elsewhere.items() if known in cases)
        assert any(f"lessons {n}" in text or f"lesson {n}" in text for n in numbers), \
            f"lesson 12 returns to {known} (lessons {numbers}) without saying so"
    headings = [c.source.splitlines()[0] for c in studio.cells
                if c.cell_type == "markdown" and c.source.startswith("## ")]
    for wanted in ("## Round 1", "## Round 2", "## Exercise", "## Where next"):
        assert any(h.startswith(wanted) for h in headings), f"lesson 12 has no '{wanted}' section"


def test_lesson_12_shows_only_the_call_until_the_plan_is_made(lessons):
    cells = lessons["12-practice-studio"].cells
    code = [c for c in cells if c.cell_type == "code"]
    i = next(k for k, c in enumerate(code) if "reveal(" in c.source)
    assert "call_only=True" in code[i].source
    plan = next(k for k, c in enumerate(code) if "pb.score(my_plan" in c.source)
    expert = next(k for k, c in enumerate(code) if "expert_outcome" in c.source)
    assert i < plan < expert, "the expert's message comes before the learner's plan"


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
