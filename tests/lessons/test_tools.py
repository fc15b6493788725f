"""The builder and the navigation tool: clear errors on bad sources, correct links."""

from __future__ import annotations

import pytest

from tools import add_navigation, build_notebooks, lessons

GOOD_FRONT = """---
questions: [q]
objectives: [o]
keypoints: [k]
minutes: {teaching: 10, exercises: 10}
stages: [listen]
prerequisites: []
---
"""


def write(tmp_path, text):
    path = tmp_path / "99-test.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_parse_splits_markdown_code_and_headings(tmp_path):
    body = "Intro.\n\n```python\nx = 1\n```\nMore.\n+++\nAfter break.\n## Section\nText."
    lesson = build_notebooks.parse(write(tmp_path, GOOD_FRONT + body), title="T")
    assert lesson.body == [("markdown", "Intro."), ("code", "x = 1"), ("markdown", "More."),
                           ("markdown", "After break."), ("markdown", "## Section\nText.")]


def test_missing_front_matter_field_is_named(tmp_path):
    path = write(tmp_path, GOOD_FRONT.replace("keypoints: [k]\n", ""))
    with pytest.raises(build_notebooks.SourceError, match=r"99-test.md: front matter lacks keypoints"):
        build_notebooks.parse(path, title="T")


def test_unclosed_code_block_is_reported(tmp_path):
    with pytest.raises(build_notebooks.SourceError, match="never closed"):
        build_notebooks.parse(write(tmp_path, GOOD_FRONT + "```python\nx = 1\n"), title="T")


def test_no_front_matter_is_reported_with_its_line(tmp_path):
    with pytest.raises(build_notebooks.SourceError, match="line 1"):
        build_notebooks.parse(write(tmp_path, "# just markdown\n"), title="T")


def test_built_notebook_has_the_shape_and_metadata(tmp_path):
    nb = build_notebooks.build(build_notebooks.parse(write(tmp_path, GOOD_FRONT + "Body."), title="T"))
    assert nb.cells[0].source.startswith("# 99. T")
    assert nb.cells[1].source == add_navigation.NAV_MARKER
    assert nb.cells[-2].source == "## Key points\n\n- k"
    assert nb.metadata["pushback"] == {"stages": ["listen"], "prerequisites": [],
                                       "minutes": {"teaching": 10, "exercises": 10}}


def test_navigation_links_neighbours_and_contents():
    first = add_navigation.nav_text("00-start-here")
    assert "Previous" not in first and "(01-why-push-back.ipynb)" in first
    middle = add_navigation.nav_text("05-analogous-evidence")
    assert "(04-build-the-case.ipynb)" in middle and "(06-recommend-an-alternative.ipynb)" in middle
    assert "00-start-here.ipynb#The-course-map" in middle
    last = add_navigation.nav_text("11-case-study-agency-feedback")
    assert "(12-practice-studio.ipynb)" in last


def test_unknown_notebook_gets_a_clear_error():
    with pytest.raises(ValueError, match=r"13-extra\.ipynb is not in the course map"):
        add_navigation.nav_text("13-extra")


def test_a_folded_answer_may_show_code_without_becoming_a_code_cell(tmp_path):
    folded = "Try it.\n<details><summary>Answer</summary>\n\n```python\nx = 2\n```\n</details>"
    lesson = build_notebooks.parse(write(tmp_path, GOOD_FRONT + folded + "\n\n```python\ny = 3\n```"),
                                   title="T")
    assert lesson.body == [("markdown", folded), ("code", "y = 3")]


def test_the_title_lives_in_the_registry_only(tmp_path):
    path = write(tmp_path, GOOD_FRONT.replace("---\nquestions", "---\ntitle: T\nquestions", 1))
    with pytest.raises(build_notebooks.SourceError, match=r"the title belongs in course/lessons\.yaml"):
        build_notebooks.parse(path, title="T")
    with pytest.raises(build_notebooks.SourceError, match=r"no lesson '99-test' in course/lessons\.yaml"):
        build_notebooks.parse(write(tmp_path, GOOD_FRONT))


def test_the_registry_lists_every_lesson_in_order_with_a_source(tmp_path):
    assert [lesson.name[:2] for lesson in lessons.COURSE] == [f"{i:02d}" for i in range(len(lessons.COURSE))]
    assert build_notebooks.sources() == [lesson.source for lesson in lessons.COURSE]
    assert len(lessons.COURSE) == 14 and lessons.NAMES[-1] == "13-your-own-case"
    swapped = tmp_path / "lessons.yaml"
    swapped.write_text("lessons:\n  - {name: 01-b, title: B, summary: b}\n"
                       "  - {name: 00-a, title: A, summary: a}\n")
    with pytest.raises(ValueError, match="lesson 0 is '01-b'; expected a name starting with 00-"):
        lessons.load(swapped)
