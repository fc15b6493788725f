"""Lessons 01-11 ask for the learner's judgement before showing an answer (issue 15): the call
comes before the reveal, labels stay hidden until the debrief, the seed ideas each have a checked
exercise, and the front matter renders as prose."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT

# (lesson, what the learner's call is made on): the cell with MyCall( must come before any cell
# that shows the model's or the expert's answer for that case.
COMMIT_THEN_REVEAL = [
    ("03-push-back-or-let-go", "consulting"),
    ("10-case-study-niche-recruitment", "case"),
    ("11-case-study-agency-feedback", "case"),
]
LABELS = re.compile(r"\.(verified|in_category|recommended|trusted_by_stakeholder)\b")
SEED_IDEAS = [
    ("01-why-push-back", "check_sort(ACCOUNTABILITY"),
    ("04-build-the-case", "check_prop_line(my_prop_line"),
    ("07-enlist-support", "check_sort(ROOM_OR_PHONE"),
    ("09-close-win-win-or-let-go", "check_sort(CARRY_THE_CAN"),
]
OURS = [f"{n:02d}" for n in range(1, 12)]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def output_text(cell) -> str:
    parts = []
    for o in cell.get("outputs", []):
        parts.append(o.get("text", ""))
        parts.extend(str(v) for v in o.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.parametrize("name,subject", COMMIT_THEN_REVEAL)
def test_the_learners_call_comes_before_any_answer(lessons, name, subject):
    cells = code_cells(lessons[name])
    call = next((i for i, c in enumerate(cells) if "MyCall(" in c.source), None)
    assert call is not None, f"{name}: no cell where the learner makes a call (MyCall)"
    answers = re.compile(rf"decide\({subject}\b|{subject}\.expert_outcome|reveal\({subject}\b")
    early = [c.source.splitlines()[0] for c in cells[:call] if answers.search(c.source)]
    assert not early, f"{name}: the answer is shown before the learner's call: {early}"
    reveal = next((c for c in cells[call:] if f"reveal({subject}" in c.source), None)
    assert reveal is not None, f"{name}: the call is never revealed"
    assert "example=True" in cells[call].source, \
        f"{name}: the shipped call must be marked as the example the learner replaces"
    stored = output_text(reveal)
    assert "Factor by factor" in stored and "example call" in stored, \
        f"{name}: the stored reveal is not the example's factor-by-factor comparison"


@pytest.mark.parametrize("name", ["05-analogous-evidence", "07-enlist-support",
                                  "10-case-study-niche-recruitment",
                                  "11-case-study-agency-feedback"])
def test_labels_stay_hidden_until_the_debrief(lessons, name):
    """Checked, in-category, recommended and trusted are the learner's judgement to make."""
    before = []
    for cell in lessons[name].cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## Debrief"):
            break
        if cell.cell_type == "code":
            before.append(cell.source)
    shown = [m.group(0) for src in before for m in LABELS.finditer(src)]
    assert not shown, f"{name}: shows labels {shown} before the learner has chosen"


@pytest.mark.parametrize("name", ["01-why-push-back", "03-push-back-or-let-go", "04-build-the-case"])
def test_facts_are_shown_with_their_text_and_prop(lessons, name):
    listing = [c for c in code_cells(lessons[name]) if "in case.facts" in c.source
               or "in consulting.facts" in c.source]
    assert listing, f"{name}: never lists the case's facts"
    assert all("f.text" in c.source and "f.prop" in c.source for c in listing), \
        f"{name}: lists facts without their text or their prop"


@pytest.mark.parametrize("name,call", SEED_IDEAS)
def test_each_seed_idea_has_a_checked_exercise(lessons, name, call):
    cells = lessons[name].cells
    at = next((i for i, c in enumerate(cells) if c.cell_type == "code" and call in c.source), None)
    assert at is not None, f"{name}: no checked exercise calling {call}"
    heading = next(c.source for c in reversed(cells[:at])
                   if c.cell_type == "markdown" and c.source.startswith("## "))
    assert heading.startswith("## Exercise"), f"{name}: {call} is not inside an exercise"
    stored = output_text(cells[at])
    assert re.search(r"\d+ of \d+", stored), f"{name}: {call} stores no feedback"


def test_lesson_11_models_the_sign_off_as_shared_ground(lessons):
    """The expert plan cites the sign-off, so its prose must pass the gotcha check the role-play
    applies, and the lesson shows the role-play's gotcha failing it."""
    cells = code_cells(lessons["11-case-study-agency-feedback"])
    plan = next(c.source for c in cells if "expert_plan = pb.PushbackPlan(" in c.source)
    assert "f_script_signoff" in plan
    checked = {c.source: output_text(c) for c in cells if "check_prop_line(" in c.source}
    expert = [out for src, out in checked.items() if "expert_plan" in src]
    gotcha = [out for src, out in checked.items() if "You signed these scripts off" in src]
    assert expert and "5 of 5" in expert[0]
    assert gotcha and "gotcha" in gotcha[0] and "5 of 5" not in gotcha[0]


def front_matter(name: str) -> dict:
    text = (ROOT / "course" / "src" / f"{name}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("number", OURS)
def test_front_matter_lists_are_plain_sentences(number):
    """A bare 'word: more' in YAML becomes a dict and renders as Python (lesson 06's key point)."""
    name = next(p.stem for p in (ROOT / "course" / "src").glob(f"{number}-*.md"))
    front = front_matter(name)
    for key in ("questions", "objectives", "keypoints"):
        bad = [item for item in front[key] if not isinstance(item, str)]
        assert not bad, f"course/src/{name}.md: {key} has entries that are not sentences: {bad}"


def test_no_key_point_renders_as_python(lessons):
    for name, nb in lessons.items():
        points = [c.source for c in nb.cells if c.source.startswith("## Key points")]
        assert points and "{'" not in points[0], f"{name}: a key point renders as a Python dict"


def test_lesson_01_presents_the_stages_as_a_checklist_to_adapt(lessons):
    text = "\n".join(c.source for c in lessons["01-why-push-back"].cells if c.cell_type == "markdown")
    assert "checklist" in text and "not a script" in text
    for number in OURS:
        src = next((ROOT / "course" / "src").glob(f"{number}-*.md")).read_text(encoding="utf-8")
        assert not re.search(r"always (worked through|taken|followed) in order", src), \
            f"lesson {number} says the stages always run in order"
