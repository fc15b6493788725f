"""Every lesson has the one shape the course promises, and together they teach the whole process."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import pushback_lib as pb
from tools import add_navigation, build_notebooks

from .conftest import COURSE_DIR, LESSON_NAMES

CHECK_CALL = re.compile(r"\bpb\.(analyze|score|decide|check)\(")


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_opens_with_title_questions_objectives_and_minutes(lessons, name):
    first = lessons[name].cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), \
        f"{name}: the first cell must be the lesson title"
    for heading in ("### Questions", "### Objectives"):
        block = first.source.split(heading, 1)
        assert len(block) == 2, f"{name}: no '{heading}' in the first cell"
        assert re.search(r"^- \S", block[1], re.M), f"{name}: '{heading}' lists nothing"
    minutes = lessons[name].metadata["pushback"]["minutes"]
    assert f"**Teaching:** {minutes['teaching']} min" in first.source, \
        f"{name}: the teaching minutes shown differ from the metadata"
    assert f"**Exercises:** {minutes['exercises']} min" in first.source, \
        f"{name}: the exercise minutes shown differ from the metadata"
    assert 20 <= minutes["teaching"] + minutes["exercises"] <= 40, \
        f"{name}: a lesson takes 20 to 40 minutes, this one {minutes}"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_ends_with_key_points(lessons, name):
    keypoints = [c for c in lessons[name].cells
                 if c.cell_type == "markdown" and c.source.startswith("## Key points")]
    assert len(keypoints) == 1, f"{name}: expected one '## Key points' cell"
    assert re.search(r"^- \S", keypoints[0].source, re.M), f"{name}: Key points lists nothing"
    later = lessons[name].cells[lessons[name].cells.index(keypoints[0]) + 1:]
    assert all(c.source.startswith(add_navigation.NAV_MARKER) for c in later), \
        f"{name}: only navigation may follow the Key points"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_has_an_exercise_with_a_self_check(lessons, name):
    cells = lessons[name].cells
    starts = [i for i, c in enumerate(cells)
              if c.cell_type == "markdown" and c.source.startswith("## Exercise")]
    assert starts, f"{name}: no '## Exercise' section"
    after = cells[starts[0] + 1:]
    end = next((i for i, c in enumerate(after)
                if c.cell_type == "markdown" and c.source.startswith("## ")), len(after))
    code = [c.source for c in after[:end] if c.cell_type == "code"]
    assert code, f"{name}: the exercise has no code cell for the learner's answer"
    assert any(CHECK_CALL.search(src) for src in code), \
        f"{name}: the exercise never runs a check (pb.analyze, pb.score, pb.decide or pb.check)"
    notes = [c.source for c in after[:end] if c.cell_type == "markdown"]
    assert any("<details>" in src for src in notes), \
        f"{name}: the exercise has no hint or solution folded in a <details> block"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_metadata_names_real_stages_and_prerequisites(lessons, name):
    meta = lessons[name].metadata.get("pushback")
    assert meta is not None, f"{name}: no metadata['pushback']"
    unknown = set(meta["stages"]) - set(pb.STAGE_KEYS)
    assert not unknown, f"{name}: unknown stage keys {sorted(unknown)}"
    prereqs = {p.key for p in pb.PREREQUISITES}
    unknown = set(meta["prerequisites"]) - prereqs
    assert not unknown, f"{name}: unknown prerequisite keys {sorted(unknown)}"


def test_every_stage_and_prerequisite_is_taught_somewhere(lessons):
    taught = {s for nb in lessons.values() for s in nb.metadata["pushback"]["stages"]}
    assert set(pb.STAGE_KEYS) - taught == set(), \
        f"stages taught nowhere: {sorted(set(pb.STAGE_KEYS) - taught)}"
    prereqs = {p for nb in lessons.values() for p in nb.metadata["pushback"]["prerequisites"]}
    missing = {p.key for p in pb.PREREQUISITES} - prereqs
    assert not missing, f"prerequisites taught nowhere: {sorted(missing)}"


def test_every_stage_has_its_own_lesson(lessons):
    """A case study practises all stages; each stage also needs a lesson that focuses on it."""
    focused = {s for nb in lessons.values() if len(nb.metadata["pushback"]["stages"]) == 1
               for s in nb.metadata["pushback"]["stages"]}
    assert set(pb.STAGE_KEYS) - focused == set(), \
        f"stages with no lesson of their own: {sorted(set(pb.STAGE_KEYS) - focused)}"


def test_navigation_is_not_stale():
    stale = [p.name for p in add_navigation.managed_notebooks() if add_navigation.regenerate(p)[1]]
    assert not stale, f"navigation out of date in {stale}: run `make nav`"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_has_navigation_at_top_and_bottom(lessons, name):
    cells = lessons[name].cells
    assert cells[1].source.startswith(add_navigation.NAV_MARKER), f"{name}: no navigation at the top"
    assert cells[-1].source.startswith(add_navigation.NAV_MARKER), f"{name}: no navigation at the end"
    assert "00-start-here.ipynb#The-course-map" in cells[1].source


def test_notebooks_match_their_sources():
    assert build_notebooks.drifted() == [], \
        "notebooks differ from course/src: run `make lessons`"


def test_course_map_lists_every_lesson(lessons):
    text = markdown(lessons["00-start-here"])
    assert "## The course map" in text
    for lesson in add_navigation.COURSE[1:]:
        assert f"]({lesson.name}.ipynb)" in text, f"the course map misses {lesson.name}"
    on_disk = {p.stem for p in COURSE_DIR.glob("[0-9][0-9]-*.ipynb")}
    in_map = {lesson.name for lesson in add_navigation.COURSE}
    assert on_disk <= in_map, f"notebooks not in the course map: {sorted(on_disk - in_map)}"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_stored_outputs_come_from_a_clean_run(lessons, name):
    code = [c for c in lessons[name].cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), \
        f"{name}: not executed top to bottom in a fresh kernel (execution counts {counts})"
    for c in code:
        for out in c.outputs:
            assert out.output_type != "error", f"{name}: stored error in cell {c.id}"
            assert not (out.output_type == "stream" and out.name == "stderr"), \
                f"{name}: stored stderr in cell {c.id}: {out.text[:200]}"


KEPT_BACK = ("capstone_vendor", "charity_raffle")
"""The cases kept back for graded work (a4 and a3): no lesson and no lesson helper may show them."""


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_lessons_never_use_the_kept_back_cases(lessons, name):
    """Neither loaded nor quoted: no lesson loads a kept-back case, and nothing a learner reads in
    it (markdown, code, stored output, folded or not) names its people or its ways forward."""
    nb = lessons[name]
    sources = " ".join(c.source for c in nb.cells if c.cell_type == "code")
    uses = re.findall(r"load_case\(\s*['\"](\w+)['\"]", sources)
    assert not set(KEPT_BACK) & set(uses), f"{name} loads a kept-back case"
    shown = " ".join([c.source for c in nb.cells] + [str(o) for c in nb.cells if c.cell_type == "code"
                                                      for o in c.get("outputs", [])])
    for case_id in KEPT_BACK:
        case = pb.load_case(case_id)
        people = [case.stakeholder.name, case.you.name, *(a.name for a in case.allies)]
        options = [a.text.split(",")[0].strip() for a in case.alternatives]
        leaked = [w for w in (*people, *options, case.title) if w in shown]
        assert not leaked, f"{name} shows {case_id}: {leaked}"


def test_no_lesson_helper_names_a_kept_back_case():
    """The package code lessons call (commit-then-reveal, principles, progress) holds no case of
    graded work: a learner can read it in site-packages."""
    package = Path(pb.__file__).parent
    helpers = [*(package / "practice").glob("*.py"), package / "learner_progress.py"]
    for path in helpers:
        text = path.read_text(encoding="utf-8")
        for case_id in KEPT_BACK:
            assert case_id not in text, f"{path.name} names {case_id}"
